-- Version 2: default targets (tỷ lệ phấn đấu, a percentage per unit type,
-- changed in the settings screen), and a small table for what the screens
-- remember between runs (last unit, last criterion): not audited, since it
-- records where the officer was, not what the office decided.

INSERT OR IGNORE INTO settings (key, value, updated_by) VALUES
	('target_xa', '95', 'antt'),
	('target_phuong', '95', 'antt'),
	('target_thi-tran', '95', 'antt'),
	('target_dac-khu', '95', 'antt'),
	('target_khu-dan-cu', '95', 'antt'),
	('target_co-quan', '90', 'antt'),
	('target_doanh-nghiep', '90', 'antt'),
	('target_co-so-giao-duc', '90', 'antt');

CREATE TABLE ui_state (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
