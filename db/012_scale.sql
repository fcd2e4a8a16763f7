-- Version 12: a national database (30 provinces, 9 million answers) stays fast.
-- The report lists each unit's notes; few answers have one, so an index of
-- those alone finds them without reading the unit's other answers. In
-- criterion order, as the unique index read them before.
CREATE INDEX IF NOT EXISTS answers_noted ON answers (assessment_id, criterion) WHERE note <> '';

-- The audit is most of a database (a province: 460 of 666 bytes an answer).
-- Its values keep only what says something: an answer's exception and note
-- when set (absent reads as none, as before), an assessment's status and
-- verdict when they changed, its reason when given. Rows written before
-- stay as they are; the readers (audit.c) take both.
DROP TRIGGER IF EXISTS answers_ai;
DROP TRIGGER IF EXISTS answers_au;
DROP TRIGGER IF EXISTS answers_ad;
DROP TRIGGER IF EXISTS assessments_au;
CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'insert',
		json_patch(json_object('criterion', NEW.criterion, 'value', NEW.value),
			json_patch(iif(NEW.exception, json_object('exception', NEW.exception), '{}'),
				iif(NEW.note <> '', json_object('note', NEW.note), '{}'))),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'update',
		json_patch(json_object('criterion', OLD.criterion, 'value', OLD.value),
			json_patch(iif(OLD.exception, json_object('exception', OLD.exception), '{}'),
				iif(OLD.note <> '', json_object('note', OLD.note), '{}'))),
		json_patch(json_object('criterion', NEW.criterion, 'value', NEW.value),
			json_patch(iif(NEW.exception, json_object('exception', NEW.exception), '{}'),
				iif(NEW.note <> '', json_object('note', NEW.note), '{}'))),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, origin)
	VALUES (OLD.updated_by, 'answers', OLD.uuid, (SELECT uuid FROM assessments WHERE id = OLD.assessment_id), 'delete',
		json_patch(json_object('criterion', OLD.criterion, 'value', OLD.value),
			json_patch(iif(OLD.exception, json_object('exception', OLD.exception), '{}'),
				iif(OLD.note <> '', json_object('note', OLD.note), '{}'))),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict OR OLD.criteria_set_id IS NOT NEW.criteria_set_id
BEGIN
	-- a re-assessment under another criteria set (db/011) names both sets
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'update',
		json_patch(json_patch(iif(OLD.status IS NOT NEW.status, json_object('status', OLD.status), '{}'),
			iif(OLD.verdict IS NOT NEW.verdict, json_object('verdict', OLD.verdict), '{}')),
			iif(OLD.criteria_set_id IS NOT NEW.criteria_set_id,
				json_object('set', (SELECT sha256 FROM criteria_sets WHERE id = OLD.criteria_set_id)), '{}')),
		json_patch(json_patch(json_patch(iif(OLD.status IS NOT NEW.status, json_object('status', NEW.status), '{}'),
			iif(OLD.verdict IS NOT NEW.verdict, json_object('verdict', NEW.verdict), '{}')),
			iif(NEW.reason <> '', json_object('reason', NEW.reason), '{}')),
			iif(OLD.criteria_set_id IS NOT NEW.criteria_set_id,
				json_object('set', (SELECT sha256 FROM criteria_sets WHERE id = NEW.criteria_set_id),
					'regulation', (SELECT regulation FROM criteria_sets WHERE id = NEW.criteria_set_id)), '{}')),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
