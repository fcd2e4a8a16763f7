/* assess: answers saved one at a time, verdicts from the rules, the
 * commune's 70 % criterion computed from its recognised units, past years
 * kept on the criteria set they were made with, and all-or-nothing CSV
 * import. */
#include "testutil.h"
#include "assess.h"
#include "count.h"
#include "form.h"
#include "recognise.h"

#include <time.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static int verdict(antt_db *db, const char *code, int year)
{
	assess_result r;
	int v;
	OK(assess_load(db, code, year, &r, &err));
	v = r.verdict;
	assess_result_free(&r);
	return v;
}

static int stored(antt_db *db, const char *code, int year)
{
	char sql[256];
	long long v;
	snprintf(sql, sizeof(sql), "SELECT CASE verdict WHEN 'pass' THEN 1 WHEN 'fail' THEN 0 ELSE -1 END"
		" FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = '%s' AND a.year = %d", code, year);
	v = tu_int(db, sql);
	return (int)v;
}

static void verdict_follows_answers(void **state)
{
	antt_db *db = tu_commune(1);
	assess_result r;
	(void)state;
	assert_int_equal(verdict(db, "K1", 2024), RULE_MISSING);
	OK(answer_set(db, "K1", 2024, "1.1", "có", NULL, -1, &err));
	assert_int_equal(stored(db, "K1", 2024), -1);
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(verdict(db, "K1", 2024), RULE_PASS);
	assert_int_equal(stored(db, "K1", 2024), 1);
	OK(answer_set(db, "K1", 2024, "4b", "không", NULL, -1, &err));
	assert_int_equal(stored(db, "K1", 2024), 0);
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_int_equal(r.verdict, RULE_FAIL);
	assert_int_equal(r.items[form_find(r.f, "4b")].state, RULE_FAIL);
	assert_int_equal(r.items[form_find(r.f, "4")].state, RULE_FAIL);
	assert_int_equal(r.items[form_find(r.f, "3")].state, RULE_PASS);
	assert_string_equal(r.status, "draft");
	assess_result_free(&r);
	tu_cleanup(db);
}

