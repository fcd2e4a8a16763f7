/* recognise: only an approved đạt is recognised, by a leader; a decision
 * covers many units, all or nothing; odd decision numbers and dates are
 * refused; reopening withdraws (audited); the database refuses the same
 * whatever writes the rows. */
#include "testutil.h"
#include "assess.h"
#include "auth.h"
#include "form_store.h"
#include "date.h"
#include "recognise.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static const recognise_decision d45 = { "45/QĐ-UBND", "10/11/2024", "Chủ tịch UBND xã Hòa Bình", "Nguyễn Văn Hùng" };

static void as(antt_db *db, const char *login, const char *pw)
{
	int wait;
	OK(auth_login(db, login, pw, &wait, &err));
}

/* X1 with K1 (đạt, approved), K2 (đạt, approved), K3 (chưa đạt,
 * approved), K4 (đạt, being entered), K5 (not registered); accounts:
 * qt (admin), canbo (entry), lanhdao (reviewer); logged in as lanhdao. */
static antt_db *office(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	for (int i = 1; i <= 5; i++) {
		char code[16], name[32];
		snprintf(code, sizeof(code), "K%d", i);
		snprintf(name, sizeof(name), "Thôn %d", i);
		OK(unit_add(db, code, "khu-dan-cu", name, "X1", &err));
	}
	OK(auth_user_add(db, "qt", "Nguyễn Quản Trị", ROLE_ADMIN, "quantri1", &err));
	as(db, "qt", "quantri1");
	OK(auth_user_add(db, "canbo", "Trần Văn Nam", ROLE_ENTRY, "matkhau1", &err));
	OK(auth_user_add(db, "lanhdao", "Lê Văn Bình", ROLE_REVIEWER, "lanhdao1", &err));
	{
		/* the admin takes the criteria sets in once (form_store.c) */
		const form *f;
		sqlite3_int64 id;
		OK(form_for_new(db, "khu-dan-cu", 2024, &f, &id, &err));
	}
	as(db, "lanhdao", "lanhdao1");
	for (int i = 1; i <= 4; i++) {
		char code[16];
		snprintf(code, sizeof(code), "K%d", i);
		OK(answer_set(db, code, 2024, "*", "đạt", NULL, -1, &err));
	}
	OK(answer_set(db, "K3", 2024, "4b", "không", NULL, -1, &err));
	for (int i = 1; i <= 3; i++) {
		char code[16];
		snprintf(code, sizeof(code), "K%d", i);
		OK(assess_submit(db, code, 2024, &err));
		OK(assess_approve(db, code, 2024, &err));
	}
	return db;
}

static long long current(antt_db *db)
{
	return tu_int(db, "SELECT count(*) FROM recognitions WHERE withdrawn_at IS NULL");
}

