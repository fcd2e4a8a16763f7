-- Version 11: recognitions travel in packages (src/sync/merge_recognitions.c).
-- A withdrawal is final, whatever order packages arrive in: a recognition
-- that arrives already withdrawn is kept as a withdrawn row even when this
-- machine never had it in force, so that an older package bringing the same
-- recognition in force (same uuid) cannot record it afterwards. Only a
-- recognition in force needs an approved assessment whose verdict is đạt.
DROP TRIGGER recognitions_only_approved;
CREATE TRIGGER recognitions_only_approved BEFORE INSERT ON recognitions
WHEN NEW.withdrawn_at IS NULL
 AND NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.assessment_id AND status = 'approved' AND verdict = 'pass')
BEGIN SELECT RAISE(ABORT, 'only an approved pass can be recognised'); END;
