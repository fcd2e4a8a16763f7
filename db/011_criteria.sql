-- Version 12 (issue 15).
-- QĐ 510/QĐ-BCA-V05, Quy định kèm theo, Điều 11 khoản 3: the movement's
-- classification is finished for khu dân cư before 20/11; for xã, cơ quan,
-- doanh nghiệp, cơ sở giáo dục before 30/11; by the level above before 15/12
-- (month-day, beside the TT 124 deadlines of 004).
INSERT OR IGNORE INTO settings (key, value, updated_by) VALUES
	('deadline_510_khu-dan-cu', '11-20', 'antt'),
	('deadline_510_others', '11-30', 'antt'),
	('deadline_510_above', '12-15', 'antt');
