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

DROP TRIGGER assessments_au;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, 'update',
		json_object('status', OLD.status, 'verdict', OLD.verdict),
		json_object('status', NEW.status, 'verdict', NEW.verdict, 'reason', NEW.reason));
END;

-- The yearly cycle's deadlines (TT 124): khu dân cư recognised before 15/11,
-- communes, agencies, enterprises and schools before 20/11 (month-day).
INSERT OR IGNORE INTO settings (key, value, updated_by) VALUES
	('deadline_khu-dan-cu', '11-15', 'antt'),
	('deadline_others', '11-20', 'antt'),
	('login_required', '1', 'antt');
