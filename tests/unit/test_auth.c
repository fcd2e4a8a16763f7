/* auth and workflow: hashes, wrong passwords and growing waits, role rules,
 * the lock on approved assessments, reopening with a reason, the audit's
 * immutability and the history read from it. */
#include "testutil.h"
#include "assess.h"
#include "audit.h"
#include "auth.h"
#include "form_store.h"
#include "recognise.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void as(antt_db *db, const char *login, const char *pw);

/* A commune with two khu dân cư and three accounts; returns logged out. */
static antt_db *office(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Tây", "X1", &err));
	assert_int_equal(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tài khoản đầu tiên phải là quản trị");
	assert_null(strstr(err.msg, "--role"));   /* the command line says how */
	OK(auth_user_add(db, "qt", "Nguyễn Quản Trị", ROLE_ADMIN, "quantri1", &err));
	db->role = auth_initial_role(db);
	assert_int_equal(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err), ANTT_ERR_DENIED);
	as(db, "qt", "quantri1");
	OK(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err));
	OK(auth_user_add(db, "lanhdao", "Lê Văn Bình", ROLE_REVIEWER, "lanhdao1", &err));
	/* the sets come from ANTT_FORMS, outside antt's own folder: the admin
	 * takes them into the database once (form_store.c) */
	{
		const form *f;
		sqlite3_int64 id;
		OK(form_for_new(db, "khu-dan-cu", 2024, &f, &id, &err));
		OK(form_for_new(db, "xa", 2024, &f, &id, &err));
	}
	db->role = auth_initial_role(db);
	snprintf(db->user, sizeof(db->user), "?");
	return db;
}

static void as(antt_db *db, const char *login, const char *pw)
{
	int wait;
	OK(auth_login(db, login, pw, &wait, &err));
}

