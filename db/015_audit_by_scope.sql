-- Version 15 (issue 19): the audit is found by what it concerns only.
-- Every reader of the audit asks for a unit's or a form's history, through
-- audit_scope; the index of each row's own uuid served only the import's
-- checks (is this row of the sender's history here already; has this
-- answer, this recognition any history), which now go through the scope
-- too: a few rows a form. An import put every row of the sender's history
-- (520,000 a province) into both indexes at random places; this one was
-- 40% of that step, and 11% of the database.
DROP INDEX IF EXISTS audit_row;
