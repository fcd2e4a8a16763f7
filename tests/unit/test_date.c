/* date: dates typed the Vietnamese way (15/03/2024, 5/3/2024) or ISO
 * (2024-03-15) are read into ISO; impossible days (31/02) are refused with
 * the reason; deadlines are day/month; stored dates are shown dd/mm/yyyy. */
#include "testutil.h"
#include "date.h"

#include <time.h>

static void dates_in_every_form(void **state)
{
	static const struct { const char *s, *iso; } good[] = {
		{ "15/03/2024", "2024-03-15" }, { "5/3/2024", "2024-03-05" }, { " 05/03/2024 ", "2024-03-05" },
		{ "2024-03-15", "2024-03-15" }, { "29/02/2024", "2024-02-29" }, { "31/12/2099", "2099-12-31" },
		{ "15-03-2024", "2024-03-15" }, { "15.03.2024", "2024-03-15" },
	};
	static const char *const bad[] = {
		"31/02/2024", "29/02/2023", "32/01/2024", "0/1/2024", "15/13/2024", "15/03", "15/03/24",
		"2024-02-30", "2024-3-15x", "abc", "", "15/03/2024/1", "1e3/1/2024", "-1/3/2024", "15//2024",
		"15/03/1800",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		antt_err err = { "" };
		char iso[11] = "";
		if (date_parse(good[i].s, "ngày", iso, &err) != ANTT_OK)
			fail_msg("\"%s\" refused: %s", good[i].s, err.msg);
		assert_string_equal(iso, good[i].iso);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		antt_err err = { "" };
		char iso[11] = "unchanged";
		if (date_parse(bad[i], "ngày", iso, &err) == ANTT_OK)
			fail_msg("\"%s\" accepted as %s", bad[i], iso);
		assert_string_equal(iso, "unchanged");
		assert_contains(err.msg, "ngày");
	}
}

/* The reason names the real problem: a day the month does not have is not
 * a "format" error. */
static void refusals_say_why(void **state)
{
	antt_err err = { "" };
	char iso[11];
	(void)state;
	assert_int_equal(date_parse("31/02/2024", "ngày quyết định", iso, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tháng 2 năm 2024 chỉ có 29 ngày");
	assert_int_equal(date_parse("hôm qua", "ngày quyết định", iso, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "ngày quyết định \"hôm qua\"");
	assert_contains(err.msg, "15/03/2024");
	assert_int_equal(date_parse("15/13/2024", "ngày", iso, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tháng 13");
}

static void deadlines_are_day_month(void **state)
{
	static const struct { const char *s, *md; } good[] = {
		{ "15/11", "11-15" }, { "5/1", "01-05" }, { "15/11/2024", "11-15" }, { "28/02", "02-28" },
		{ "11-15", "11-15" },   /* the stored form, month-day, as typed before */
	};
	static const char *const bad[] = { "31/11", "15/13", "13-40", "11", "11-15x", "111-15", "", "30/02",
		"29/02" /* not a day of every year: a yearly deadline may not move */ };
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		antt_err err = { "" };
		char md[6] = "";
		if (date_parse_day_month(good[i].s, "hạn", md, &err) != ANTT_OK)
			fail_msg("\"%s\" refused: %s", good[i].s, err.msg);
		assert_string_equal(md, good[i].md);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		antt_err err = { "" };
		char md[6] = "";
		if (date_parse_day_month(bad[i], "hạn", md, &err) == ANTT_OK)
			fail_msg("\"%s\" accepted as %s", bad[i], md);
	}
}

static void shown_day_first(void **state)
{
	char buf[32];
	(void)state;
	assert_string_equal(date_show("2024-03-05", buf, sizeof(buf)), "05/03/2024");
	assert_string_equal(date_show("", buf, sizeof(buf)), "");
	assert_string_equal(date_show("lạ", buf, sizeof(buf)), "lạ");
	assert_string_equal(date_show_day_month("11-15", buf, sizeof(buf)), "15/11");
	/* UTC from the database, shown in the machine's time zone */
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	assert_string_equal(date_show_local("2024-11-15 20:30:00", buf, sizeof(buf)), "16/11/2024 03:30");
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(date_show_local("2024-11-15 20:30:00", buf, sizeof(buf)), "15/11/2024 20:30");
	assert_string_equal(date_show_local("2024-11-15T20:30:00Z", buf, sizeof(buf)), "15/11/2024 20:30");
	assert_string_equal(date_show_local("?", buf, sizeof(buf)), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_in_every_form),
		cmocka_unit_test(refusals_say_why),
		cmocka_unit_test(deadlines_are_day_month),
		cmocka_unit_test(shown_day_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
