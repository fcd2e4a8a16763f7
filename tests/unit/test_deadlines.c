/* The cycle's deadlines on the Progress screen: TT 124's recognition dates
 * and QĐ 510's classification dates (khu dân cư 20/11; xã, cơ quan… 30/11;
 * the level above 15/12), what is still due for each, and a yearly
 * deadline that must exist every year (29/02 does not). */
#include "testutil.h"
#include "assess.h"
#include "date.h"
#include "progress.h"
#include "score.h"

#include <string.h>

static antt_err err;
#define OK(x) do { antt_status s_ = (x); if (s_ != ANTT_OK) fail_msg("%s: %s", #x, err.msg); } while (0)

static antt_db *district(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "H", "huyen", "Huyện Sông Lam", NULL, &err));
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", "H", &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Đoài", "X1", &err));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "X1", 2024, "*", "đạt", NULL, -1, &err));
	return db;
}

static void movement_deadlines_count_what_is_still_to_score(void **state)
{
	antt_db *db = district();
	progress_deadline dl[3];
	(void)state;
	OK(score_set(db, "K1", 2024, "1", "5", NULL, &err));   /* K1 self-scored, no reviewer yet */
	OK(progress_movement_deadlines(db, 2024, "2024-11-19", dl, &err));
	assert_string_equal(dl[0].date, "20/11/2024");
	assert_int_equal(dl[0].due, 1);          /* K2 not scored */
	assert_false(dl[0].late);
	assert_string_equal(dl[1].date, "30/11/2024");
	assert_int_equal(dl[1].due, 1);          /* X1 not scored */
	assert_string_equal(dl[2].date, "15/12/2024");
	assert_int_equal(dl[2].due, 1);          /* K1: no reviewer's score */
	OK(progress_movement_deadlines(db, 2024, "2024-11-21", dl, &err));
	assert_true(dl[0].late);
	assert_false(dl[1].late);
	assert_false(dl[2].late);
	OK(progress_movement_deadlines(db, 2024, "2024-12-16", dl, &err));
	assert_true(dl[2].late);
	/* the settings move them, as the TT 124 ones */
	OK(db_setting_set(db, "deadline_510_others", "11-25", &err));
	OK(progress_movement_deadlines(db, 2024, "2024-11-26", dl, &err));
	assert_string_equal(dl[1].date, "25/11/2024");
	assert_true(dl[1].late);
	tu_cleanup(db);
}

/* Worked out a row a step (as the screen does between keys), the
 * deadlines are those of one pass. */
static void deadlines_in_steps_are_the_same(void **state)
{
	antt_db *db = district();
	progress_deadline a[2], am[3], b[2], bm[3];
	progress_due *d = NULL;
	int done = 0, steps = 0;
	(void)state;
	memset(a, 0, sizeof(a));   /* compared byte for byte */
	memset(am, 0, sizeof(am));
	memset(b, 0, sizeof(b));
	memset(bm, 0, sizeof(bm));
	OK(score_set(db, "K1", 2024, "1", "5", NULL, &err));
	OK(progress_all_deadlines(db, 2024, "2024-11-21", a, am, &err));
	while (!done && steps++ < 100)
		OK(progress_due_step(db, &d, 2024, 1, &done, &err));
	assert_true(done);
	assert_true(steps > 3);   /* one a row: 3 forms, then the units */
	OK(progress_due_deadlines(db, d, "2024-11-21", b, bm, &err));
	progress_due_free(d);
	assert_memory_equal(a, b, sizeof(a));
	assert_memory_equal(am, bm, sizeof(am));
	assert_int_equal(a[0].due, 2);   /* K1, K2 not approved */
	assert_int_equal(bm[2].due, 1);
	tu_cleanup(db);
}

static void yearly_deadline_must_exist_every_year(void **state)
{
	antt_db *db = district();
	progress_deadline dl[2];
	char md[6];
	(void)state;
	assert_int_equal(date_parse_day_month("29/2", "hạn", md, &err), ANTT_ERR_INVALID);
	assert_non_null(strstr(err.msg, "29/2"));
	OK(date_parse_day_month("28/2", "hạn", md, &err));
	assert_string_equal(md, "02-28");
	/* a 02-29 stored before this check falls back to the default, in a
	 * leap year too: the deadline may not move from year to year */
	OK(db_setting_set(db, "deadline_others", "02-29", &err));
	OK(progress_deadlines(db, 2023, "2023-11-16", dl, &err));
	assert_string_equal(dl[1].date, "20/11/2023");
	OK(progress_deadlines(db, 2024, "2024-11-16", dl, &err));
	assert_string_equal(dl[1].date, "20/11/2024");
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(movement_deadlines_count_what_is_still_to_score),
		cmocka_unit_test(yearly_deadline_must_exist_every_year),
		cmocka_unit_test(deadlines_in_steps_are_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
