-- Version 17 (issue 19): each sender's name is stored once. Every history
-- row a package brought, and every change its merge made, named its
-- sender in full ("Phòng PV05 - Công an tỉnh … [90D2-2B86-…]", 68 bytes):
-- 34 MB a province, a gigabyte on a national machine that takes thirty.
-- Now the name is kept here once and the row holds "#" and its number
-- (sync_origin holds that during an import, so every audit trigger writes
-- it unchanged). The audit is read through audit_named, which gives the
-- name back, and a package carries the names, so packages read as before.
-- Rows written before keep their names: a sender's name always ends with
-- its fingerprint in brackets, never "#" and digits alone, so the two
-- never mix. Append-only, like the audit itself.
CREATE TABLE audit_origins (
	id     INTEGER PRIMARY KEY,
	origin TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_origins_no_update BEFORE UPDATE ON audit_origins
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_origins_no_delete BEFORE DELETE ON audit_origins
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
-- the audit as it reads: each row's sender named in full (its columns
-- named: one added to audit later is added here too)
CREATE VIEW audit_named AS
SELECT a.id, a.at, a.who, a.tbl, a.row_uuid, a.scope, a.action, a.old_value, a.new_value,
	CASE WHEN a.origin GLOB '#[1-9]*' AND substr(a.origin, 2) NOT GLOB '*[^0-9]*' AND length(a.origin) <= 20
		-- a number with no name (only a hand-made file has one) reads as
		-- written: never NULL, which would say "this machine's own"
		THEN coalesce((SELECT o.origin FROM audit_origins o WHERE o.id = CAST(substr(a.origin, 2) AS INTEGER)), a.origin)
		ELSE a.origin END AS origin
FROM audit a;
