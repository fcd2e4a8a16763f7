/* num: whole numbers from user input are read whole and held to a range;
 * what strtoll or atoi would wrap, truncate or half-read is refused. */
#include "testutil.h"
#include "num.h"

#include <limits.h>

static void ranges_hold(void **state)
{
	static const struct { const char *s; long long lo, hi; int ok; long long v; } cases[] = {
		{ "0", 0, 10, 1, 0 }, { " 10 ", 0, 10, 1, 10 }, { "+7", 0, 10, 1, 7 }, { "-3", -5, 5, 1, -3 },
		{ "11", 0, 10, 0, 0 }, { "-1", 0, 10, 0, 0 }, { "", 0, 10, 0, 0 }, { " ", 0, 10, 0, 0 },
		{ "12abc", 0, 100, 0, 0 }, { "0x10", 0, 100, 0, 0 }, { "1e3", 0, 10000, 0, 0 }, { "3.0", 0, 10, 0, 0 },
		{ "-", 0, 10, 0, 0 }, { "9223372036854775807", 0, NUM_COUNT_MAX, 0, 0 },
		{ "9223372036854775808", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "9223372036854775807", LLONG_MIN, LLONG_MAX, 1, LLONG_MAX },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		antt_err err = { "" };
		long long v = -42;
		antt_status st = num_parse(cases[i].s, cases[i].lo, cases[i].hi, "số", &v, &err);
		if ((st == ANTT_OK) != cases[i].ok)
			fail_msg("\"%s\" in [%lld, %lld]: %s", cases[i].s, cases[i].lo, cases[i].hi, err.msg);
		if (cases[i].ok)
			assert_int_equal(v, cases[i].v);
		else
			assert_int_equal(v, -42);
	}
}

static void years_do_not_wrap(void **state)
{
	antt_err err = { "" };
	int y = 0;
	(void)state;
	assert_int_equal(num_year("2024", &y, &err), ANTT_OK);
	assert_int_equal(y, 2024);
	/* 4294969316 = 2^32 + 2020: an (int) cast made it 2020 */
	assert_int_equal(num_year("4294969316", &y, &err), ANTT_ERR_INVALID);
	assert_int_equal(y, 2024);
	assert_contains(err.msg, "năm phải là số nguyên từ 2000 đến 2100, không phải \"4294969316\"");
	assert_int_equal(num_year("1999", &y, &err), ANTT_ERR_INVALID);
}

static void counts_name_their_field(void **state)
{
	antt_err err = { "" };
	long long v;
	(void)state;
	assert_int_equal(num_count("1000000000", "số người", &v, &err), ANTT_OK);
	assert_int_equal(num_count("1000000001", "số người", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "số người phải là số nguyên từ 0 đến 1000000000");
	assert_int_equal(num_check(-1, 0, 5, "số tổ", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "số tổ phải là số nguyên từ 0 đến 5, không phải -1");
}

/* Settings the reports read as numbers: bounded like any other input. */
static void settings_that_are_numbers(void **state)
{
	antt_err err = { "" };
	static const char *const bad[][2] = {
		{ "target_xa", "nan" }, { "target_xa", "inf" }, { "target_xa", "1e309" }, { "target_xa", "-5" },
		{ "target_xa", "100.01" }, { "target_xa", "97,5" }, { "target_xa", "" }, { "current_year", "4294969316" },
		{ "login_required", "2" }, { "login_required", "" }, { "deadline_others", "13-01" },
		{ "deadline_others", "11-15x" }, { "deadline_others", "111-15" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (num_setting(bad[i][0], bad[i][1], &err) != ANTT_ERR_INVALID)
			fail_msg("%s = \"%s\" accepted", bad[i][0], bad[i][1]);
	assert_int_equal(num_setting("target_xa", "97.5", &err), ANTT_OK);
	assert_int_equal(num_setting("target_khu-dan-cu", "0", &err), ANTT_OK);
	assert_int_equal(num_setting("current_year", "2024", &err), ANTT_OK);
	assert_int_equal(num_setting("login_required", "0", &err), ANTT_OK);
	assert_int_equal(num_setting("deadline_khu-dan-cu", "11-15", &err), ANTT_OK);
	assert_int_equal(num_setting("office_name", "Công an huyện 1e309", &err), ANTT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges_hold),
		cmocka_unit_test(years_do_not_wrap),
		cmocka_unit_test(counts_name_their_field),
		cmocka_unit_test(settings_that_are_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
