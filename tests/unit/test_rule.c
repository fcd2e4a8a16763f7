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
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
