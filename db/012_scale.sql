-- Version 12: a national database (30 provinces, 9 million answers) stays fast.
-- The report lists each unit's notes; few answers have one, so an index of
-- those alone finds them without reading the unit's other answers. In
-- criterion order, as the unique index read them before.
CREATE INDEX answers_noted ON answers (assessment_id, criterion) WHERE note <> '';
