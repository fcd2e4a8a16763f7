-- Version 4: officers' accounts and the approval workflow.
-- An account has a role: 'entry' (cán bộ nhập liệu), 'reviewer' (lãnh đạo
-- duyệt) or 'admin' (quản trị). The password is kept only as a yescrypt
-- hash (libxcrypt); repeated failures push locked_until further away.
CREATE TABLE users (
	id           INTEGER PRIMARY KEY,
	login        TEXT NOT NULL UNIQUE CHECK (login <> ''),
	name         TEXT NOT NULL,
	role         TEXT NOT NULL CHECK (role IN ('entry', 'reviewer', 'admin')),
	hash         TEXT NOT NULL,
	active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	failures     INTEGER NOT NULL DEFAULT 0,
	locked_until TEXT,
	updated_by   TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- The audit never holds a hash, not even an old one.
CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, new_value)
	VALUES (NEW.updated_by, 'users', NEW.login, 'insert',
		json_object('name', NEW.name, 'role', NEW.role, 'active', NEW.active));
END;
CREATE TRIGGER users_au AFTER UPDATE ON users
WHEN OLD.name IS NOT NEW.name OR OLD.role IS NOT NEW.role OR OLD.active IS NOT NEW.active
  OR OLD.hash IS NOT NEW.hash BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'users', NEW.login, 'update',
		json_object('name', OLD.name, 'role', OLD.role, 'active', OLD.active),
		json_object('name', NEW.name, 'role', NEW.role, 'active', NEW.active,
			'password', CASE WHEN OLD.hash IS NOT NEW.hash THEN 'đã đổi' END));
END;

-- Why an assessment was returned or reopened; kept with the status change.
ALTER TABLE assessments ADD COLUMN reason TEXT NOT NULL DEFAULT '';


-- The yearly cycle's deadlines (TT 124): khu dân cư recognised before 15/11,
-- communes, agencies, enterprises and schools before 20/11 (month-day).
INSERT OR IGNORE INTO settings (key, value, updated_by) VALUES
	('deadline_khu-dan-cu', '11-15', 'antt'),
	('deadline_others', '11-20', 'antt'),
	('login_required', '1', 'antt');

-- Each audit row names what it is about (its scope): the assessment for
-- answers and assessments, the unit for units. The history of a unit or of
-- one criterion is then an index look-up, even after an answer was deleted.
ALTER TABLE audit ADD COLUMN scope TEXT;
CREATE INDEX audit_scope ON audit (scope);
-- filling the new column for rows written before: the only UPDATE the
-- audit ever gets, with its guard lifted for this migration alone
DROP TRIGGER audit_no_update;
UPDATE audit SET scope = CASE tbl
	WHEN 'answers' THEN (SELECT a.uuid FROM answers x JOIN assessments a ON a.id = x.assessment_id
	                     WHERE x.uuid = audit.row_uuid)
	WHEN 'assessments' THEN row_uuid
	WHEN 'units' THEN row_uuid END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

DROP TRIGGER answers_ai;
DROP TRIGGER answers_au;
DROP TRIGGER answers_ad;
CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'insert',
		json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id), 'update',
		json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note),
		json_object('criterion', NEW.criterion, 'value', NEW.value, 'exception', NEW.exception, 'note', NEW.note));
END;
CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value)
	VALUES (OLD.updated_by, 'answers', OLD.uuid, (SELECT uuid FROM assessments WHERE id = OLD.assessment_id), 'delete',
		json_object('criterion', OLD.criterion, 'value', OLD.value, 'exception', OLD.exception, 'note', OLD.note));
END;

DROP TRIGGER assessments_ai;
CREATE TRIGGER assessments_ai AFTER INSERT ON assessments BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'insert',
		json_object('unit', (SELECT uuid FROM units WHERE id = NEW.unit_id),
			'year', NEW.year, 'status', NEW.status));
END;
DROP TRIGGER assessments_au;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'update',
		json_object('status', OLD.status, 'verdict', OLD.verdict),
		json_object('status', NEW.status, 'verdict', NEW.verdict, 'reason', NEW.reason));
END;
DROP TRIGGER units_ai;
DROP TRIGGER units_au;
CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'insert',
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id), 'excluded', NEW.excluded));
END;
CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'update',
		json_object('code', OLD.code, 'name', OLD.name, 'type', OLD.type,
			'parent', (SELECT uuid FROM units WHERE id = OLD.parent_id),
			'valid_to', OLD.valid_to, 'excluded', OLD.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = OLD.merged_into)),
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id),
			'valid_to', NEW.valid_to, 'excluded', NEW.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = NEW.merged_into)));
END;
