-- Version 12: a national database (30 provinces, 9 million answers) stays fast.
-- The report lists each unit's notes; few answers have one, so an index of
-- those alone finds them without reading the unit's other answers. In
-- criterion order, as the unique index read them before.
CREATE INDEX answers_noted ON answers (assessment_id, criterion) WHERE note <> '';

-- The audit is most of a database (a province: 460 of 666 bytes an answer).
-- Its values keep only what says something: an answer's exception and note
-- when set (absent reads as none, as before), an assessment's status and
-- verdict when they changed, its reason when given. Rows written before
-- stay as they are; the readers (audit.c) take both.
DROP TRIGGER answers_ai;
DROP TRIGGER answers_au;
DROP TRIGGER answers_ad;
DROP TRIGGER assessments_au;
CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'insert',
		CASE WHEN NEW.exception = 0 AND NEW.note = '' THEN json_object('criterion', NEW.criterion, 'value', NEW.value)
		WHEN NEW.note = '' THEN json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception)
		WHEN NEW.exception = 0 THEN json_object('criterion', NEW.criterion, 'value', NEW.value, 'note', NEW.note)
		ELSE json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note) END,
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'update',
		CASE WHEN OLD.exception = 0 AND OLD.note = '' THEN json_object('criterion', OLD.criterion, 'value', OLD.value)
		WHEN OLD.note = '' THEN json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception)
		WHEN OLD.exception = 0 THEN json_object('criterion', OLD.criterion, 'value', OLD.value, 'note', OLD.note)
		ELSE json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note) END,
		CASE WHEN NEW.exception = 0 AND NEW.note = '' THEN json_object('criterion', NEW.criterion, 'value', NEW.value)
		WHEN NEW.note = '' THEN json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception)
		WHEN NEW.exception = 0 THEN json_object('criterion', NEW.criterion, 'value', NEW.value, 'note', NEW.note)
		ELSE json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note) END,
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, origin)
	VALUES (OLD.updated_by, 'answers', OLD.uuid, (SELECT uuid FROM assessments WHERE id = OLD.assessment_id), 'delete',
		CASE WHEN OLD.exception = 0 AND OLD.note = '' THEN json_object('criterion', OLD.criterion, 'value', OLD.value)
		WHEN OLD.note = '' THEN json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception)
		WHEN OLD.exception = 0 THEN json_object('criterion', OLD.criterion, 'value', OLD.value, 'note', OLD.note)
		ELSE json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note) END,
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'update',
		json_patch(CASE WHEN OLD.status IS NOT NEW.status THEN json_object('status', OLD.status) ELSE '{}' END,
			CASE WHEN OLD.verdict IS NOT NEW.verdict THEN json_object('verdict', OLD.verdict) ELSE '{}' END),
		json_patch(json_patch(CASE WHEN OLD.status IS NOT NEW.status THEN json_object('status', NEW.status) ELSE '{}' END,
			CASE WHEN OLD.verdict IS NOT NEW.verdict THEN json_object('verdict', NEW.verdict) ELSE '{}' END),
			CASE WHEN NEW.reason <> '' THEN json_object('reason', NEW.reason) ELSE '{}' END),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
