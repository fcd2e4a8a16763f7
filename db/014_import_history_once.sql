-- Version 14 (issue 19): an import writes each answer's history once.
-- A package brings the sender's history of every answer it carries, and
-- the import copies it (marked with the sender's name, sync_origin); the
-- row this trigger added for each answer the import inserted said the
-- same again (a province: 370,000 rows, a third of the import's time).
-- While an import is under way (sync_origin holds the sender, only inside
-- the import's transaction) inserting an answer writes no row here; the
-- import then writes this same row for every answer it inserted that has
-- no history at all (sync/import.c), so no answer arrives without a trace.
DROP TRIGGER IF EXISTS answers_ai;
CREATE TRIGGER answers_ai AFTER INSERT ON answers WHEN NOT EXISTS (SELECT 1 FROM sync_origin) BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'insert',
		json_patch(json_object('criterion', NEW.criterion, 'value', NEW.value),
			json_patch(iif(NEW.exception, json_object('exception', NEW.exception), '{}'),
				iif(NEW.note <> '', json_object('note', NEW.note), '{}'))),
		NULL);
END;
