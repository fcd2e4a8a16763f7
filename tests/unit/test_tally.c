/* tally: the province report's figures. One row per commune with its
 * units counted per layout group, the totals, the year before, the units
 * under no commune in their own row, and the unit lists of the detail
 * sheets in order. */
#include "testutil.h"
#include "answer.h"
#include "assess.h"
#include "tally.h"
#include "unit.h"

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

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
	OK(layout_load("forms/reports/tong-hop.yaml", tu_any_type, NULL, l, &err));
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

static int stop_at_two(const tally_unit *u, void *ctx)
{
	return collect(u, ctx), ((seen *)ctx)->n == 2;
}

static void units_come_by_type_commune_and_code(void **state)
{
	report_layout *l;
	antt_db *db = season(&l);
	seen s = { .n = 0 };
	(void)state;
	OK(tally_units(db, 2024, NULL, NULL, 0, collect, &s, &err));   /* the types' own order */
	assert_int_equal(s.n, 5);
	assert_string_equal(s.codes[0], "X1");
	assert_string_equal(s.codes[1], "K1");
	assert_string_equal(s.verdicts[1], "pass");
	assert_string_equal(s.codes[3], "K3");
	assert_string_equal(s.verdicts[3], "-");
	assert_string_equal(s.codes[4], "T1");
	/* the layout's: khu dân cư first, as page 1 lists them */
	memset(&s, 0, sizeof(s));
	OK(tally_units(db, 2024, NULL, l, 0, collect, &s, &err));
	assert_int_equal(s.n, 5);
	assert_string_equal(s.codes[0], "K1");
	assert_string_equal(s.codes[2], "K3");
	assert_string_equal(s.codes[3], "X1");
	assert_string_equal(s.codes[4], "T1");
	/* the order's temporary table is gone after, and after a stop */
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'tally_order'"), 0);
	memset(&s, 0, sizeof(s));
	OK(tally_units(db, 2024, NULL, l, 0, stop_at_two, &s, &err));
	assert_int_equal(s.n, 2);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'tally_order'"), 0);
	/* the same list again, and under a commune */
	memset(&s, 0, sizeof(s));
	OK(tally_units(db, 2024, "X1", l, 0, collect, &s, &err));
	assert_int_equal(s.n, 4);
	assert_string_equal(s.codes[0], "K1");
	assert_string_equal(s.codes[3], "X1");
	/* the order made beforehand (the report's, beside its twin) is read */
	OK(tally_order(db, 2024, "X1", l, &err));
	memset(&s, 0, sizeof(s));
	OK(tally_units(db, 2024, "X1", l, 1, collect, &s, &err));
	assert_int_equal(s.n, 4);
	assert_string_equal(s.codes[0], "K1");
	assert_string_equal(s.codes[3], "X1");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'tally_order'"), 0);
	/* and one left behind, for another list, is not */
	OK(tally_order(db, 2024, "X1", l, &err));
	memset(&s, 0, sizeof(s));
	OK(tally_units(db, 2024, NULL, l, 0, collect, &s, &err));
	assert_int_equal(s.n, 5);
	assert_string_equal(s.codes[4], "T1");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'tally_order'"), 0);
	layout_free(l);
	tu_cleanup(db);
}

/* An office with two communes, one retired in 2024 with a village still
 * in force below it, a village moved under a commune made after it (its
 * parent's id above its own), a school directly under the office, an
 * excluded village and a district (not assessed). */
