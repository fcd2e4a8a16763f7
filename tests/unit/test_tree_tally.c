/* tree_tally gives the progress screen the counting model's figures from
 * the loaded tree: they must equal count_by_type and count_by_commune, on
 * the demo (recognitions, excluded units, registered and blank forms) in
 * every year, after a unit is excluded, and after a recognition is
 * withdrawn by reopening the form. */
#include "testutil.h"
#include "answer.h"
#include "count.h"
#include "demo.h"
#include "progress.h"
#include "tree.h"
#include "unit.h"
#include "assess.h"

#include <string.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void same_row(const count_row *a, const count_row *b, const char *what)
{
	if (strcmp(a->type, b->type) || a->total != b->total || a->excluded != b->excluded ||
	    a->registered != b->registered || a->assessed != b->assessed || a->passed != b->passed ||
	    a->approved != b->approved || a->recognised != b->recognised)
		fail_msg("%s: tree %s %lld/%lld/%lld/%lld/%lld/%lld/%lld, count %s %lld/%lld/%lld/%lld/%lld/%lld/%lld", what,
			a->type, a->total, a->excluded, a->registered, a->assessed, a->passed, a->approved, a->recognised,
			b->type, b->total, b->excluded, b->registered, b->assessed, b->passed, b->approved, b->recognised);
}

static void same_units(const count_units *a, const count_units *b, const char *what)
{
	count_row x = { .total = a->total, .excluded = a->excluded, .registered = a->registered, .assessed = a->assessed,
	                .passed = a->passed, .approved = a->approved, .recognised = a->recognised };
	count_row y = { .total = b->total, .excluded = b->excluded, .registered = b->registered, .assessed = b->assessed,
	                .passed = b->passed, .approved = b->approved, .recognised = b->recognised };

	same_row(&x, &y, what);
}

/* The tree's figures against the SQL's for one year, the tree loaded for
 * from (its states for year read with tree_states when from differs);
 * returns how many communes were compared, -1 when tree_states declined. */
static long compare_from(antt_db *db, int from, int year)
{
	tree_view t;
	tree_state *states = NULL;
	count_row *tt = NULL, *ct = NULL;
	count_commune *tc = NULL, *cc = NULL;
	size_t ntt, nct, ntc, ncc;
	char what[128];

	OK(tree_load(db, from, &t, &err));
	if (from != year) {
		OK(tree_states(db, &t, year, &states, &err));
		if (!states) {
			tree_free(&t);
			return -1;
		}
	}
	OK(tree_tally(&t, states, &tt, &ntt, &tc, &ntc));
	free(states);
	OK(count_by_type(db, year, NULL, &ct, &nct, &err));
	OK(count_by_commune(db, year, &cc, &ncc, &err));
	assert_int_equal(ntt, nct);
	for (size_t i = 0; i < ntt; i++) {
		snprintf(what, sizeof(what), "%d type %zu", year, i);
		same_row(&tt[i], &ct[i], what);
		assert_string_equal(tt[i].name, ct[i].name);
	}
	assert_int_equal(ntc, ncc);
	for (size_t i = 0; i < ntc; i++) {
		snprintf(what, sizeof(what), "%d commune %s", year, cc[i].code);
		assert_string_equal(tc[i].code, cc[i].code);
		assert_string_equal(tc[i].name, "");   /* the tree holds no names: the screen reads them */
		assert_true(cc[i].name[0] != '\0');
		assert_int_equal(tc[i].verdict, cc[i].verdict);
		assert_int_equal(tc[i].recognised, cc[i].recognised);
		same_units(&tc[i].units, &cc[i].units, what);
	}
	free(tt);
	free(ct);
	free(tc);
	free(cc);
	tree_free(&t);
	return (long)ntc;
}

static size_t compare(antt_db *db, int year)
{
	return (size_t)compare_from(db, year, year);
}

/* tree_set_year from one year to another gives what tree_load gives. */
/* a, switched to its year, shows what a tree loaded for that year shows
 * (both with the đạt filter). */
static void same_as_loaded(antt_db *db, const tree_view *a)
{
	tree_view b;

	OK(tree_load(db, a->year, &b, &err));
	tree_filter(&b, NULL, STATUS_PASS, NULL);
	assert_int_equal(a->n, b.n);
	assert_int_equal(a->n_vis, b.n_vis);
	for (size_t i = 0; i < a->n; i++) {
		const tree_row *x = &a->rows[a->order[i]], *y = &b.rows[b.order[i]];
		assert_string_equal(x->code, y->code);
		assert_int_equal(x->status, y->status);
		assert_int_equal(x->flow, y->flow);
		assert_int_equal(x->recognised, y->recognised);
	}
	assert_int_equal(a->n_counts, b.n_counts);
	for (size_t i = 0; i < a->n_counts; i++)
		assert_memory_equal(a->counts[i].n, b.counts[i].n, sizeof(a->counts[i].n));
	tree_free(&b);
}

