/* tally: the province report's figures. One row per commune with its
 * units counted per layout group, the totals, the year before, the units
 * under no commune in their own row, and the unit lists of the detail
 * sheets in order. */
#include "testutil.h"
#include "answer.h"
#include "tally.h"

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static int known(const char *code, void *ctx)
{
	(void)code;
	(void)ctx;
	return 1;
}

/* X1 with K1..K3: K1 and K2 answered "đạt", K1 recognised; a school
 * directly under the office; 2023: K1 recognised too. */
static antt_db *season(report_layout **l)
{
	antt_db *db = tu_commune(3);
	OK(unit_add(db, "T1", "co-so-giao-duc", "Trường Tiểu học Hòa Bình", NULL, &err));
	OK(answer_set(db, "K1", 2023, "*", "đạt", NULL, -1, &err));
	tu_recognise(db, "K1", 2023);
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	tu_recognise(db, "K1", 2024);
	OK(layout_load("forms/reports/tong-hop.yaml", known, NULL, l, &err));
	return db;
}

static void communes_totals_and_the_year_before(void **state)
{
	report_layout *l;
	antt_db *db = season(&l);
	tally t;
	(void)state;
	OK(tally_compute(db, 2024, NULL, l, &t, &err));
	assert_int_equal(t.year, 2024);
	assert_int_equal(t.n_groups, l->n_groups);
	assert_int_equal(t.n_rows, 2);
	assert_string_equal(t.rows[0].code, "X1");
	assert_int_equal(t.rows[0].cells[0].total, 3);
	assert_int_equal(t.rows[0].cells[0].registered, 2);
	assert_int_equal(t.rows[0].cells[0].recognised, 1);
	assert_int_equal(t.rows[1].orphan, 1);
	assert_int_equal(t.orphans, 1);
	assert_int_equal(t.totals[0].registered, 2);
	assert_int_equal(t.prev[0].recognised, 1);
	assert_int_equal(t.prev[0].registered, 1);
	tally_free(&t);
	OK(tally_compute(db, 2024, "X1", l, &t, &err));
	assert_int_equal(t.n_rows, 1);
	assert_int_equal(t.orphans, 0);
	tally_free(&t);
	assert_int_equal(tally_compute(db, 2024, "KHONG", l, &t, &err), ANTT_ERR_NOT_FOUND);
	layout_free(l);
	tu_cleanup(db);
}

typedef struct {
	char codes[8][16];
	char verdicts[8][16];
	int n;
} seen;

static int collect(const tally_unit *u, void *ctx)
{
	seen *s = ctx;
	if (s->n < 8) {
		snprintf(s->codes[s->n], sizeof(s->codes[0]), "%s", u->code);
		snprintf(s->verdicts[s->n], sizeof(s->verdicts[0]), "%s", u->verdict ? u->verdict : "-");
	}
	s->n++;
	return 0;
}

static void units_come_by_type_commune_and_code(void **state)
{
	report_layout *l;
	antt_db *db = season(&l);
	seen s = { .n = 0 };
	(void)state;
	OK(tally_units(db, 2024, NULL, collect, &s, &err));
	assert_int_equal(s.n, 5);
	assert_string_equal(s.codes[0], "X1");
	assert_string_equal(s.codes[1], "K1");
	assert_string_equal(s.verdicts[1], "pass");
	assert_string_equal(s.codes[3], "K3");
	assert_string_equal(s.verdicts[3], "-");
	assert_string_equal(s.codes[4], "T1");
	layout_free(l);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(communes_totals_and_the_year_before),
		cmocka_unit_test(units_come_by_type_commune_and_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
