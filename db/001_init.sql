-- antt schema, version 1: the office's units, criteria sets, assessments,
-- answers, settings and the append-only audit trail.
-- Rows that travel between machines (units, assessments, answers) carry a
-- UUID and a revision number; "who" is written by the application into
-- updated_by so the audit triggers work for any client.

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Unit types are data: the 2025 reform removed huyện and thị trấn, added
-- đặc khu. assessed = 1 where the standard "An toàn về ANTT" applies.
CREATE TABLE unit_types (
	code     TEXT PRIMARY KEY,
	name     TEXT NOT NULL UNIQUE,
	assessed INTEGER NOT NULL CHECK (assessed IN (0, 1)),
	commune  INTEGER NOT NULL DEFAULT 0 CHECK (commune IN (0, 1)),
	sort     INTEGER NOT NULL
);
INSERT INTO unit_types (code, name, assessed, commune, sort) VALUES
	('tinh',           'Tỉnh',           0, 0, 1),
	('huyen',          'Huyện',          0, 0, 2),
	('xa',             'Xã',             1, 1, 3),
	('phuong',         'Phường',         1, 1, 4),
	('thi-tran',       'Thị trấn',       1, 1, 5),
	('dac-khu',        'Đặc khu',        1, 1, 6),
	('khu-dan-cu',     'Khu dân cư',     1, 0, 7),
	('co-quan',        'Cơ quan',        1, 0, 8),
	('doanh-nghiep',   'Doanh nghiệp',   1, 0, 9),
	('co-so-giao-duc', 'Cơ sở giáo dục', 1, 0, 10);

CREATE TABLE units (
	id          INTEGER PRIMARY KEY,
	uuid        TEXT NOT NULL UNIQUE,
	rev         INTEGER NOT NULL DEFAULT 1,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL CHECK (name <> ''),
	name_key    TEXT NOT NULL,
	type        TEXT NOT NULL REFERENCES unit_types (code),
	parent_id   INTEGER REFERENCES units (id),
	valid_from  TEXT,
	valid_to    TEXT,
	excluded    INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
	merged_into INTEGER REFERENCES units (id),
	updated_by  TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_type ON units (type);

-- A criteria set is stored whole, with its hash, the first time it is used,
-- so a past year keeps the criteria it was assessed under.
CREATE TABLE criteria_sets (
	id         INTEGER PRIMARY KEY,
	regulation TEXT NOT NULL,
	version    TEXT NOT NULL,
	source     TEXT NOT NULL,
	body       TEXT NOT NULL,
	sha256     TEXT NOT NULL UNIQUE,
	added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per unit and year, created when the unit registers
-- (đăng ký phấn đấu). verdict is derived from the answers by the rules.
CREATE TABLE assessments (
	id              INTEGER PRIMARY KEY,
	uuid            TEXT NOT NULL UNIQUE,
	rev             INTEGER NOT NULL DEFAULT 1,
	unit_id         INTEGER NOT NULL REFERENCES units (id),
	year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	criteria_set_id INTEGER NOT NULL REFERENCES criteria_sets (id),
	status          TEXT NOT NULL DEFAULT 'registered'
	                CHECK (status IN ('registered', 'draft', 'submitted', 'approved', 'returned')),
	verdict         TEXT NOT NULL DEFAULT 'missing'
	                CHECK (verdict IN ('pass', 'fail', 'missing')),
	registered_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_by      TEXT NOT NULL DEFAULT '',
	updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (unit_id, year)
);
CREATE INDEX assessments_year ON assessments (year);

-- value has no declared type: yes/no and counts are stored as integers,
-- percentages as reals, text, choices and dates as text.
CREATE TABLE answers (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	rev           INTEGER NOT NULL DEFAULT 1,
	assessment_id INTEGER NOT NULL REFERENCES assessments (id),
	criterion     TEXT NOT NULL,
	value,
	exception     INTEGER NOT NULL DEFAULT 0 CHECK (exception IN (0, 1)),
	note          TEXT NOT NULL DEFAULT '',
	updated_by    TEXT NOT NULL DEFAULT '',
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (assessment_id, criterion)
);

-- Append-only: the triggers below fill it; other triggers refuse to change it.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	who       TEXT NOT NULL,
	tbl       TEXT NOT NULL,
	row_uuid  TEXT,
	action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
	old_value TEXT,
	new_value TEXT
);
CREATE INDEX audit_row ON audit (row_uuid);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

CREATE TRIGGER settings_ai AFTER INSERT ON settings BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, new_value)
	VALUES (NEW.updated_by, 'settings', NEW.key, 'insert', NEW.value);
END;
CREATE TRIGGER settings_au AFTER UPDATE ON settings WHEN OLD.value IS NOT NEW.value BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'settings', NEW.key, 'update', OLD.value, NEW.value);
END;

CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, new_value)
	VALUES (NEW.updated_by, 'units', NEW.uuid, 'insert',
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id),
			'excluded', NEW.excluded));
END;
CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'units', NEW.uuid, 'update',
		json_object('code', OLD.code, 'name', OLD.name, 'type', OLD.type,
			'parent', (SELECT uuid FROM units WHERE id = OLD.parent_id),
			'valid_to', OLD.valid_to, 'excluded', OLD.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = OLD.merged_into)),
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id),
			'valid_to', NEW.valid_to, 'excluded', NEW.excluded,
			'merged_into', (SELECT uuid FROM units WHERE id = NEW.merged_into)));
END;

CREATE TRIGGER assessments_ai AFTER INSERT ON assessments BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, new_value)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, 'insert',
		json_object('unit', (SELECT uuid FROM units WHERE id = NEW.unit_id),
			'year', NEW.year, 'status', NEW.status));
END;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, 'update',
		json_object('status', OLD.status, 'verdict', OLD.verdict),
		json_object('status', NEW.status, 'verdict', NEW.verdict));
END;

CREATE TRIGGER answers_ai AFTER INSERT ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, new_value)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, 'insert',
		json_object('criterion', NEW.criterion, 'value', NEW.value,
			'exception', NEW.exception, 'note', NEW.note));
END;
CREATE TRIGGER answers_au AFTER UPDATE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)
	VALUES (NEW.updated_by, 'answers', NEW.uuid, 'update',
		json_object('criterion', OLD.criterion, 'value', OLD.value,
			'exception', OLD.exception, 'note', OLD.note),
		json_object('criterion', NEW.criterion, 'value', NEW.value,
			'exception', NEW.exception, 'note', NEW.note));
END;
CREATE TRIGGER answers_ad AFTER DELETE ON answers BEGIN
	INSERT INTO audit (who, tbl, row_uuid, action, old_value)
	VALUES (OLD.updated_by, 'answers', OLD.uuid, 'delete',
		json_object('criterion', OLD.criterion, 'value', OLD.value,
			'exception', OLD.exception, 'note', OLD.note));
END;
