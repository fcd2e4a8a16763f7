/* rule: SQLite evaluates the pass rules; a rule can read only the answer
 * row, and errors point at the place in the expression. */
#include "testutil.h"
#include "rule.h"

static rule_engine *re;

static int setup(void **state)
{
	antt_err err = { "" };
	(void)state;
	return rule_engine_new(&re, &err) == ANTT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	rule_engine_free(re);
	return 0;
}

static int eval(const char *expr, rule_input in)
{
	sqlite3_stmt *st;
	char msg[256];
	int off, result = -9;
	antt_err err = { "" };

	if (rule_compile(re, expr, &st, &off, msg, sizeof(msg)) != ANTT_OK)
		fail_msg("%s: %s", expr, msg);
	assert_int_equal(rule_eval(st, &in, &result, &err), ANTT_OK);
	sqlite3_finalize(st);
	return result;
}

static void exception_rule(void **state)
{
	const char *r = "value = 0 OR exception = 1";
	(void)state;
	assert_int_equal(eval(r, (rule_input){ .value = { RV_INT, .i = 0 } }), RULE_PASS);
	assert_int_equal(eval(r, (rule_input){ .value = { RV_INT, .i = 2 } }), RULE_FAIL);
	assert_int_equal(eval(r, (rule_input){ .value = { RV_INT, .i = 2 }, .exception = 1 }), RULE_PASS);
}

static void null_means_missing(void **state)
{
	(void)state;
	assert_int_equal(eval("value >= 100", (rule_input){ .value = { RV_NULL } }), RULE_MISSING);
	assert_int_equal(eval("value >= 100", (rule_input){ .value = { RV_REAL, .d = 99.5 } }), RULE_FAIL);
	assert_int_equal(eval("value <> 'Không đạt'", (rule_input){ .value = { RV_TEXT, .s = "Đạt" } }), RULE_PASS);
}

/* The TT 124 commune criterion: 100 % registered, 70 % recognised. */
static void seventy_percent_of_units(void **state)
{
	const char *r = "CASE WHEN registered < total THEN 0 WHEN recognised * 10 >= total * 7 THEN 1"
		" WHEN assessed < registered THEN NULL ELSE 0 END";
	(void)state;
	assert_int_equal(eval(r, (rule_input){ .total = 10, .registered = 10, .assessed = 10, .recognised = 7 }), RULE_PASS);
	assert_int_equal(eval(r, (rule_input){ .total = 10, .registered = 10, .assessed = 10, .recognised = 6 }), RULE_FAIL);
	assert_int_equal(eval(r, (rule_input){ .total = 10, .registered = 9, .assessed = 9, .recognised = 9 }), RULE_FAIL);
	assert_int_equal(eval(r, (rule_input){ .total = 10, .registered = 10, .assessed = 8, .recognised = 6 }), RULE_MISSING);
	assert_int_equal(eval(r, (rule_input){ .total = 25, .registered = 25, .assessed = 25, .recognised = 17 }), RULE_FAIL);
	assert_int_equal(eval(r, (rule_input){ .total = 25, .registered = 25, .assessed = 25, .recognised = 18 }), RULE_PASS);
}

