-- Version 12 (issue 15).
-- QĐ 510/QĐ-BCA-V05, Quy định kèm theo, Điều 11 khoản 3: the movement's
-- classification is finished for khu dân cư before 20/11; for xã, cơ quan,
-- doanh nghiệp, cơ sở giáo dục before 30/11; by the level above before 15/12
-- (month-day, beside the TT 124 deadlines of 004).
INSERT OR IGNORE INTO settings (key, value, updated_by) VALUES
	('deadline_510_khu-dan-cu', '11-20', 'antt'),
	('deadline_510_others', '11-30', 'antt'),
	('deadline_510_above', '12-15', 'antt');

-- TT 124, Điều 5 khoản 4: a commune's criterion 4 counts the units "thuộc
-- thẩm quyền hoặc được ủy quyền quản lý" of the commune. A unit managed by
-- a level above (a province's school placed under the commune in the tree)
-- is marked managed_above = 1 and left out of that count. Audited and
-- carried in packages like the other unit fields.
ALTER TABLE units ADD COLUMN managed_above INTEGER NOT NULL DEFAULT 0 CHECK (managed_above IN (0, 1));
DROP TRIGGER units_ai;
DROP TRIGGER units_au;
CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value, origin)
	VALUES (NEW.updated_by, 'units', NEW.uuid, NEW.uuid, 'insert',
		json_object('code', NEW.code, 'name', NEW.name, 'type', NEW.type,
			'parent', (SELECT uuid FROM units WHERE id = NEW.parent_id), 'excluded', NEW.excluded,
			'managed_above', NEW.managed_above),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
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
-- A unit's content in packages (src/sync/content.h) now ends with
-- 'managed': the last agreed versions gain it (0, as every unit had), so an
-- exchange after the upgrade does not see every unit as changed.
UPDATE sync_base SET content = json_set(content, '$.managed', 0)
 WHERE json_valid(content) AND json_type(content, '$.code') IS NOT NULL AND json_type(content, '$.merged') IS NOT NULL
   AND json_type(content, '$.managed') IS NULL;

-- Re-assessing under today's criteria set (antt forms reassess) changes an
-- assessment's set: the audit says so, with the set before and after.
DROP TRIGGER assessments_au;
CREATE TRIGGER assessments_au AFTER UPDATE ON assessments
WHEN OLD.status IS NOT NEW.status OR OLD.verdict IS NOT NEW.verdict OR OLD.criteria_set_id IS NOT NEW.criteria_set_id
BEGIN
	INSERT INTO audit (who, tbl, row_uuid, scope, action, old_value, new_value, origin)
	VALUES (NEW.updated_by, 'assessments', NEW.uuid, NEW.uuid, 'update',
		json_object('status', OLD.status, 'verdict', OLD.verdict,
			'set', (SELECT sha256 FROM criteria_sets WHERE id = OLD.criteria_set_id)),
		json_object('status', NEW.status, 'verdict', NEW.verdict, 'reason', NEW.reason,
			'set', (SELECT sha256 FROM criteria_sets WHERE id = NEW.criteria_set_id),
			'regulation', (SELECT regulation FROM criteria_sets WHERE id = NEW.criteria_set_id)),
		(SELECT origin FROM sync_origin LIMIT 1));
END;