static void passwords_are_hashed_and_checked(void **state)
{
	antt_db *db = office();
	int wait = -1;
	(void)state;
	assert_int_equal(tu_int(db, "SELECT count(*) FROM users WHERE hash LIKE '$y$%' AND hash NOT LIKE '%matkhau1%'"), 3);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE new_value LIKE '%matkhau1%' OR new_value LIKE '%$y$%'"), 0);
	assert_int_equal(db->role, ROLE_NONE);
	assert_int_equal(answer_set(db, "K1", 2024, "2", "có", NULL, -1, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "cần đăng nhập");
	assert_int_equal(auth_login(db, "canbo", "sai", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(wait, 0);
	assert_int_equal(auth_login(db, "khongco", "sai", &wait, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "sai tên đăng nhập hoặc mật khẩu");
	as(db, "canbo", "matkhau1");
	assert_int_equal(db->role, ROLE_ENTRY);
	assert_string_equal(db->user, "canbo");
	assert_int_equal(auth_user_add(db, "x", "X", ROLE_ENTRY, "abcdef12", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_passwd(db, "canbo", "matkhau1", "ngan", &err), ANTT_ERR_INVALID);
	OK(auth_passwd(db, "canbo", "matkhau1", "matkhau2", &err));
	tu_cleanup(db);
}

static void failures_make_the_next_try_wait(void **state)
{
	antt_db *db = office();
	int wait = -1;
	(void)state;
	assert_int_equal(auth_login(db, "canbo", "sai1", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(wait, 0);
	assert_int_equal(auth_login(db, "canbo", "sai2", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(wait, 0);
	assert_int_equal(auth_login(db, "canbo", "sai3", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(wait, 2);
	/* even the right password waits now */
	assert_int_equal(auth_login(db, "canbo", "matkhau1", &wait, &err), ANTT_ERR_DENIED);
	assert_true(wait >= 1 && wait <= 2);
	assert_contains(err.msg, "giây");
	assert_int_equal(tu_int(db, "SELECT failures FROM users WHERE login = 'canbo'"), 3);
	OK(sqlite3_exec(db->sql, "UPDATE users SET locked_until = NULL WHERE login = 'canbo'", NULL, NULL, NULL) == SQLITE_OK
		? ANTT_OK : ANTT_ERR_DB);
	assert_int_equal(auth_login(db, "canbo", "sai4", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(wait, 4);
	tu_cleanup(db);
}

/* A PC whose clock went back (a flat CMOS battery: the year 2000 at boot)
 * must not keep an account waiting for years: a wait longer than the
 * longest one antt sets is a clock that moved, not a lock. */
static void a_clock_that_went_back_locks_nobody_out(void **state)
{
	antt_db *db = office();
	int wait = -1;
	(void)state;
	OK(sqlite3_exec(db->sql, "UPDATE users SET failures = 5, locked_until = '2099-01-01T00:00:00Z' WHERE login = 'qt'",
		NULL, NULL, NULL) == SQLITE_OK ? ANTT_OK : ANTT_ERR_DB);
	OK(auth_login(db, "qt", "quantri1", &wait, &err));
	assert_int_equal(wait, 0);
	assert_int_equal(db->role, ROLE_ADMIN);
	/* a real lock still holds */
	OK(sqlite3_exec(db->sql, "UPDATE users SET locked_until = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+60 seconds')"
		" WHERE login = 'qt'", NULL, NULL, NULL) == SQLITE_OK ? ANTT_OK : ANTT_ERR_DB);
	assert_int_equal(auth_login(db, "qt", "quantri1", &wait, &err), ANTT_ERR_DENIED);
	assert_true(wait > 0 && wait <= 60);
	tu_cleanup(db);
}

static void roles_decide_who_may_do_what(void **state)
{
	antt_db *db = office();
	(void)state;
	as(db, "canbo", "matkhau1");
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(assess_submit(db, "K2", 2024, &err), ANTT_ERR_INVALID);   /* not registered */
	OK(assess_submit(db, "K1", 2024, &err));
	assert_int_equal(assess_approve(db, "K1", 2024, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "lãnh đạo duyệt");
	assert_int_equal(unit_add(db, "K3", "khu-dan-cu", "Thôn Nam", "X1", &err), ANTT_ERR_DENIED);
	assert_int_equal(session_setting_set(db, "office_name", "X", &err), ANTT_ERR_DENIED);
	as(db, "qt", "quantri1");
	assert_int_equal(assess_approve(db, "K1", 2024, &err), ANTT_ERR_DENIED);   /* admin is not a reviewer */
	OK(unit_add(db, "K3", "khu-dan-cu", "Thôn Nam", "X1", &err));
	as(db, "lanhdao", "lanhdao1");
	OK(assess_approve(db, "K1", 2024, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'assessments' AND who = 'lanhdao'"
		" AND json_extract(new_value, '$.status') = 'approved'"), 1);
	tu_cleanup(db);
}

static void approved_is_locked_until_reopened_with_a_reason(void **state)
{
	antt_db *db = office();
	assess_result r;
	(void)state;
	as(db, "canbo", "matkhau1");
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "4a", "có", NULL, -1, &err));
	assert_int_equal(assess_submit(db, "K2", 2024, &err), ANTT_ERR_INVALID);   /* incomplete */
	assert_contains(err.msg, "còn thiếu");
	OK(assess_submit(db, "K1", 2024, &err));
	assert_int_equal(answer_set(db, "K1", 2024, "2", "không", NULL, -1, &err), ANTT_ERR_LOCKED);
	assert_contains(err.msg, "đã trình");
	as(db, "lanhdao", "lanhdao1");
	assert_int_equal(assess_return(db, "K1", 2024, "", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "lý do");
	OK(assess_return(db, "K1", 2024, "Thiếu biên bản họp", &err));
	as(db, "canbo", "matkhau1");
	OK(answer_set(db, "K1", 2024, "2", "có", "Đã bổ sung biên bản", -1, &err));
	OK(assess_submit(db, "K1", 2024, &err));
	as(db, "lanhdao", "lanhdao1");
	OK(assess_approve(db, "K1", 2024, &err));
	as(db, "canbo", "matkhau1");
	assert_int_equal(answer_set(db, "K1", 2024, "2", "không", NULL, -1, &err), ANTT_ERR_LOCKED);
	assert_contains(err.msg, "đã được duyệt");
	assert_int_equal(answer_clear(db, "K1", 2024, "2", &err), ANTT_ERR_LOCKED);
	assert_int_equal(assess_reopen(db, "K1", 2024, "sửa", &err), ANTT_ERR_DENIED);
	as(db, "lanhdao", "lanhdao1");
	assert_int_equal(assess_reopen(db, "K1", 2024, NULL, &err), ANTT_ERR_INVALID);
	OK(assess_reopen(db, "K1", 2024, "Kiểm tra lại tiêu chí 2", &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_string_equal(r.status, "draft");
	assess_result_free(&r);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE who = 'lanhdao'"
		" AND json_extract(new_value, '$.reason') = 'Kiểm tra lại tiêu chí 2'"), 1);
	tu_cleanup(db);
}

/* An approved commune keeps the verdict it was approved with. Its
 * criterion 4 counts recognised units, so they are approved and
 * recognised first. */
static void approved_verdict_is_frozen(void **state)
{
	antt_db *db = office();
	const char *const units[] = { "K1", "K2" };
	int added = 0;
	(void)state;
	as(db, "lanhdao", "lanhdao1");   /* a reviewer may also enter */
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "X1", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(assess_submit(db, "X1", 2024, &err), ANTT_ERR_INVALID);   /* its units wait for a decision */
	for (int i = 0; i < 2; i++) {
		OK(assess_submit(db, units[i], 2024, &err));
		OK(assess_approve(db, units[i], 2024, &err));
	}
	OK(recognise_record(db, &(recognise_decision){ "45/QĐ-UBND", "10/11/2024", "Chủ tịch UBND xã Hòa Bình", NULL },
		2024, units, 2, &added, &err));
	assert_int_equal(added, 2);
	OK(assess_submit(db, "X1", 2024, &err));
	OK(assess_approve(db, "X1", 2024, &err));
	assert_int_equal(tu_int(db, "SELECT verdict = 'pass' FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1'"), 1);
	for (int i = 0; i < 2; i++) {
		OK(assess_reopen(db, units[i], 2024, "Kiểm tra lại", &err));   /* withdraws the recognition */
		OK(answer_set(db, units[i], 2024, "2", "không", NULL, -1, &err));   /* 0 of 2 now */
	}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM recognitions WHERE withdrawn_at IS NULL"), 0);
	assert_int_equal(tu_int(db, "SELECT verdict = 'pass' FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1'"), 1);
	OK(assess_reopen(db, "X1", 2024, "Các thôn chưa đạt", &err));
	assert_int_equal(tu_int(db, "SELECT verdict = 'fail' FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1'"), 1);
	tu_cleanup(db);
}

static int collect(const audit_entry *e, void *ctx)
{
	char *buf = ctx;
	strcat(buf, e->who);
	strcat(buf, ": ");
	strcat(buf, e->what);
	strcat(buf, "\n");
	return 0;
}

static void history_says_who_did_what(void **state)
{
	antt_db *db = office();
	audit_filter f = { .unit = "K1", .year = 2024, .criterion = "4b" };
	static char buf[8192];
	(void)state;
	as(db, "canbo", "matkhau1");
	OK(answer_set(db, "K1", 2024, "4b", "có", NULL, -1, &err));
	OK(answer_set(db, "K1", 2024, "4b", "không", "Vụ trộm, đã bắt giữ", 1, &err));
	OK(answer_set(db, "K2", 2024, "4b", "không", NULL, -1, &err));   /* another unit */
	OK(answer_clear(db, "K1", 2024, "4b", &err));
	buf[0] = '\0';
	OK(audit_list(db, &f, collect, buf, &err));
	assert_contains(buf, "canbo: K1 năm 2024, tiêu chí 4b: trả lời có");
	assert_contains(buf, "canbo: K1 năm 2024, tiêu chí 4b: có → không; đánh dấu ngoại lệ; ghi chú: Vụ trộm, đã bắt giữ");
	assert_contains(buf, "canbo: K1 năm 2024, tiêu chí 4b: xóa câu trả lời không");
	assert_null(strstr(buf, "K2"));
	/* the trail cannot be rewritten */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE audit SET who = 'ai do'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM audit WHERE who = 'canbo'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	tu_cleanup(db);
}

static int count_rows(const audit_entry *e, void *ctx)
{
	(void)e;
	++*(int *)ctx;
	return 0;
}

/* A unit's history reads that unit's rows through the scope index, not the
 * whole audit (the screen's `l`: 0.35 s at 3 provinces when it did):
 * pages the cache was asked for while listing one unit, against an audit
 * of a thousand pages of other units' rows. */
static void a_units_history_reads_its_own_rows(void **state)
{
	antt_db *db = office();
	audit_filter f = { .unit = "K1", .year = 2024 };
	int cur, hit = 0, miss = 0, rows = 0;
	(void)state;
	as(db, "canbo", "matkhau1");
	OK(answer_set(db, "K1", 2024, "4b", "có", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "4b", "có", NULL, -1, &err));
	assert_int_equal(sqlite3_exec(db->sql, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
		" INSERT INTO audit (who, tbl, row_uuid, scope, action, new_value) SELECT 'x', 'answers', a.uuid, a.uuid, 'update',"
		" json_object('criterion', '4b', 'value', 'có', 'note', printf('%.900c', 'x')) FROM n, assessments a"
		" JOIN units u ON u.id = a.unit_id WHERE u.code = 'K2'", NULL, NULL, NULL), SQLITE_OK);
	assert_true(tu_int(db, "PRAGMA page_count") > 1000);
	sqlite3_db_status(db->sql, SQLITE_DBSTATUS_CACHE_HIT, &cur, &hit, 1);
	sqlite3_db_status(db->sql, SQLITE_DBSTATUS_CACHE_MISS, &cur, &miss, 1);
	OK(audit_list(db, &f, count_rows, &rows, &err));
	sqlite3_db_status(db->sql, SQLITE_DBSTATUS_CACHE_HIT, &hit, &cur, 0);
	sqlite3_db_status(db->sql, SQLITE_DBSTATUS_CACHE_MISS, &miss, &cur, 0);
	assert_true(rows >= 1);
	if (hit + miss >= 100)
		fail_msg("listing K1's history asked for %d pages", hit + miss);
	tu_cleanup(db);
}

/* Attack: a name with no password, or an empty one, is not a login. */
static void empty_password_is_a_failed_login(void **state)
{
	antt_db *db = office();
	int wait;
	(void)state;
	assert_int_equal(auth_login(db, "lanhdao", "", &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_login(db, "lanhdao", NULL, &wait, &err), ANTT_ERR_DENIED);
	assert_int_equal(db->role, ROLE_NONE);
	assert_int_equal(tu_int(db, "SELECT failures FROM users WHERE login = 'lanhdao'"), 2);
	assert_int_equal(assess_approve(db, "K1", 2024, &err), ANTT_ERR_DENIED);
	tu_cleanup(db);
}

/* Attack: setting a new password on someone's account without knowing
 * the old one. One's own needs the old password; a proven admin resets
 * anyone's, and the audit names the admin. */
static void a_password_is_changed_by_its_owner_or_an_admin(void **state)
{
	antt_db *db = office();
	(void)state;
	/* nobody logged in, the "owner" by name only */
	snprintf(db->user, sizeof(db->user), "lanhdao");
	assert_int_equal(auth_passwd(db, "lanhdao", NULL, "chiemquyen", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_passwd(db, "lanhdao", "", "chiemquyen", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_passwd(db, "lanhdao", "doan-mo", "chiemquyen", &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "mật khẩu hiện tại không đúng");
	/* another officer, proven, is not an admin */
	as(db, "canbo", "matkhau1");
	assert_int_equal(auth_passwd(db, "lanhdao", NULL, "chiemquyen", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_passwd(db, "canbo", NULL, "matkhau9", &err), ANTT_ERR_DENIED);   /* own: old needed */
	OK(auth_passwd(db, "canbo", "matkhau1", "matkhau9", &err));
	/* the admin resets the leader's; the audit names the admin */
	as(db, "qt", "quantri1");
	OK(auth_passwd(db, "lanhdao", NULL, "datlai123", &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'users' AND row_uuid = 'lanhdao'"
		" AND who = 'qt' AND json_extract(new_value, '$.password') = 'đã đổi'"), 1);
	as(db, "lanhdao", "datlai123");
	assert_int_equal(db->role, ROLE_REVIEWER);
	tu_cleanup(db);
}

/* With login switched off the name in ANTT_USER is not believed: writes
 * are recorded as nobody's, approving needs the leader's own login, and
 * accounts are still managed by a proven admin only. */
static void login_off_believes_no_name(void **state)
{
	antt_db *db = office();
	int wait;
	(void)state;
	as(db, "qt", "quantri1");
	OK(session_setting_set(db, "login_required", "0", &err));
	db_close(db);
	setenv("ANTT_USER", "lanhdao", 1);
	OK(session_open(tu_path("test.db"), 0, &db, &err));
	setenv("ANTT_USER", "kiemthu", 1);
	assert_int_equal(db->role, ROLE_OPEN);
	assert_int_equal(auth_proven(db), 0);
	assert_non_null(strstr(db->user, "(không đăng nhập)"));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_submit(db, "K1", 2024, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE who = 'lanhdao'"), 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'assessments' AND who LIKE '(không đăng nhập) %'"
		" AND json_extract(new_value, '$.status') = 'submitted'"), 1);
	assert_int_equal(assess_approve(db, "K1", 2024, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "cần lãnh đạo duyệt đăng nhập");
	/* open is not admin enough to give oneself an account */
	assert_int_equal(auth_user_add(db, "ke-gian", "Kẻ Gian", ROLE_REVIEWER, "matkhau1", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_passwd(db, "lanhdao", NULL, "chiemquyen", &err), ANTT_ERR_DENIED);
	assert_int_equal(auth_set_role(db, "canbo", ROLE_REVIEWER, &err), ANTT_ERR_DENIED);
	OK(auth_login(db, "lanhdao", "lanhdao1", &wait, &err));
	OK(assess_approve(db, "K1", 2024, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE who = 'lanhdao'"
		" AND json_extract(new_value, '$.status') = 'approved'"), 1);
	tu_cleanup(db);
}

/* With no account at all nobody can approve: the message says why. */
static void no_accounts_no_approval(void **state)
{
	antt_db *db = tu_open();
	(void)state;
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", NULL, &err));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_submit(db, "K1", 2024, &err));
	assert_int_equal(assess_approve(db, "K1", 2024, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "chưa có tài khoản lãnh đạo duyệt");
	assert_int_equal(assess_reopen(db, "K1", 2024, "x", &err), ANTT_ERR_DENIED);
	tu_cleanup(db);
}

/* Attack: disabling or demoting the last admin locks everybody out of
 * accounts and settings for good. */
static void the_last_admin_stays(void **state)
{
	antt_db *db = office();
	(void)state;
	as(db, "qt", "quantri1");
	assert_int_equal(auth_disable(db, "qt", &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "quản trị cuối cùng");
	assert_int_equal(auth_set_role(db, "qt", ROLE_ENTRY, &err), ANTT_ERR_DENIED);
	OK(auth_user_add(db, "qt2", "Phạm Quản Trị", ROLE_ADMIN, "quantri2", &err));
	OK(auth_set_role(db, "qt", ROLE_REVIEWER, &err));
	as(db, "qt2", "quantri2");
	assert_int_equal(auth_disable(db, "qt2", &err), ANTT_ERR_DENIED);
	OK(auth_disable(db, "canbo", &err));
	/* a second time is no error: the account is disabled, as asked */
	OK(auth_disable(db, "canbo", &err));
	OK(auth_enable(db, "canbo", &err));
	/* enabling an active account clears its wait after wrong passwords */
	OK(sqlite3_exec(db->sql, "UPDATE users SET failures = 9, locked_until = '2099-01-01T00:00:00Z' WHERE login = 'canbo'",
		NULL, NULL, NULL) == SQLITE_OK ? ANTT_OK : ANTT_ERR_DB);
	OK(auth_enable(db, "canbo", &err));
	assert_int_equal(tu_int(db, "SELECT failures FROM users WHERE login = 'canbo' AND locked_until IS NULL"), 0);
	/* core says what is wrong; the command line says how to look */
	assert_int_equal(auth_disable(db, "khongco", &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "không có tài khoản \"khongco\"");
	assert_null(strstr(err.msg, "antt "));
	/* the database keeps the rule whatever writes the row */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE users SET active = 0 WHERE login = 'qt2'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE users SET role = 'entry' WHERE login = 'qt2'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM users WHERE login = 'qt2'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1"), 1);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passwords_are_hashed_and_checked),
		cmocka_unit_test(failures_make_the_next_try_wait),
		cmocka_unit_test(a_clock_that_went_back_locks_nobody_out),
		cmocka_unit_test(roles_decide_who_may_do_what),
		cmocka_unit_test(approved_is_locked_until_reopened_with_a_reason),
		cmocka_unit_test(approved_verdict_is_frozen),
		cmocka_unit_test(history_says_who_did_what),
		cmocka_unit_test(empty_password_is_a_failed_login),
		cmocka_unit_test(a_password_is_changed_by_its_owner_or_an_admin),
		cmocka_unit_test(login_off_believes_no_name),
		cmocka_unit_test(no_accounts_no_approval),
		cmocka_unit_test(the_last_admin_stays),
		cmocka_unit_test(a_units_history_reads_its_own_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