static void same_as_load(antt_db *db, int from, int year)
{
	tree_view a;

	OK(tree_load(db, from, &a, &err));
	tree_filter(&a, NULL, STATUS_PASS, NULL);
	OK(tree_set_year(db, &a, year, &err));
	assert_int_equal(a.year, year);
	same_as_loaded(db, &a);
	tree_free(&a);
}

static void tally_equals_count_on_the_demo(void **state)
{
	antt_db *db = tu_open();
	size_t communes = 0;
	int units;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	for (int y = 2020; y <= 2027; y++) {   /* the demo's years and some without forms */
		communes += compare(db, y);
		/* the same from the tree of another year, its states read again */
		assert_true(compare_from(db, 2024, y) >= 0);
		same_as_load(db, 2024, y);
	}
	assert_true(communes > 0);
	tu_cleanup(db);
}

static void tally_follows_changes(void **state)
{
	antt_db *db = tu_open();
	sqlite3_stmt *st = NULL;
	char code[64] = "", unit[64] = "";
	int units, year = 0;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	/* a recognised unit: its form reopened withdraws the recognition */
	OK(db_prepare(db, "SELECT u.code, a.year FROM recognitions r JOIN assessments a ON a.id = r.assessment_id"
		" JOIN units u ON u.id = a.unit_id WHERE r.withdrawn_at IS NULL LIMIT 1", &st, &err));
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(code, sizeof(code), "%s", (const char *)sqlite3_column_text(st, 0));
		year = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	assert_true(code[0] != '\0');
	OK(db_prepare(db, "UPDATE assessments SET status = 'draft' WHERE unit_id = (SELECT id FROM units WHERE code = ?1)"
		" AND year = ?2", &st, &err));
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	compare(db, year);
	/* an excluded unit below a commune */
	OK(db_prepare(db, "SELECT code FROM units WHERE type = 'khu-dan-cu' AND excluded = 0 LIMIT 1", &st, &err));
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(unit, sizeof(unit), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	OK(assess_set_excluded(db, unit, 1, &err));
	compare(db, year);
	compare_from(db, year - 1, year);
	same_as_load(db, year - 1, year);
	/* a unit that ends: the years either side have other units in force,
	 * so the states of one tree cannot stand for the other year */
	OK(unit_retire(db, unit, "2023-06-30", NULL, &err));
	assert_int_equal(compare_from(db, 2022, 2024), -1);
	assert_true(compare_from(db, 2024, 2025) >= 0);
	same_as_load(db, 2022, 2024);
	same_as_load(db, 2024, 2022);
	tu_cleanup(db);
}

/* The states kept for another year (Progress's year before, the year [
 * left) stand for it only while the database is unchanged: [ and ] back
 * and forth show what a fresh load shows, and after a form of the kept
 * year changes, its states are read again. */
static void kept_states_follow_changes(void **state)
{
	antt_db *db = tu_open();
	sqlite3_stmt *st = NULL;
	tree_state *states = NULL;
	tree_view a;
	int units;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	OK(tree_load(db, 2024, &a, &err));
	tree_filter(&a, NULL, STATUS_PASS, NULL);
	OK(tree_states(db, &a, 2023, &states, &err));   /* as Progress reads the year before */
	assert_non_null(states);
	free(states);
	assert_non_null(a.other[0]);
	OK(tree_set_year(db, &a, 2023, &err));   /* [ : the kept states */
	same_as_loaded(db, &a);
	OK(tree_set_year(db, &a, 2024, &err));   /* ] : 2024's, kept when [ left it */
	same_as_loaded(db, &a);
	/* a form of 2024 typed in (the checklist), then the list updated for
	 * that unit: 2023's kept states still stand, and are right */
	OK(tree_states(db, &a, 2023, &states, &err));
	free(states);
	{
		const tree_row *r = NULL;
		for (size_t i = 0; i < a.n && !r; i++)
			if (a.rows[a.order[i]].status == STATUS_NONE)
				r = &a.rows[a.order[i]];
		assert_non_null(r);
		OK(answer_set(db, r->code, 2024, "*", "đạt", NULL, -1, &err));
		OK(tree_update(db, &a, r->code, &err));
	}
	assert_false(tree_changed(db, &a));
	{
		int kept = 0;
		for (int k = 0; k < 2; k++)
			kept |= a.other[k] && a.other_year[k] == 2023 && a.other_stamp[k] == a.stamp;
		assert_true(kept);
	}
	same_as_loaded(db, &a);
	OK(tree_set_year(db, &a, 2023, &err));
	same_as_loaded(db, &a);
	/* every approved form of 2023 reopened: 2023's kept states are stale */
	OK(db_prepare(db, "UPDATE assessments SET status = 'draft' WHERE year = 2023 AND status = 'approved'", &st,
		&err));
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_true(sqlite3_changes(db->sql) > 0);
	OK(tree_set_year(db, &a, 2023, &err));
	same_as_loaded(db, &a);
	tree_free(&a);
	tu_cleanup(db);
}

/* The screens' place, saved as the officer opens and leaves a checklist
 * (db_state_set), is no change of data: the tree, and Progress's figures
 * worked out ahead from it, are not read again for it (they were, every
 * Enter and Esc: 9,000 units' deadlines again at 3 provinces). A change of
 * data still is one, and so is another connection's commit. */
static void screen_place_is_no_change(void **state)
{
	antt_db *db = tu_open(), *other = NULL;
	const tree_row *r = NULL;
	tree_view a;
	int units;
	long long was;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	OK(tree_load(db, 2024, &a, &err));
	for (size_t i = 0; i < a.n && !r; i++)   /* a unit with no form yet: its answers are a change */
		if (a.rows[a.order[i]].status == STATUS_NONE)
			r = &a.rows[a.order[i]];
	assert_non_null(r);
	was = a.stamp;
	OK(db_state_set(db, "screen", "checklist", &err));
	OK(db_state_set(db, "unit", r->code, &err));
	OK(db_state_set(db, "screen", "units", &err));
	assert_false(tree_changed(db, &a));
	assert_true(tree_stamp(db) == was);
	OK(answer_set(db, r->code, 2024, "*", "đạt", NULL, -1, &err));
	assert_true(tree_changed(db, &a));
	OK(tree_update(db, &a, r->code, &err));
	assert_false(tree_changed(db, &a));
	/* another program's place saved (another value) is another
	 * connection's commit: the tree cannot tell it from data, and is read
	 * again, as before */
	OK(db_open(db->path, 0, NULL, &other, &err));
	OK(db_state_set(other, "screen", "progress", &err));
	assert_true(tree_changed(db, &a));
	db_close(other);
	tree_free(&a);
	tu_cleanup(db);
}

/* Back from a checklist (tree_update), the tree's figures are the SQL's:
 * a unit's first answers register its form and give it a verdict, which
 * Progress counts (registered, tự đánh giá đạt), as well as its status. */
static void update_keeps_the_figures(void **state)
{
	antt_db *db = tu_open();
	const tree_row *r = NULL;
	count_row *tt = NULL, *ct = NULL;
	count_commune *tc = NULL, *cc = NULL;
	size_t ntt, nct, ntc, ncc;
	tree_view a;
	int units;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	OK(tree_load(db, 2025, &a, &err));   /* a year with no forms in the demo */
	for (size_t i = 0; i < a.n && !r; i++)
		if (a.rows[a.order[i]].status == STATUS_NONE && !a.rows[a.order[i]].registered)
			r = &a.rows[a.order[i]];
	assert_non_null(r);
	OK(answer_set(db, r->code, 2025, "*", "đạt", NULL, -1, &err));
	OK(tree_update(db, &a, r->code, &err));
	assert_int_equal(r->registered, 1);
	assert_true(r->verdict == 'p' || r->verdict == 'f');   /* answered: a verdict, as SQL's */
	OK(tree_tally(&a, NULL, &tt, &ntt, &tc, &ntc));
	OK(count_by_type(db, 2025, NULL, &ct, &nct, &err));
	OK(count_by_commune(db, 2025, &cc, &ncc, &err));
	assert_int_equal(ntt, nct);
	for (size_t i = 0; i < ntt; i++)
		same_row(&tt[i], &ct[i], "after the update");
	assert_int_equal(ntc, ncc);
	for (size_t i = 0; i < ntc; i++)
		same_units(&tc[i].units, &cc[i].units, cc[i].code);
	free(tt);
	free(ct);
	free(tc);
	free(cc);
	tree_free(&a);
	tu_cleanup(db);
}

/* Counted a piece at a time (the screens, between keys): in steps of 1,
 * 7 and 1,000 rows, this year's and the year before's states, the same
 * figures as in one go; a step after the tree moved on (an answer, then
 * tree_update) says so and counts nothing of it; figures asked for
 * before the end, or with other states, are refused. */
static void counted_in_steps_is_counted_in_one_go(void **state)
{
	antt_db *db = tu_open();
	const tree_state *prev;
	tree_state *states = NULL;
	count_row *tt = NULL, *st = NULL;
	count_commune *tc = NULL, *sc = NULL;
	size_t ntt, nst, ntc, nsc, pieces[] = { 1, 7, 1000 };
	tree_tally_job *j;
	tree_view a;
	int units, r;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	OK(tree_load(db, 2024, &a, &err));
	OK(tree_states(db, &a, 2023, &states, &err));
	assert_non_null(states);
	free(states);
	prev = tree_kept(db, &a, 2023);
	assert_non_null(prev);
	for (int y = 0; y < 2; y++)
		for (size_t p = 0; p < sizeof(pieces) / sizeof(*pieces); p++) {
			const tree_state *use = y ? prev : NULL;
			size_t steps = 0;
			OK(tree_tally(&a, use, &tt, &ntt, &tc, &ntc));
			assert_non_null(j = tree_tally_start(&a, use));
			while ((r = tree_tally_step(j, &a, use, pieces[p])) == 1)
				steps++;
			assert_int_equal(r, 0);
			assert_true(steps + 1 >= a.n / pieces[p]);   /* each step counted at most its rows */
			OK(tree_tally_finish(j, &a, use, &st, &nst, &sc, &nsc));
			assert_int_equal(ntt, nst);
			for (size_t i = 0; i < ntt; i++)
				same_row(&tt[i], &st[i], "in steps");
			assert_int_equal(ntc, nsc);
			assert_true(ntc > 0);
			for (size_t i = 0; i < ntc; i++) {
				assert_string_equal(tc[i].code, sc[i].code);
				assert_string_equal(sc[i].name, "");
				assert_int_equal(tc[i].verdict, sc[i].verdict);
				same_units(&tc[i].units, &sc[i].units, sc[i].code);
			}
			free(tt);
			free(tc);
			free(st);
			free(sc);
		}
	/* not done, or other states: no figures */
	assert_non_null(j = tree_tally_start(&a, NULL));
	assert_int_equal(tree_tally_step(j, &a, NULL, 5), 1);
	assert_int_equal(tree_tally_finish(j, &a, NULL, &st, &nst, &sc, &nsc), ANTT_ERR_INVALID);
	assert_null(st);
	assert_null(sc);
	assert_non_null(j = tree_tally_start(&a, NULL));
	assert_int_equal(tree_tally_step(j, &a, prev, 5), -2);
	tree_tally_drop(j);
	/* the tree moved on between two steps */
	assert_non_null(j = tree_tally_start(&a, NULL));
	assert_int_equal(tree_tally_step(j, &a, NULL, 5), 1);
	for (size_t i = 0; i < a.n; i++) {
		const tree_row *x = &a.rows[a.order[i]];
		if (x->status == STATUS_NONE && !x->registered && x->type < a.n_types && a.types[x->type].assessed) {
			OK(answer_set(db, x->code, 2024, "*", "đạt", NULL, -1, &err));
			OK(tree_update(db, &a, x->code, &err));
			break;
		}
	}
	assert_int_equal(tree_tally_step(j, &a, NULL, 5), -2);
	assert_int_equal(tree_tally_finish(j, &a, NULL, &st, &nst, &sc, &nsc), ANTT_ERR_INVALID);
	tree_free(&a);
	tu_cleanup(db);
}

/* What is still due for the deadlines, counted once and then followed
 * through checklist edits (tree_update), is what a fresh count gives. */
static void due_follows_updates(void **state)
{
	antt_db *db = tu_open();
	progress_deadline a[2], am[3], b[2], bm[3];
	progress_due *d = NULL;
	tree_view t;
	int units, done = 0, edits = 0;
	(void)state;

	OK(demo_build(db, 0, &units, &err));
	OK(tree_load(db, 2025, &t, &err));
	OK(progress_due_step(db, &d, 2025, -1, &done, &err));
	assert_true(done);
	for (size_t i = 0; i < t.n && edits < 3; i++) {
		const tree_row *r = &t.rows[t.order[i]];
		if (r->status != STATUS_NONE || r->registered || r->excluded)
			continue;
		OK(answer_set(db, r->code, 2025, "*", "đạt", NULL, -1, &err));
		OK(tree_update(db, &t, r->code, &err));
		assert_true(t.last.from != 0 && t.last.to == t.stamp);
		OK(progress_due_follow(db, d, &t, &err));
		memset(a, 0, sizeof(a));
		memset(am, 0, sizeof(am));
		memset(b, 0, sizeof(b));
		memset(bm, 0, sizeof(bm));
		OK(progress_due_deadlines(db, d, "2025-11-21", a, am, &err));
		OK(progress_all_deadlines(db, 2025, "2025-11-21", b, bm, &err));
		assert_memory_equal(a, b, sizeof(a));
		assert_memory_equal(am, bm, sizeof(am));
		edits++;
	}
	assert_int_equal(edits, 3);
	progress_due_free(d);
	tree_free(&t);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tally_equals_count_on_the_demo),
		cmocka_unit_test(tally_follows_changes),
		cmocka_unit_test(kept_states_follow_changes),
		cmocka_unit_test(update_keeps_the_figures),
		cmocka_unit_test(counted_in_steps_is_counted_in_one_go),
		cmocka_unit_test(screen_place_is_no_change),
		cmocka_unit_test(due_follows_updates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
