-- Version 9: recognition (công nhận). Under TT 124/2021 (Điều 10) a unit
-- is "được công nhận" by a decision of the People's Committee (its
-- chairman), who issues a Giấy công nhận; a leader's approval in antt is not
-- that. One decision covers many units: decisions hold the number, date,
-- issuing authority and signer; recognitions tie one unit's year (its
-- assessment) to a decision. A recognition is never deleted: withdrawing
-- it (reopening the assessment, a revoked decision) stamps it, audited.

CREATE TABLE decisions (
	id         INTEGER PRIMARY KEY,
	uuid       TEXT NOT NULL UNIQUE,
	number     TEXT NOT NULL CHECK (number <> ''),          -- "45/QĐ-UBND"
	date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	authority  TEXT NOT NULL CHECK (authority <> ''),       -- "Chủ tịch UBND xã Hòa Bình"
	signer     TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (number, authority, date)
);

CREATE TABLE recognitions (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	assessment_id INTEGER NOT NULL REFERENCES assessments (id),
	decision_id   INTEGER NOT NULL REFERENCES decisions (id),
	withdrawn_at  TEXT,
	withdrawn_by  TEXT,
	reason        TEXT NOT NULL DEFAULT '',                 -- why it was withdrawn
	updated_by    TEXT NOT NULL DEFAULT '',
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- at most one recognition in force per unit and year
CREATE UNIQUE INDEX recognitions_current ON recognitions (assessment_id) WHERE withdrawn_at IS NULL;
CREATE INDEX recognitions_decision ON recognitions (decision_id);

-- Whatever writes the row: only an approved assessment whose verdict is
-- đạt can be recognised (recognise.c says so in words first).
CREATE TRIGGER recognitions_only_approved BEFORE INSERT ON recognitions
WHEN NOT EXISTS (SELECT 1 FROM assessments WHERE id = NEW.assessment_id AND status = 'approved' AND verdict = 'pass')
BEGIN SELECT RAISE(ABORT, 'only an approved pass can be recognised'); END;

CREATE TRIGGER recognitions_no_delete BEFORE DELETE ON recognitions
BEGIN SELECT RAISE(ABORT, 'recognitions are withdrawn, never deleted'); END;

-- Reopening an approved assessment (or any way it leaves "approved")
-- withdraws its recognition.
CREATE TRIGGER assessments_withdraw AFTER UPDATE OF status ON assessments
WHEN OLD.status = 'approved' AND NEW.status <> 'approved' BEGIN
	UPDATE recognitions SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
		withdrawn_by = NEW.updated_by, updated_by = NEW.updated_by,
		reason = 'mở lại phiếu đã duyệt' || CASE WHEN NEW.reason <> '' THEN ': ' || NEW.reason ELSE '' END
	WHERE assessment_id = NEW.id AND withdrawn_at IS NULL;
END;

CREATE TRIGGER decisions_ai AFTER INSERT ON decisions BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'decisions', NEW.uuid, NULL, 'insert',
		json_object('number', NEW.number, 'date', NEW.date, 'authority', NEW.authority, 'signer', NEW.signer),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER recognitions_ai AFTER INSERT ON recognitions BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'recognitions', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id),
		'insert', (SELECT json_object('number', number, 'date', date, 'authority', authority, 'signer', signer)
		           FROM decisions WHERE id = NEW.decision_id),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER recognitions_au AFTER UPDATE ON recognitions
WHEN OLD.withdrawn_at IS NULL AND NEW.withdrawn_at IS NOT NULL BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'recognitions', NEW.uuid, (SELECT uuid FROM assessments WHERE id = NEW.assessment_id),
		'update', (SELECT json_object('number', number, 'date', date, 'authority', authority)
		           FROM decisions WHERE id = NEW.decision_id),
		json_object('withdrawn', NEW.withdrawn_at, 'reason', NEW.reason),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
