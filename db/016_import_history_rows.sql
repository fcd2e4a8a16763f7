-- Version 16 (issue 19): an import writes each change's history once, for
-- units, forms and recognitions too (db/014 did it for new answers). The
-- package brings the sender's history of what it carries, copied with the
-- sender's name and the time each change was made there; the rows the
-- audit triggers wrote here for the same changes said them again, at the
-- time of the import ("thêm đơn vị" twice, "đăng ký" twice, a rename twice).
-- While an import is under way (sync_origin holds the sender, only inside
-- its transaction) these triggers write into import_trace instead, through
-- the view audit_in; after the sender's history is in, the import keeps the
-- rows of import_trace the history does not already say (sync/import.c):
-- an insert whose row has an insert in its history (unless the form is
-- kept here in another state than the sender's: an approval not taken),
-- an update the history has with the same values. Nothing the import did
-- is left without a row; the table is empty outside an import.
CREATE TABLE import_trace (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	who       TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	row_uuid  TEXT,
	scope     TEXT,
	action    TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT,
	origin    TEXT
);
CREATE VIEW audit_in AS SELECT who, tbl, row_uuid, scope, action, old_value, new_value, origin FROM audit WHERE 0;
CREATE TRIGGER audit_in_route INSTEAD OF INSERT ON audit_in BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	SELECT NEW.who, NEW.tbl, NEW.row_uuid, NEW.scope, NEW.action, NEW.old_value, NEW.new_value, NEW.origin
	WHERE NOT EXISTS (SELECT 1 FROM sync_origin);
	INSERT INTO import_trace (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	SELECT NEW.who, NEW.tbl, NEW.row_uuid, NEW.scope, NEW.action, NEW.old_value, NEW.new_value, NEW.origin
	WHERE EXISTS (SELECT 1 FROM sync_origin);
END;

-- the triggers of the tables an import changes, as they were, writing
-- through audit_in
DROP TRIGGER IF EXISTS assessments_ai;
DROP TRIGGER IF EXISTS recognitions_ai;
DROP TRIGGER IF EXISTS recognitions_au;
DROP TRIGGER IF EXISTS units_ai;
DROP TRIGGER IF EXISTS units_au;
DROP TRIGGER IF EXISTS answers_au;
DROP TRIGGER IF EXISTS assessments_au;

CREATE TRIGGER assessments_ai AFTER INSERT ON assessments BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'insert',
		json_object('unit', (SELECT uuid FROM units WHERE id = NEW.unit_id),
			'year', NEW.year, 'status', NEW.status),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER recognitions_ai AFTER INSERT ON recognitions BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'recognitions', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id),
		'insert', (SELECT json_object('number', number, 'date', date, 'authority', authority, 'signer', signer)
		           FROM decisions WHERE id = NEW.decision_id),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER recognitions_au AFTER UPDATE ON recognitions
WHEN OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'recognitions', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id),
		'update', (SELECT json_object('number', number, 'date', date, 'authority', authority)
		           FROM decisions WHERE id = NEW.decision_id),
		json_object('withdrawn', NEW.withdrawn_at, 'reason', NEW.reason),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'insert',
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id), 'excluded', NEW.excluded,
			'managed_above', NEW.managed_above),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'update',
		json_object('code', OLD.code, 'name', OLD.name, 'type', OLD.type,
			'parent', (SELECT uuid FROM units WHERE id = OLD.parent_id),
			'valid_to', OLD.valid_to, 'excluded', OLD.excluded, 'managed_above', OLD.managed_above,
			'merged_into', (SELECT uuid FROM units WHERE id = OLD.merged_into)),
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id),
			'valid_to', NEW.valid_to, 'excluded', NEW.excluded, 'managed_above', NEW.managed_above,
			'merged_into', (SELECT uuid FROM units WHERE id = NEW.merged_into)),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'update',
		json_patch(json_object('criterion', OLD.criterion, 'value', OLD.value),
			json_patch(iif(OLD.exception, json_object('exception', OLD.exception), '{}'),
				iif(OLD.note <> '', json_object('note', OLD.note), '{}'))),
		json_patch(json_object('criterion', NEW.criterion, 'value', NEW.value),
			json_patch(iif(NEW.exception, json_object('exception', NEW.exception), '{}'),
				iif(NEW.note <> '', json_object('note', NEW.note), '{}'))),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict OR OLD.criteria_set_id IS NOT NEW.criteria_set_id
BEGIN
	-- a re-assessment under another criteria set (db/011) names both sets
	INSERT INTO audit_in (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
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
