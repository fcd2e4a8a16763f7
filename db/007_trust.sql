-- Version 7: packages prove who sent them (src/core/keys.c, src/sync/trust.c).
-- This machine's Ed25519 key pair, made on first need. Whoever holds this
-- file holds the private key: the key proves which database a package came
-- from, not which person.
CREATE TABLE machine_key (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	public_key  TEXT NOT NULL,     -- 32 bytes, hex
	private_key TEXT NOT NULL,     -- 32 bytes, hex
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- The machines whose packages this one takes, enrolled by an admin after
-- comparing the fingerprint by phone: what they may change (a unit and
-- everything under it, or the whole database when under_uuid is NULL) and
-- whether their approvals count here. Changes are audited from C (trust.c).
CREATE TABLE trusted_senders (
	fingerprint TEXT PRIMARY KEY,
	public_key  TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	under_uuid  TEXT,
	may_approve INTEGER NOT NULL DEFAULT 0 CHECK (may_approve IN (0, 1)),
	added_by    TEXT NOT NULL,
	added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

ALTER TABLE packages ADD COLUMN fingerprint TEXT;

-- Where an audit row came from: NULL for this machine's own actions; for
-- the history a package brought, and for the changes its merge made, the
-- sender ("name [fingerprint]"), so they never read as this machine's.
ALTER TABLE audit ADD COLUMN origin TEXT;

-- Holds one row only while an import runs, inside its transaction; the
-- audit triggers read it.
CREATE TABLE sync_origin (origin TEXT NOT NULL);

DROP TRIGGER units_ai;
DROP TRIGGER units_au;
DROP TRIGGER assessments_ai;
DROP TRIGGER assessments_au;
DROP TRIGGER answers_ai;
DROP TRIGGER answers_au;
DROP TRIGGER answers_ad;
CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'insert',
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id), 'excluded', NEW.excluded),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'update',
		json_object('code', OLD.code, 'name', OLD.name, 'type', OLD.type,
			'parent', (SELECT uuid FROM units WHERE id = OLD.parent_id),
			'valid_to', OLD.valid_to, 'excluded', OLD.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = OLD.merged_into)),
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id),
			'valid_to', NEW.valid_to, 'excluded', NEW.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = NEW.merged_into)),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER assessments_ai AFTER INSERT ON assessments BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'insert',
		json_object('unit', (SELECT uuid FROM units WHERE id = NEW.unit_id),
			'year', NEW.year, 'status', NEW.status),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'update',
		json_object('status', OLD.status, 'verdict', OLD.verdict),
		json_object('status', NEW.status, 'verdict', NEW.verdict, 'reason', NEW.reason),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'insert',
		json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'update',
		json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note),
		json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, origin)
	VALUES (OLD.updated_by, 'answers', OLD.uuid, (SELECT uuid FROM assessments WHERE id = OLD.assessment_id), 'delete',
		json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
