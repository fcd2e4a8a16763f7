/* auth and workflow: hashes, wrong passwords and growing waits, role rules,
 * the lock on approved assessments, reopening with a reason, the audit's
 * immutability and the history read from it. */
#include "testutil.h"
#include "assess.h"
#include "audit.h"
#include "auth.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

/* A commune with two khu dân cư and three accounts; returns logged out. */
static antt_db *office(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Tây", "X1", &err));
	assert_int_equal(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tài khoản đầu tiên phải là quản trị");
	OK(auth_user_add(db, "qt", "Nguyễn Quản Trị", ROLE_ADMIN, "quantri1", &err));
	OK(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err));
	OK(auth_user_add(db, "lanhdao", "Lê Văn Bình", ROLE_REVIEWER, "lanhdao1", &err));
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
	assert_int_equal(auth_passwd(db, "canbo", "ngan", &err), ANTT_ERR_INVALID);
	OK(auth_passwd(db, "canbo", "matkhau2", &err));
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
	assert_int_equal(db_setting_set(db, "office_name", "X", &err), ANTT_ERR_DENIED);
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

/* An approved commune keeps the verdict it was recognised with. */
static void approved_verdict_is_frozen(void **state)
{
	antt_db *db = office();
	(void)state;
	as(db, "lanhdao", "lanhdao1");   /* a reviewer may also enter */
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "X1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_submit(db, "X1", 2024, &err));
	OK(assess_approve(db, "X1", 2024, &err));
	assert_int_equal(tu_int(db, "SELECT verdict = 'pass' FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'X1'"), 1);
	OK(answer_set(db, "K1", 2024, "2", "không", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "2", "không", NULL, -1, &err));   /* 0 of 2 now */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(passwords_are_hashed_and_checked),
		cmocka_unit_test(failures_make_the_next_try_wait),
		cmocka_unit_test(roles_decide_who_may_do_what),
		cmocka_unit_test(approved_is_locked_until_reopened_with_a_reason),
		cmocka_unit_test(approved_verdict_is_frozen),
		cmocka_unit_test(history_says_who_did_what),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