static void compile_errors_point_into_the_expression(void **state)
{
	static const struct { const char *expr; int offset; const char *msg; } bad[] = {
		{ "value = = 0", 8, "syntax error" },
		{ "valeu = 0", 0, "no such column: valeu" },
		{ "value = 1; DROP TABLE units", 9, "dấu ';'" },
		{ "(SELECT count(*) FROM units) > 0", -2, "không được đọc bảng" },
		{ "(SELECT value FROM sqlite_master) = 1", -2, "không được đọc bảng" },
		{ "1) FROM units WHERE (1", -2, "" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		sqlite3_stmt *st = NULL;
		char msg[256] = "";
		int off = -5;
		assert_int_equal(rule_compile(re, bad[i].expr, &st, &off, msg, sizeof(msg)), ANTT_ERR_RULE);
		assert_null(st);
		if (bad[i].offset != -2)
			assert_int_equal(off, bad[i].offset);
		assert_contains(msg, bad[i].msg);
	}
}

/* ten rows, to build cross-joins */
#define TEN "(VALUES(1),(2),(3),(4),(5),(6),(7),(8),(9),(10))"

/* Issue 12: rules that would change by themselves, eat memory or hang an
 * import are refused when they compile (the trial run with no answer
 * catches the ones that do not depend on it). */
static void hostile_rules_are_refused(void **state)
{
	static const struct { const char *expr; int offset; const char *msg; } bad[] = {
		{ "random() > 0", 0, "không được gọi hàm random()" },
		{ "value = 1 AND abs(random()) % 2 = 0", 18, "không được gọi hàm random()" },
		{ "unixepoch('now') > 1700000000", 0, "hàm ngày giờ unixepoch()" },
		{ "date('now') > '2024-01-01'", 0, "hàm ngày giờ date()" },
		{ "JulianDay(value) > 0", 0, "hàm ngày giờ julianday()" },
		{ "strftime('%Y') = '2026'", 0, "hàm ngày giờ strftime()" },
		{ "CURRENT_DATE > '2024'", -2, "hàm ngày giờ current_date()" },
		{ "length(randomblob(1e9)) > 0", 7, "không được gọi hàm randomblob()" },
		{ "length(zeroblob(1e9)) > 0", 7, "không được gọi hàm zeroblob()" },
		{ "fts3_tokenizer('simple') IS NOT NULL", 0, "không được gọi hàm fts3_tokenizer()" },
		{ "load_extension('/tmp/x.so') IS NULL", 0, "không được gọi hàm load_extension()" },
		{ "sqlite_version() > '3'", 0, "không được gọi hàm sqlite_version()" },
		{ "changes() = 0", 0, "không được gọi hàm changes()" },
		{ "length(replace(substr(hex(1), 1, 1), '3', '')) = 0", 22, "không được gọi hàm hex()" },
		{ "(SELECT count(*) FROM " TEN " a, " TEN " b, " TEN " c, " TEN " d, " TEN " e, "
		  TEN " f, " TEN " g) > 0", -1, "bước tính" },
		{ "length(replace(replace(replace(replace(replace(replace('xxxxxxxxxx', 'x', 'xxxxxxxxxx'),"
		  " 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'),"
		  " 'x', 'xxxxxxxxxx')) > 0", -1, "dài quá" },
		{ "(SELECT count(*) FROM (SELECT DISTINCT replace(replace(replace('xxxxx',"
		  " 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx'), 'x', 'xxxxxxxxxx') || a.column1 || b.column1 || c.column1"
		  " || d.column1 || e.column1 FROM " TEN " a, " TEN " b, " TEN " c, " TEN " d, " TEN " e)) > 0", -1, "MB bộ nhớ" },
		{ "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c) > 0",
		  -2, "không được đọc bảng" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		sqlite3_stmt *st = NULL;
		char msg[512] = "";
		int off = -5;
		if (rule_compile(re, bad[i].expr, &st, &off, msg, sizeof(msg)) != ANTT_ERR_RULE)
			fail_msg("accepted: %s", bad[i].expr);
		assert_null(st);
		if (bad[i].offset != -2 && off != bad[i].offset)
			fail_msg("%s: offset %d, expected %d", bad[i].expr, off, bad[i].offset);
		if (!strstr(msg, bad[i].msg))
			fail_msg("%s: message \"%s\" lacks \"%s\"", bad[i].expr, msg, bad[i].msg);
	}
}

/* A rule that is cheap without an answer but hangs with one is stopped
 * when it is evaluated, after a counted number of VM steps. */
static void a_rule_that_hangs_on_an_answer_is_stopped(void **state)
{
	const char *r = "value = 0 OR (SELECT count(*) FROM " TEN " a, " TEN " b, " TEN " c, "
		TEN " d, " TEN " e, " TEN " f, " TEN " g WHERE value > 0) > 0";
	sqlite3_stmt *st;
	char msg[256];
	int off, result = -9;
	antt_err err = { "" };
	(void)state;

	assert_int_equal(rule_compile(re, r, &st, &off, msg, sizeof(msg)), ANTT_OK);
	assert_int_equal(rule_eval(st, &(rule_input){ .value = { RV_INT, .i = 0 } }, &result, &err), ANTT_OK);
	assert_int_equal(result, RULE_PASS);
	assert_int_equal(rule_eval(st, &(rule_input){ .value = { RV_INT, .i = 1 } }, &result, &err), ANTT_ERR_RULE);
	assert_contains(err.msg, "bước tính");
	/* the statement is usable again afterwards */
	assert_int_equal(rule_eval(st, &(rule_input){ .value = { RV_INT, .i = 0 } }, &result, &err), ANTT_OK);
	assert_int_equal(result, RULE_PASS);
	sqlite3_finalize(st);
}

/* Deterministic functions still work. */
static void deterministic_functions_are_allowed(void **state)
{
	(void)state;
	assert_int_equal(eval("lower(trim(value)) = 'có' AND length(value) < 10",
		(rule_input){ .value = { RV_TEXT, .s = " Có " } }), RULE_PASS);
	assert_int_equal(eval("coalesce(value, 0) >= 1", (rule_input){ .value = { RV_NULL } }), RULE_FAIL);
	assert_int_equal(eval("iif(abs(round(value)) >= 3, 1, 0)", (rule_input){ .value = { RV_REAL, .d = -2.6 } }), RULE_PASS);
	assert_int_equal(eval("value >= '2024-01-01'", (rule_input){ .value = { RV_TEXT, .s = "2024-05-01" } }), RULE_PASS);
}

static void unit_types_come_from_the_schema(void **state)
{
	(void)state;
	assert_true(rule_engine_type_known(re, "dac-khu"));
	assert_true(rule_engine_type_known(re, "co-so-giao-duc"));
	assert_false(rule_engine_type_known(re, "thon"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exception_rule),
		cmocka_unit_test(null_means_missing),
		cmocka_unit_test(seventy_percent_of_units),
		cmocka_unit_test(compile_errors_point_into_the_expression),
		cmocka_unit_test(unit_types_come_from_the_schema),
		cmocka_unit_test(hostile_rules_are_refused),
		cmocka_unit_test(a_rule_that_hangs_on_an_answer_is_stopped),
		cmocka_unit_test(deterministic_functions_are_allowed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