static void dates_are_calendar_dates(void **state)
{
	char out[11];
	antt_err err = { "" };
	(void)state;
	assert_int_equal(date_parse("10/11/2024", "ngày", out, &err), ANTT_OK);
	assert_string_equal(out, "2024-11-10");
	assert_int_equal(date_parse("1/2/2024", "ngày", out, &err), ANTT_OK);
	assert_string_equal(out, "2024-02-01");
	assert_int_equal(date_parse("2024-11-10", "ngày", out, &err), ANTT_OK);
	assert_int_equal(date_parse("29/02/2024", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("29/02/2023", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("31/04/2024", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("10/11/24", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("10/11/2024x", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("0/11/2024", "ngày", out, &err), ANTT_OK);
	assert_int_not_equal(date_parse("", "ngày", out, &err), ANTT_OK);
}

static void only_a_leader_records(void **state)
{
	antt_db *db = office();
	const char *k1 = "K1";
	int added = -1;
	(void)state;
	as(db, "canbo", "matkhau1");
	assert_int_equal(recognise_record(db, &d45, 2024, &k1, 1, &added, &err), ANTT_ERR_DENIED);
	assert_contains(err.msg, "lãnh đạo duyệt");
	as(db, "qt", "quantri1");
	assert_int_equal(recognise_record(db, &d45, 2024, &k1, 1, &added, &err), ANTT_ERR_DENIED);
	db->role = auth_initial_role(db);   /* logged out */
	assert_int_equal(recognise_record(db, &d45, 2024, &k1, 1, &added, &err), ANTT_ERR_DENIED);
	assert_int_equal(added, 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 0);
	tu_cleanup(db);
}

/* A draft, a failing form, an unregistered unit, an unknown code: each
 * named, and nothing written for the good ones either. */
static void only_an_approved_pass_all_or_nothing(void **state)
{
	antt_db *db = office();
	const char *const codes[] = { "K1", "K4", "K3", "K5", "ZZ9", "X1" };
	int added = -1;
	(void)state;
	assert_int_equal(recognise_record(db, &d45, 2024, codes, 6, &added, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không ghi được quyết định 45/QĐ-UBND");
	assert_contains(err.msg, "Thôn 4 (K4) năm 2024: phiếu đang ở trạng thái \"đang nhập\"");
	assert_contains(err.msg, "chỉ phiếu đã được lãnh đạo duyệt mới công nhận được");
	assert_contains(err.msg, "Thôn 3 (K3) năm 2024: kết luận là \"chưa đạt\"");
	assert_contains(err.msg, "Thôn 5 (K5) chưa đăng ký năm 2024");
	assert_contains(err.msg, "không có đơn vị mã \"ZZ9\"");
	assert_contains(err.msg, "Xã Hòa Bình (X1) chưa đăng ký");
	assert_int_equal(added, 0);
	assert_int_equal(current(db), 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 0);
	tu_cleanup(db);
}

static void odd_decisions_are_refused(void **state)
{
	antt_db *db = office();
	const char *k1 = "K1";
	char big[300];
	int added;
	static const char *const numbers[] = {
		"45/QĐ-UBND; DROP TABLE units", "QĐ-UBND", "45 /QĐ-UBND", "45/", "45", "45/QĐ\x1b[2J", "",
		"1234567890/QĐ-UBND-ABCDEFGHIJKLMNOPQRSTUV",   /* 41 characters */
	};
	(void)state;
	for (size_t i = 0; i < sizeof(numbers) / sizeof(*numbers); i++) {
		recognise_decision d = d45;
		d.number = numbers[i];
		assert_int_equal(recognise_record(db, &d, 2024, &k1, 1, &added, &err), ANTT_ERR_INVALID);
	}
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	{
		recognise_decision d = d45;
		d.authority = big;
		assert_int_equal(recognise_record(db, &d, 2024, &k1, 1, &added, &err), ANTT_ERR_INVALID);
		assert_contains(err.msg, "dài quá");
		d.authority = "  ";
		assert_int_equal(recognise_record(db, &d, 2024, &k1, 1, &added, &err), ANTT_ERR_INVALID);
		d = d45;
		d.date = "10/11/2026";
		assert_int_equal(recognise_record(db, &d, 2024, &k1, 1, &added, &err), ANTT_ERR_INVALID);
		assert_contains(err.msg, "không thể công nhận kết quả năm 2024");
		d.date = "31/11/2024";
		assert_int_equal(recognise_record(db, &d, 2024, &k1, 1, &added, &err), ANTT_ERR_INVALID);
		assert_contains(err.msg, "tháng 11 năm 2024 chỉ có 30 ngày");
	}
	{
		recognise_decision d = d45;
		d.number = "12/2024/QĐ-UBND";   /* the long form of a number is fine */
		d.date = "2025-01-05";          /* decided early the next year */
		OK(recognise_record(db, &d, 2024, &k1, 1, &added, &err));
		assert_int_equal(added, 1);
	}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 1);
	tu_cleanup(db);
}

static void one_decision_many_units_once(void **state)
{
	antt_db *db = office();
	const char *const both[] = { "K1", "K2", "K1" };
	const char *k2 = "K2";
	int added;
	(void)state;
	OK(recognise_record(db, &d45, 2024, both, 3, &added, &err));
	assert_int_equal(added, 2);
	OK(recognise_record(db, &d45, 2024, &k2, 1, &added, &err));   /* the same decision again: nothing new */
	assert_int_equal(added, 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 1);
	assert_int_equal(current(db), 2);
	{
		recognise_decision other = { "46/QĐ-UBND", "11/11/2024", "Chủ tịch UBND xã Hòa Bình", NULL };
		assert_int_equal(recognise_record(db, &other, 2024, &k2, 1, &added, &err), ANTT_ERR_INVALID);
		assert_contains(err.msg, "đã được công nhận theo quyết định số 45/QĐ-UBND ngày 10/11/2024");
		other.number = "45/QĐ-UBND";   /* same number and authority, another day: a slip */
		assert_int_equal(recognise_record(db, &other, 2024, &k2, 1, &added, &err), ANTT_ERR_EXISTS);
		assert_contains(err.msg, "đã được ghi với ngày 10/11/2024");
		/* one decision, one signer: none given is the one recorded; another
		 * is refused, and so is one where the row has none (a neighbour's
		 * package could have left that row: test_attack_neighbour2.sh) */
		other.date = "10/11/2024";
		other.signer = "Trần Thị Khác";
		assert_int_equal(recognise_record(db, &other, 2024, &k2, 1, &added, &err), ANTT_ERR_EXISTS);
		assert_contains(err.msg, "đã được ghi với người ký \"Nguyễn Văn Hùng\", không phải \"Trần Thị Khác\"");
		assert_int_equal(sqlite3_exec(db->sql, "INSERT INTO decisions (uuid, number, date, authority, signer)"
			" VALUES ('00000000-0000-4000-8000-000000000047', '47/QĐ-UBND', '2024-11-12', 'Chủ tịch UBND xã Hòa Bình', '')",
			NULL, NULL, NULL), SQLITE_OK);
		other.number = "47/QĐ-UBND";
		other.date = "12/11/2024";
		assert_int_equal(recognise_record(db, &other, 2024, &k2, 1, &added, &err), ANTT_ERR_EXISTS);
		assert_contains(err.msg, "đã được ghi không có người ký, không phải \"Trần Thị Khác\"");
	}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'recognitions' AND action = 'insert'"
		" AND who = 'lanhdao' AND json_extract(new_value, '$.number') = '45/QĐ-UBND'"), 2);
	tu_cleanup(db);
}

static void reopening_withdraws_and_is_audited(void **state)
{
	antt_db *db = office();
	const char *const both[] = { "K1", "K2" };
	const char *k1 = "K1";
	int added;
	(void)state;
	OK(recognise_record(db, &d45, 2024, both, 2, &added, &err));
	OK(assess_reopen(db, "K1", 2024, "Phát hiện vụ việc mới", &err));
	assert_int_equal(current(db), 1);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'recognitions' AND action = 'update'"
		" AND who = 'lanhdao' AND json_extract(new_value, '$.reason') = 'mở lại phiếu đã duyệt: Phát hiện vụ việc mới'"), 1);
	/* approved again, it can be recognised again; the old row stays */
	OK(assess_submit(db, "K1", 2024, &err));
	OK(assess_approve(db, "K1", 2024, &err));
	OK(recognise_record(db, &d45, 2024, &k1, 1, &added, &err));
	assert_int_equal(added, 1);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM recognitions"), 3);
	/* withdrawing by hand needs a reason; twice is refused */
	assert_int_equal(recognise_withdraw(db, "K2", 2024, " ", &err), ANTT_ERR_INVALID);
	OK(recognise_withdraw(db, "K2", 2024, "Quyết định bị thu hồi", &err));
	assert_int_equal(recognise_withdraw(db, "K2", 2024, "lần nữa", &err), ANTT_ERR_NOT_FOUND);
	assert_int_equal(current(db), 1);
	as(db, "canbo", "matkhau1");
	assert_int_equal(recognise_withdraw(db, "K1", 2024, "không được", &err), ANTT_ERR_DENIED);
	tu_cleanup(db);
}

/* The triggers of db/009 hold the rules whatever writes the rows. */
static void the_database_holds_the_rules(void **state)
{
	antt_db *db = office();
	const char *k1 = "K1";
	int added;
	(void)state;
	OK(recognise_record(db, &d45, 2024, &k1, 1, &added, &err));
	assert_int_not_equal(sqlite3_exec(db->sql, "INSERT INTO recognitions (uuid, assessment_id, decision_id)"
		" SELECT 'x', a.id, 1 FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'K4'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->sql, "INSERT INTO recognitions (uuid, assessment_id, decision_id)"
		" SELECT 'y', a.id, 1 FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'K3'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->sql, "DELETE FROM recognitions", NULL, NULL, NULL), SQLITE_OK);
	/* a second recognition in force for the same year */
	assert_int_not_equal(sqlite3_exec(db->sql, "INSERT INTO recognitions (uuid, assessment_id, decision_id)"
		" SELECT 'z', assessment_id, decision_id FROM recognitions", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(current(db), 1);
	tu_cleanup(db);
}

static void csv_import_all_or_nothing(void **state)
{
	antt_db *db = office();
	int n = -1;
	(void)state;
	tu_write(tu_path("bad.csv"), "unit_code,year,decision_no,date,authority,signer\n"
		"K1,2024,45/QĐ-UBND,10/11/2024,Chủ tịch UBND xã Hòa Bình,Nguyễn Văn Hùng\n"
		"K4,2024,45/QĐ-UBND,10/11/2024,Chủ tịch UBND xã Hòa Bình\n"
		"K2,2024,45/QĐ-UBND,31/02/2024,Chủ tịch UBND xã Hòa Bình\n"
		"K2,20x4,45/QĐ-UBND,10/11/2024,Chủ tịch UBND xã Hòa Bình\n"
		"K2,2024,45/QĐ-UBND\n");
	assert_int_equal(recognise_import_csv(db, tu_path("bad.csv"), &n, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "dòng 3");
	assert_contains(err.msg, "dòng 4");
	assert_contains(err.msg, "dòng 5");
	assert_contains(err.msg, "dòng 6");
	assert_int_equal(n, 0);
	assert_int_equal(current(db), 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 0);
	tu_write(tu_path("ok.csv"), "\xEF\xBB\xBFunit_code,year,decision_no,date,authority\r\n"
		"K1,2024,45/QĐ-UBND,10/11/2024,Chủ tịch UBND xã Hòa Bình\r\n"
		"K2,2024,45/QĐ-UBND,10/11/2024,Chủ tịch UBND xã Hòa Bình\r\n");
	OK(recognise_import_csv(db, tu_path("ok.csv"), &n, &err));
	assert_int_equal(n, 2);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM decisions"), 1);
	tu_cleanup(db);
}

static int count_rows(const recognise_row *r, void *ctx)
{
	assert_string_equal(r->date, "10/11/2024");
	(*(int *)ctx)++;
	return 0;
}

static void the_list_by_decision(void **state)
{
	antt_db *db = office();
	const char *const both[] = { "K1", "K2" };
	int added, n = 0;
	(void)state;
	OK(recognise_record(db, &d45, 2024, both, 2, &added, &err));
	OK(recognise_list(db, 2024, "X1", count_rows, &n, &err));
	assert_int_equal(n, 2);
	n = 0;
	OK(recognise_list(db, 2023, NULL, count_rows, &n, &err));
	assert_int_equal(n, 0);
	assert_int_equal(recognise_list(db, 2024, "ZZ", count_rows, &n, &err), ANTT_ERR_NOT_FOUND);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_are_calendar_dates),
		cmocka_unit_test(only_a_leader_records),
		cmocka_unit_test(only_an_approved_pass_all_or_nothing),
		cmocka_unit_test(odd_decisions_are_refused),
		cmocka_unit_test(one_decision_many_units_once),
		cmocka_unit_test(reopening_withdraws_and_is_audited),
		cmocka_unit_test(the_database_holds_the_rules),
		cmocka_unit_test(csv_import_all_or_nothing),
		cmocka_unit_test(the_list_by_decision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
