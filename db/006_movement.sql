-- Version 6: the movement beyond the checklist (Quyết định 510/QĐ-BCA-V05):
-- score sheets per unit and year (self-score and reviewer's score per item),
-- the registers of models, activities, tip-offs and commendations, and the
-- model-unit candidates the office proposes. Every change is audited.

CREATE TABLE scores (
	id         INTEGER PRIMARY KEY,
	uuid       TEXT NOT NULL UNIQUE,
	rev        INTEGER NOT NULL DEFAULT 1,
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	year       INTEGER NOT NULL,
	sheet_id   INTEGER NOT NULL REFERENCES criteria_sets (id),
	item       TEXT NOT NULL,
	self       REAL,
	reviewer   REAL,
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (unit_id, year, item)
);

CREATE TABLE models (
	id           INTEGER PRIMARY KEY,
	uuid         TEXT NOT NULL UNIQUE,
	rev          INTEGER NOT NULL DEFAULT 1,
	unit_id      INTEGER NOT NULL REFERENCES units (id),
	name         TEXT NOT NULL CHECK (name <> ''),
	kind         TEXT NOT NULL,
	year_started INTEGER NOT NULL,
	year_ended   INTEGER,            -- last year it was active; NULL: still active
	places       INTEGER NOT NULL DEFAULT 0 CHECK (places >= 0),
	teams        INTEGER NOT NULL DEFAULT 0 CHECK (teams >= 0),
	members      INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
	updated_by   TEXT NOT NULL DEFAULT '',
	updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Campaign launches, forums, propaganda sessions.
CREATE TABLE activities (
	id           INTEGER PRIMARY KEY,
	uuid         TEXT NOT NULL UNIQUE,
	unit_id      INTEGER NOT NULL REFERENCES units (id),
	year         INTEGER NOT NULL,
	kind         TEXT NOT NULL,
	date         TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
	note         TEXT NOT NULL DEFAULT '',
	updated_by   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tipoffs (
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	year       INTEGER NOT NULL,
	total      INTEGER NOT NULL CHECK (total >= 0),
	valuable   INTEGER NOT NULL CHECK (valuable >= 0 AND valuable <= total),
	outcome    TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year)
);

CREATE TABLE commendations (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	unit_id       INTEGER NOT NULL REFERENCES units (id),
	year          INTEGER NOT NULL,
	level         TEXT NOT NULL,
	collective    INTEGER NOT NULL CHECK (collective IN (0, 1)),
	recipient     TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT '',
	decision_no   TEXT NOT NULL DEFAULT '',
	decision_date TEXT,
	updated_by    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE candidates (
	unit_id    INTEGER NOT NULL REFERENCES units (id),
	year       INTEGER NOT NULL,
	proposed   INTEGER NOT NULL CHECK (proposed IN (0, 1)),
	updated_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_id, year)
);

CREATE TRIGGER scores_ai AFTER INSERT ON scores BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'scores', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert',
		json_object('year', NEW.year, 'item', NEW.item, 'self', NEW.self, 'reviewer', NEW.reviewer));
END;
CREATE TRIGGER scores_au AFTER UPDATE ON scores BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value) VALUES (NEW.updated_by, 'scores', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'update',
		json_object('year', OLD.year, 'item', OLD.item, 'self', OLD.self, 'reviewer', OLD.reviewer),
		json_object('year', NEW.year, 'item', NEW.item, 'self', NEW.self, 'reviewer', NEW.reviewer));
END;
CREATE TRIGGER models_ai AFTER INSERT ON models BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'models', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert',
		json_object('name', NEW.name, 'kind', NEW.kind, 'started', NEW.year_started, 'places', NEW.places,
			'teams', NEW.teams, 'members', NEW.members));
END;
CREATE TRIGGER models_au AFTER UPDATE ON models BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value) VALUES (NEW.updated_by, 'models', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'update',
		json_object('name', OLD.name, 'ended', OLD.year_ended, 'places', OLD.places, 'teams', OLD.teams, 'members', OLD.members),
		json_object('name', NEW.name, 'ended', NEW.year_ended, 'places', NEW.places, 'teams', NEW.teams, 'members', NEW.members));
END;
CREATE TRIGGER activities_ai AFTER INSERT ON activities BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'activities', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert',
		json_object('kind', NEW.kind, 'date', NEW.date, 'participants', NEW.participants, 'note', NEW.note));
END;
CREATE TRIGGER tipoffs_ai AFTER INSERT ON tipoffs BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'tipoffs', NULL,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert',
		json_object('year', NEW.year, 'total', NEW.total, 'valuable', NEW.valuable, 'outcome', NEW.outcome));
END;
CREATE TRIGGER tipoffs_au AFTER UPDATE ON tipoffs BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value) VALUES (NEW.updated_by, 'tipoffs', NULL,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'update',
		json_object('total', OLD.total, 'valuable', OLD.valuable, 'outcome', OLD.outcome),
		json_object('year', NEW.year, 'total', NEW.total, 'valuable', NEW.valuable, 'outcome', NEW.outcome));
END;
CREATE TRIGGER commendations_ai AFTER INSERT ON commendations BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'commendations', NEW.uuid,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert',
		json_object('year', NEW.year, 'level', NEW.level, 'collective', NEW.collective, 'recipient', NEW.recipient,
			'decision', NEW.decision_no));
END;
CREATE TRIGGER candidates_ai AFTER INSERT ON candidates BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) VALUES (NEW.updated_by, 'candidates', NULL,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'insert', json_object('year', NEW.year, 'proposed', NEW.proposed));
END;
CREATE TRIGGER candidates_au AFTER UPDATE ON candidates BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value) VALUES (NEW.updated_by, 'candidates', NULL,
		(SELECT uuid FROM units WHERE id = NEW.unit_id), 'update', json_object('proposed', OLD.proposed),
		json_object('year', NEW.year, 'proposed', NEW.proposed));
END;
