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
		{ "target_xa", "100.01" }, { "target_xa", "97,5,1" }, { "target_xa", "" }, { "target_xa", "0x10" }, { "current_year", "4294969316" },
		{ "login_required", "2" }, { "login_required", "" }, { "deadline_others", "13-01" },
		{ "deadline_others", "11-15x" }, { "deadline_others", "111-15" }, { "deadline_others", "31/11" },
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

/* The Vietnamese decimal comma is read as the point, and shown back. */
static void decimals_with_a_comma(void **state)
{
	static const struct { const char *s; int ok; double v; } cases[] = {
		{ "92,5", 1, 92.5 }, { "92.5", 1, 92.5 }, { " 100 ", 1, 100 }, { "0", 1, 0 }, { "0,25", 1, 0.25 },
		{ "100,01", 0, 0 }, { "-1", 0, 0 }, { "9,2,5", 0, 0 }, { "9.2,5", 0, 0 }, { ",5", 0, 0 },
		{ "5,", 0, 0 }, { "1e2", 0, 0 }, { "nan", 0, 0 }, { "inf", 0, 0 }, { "0x10", 0, 0 }, { "", 0, 0 },
		{ "92 5", 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		antt_err err = { "" };
		double v = -42;
		antt_status st = num_decimal(cases[i].s, 0, 100, "chỉ tiêu", &v, &err);
		if ((st == ANTT_OK) != cases[i].ok)
			fail_msg("\"%s\": %s", cases[i].s, err.msg);
		if (cases[i].ok)
			assert_true(v == cases[i].v);
		else {
			assert_true(v == -42);
			assert_contains(err.msg, "chỉ tiêu");
		}
	}
}

/* A refusal says what is wrong with what was typed, not a wrong rule. */
static void decimal_refusals_say_why(void **state)
{
	antt_err err = { "" };
	double v;
	char buf[32];
	(void)state;
	assert_int_equal(num_decimal("100,5", 0, 100, "chỉ tiêu", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từ 0 đến 100");
	assert_int_equal(num_decimal("9x", 0, 100, "chỉ tiêu", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "92,5");
	assert_string_equal(num_show_decimal(buf, sizeof(buf), 92.5), "92,5");
	assert_string_equal(num_show_decimal(buf, sizeof(buf), 97), "97");
	assert_string_equal(num_show_decimal(buf, sizeof(buf), 0.25), "0,25");
}

/* Settings are stored one way (a point, month-day) and typed and shown the
 * officer's way. */
static void settings_typed_and_shown(void **state)
{
	antt_err err = { "" };
	char out[64];
	(void)state;
	assert_int_equal(num_setting_value("target_xa", "92,5", out, sizeof(out), &err), ANTT_OK);
	assert_string_equal(out, "92.5");
	assert_string_equal(num_setting_show("target_xa", "92.5", out, sizeof(out)), "92,5");
	assert_int_equal(num_setting_value("deadline_others", "20/11", out, sizeof(out), &err), ANTT_OK);
	assert_string_equal(out, "11-20");
	assert_int_equal(num_setting_value("deadline_others", "11-20", out, sizeof(out), &err), ANTT_OK);
	assert_string_equal(out, "11-20");
	assert_string_equal(num_setting_show("deadline_others", "11-20", out, sizeof(out)), "20/11");
	assert_int_equal(num_setting_value("office_name", "Công an huyện", out, sizeof(out), &err), ANTT_OK);
	assert_string_equal(out, "Công an huyện");
	assert_string_equal(num_setting_show("office_name", "1.5", out, sizeof(out)), "1.5");
	strcpy(out, "unchanged");
	assert_int_equal(num_setting_value("target_xa", "101", out, sizeof(out), &err), ANTT_ERR_INVALID);
	assert_string_equal(out, "unchanged");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges_hold),
		cmocka_unit_test(years_do_not_wrap),
		cmocka_unit_test(counts_name_their_field),
		cmocka_unit_test(settings_that_are_numbers),
		cmocka_unit_test(decimals_with_a_comma),
		cmocka_unit_test(decimal_refusals_say_why),
		cmocka_unit_test(settings_typed_and_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
