-- Version 5: exchanging packages between machines (see src/sync).
-- sync_base: the version of each row both sides last agreed on (after it
-- was exported or imported), keyed by the row's natural key; a row changed
-- on both sides since then is a conflict, not an overwrite.
CREATE TABLE sync_base (
	key     TEXT PRIMARY KEY,      -- unit uuid | unit uuid/year | unit uuid/year/criterion
	rev     INTEGER NOT NULL,
	content TEXT NOT NULL          -- the row's content as JSON
);

-- Changes a package brought that were not applied: both sides had changed
-- the row, or the local assessment was already approved. A person chooses.
CREATE TABLE conflicts (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('unit', 'assessment', 'answer')),
	key         TEXT NOT NULL,
	label       TEXT NOT NULL,     -- what it is, in words (unit code, year, criterion)
	why         TEXT NOT NULL,
	local       TEXT,              -- JSON
	incoming    TEXT NOT NULL,     -- JSON
	incoming_rev INTEGER NOT NULL,
	package     TEXT NOT NULL,     -- sha256 of the package
	detected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	resolution  TEXT CHECK (resolution IN ('local', 'incoming')),
	resolved_by TEXT,
	resolved_at TEXT
);
CREATE UNIQUE INDEX conflicts_open ON conflicts (key, incoming) WHERE resolution IS NULL;

CREATE TRIGGER conflicts_au AFTER UPDATE ON conflicts WHEN NEW.resolution IS NOT NULL BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value)
	VALUES (NEW.resolved_by, 'conflicts', NEW.key, NULL, 'update', NEW.local,
		json_object('chosen', NEW.resolution, 'incoming', json(NEW.incoming), 'label', NEW.label));
END;

-- Packages received: when each scope (a commune, an office) last sent.
CREATE TABLE packages (
	sha256      TEXT PRIMARY KEY,
	sender      TEXT NOT NULL,     -- the sender's office name
	under_code  TEXT,              -- the unit the package covers, NULL for a whole database
	under_uuid  TEXT,
	years       TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	imported_by TEXT NOT NULL
);
