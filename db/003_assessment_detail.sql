-- Version 3: the criteria behind a verdict, kept beside it (like the verdict,
-- derived from the answers by the rules): the failed criteria of a "chưa đạt"
-- or the missing ones of a "chưa đủ thông tin", comma-separated ids. Reports
-- read it instead of evaluating every unit again.
ALTER TABLE assessments ADD COLUMN detail TEXT NOT NULL DEFAULT '';