static antt_db *tree(report_layout **l)
{
	antt_db *db = tu_open();
	const char *add[][4] = { { "CA", "tinh", "Công an tỉnh", NULL }, { "X1", "xa", "Xã Một", "CA" },
		{ "K1", "khu-dan-cu", "Thôn 1", "X1" }, { "K2", "khu-dan-cu", "Thôn 2", "X1" },
		{ "X2", "xa", "Xã Hai", "CA" }, { "K4", "khu-dan-cu", "Thôn 4", "X2" }, { "K6", "co-quan", "Kho 6", "CA" },
		{ "T1", "co-so-giao-duc", "Trường 1", "CA" }, { "H1", "huyen", "Huyện 1", "CA" },
		{ "K7", "khu-dan-cu", "Thôn 7", "X1" }, { "X3", "phuong", "Phường Ba", "CA" } };

	for (size_t i = 0; i < sizeof(add) / sizeof(*add); i++)
		OK(unit_add(db, add[i][0], add[i][1], add[i][2], add[i][3], &err));
	OK(unit_move(db, "K6", "X3", &err));
	OK(assess_set_excluded(db, "K7", 1, &err));
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE units SET valid_to = '2024-07-01' WHERE code = 'X2'", NULL, NULL,
		NULL), SQLITE_OK);
	for (int y = 2023; y <= 2024; y++) {
		OK(answer_set(db, "K1", y, "*", "đạt", NULL, -1, &err));
		OK(answer_set(db, "K4", y, "*", "đạt", NULL, -1, &err));
		OK(answer_set(db, "K6", y, "*", "đạt", NULL, -1, &err));
		OK(answer_set(db, "T1", y, "*", "đạt", NULL, -1, &err));
	}
	tu_recognise(db, "K1", 2023);   /* constant years: tu_recognise's date buffer fits them */
	tu_recognise(db, "K1", 2024);
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(layout_load("forms/reports/tong-hop.yaml", tu_any_type, NULL, l, &err));
	return db;
}

static void same_figures(const count_row *a, const count_row *b)
{
	assert_int_equal(a->total, b->total);
	assert_int_equal(a->excluded, b->excluded);
	assert_int_equal(a->registered, b->registered);
	assert_int_equal(a->assessed, b->assessed);
	assert_int_equal(a->passed, b->passed);
	assert_int_equal(a->approved, b->approved);
	assert_int_equal(a->recognised, b->recognised);
}

static void same_types(const count_row *a, size_t na, const count_row *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].type, b[i].type);
		assert_string_equal(a[i].name, b[i].name);
		same_figures(&a[i], &b[i]);
	}
}

/* The whole database is counted in one pass over the units (no --under):
 * the same rows, totals, year before and counts by type as the walk down
 * the tree from the office (--under its code) and count_by_type. */
static void one_pass_counts_as_the_walk(void **state)
{
	report_layout *l;
	antt_db *db = tree(&l);
	(void)state;
	for (int y = 2023; y <= 2025; y++) {
		tally once, walk;
		count_row *now, *prev;
		size_t nn, np;
		OK(tally_compute(db, y, NULL, l, &once, &err));
		OK(tally_compute(db, y, "CA", l, &walk, &err));
		assert_non_null(once.types_now);
		assert_null(walk.types_now);
		assert_int_equal(once.n_rows, walk.n_rows);
		assert_int_equal(once.units, walk.units);
		assert_int_equal(once.orphans, walk.orphans);
		for (size_t r = 0; r < once.n_rows; r++) {
			assert_string_equal(once.rows[r].code, walk.rows[r].code);
			assert_int_equal(once.rows[r].orphan, walk.rows[r].orphan);
			for (size_t g = 0; g < once.n_groups; g++)
				same_figures(&once.rows[r].cells[g], &walk.rows[r].cells[g]);
		}
		for (size_t g = 0; g < once.n_groups; g++) {
			same_figures(&once.totals[g], &walk.totals[g]);
			same_figures(&once.prev[g], &walk.prev[g]);
		}
		OK(count_by_type(db, y, NULL, &now, &nn, &err));
		OK(count_by_type(db, y - 1, NULL, &prev, &np, &err));
		same_types(once.types_now, once.n_types_now, now, nn);
		same_types(once.types_prev, once.n_types_prev, prev, np);
		if (y == 2024) {   /* X2 is gone: no row; K4 below it is counted by type only */
			assert_int_equal(once.n_rows, 3);   /* X1, X3, and "Trực thuộc" (T1, H1 holds no unit) */
			assert_string_equal(once.types_now[2].type, "khu-dan-cu");
			assert_int_equal(once.types_now[2].total, 4);   /* K1, K2, K4, K7 */
			assert_int_equal(once.types_now[2].excluded, 1);
		}
		free(now);
		free(prev);
		tally_free(&once);
		tally_free(&walk);
	}
	layout_free(l);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(communes_totals_and_the_year_before),
		cmocka_unit_test(units_come_by_type_commune_and_code),
		cmocka_unit_test(one_pass_counts_as_the_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