static void exception_needs_a_note_and_then_holds(void **state)
{
	antt_db *db = tu_commune(1);
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(answer_set(db, "K1", 2024, "4b", "không", NULL, 1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "ghi chú");
	assert_int_equal(stored(db, "K1", 2024), 1); /* nothing written */
	assert_int_equal(tu_int(db, "SELECT value FROM answers WHERE criterion = '4b'"), 1);
	OK(answer_set(db, "K1", 2024, "4b", "không", "Vụ trộm lớn, đã bắt giữ và báo cáo kịp thời", 1, &err));
	assert_int_equal(stored(db, "K1", 2024), 1);
	assert_int_equal(answer_set(db, "K1", 2024, "2", "không", "x", 1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không có trường hợp ngoại lệ");
	tu_cleanup(db);
}

static void wrong_values_are_refused_and_nothing_written(void **state)
{
	antt_db *db = tu_commune(1);
	long long before;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	before = tu_int(db, "SELECT count(*) FROM audit");
	assert_int_equal(answer_set(db, "K1", 2024, "1.2", "120", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từ 0 đến 100");
	assert_int_equal(answer_set(db, "K1", 2024, "9z", "có", NULL, -1, &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "\"9z\"");
	assert_int_equal(answer_set(db, "K1", 2024, "3", "có", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từng ý");
	assert_int_equal(answer_set(db, "K9", 2024, "2", "có", NULL, -1, &err), ANTT_ERR_NOT_FOUND);
	assert_int_equal(answer_set(db, "K1", 1999, "2", "có", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từ 2000 đến 2100");     /* num.h's range, named */
	assert_int_equal(assess_submit_under(db, "X1", 2101, &(assess_bulk){ 0 }, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từ 2000 đến 2100");
	assert_int_equal(answer_set(db, "X1", 2024, "4", "có", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tự động");
	assert_int_equal(answer_set(db, "K1", 2024, "*", "không", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit"), before);
	OK(assess_set_excluded(db, "K1", 1, &err));
	assert_int_equal(answer_set(db, "K1", 2025, "2", "có", NULL, -1, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không thuộc diện");
	tu_cleanup(db);
}

static void answers_are_audited_with_who_and_old_value(void **state)
{
	antt_db *db = tu_commune(1);
	(void)state;
	OK(answer_set(db, "K1", 2024, "1.2", "95", NULL, -1, &err));
	OK(answer_set(db, "K1", 2024, "1.2", "100", NULL, -1, &err));
	OK(answer_set(db, "K1", 2024, "1.2", "100", NULL, -1, &err)); /* same value: no new row */
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'answers'"), 2);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'answers' AND action = 'update'"
		" AND json_extract(old_value, '$.value') = 95 AND json_extract(new_value, '$.value') = 100"
		" AND who LIKE '(không đăng nhập) %'"), 1);
	assert_int_equal(tu_int(db, "SELECT rev FROM answers WHERE criterion = '1.2'"), 2);
	tu_cleanup(db);
}

/* Commune criteria 1-3 all hold, so its verdict is criterion 4's. */
static void commune_passes_all_but_4(antt_db *db, int year)
{
	OK(answer_set(db, "X1", year, "*", "đạt", NULL, -1, &err));
}

/* Criterion 4 counts units được công nhận (a decision), not verdicts. */
static void commune_needs_seventy_percent_of_its_units(void **state)
{
	antt_db *db = tu_commune(10);
	char code[16];
	assess_result r;
	(void)state;
	for (int i = 1; i <= 10; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		OK(answer_set(db, code, 2024, "*", "đạt", NULL, -1, &err));
	}
	commune_passes_all_but_4(db, 2024);
	/* every unit đạt, none recognised yet: waiting, not passed */
	assert_int_equal(stored(db, "X1", 2024), -1);
	/* three fail; seven recognised: 7/10 passes */
	for (int i = 1; i <= 3; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		OK(answer_set(db, code, 2024, "3e", "không", NULL, -1, &err));
	}
	for (int i = 4; i <= 9; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		tu_recognise(db, code, 2024);
	}
	assert_int_equal(stored(db, "X1", 2024), -1);   /* 6 recognised, K10 still waiting */
	tu_recognise(db, "K10", 2024);
	assert_int_equal(stored(db, "X1", 2024), 1);
	/* reopening K4 withdraws its recognition; failing it brings 6/10 */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'draft', reason = 'kiểm tra lại'"
		" WHERE unit_id = (SELECT id FROM units WHERE code = 'K4')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM recognitions WHERE withdrawn_at IS NOT NULL"
		" AND reason = 'mở lại phiếu đã duyệt: kiểm tra lại'"), 1);
	OK(answer_set(db, "K4", 2024, "5.2", "không", NULL, -1, &err));
	assert_int_equal(stored(db, "X1", 2024), 0);
	OK(assess_load(db, "X1", 2024, &r, &err));
	assert_int_equal(r.items[form_find(r.f, "4")].counts.recognised, 6);
	assert_int_equal(r.items[form_find(r.f, "4")].counts.total, 10);
	assert_int_equal(r.items[form_find(r.f, "4")].state, RULE_FAIL);
	assess_result_free(&r);
	/* an excluded unit leaves the base: K9, K10 were recognised, 4/8 fails */
	OK(assess_set_excluded(db, "K10", 1, &err));
	OK(assess_set_excluded(db, "K9", 1, &err));
	OK(answer_set(db, "K1", 2024, "2", "có", NULL, -1, &err)); /* any write recomputes */
	assert_int_equal(stored(db, "X1", 2024), 0);
	tu_cleanup(db);
}

static void commune_needs_every_unit_registered(void **state)
{
	antt_db *db = tu_commune(3);
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	commune_passes_all_but_4(db, 2024);
	assert_int_equal(stored(db, "X1", 2024), 0); /* K3 did not register */
	OK(assess_register(db, "K3", 2024, &err));
	/* K3 registered but not assessed: not yet decidable */
	assert_int_equal(stored(db, "X1", 2024), -1);
	OK(answer_set(db, "K3", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(stored(db, "X1", 2024), -1);   /* đạt, but no decision yet */
	tu_recognise(db, "K1", 2024);
	tu_recognise(db, "K2", 2024);
	assert_int_equal(stored(db, "X1", 2024), -1);   /* 2/3 = 67 %, K3 waiting */
	tu_recognise(db, "K3", 2024);
	assert_int_equal(stored(db, "X1", 2024), 1);
	tu_cleanup(db);
}

/* TT 23/2012: 70 % of ALL khu dân cư: 16 of 25 fails, 18 passes. */
static void old_regulation_counts_all_khu_dan_cu(void **state)
{
	antt_db *db = tu_commune(25);
	char code[16];
	assess_result r;
	(void)state;
	for (int i = 1; i <= 16; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		OK(answer_set(db, code, 2020, "*", "đạt", NULL, -1, &err));
	}
	for (int i = 17; i <= 25; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		OK(answer_set(db, code, 2020, "*", "đạt", NULL, -1, &err));
		OK(answer_set(db, code, 2020, "5", "không", NULL, -1, &err));
	}
	commune_passes_all_but_4(db, 2020);
	OK(assess_load(db, "X1", 2020, &r, &err));
	assert_string_equal(r.f->regulation, "Thông tư 23/2012/TT-BCA");
	assess_result_free(&r);
	assert_int_equal(stored(db, "X1", 2020), -1);   /* 16 đạt, none recognised yet */
	for (int i = 1; i <= 16; i++) {
		snprintf(code, sizeof(code), "K%d", i);
		tu_recognise(db, code, 2020);
	}
	assert_int_equal(stored(db, "X1", 2020), 0);
	OK(answer_set(db, "K17", 2020, "5", "có", NULL, -1, &err));
	tu_recognise(db, "K17", 2020);
	assert_int_equal(stored(db, "X1", 2020), 0); /* 17/25 = 68 % */
	OK(answer_set(db, "K18", 2020, "5", "có", NULL, -1, &err));
	assert_int_equal(stored(db, "X1", 2020), -1); /* K18 đạt, waiting for its decision */
	tu_recognise(db, "K18", 2020);
	assert_int_equal(stored(db, "X1", 2020), 1); /* 18/25 = 72 % */
	tu_cleanup(db);
}

/* Editing forms/ must not change a past assessment. */
static void past_year_keeps_its_criteria_set(void **state)
{
	antt_db *db = tu_commune(1);
	char cmd[600];
	assess_result r;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	/* a copy of forms/ where 4b no longer exists */
	snprintf(cmd, sizeof(cmd), "cp -R forms '%s/forms' && sed -i 's/id: 4b/id: 4e/' '%s/forms/tt124-2021/khu-dan-cu.yaml'",
		tu_dir, tu_dir);
	assert_int_equal(system(cmd), 0);
	setenv("ANTT_FORMS", tu_path("forms"), 1);
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn mới", "X1", &err));
	db_close(db);
	assert_int_equal(session_open(tu_path("test.db"), 0, &db, &err), ANTT_OK);
	OK(answer_set(db, "K1", 2024, "4b", "không", NULL, -1, &err));  /* old set still has 4b */
	OK(answer_set(db, "K2", 2024, "4e", "có", NULL, -1, &err));     /* a new one uses the edit */
	assert_int_equal(answer_set(db, "K2", 2024, "4b", "có", NULL, -1, &err), ANTT_ERR_NOT_FOUND);
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_true(form_find(r.f, "4b") >= 0);
	assess_result_free(&r);
	setenv("ANTT_FORMS", "forms", 1);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM criteria_sets"), 2);
	tu_cleanup(db);
}

static void import_answers_all_or_nothing(void **state)
{
	antt_db *db = tu_commune(2);
	int n = -1;
	count_row *rows;
	size_t nrows;
	(void)state;
	tu_write(tu_path("bad.csv"), "unit_code,year,criterion,value,note\n"
		"K1,2024,*,đạt,\nK2,2024,*,đạt,\nK2,2024,1.2,150,\nK3,2024,2,có,\n");
	assert_int_equal(answer_import_csv(db, tu_path("bad.csv"), &n, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "dòng 4");
	assert_contains(err.msg, "dòng 5");
	assert_contains(err.msg, "\"K3\"");
	assert_int_equal(n, 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers"), 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM assessments"), 0);

	tu_write(tu_path("ok.csv"), "\xEF\xBB\xBFunit_code,year,criterion,value,note\r\n"
		"K1,2024,*,đạt,\r\nK2,2024,*,đạt,\r\nK2,2024,4b,không,\"Vụ cướp, đã xử lý\",1\r\nX1,2024,*,đạt\r\n");
	OK(answer_import_csv(db, tu_path("ok.csv"), &n, &err));
	assert_int_equal(n, 4);
	assert_int_equal(stored(db, "K2", 2024), 1);
	assert_int_equal(stored(db, "X1", 2024), -1);   /* its units are đạt, not yet recognised */
	OK(count_by_type(db, 2024, NULL, &rows, &nrows, &err));
	assert_int_equal(nrows, 2);
	assert_string_equal(rows[1].type, "khu-dan-cu");
	assert_int_equal(rows[1].total, 2);
	assert_int_equal(rows[1].passed, 2);
	free(rows);
	tu_cleanup(db);
}

/* A failed import rolls back the criteria set it stored; the next set
 * stored may get the same row id, and must not be read as the first. */
static void rolled_back_set_is_not_remembered_by_id(void **state)
{
	antt_db *db = tu_commune(1);
	assess_result r;
	int n;
	(void)state;
	tu_write(tu_path("bad.csv"), "X1,2024,*,đạt\nZZ,2024,*,đạt\n");
	assert_int_equal(answer_import_csv(db, tu_path("bad.csv"), &n, &err), ANTT_ERR_CSV);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM criteria_sets"), 0);
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_true(form_applies(r.f, "khu-dan-cu", 2024));
	assert_int_equal(r.verdict, RULE_PASS);
	assess_result_free(&r);
	assert_int_equal(stored(db, "K1", 2024), 1);
	tu_cleanup(db);
}

/* An import spanning more years than any fixed list held (here 71, from
 * 2030 to 2100) recomputes every one of them, the last as the first. */
static void import_recomputes_every_year(void **state)
{
	antt_db *db = tu_commune(1);
	char *csv = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&csv, &len);
	int n;
	(void)state;
	assert_non_null(fp);
	for (int y = 2030; y <= 2100; y++)
		fprintf(fp, "K1,%d,*,đạt\n", y);
	fclose(fp);
	tu_write(tu_path("years.csv"), csv);
	free(csv);
	OK(answer_import_csv(db, tu_path("years.csv"), &n, &err));
	assert_int_equal(n, 71);
	assert_int_equal(stored(db, "K1", 2030), 1);
	assert_int_equal(stored(db, "K1", 2093), 1);
	assert_int_equal(stored(db, "K1", 2100), 1);
	tu_cleanup(db);
}

/* Statements run that read a form's answers (load_answers), counted by a
 * trace on the connection. */
static int answer_reads;

static int count_answer_reads(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)ctx, (void)x;
	if (strstr(sqlite3_sql(p), "FROM answers WHERE assessment_id"))
		answer_reads++;
	return 0;
}

/* A recompute evaluates only forms whose verdict it may store: an
 * approved form keeps the verdict it was recognised with and a unit with
 * no form that year has none, so neither is read (every answer saved
 * walks up through the communes above; an import brings mostly approved
 * forms). Its verdict is kept, and the draft beside it still follows. */
static void recompute_reads_no_approved_form(void **state)
{
	antt_db *db = tu_commune(2);
	unit_row k1, k2, x1;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	tu_recognise(db, "K1", 2024);
	/* its answers changed behind the approval (as a package's could be):
	 * the stored verdict must not follow */
	assert_int_equal(sqlite3_exec(db->sql, "DROP TRIGGER IF EXISTS answers_au", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE answers SET value = 'không' WHERE criterion = '4b' AND assessment_id ="
		" (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'K1')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE answers SET value = 'không' WHERE criterion = '4b' AND assessment_id ="
		" (SELECT a.id FROM assessments a JOIN units u ON u.id = a.unit_id WHERE u.code = 'K2')", NULL, NULL, NULL), SQLITE_OK);
	OK(unit_get(db, "K1", &k1, &err));
	OK(unit_get(db, "K2", &k2, &err));
	OK(unit_get(db, "X1", &x1, &err));
	answer_reads = 0;
	sqlite3_trace_v2(db->sql, SQLITE_TRACE_STMT, count_answer_reads, NULL);
	OK(assess_recompute_unit(db, &k1, 2024, &err));
	OK(assess_recompute_unit(db, &x1, 2024, &err));   /* X1 has no form in 2024 */
	assert_int_equal(answer_reads, 0);
	OK(assess_recompute_unit(db, &k2, 2024, &err));
	assert_int_equal(answer_reads, 1);
	sqlite3_trace_v2(db->sql, 0, NULL, NULL);
	assert_int_equal(stored(db, "K1", 2024), 1);
	assert_int_equal(stored(db, "K2", 2024), 0);
	tu_cleanup(db);
}

static void summary_counts_per_type(void **state)
{
	antt_db *db = tu_commune(4);
	count_row *rows;
	size_t n;
	(void)state;
	OK(unit_add(db, "X2", "xa", "Xã An Phú", NULL, &err));
	OK(unit_add(db, "K9", "khu-dan-cu", "Thôn 9", "X2", &err));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K3", 2024, "4a", "không", NULL, -1, &err));
	OK(assess_set_excluded(db, "K4", 1, &err));
	OK(answer_set(db, "K9", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_register(db, "X1", 2024, &err));
	tu_recognise(db, "K1", 2024);
	OK(count_by_type(db, 2024, "X1", &rows, &n, &err));
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].type, "xa");
	assert_int_equal(rows[0].registered, 1);
	assert_int_equal(rows[0].assessed, 0);    /* nothing typed, criterion 4 waits for K2's decision */
	assert_int_equal(rows[0].passed, 0);
	assert_string_equal(rows[1].name, "Khu dân cư");
	assert_int_equal(rows[1].total, 4);
	assert_int_equal(rows[1].excluded, 1);
	assert_int_equal(rows[1].registered, 3);
	assert_int_equal(rows[1].assessed, 3);    /* K3 fails 4a: chưa đạt even while incomplete */
	assert_int_equal(rows[1].passed, 2);
	assert_int_equal(rows[1].approved, 1);
	assert_int_equal(rows[1].recognised, 1);
	assert_true(count_rate(&rows[1]) > 33.3 && count_rate(&rows[1]) < 33.4);   /* 1 of 3 recognised */
	free(rows);
	OK(count_by_type(db, 2024, NULL, &rows, &n, &err));
	assert_int_equal(rows[1].total, 5);
	assert_int_equal(rows[1].passed, 3);
	assert_int_equal(rows[1].recognised, 1);
	free(rows);
	assert_int_equal(count_by_type(db, 2024, "X7", &rows, &n, &err), ANTT_ERR_NOT_FOUND);
	tu_cleanup(db);
}

/* The year screens and reports open on: the setting, else the latest
 * assessed year, else the calendar year; a bad setting is passed over. */
static void start_year_setting_then_latest_then_today(void **state)
{
	antt_db *db = tu_commune(1);
	time_t now = time(NULL);
	struct tm tm;
	(void)state;
	localtime_r(&now, &tm);
	assert_int_equal(assess_start_year(db), tm.tm_year + 1900);
	OK(assess_register(db, "K1", 2021, &err));
	assert_int_equal(assess_start_year(db), 2021);
	OK(db_setting_set(db, "current_year", "2019", &err));
	assert_int_equal(assess_start_year(db), 2019);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE settings SET value = '1999' WHERE key = 'current_year'",
		NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(assess_start_year(db), 2021);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdict_follows_answers),
		cmocka_unit_test(exception_needs_a_note_and_then_holds),
		cmocka_unit_test(wrong_values_are_refused_and_nothing_written),
		cmocka_unit_test(answers_are_audited_with_who_and_old_value),
		cmocka_unit_test(commune_needs_seventy_percent_of_its_units),
		cmocka_unit_test(commune_needs_every_unit_registered),
		cmocka_unit_test(old_regulation_counts_all_khu_dan_cu),
		cmocka_unit_test(past_year_keeps_its_criteria_set),
		cmocka_unit_test(import_answers_all_or_nothing),
		cmocka_unit_test(rolled_back_set_is_not_remembered_by_id),
		cmocka_unit_test(import_recomputes_every_year),
		cmocka_unit_test(recompute_reads_no_approved_form),
		cmocka_unit_test(summary_counts_per_type),
		cmocka_unit_test(start_year_setting_then_latest_then_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
