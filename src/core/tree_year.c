/* The rows' states in other years, for the units screen's [ and ] and the
 * progress screen's year before: read from one index when the same units
 * are in force that year, kept in the view (two years), read ahead a step
 * at a time between keys. Split from tree.c, which loads the tree. */
#include "tree.h"
#include "tree_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when every unit in force in year a is in force in year b and back: no
 * unit starts or ends in between (UNIT_IN_YEAR counts by the date's year). */
static antt_status same_units(antt_db *db, int a, int b, int *same, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char lo[8], hi[8];
	antt_status s;

	snprintf(lo, sizeof(lo), "%04d", (a < b ? a : b) % 10000 + 1);
	snprintf(hi, sizeof(hi), "%04d", (a < b ? b : a) % 10000 + 1);
	s = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM units WHERE valid_from >= ?1 AND valid_from < ?2)"
		" OR EXISTS (SELECT 1 FROM units WHERE valid_to >= ?1 AND valid_to < ?2)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*same = !sqlite3_column_int(st, 0);
	else
		s = db_fail(db, sqlite3_errcode(db->sql), err, "đọc thời gian hiệu lực của đơn vị");
	sqlite3_finalize(st);
	return s;
}

/* The index of the row of the unit with this id (the rows are read by
 * id), or n_rows. */
static size_t row_by_id(const tree_view *t, sqlite3_int64 id)
{
	size_t lo = 0, hi = t->n_rows;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n_rows && t->rows[lo].id == id ? lo : t->n_rows;
}

/* Reading a year's states: every row's none into out (one per row), then
 * each form of the year and each recognition in force (one range of
 * assessments_year_state), at most max rows a step (-1: all); rc of the
 * last step, SQLITE_DONE at the end. */
static antt_status states_begin(antt_db *db, const tree_view *t, int year, tree_state *out, sqlite3_stmt **st,
                                antt_err *err)
{
	antt_status s;

	for (size_t i = 0; i < t->n_rows; i++)
		out[i] = tree_state_of(&t->rows[i], NULL, NULL, 0);
	s = db_prepare(db, "SELECT a.unit_id, a.status, a.verdict, a.status = 'approved' AND EXISTS"
		" (SELECT 1 FROM recognitions rc WHERE rc.assessment_id = a.id AND rc.withdrawn_at IS NULL)"
		" FROM assessments a WHERE a.year = ?1", st, err);
	if (s == ANTT_OK)
		sqlite3_bind_int(*st, 1, year);
	return s;
}

static int states_step(const tree_view *t, sqlite3_stmt *st, long max, tree_state *out)
{
	int rc = SQLITE_ROW;

	for (long k = 0; (max < 0 || k < max) && (rc = sqlite3_step(st)) == SQLITE_ROW; k++) {
		size_t i = row_by_id(t, sqlite3_column_int64(st, 0));
		if (i < t->n_rows)
			out[i] = tree_state_of(&t->rows[i], (const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3));
	}
	return rc;   /* SQLITE_ROW: stopped at max */
}

static antt_status read_states(antt_db *db, const tree_view *t, int year, tree_state *out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((s = states_begin(db, t, year, out, &st, err)) != ANTT_OK)
		return s;
	if ((rc = states_step(t, st, -1, out)) != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc trạng thái đơn vị");
	sqlite3_finalize(st);
	return s;
}

/* The rows take their states in year. */
antt_status tree_apply_states(antt_db *db, tree_view *t, int year, antt_err *err)
{
	tree_state *x = malloc((t->n_rows ? t->n_rows : 1) * sizeof(*x));
	antt_status s;

	if (!x)
		return ANTT_ERR_NOMEM;
	if ((s = read_states(db, t, year, x, err)) == ANTT_OK)
		for (size_t i = 0; i < t->n_rows; i++)
			tree_set_state(&t->rows[i], &x[i]);
	free(x);
	return s;
}

/* The slot of the states kept for year (see tree_view) when they are
 * current, else -1. */
static int other_of(antt_db *db, const tree_view *t, int year)
{
	for (int k = 0; k < 2; k++)
		if (t->other[k] && t->other_year[k] == year && t->other_stamp[k] == t->stamp && !tree_changed(db, t))
			return k;
	return -1;
}

const tree_state *tree_kept(antt_db *db, const tree_view *t, int year)
{
	int k = other_of(db, t, year);
	return k >= 0 ? t->other[k] : NULL;
}

/* Keep states (t->n_rows of them, now owned by t) as year's, first; the
 * oldest kept goes. */
static void keep_other(antt_db *db, tree_view *t, int year, tree_state *states)
{
	for (int k = 0; k < 2; k++)
		if (t->other[k] && t->other_year[k] == year) {
			free(t->other[k]);
			t->other[k] = NULL;
		}
	if (t->other[0]) {
		free(t->other[1]);
		t->other[1] = t->other[0];
		t->other_year[1] = t->other_year[0];
		t->other_stamp[1] = t->other_stamp[0];
	}
	t->other[0] = states;
	t->other_year[0] = year;
	t->other_stamp[0] = tree_changed(db, t) ? -1 : t->stamp;
}

void tree_job_drop(tree_view *t)
{
	if (t->job) {
		sqlite3_finalize(t->job->st);
		free(t->job->out);
		free(t->job);
		t->job = NULL;
	}
}

int tree_states_ahead(antt_db *db, tree_view *t, int year, long rows)
{
	struct tree_job *j = t->job;
	antt_err err = { "" };
	int same = 0, rc;

	if (other_of(db, t, year) >= 0)
		return 0;
	if (j && (j->year != year || j->stamp != t->stamp || tree_changed(db, t)))
		tree_job_drop(t);
	if (tree_changed(db, t))
		return -1;
	if (!(j = t->job)) {
		if (!(j = t->job = calloc(1, sizeof(*j))))
			return -1;
		j->year = year;
		j->stamp = t->stamp;
		if (same_units(db, t->year, year, &same, &err) != ANTT_OK || !same)
			j->declined = 1;
		else if (!(j->out = malloc((t->n_rows ? t->n_rows : 1) * sizeof(*j->out))) ||
		         states_begin(db, t, year, j->out, &j->st, &err) != ANTT_OK) {
			tree_job_drop(t);
			return -1;
		}
		return 1;
	}
	if (j->declined)
		return -1;
	if ((rc = states_step(t, j->st, rows, j->out)) == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		keep_other(db, t, year, j->out);
		j->out = NULL;
	}
	tree_job_drop(t);
	return rc == SQLITE_DONE ? 0 : -1;
}

antt_status tree_states(antt_db *db, tree_view *t, int year, tree_state **states, antt_err *err)
{
	size_t size = (t->n_rows ? t->n_rows : 1) * sizeof(**states);
	int slot = other_of(db, t, year);
	const tree_state *kept = slot >= 0 ? t->other[slot] : NULL;
	tree_state *copy;
	antt_status s;
	int same = 0;

	*states = NULL;
	if (!kept && ((s = same_units(db, t->year, year, &same, err)) != ANTT_OK || !same))
		return s;
	if (!(*states = malloc(size)))
		return ANTT_ERR_NOMEM;
	if (kept) {
		memcpy(*states, kept, size);
		return ANTT_OK;
	}
	if ((s = read_states(db, t, year, *states, err)) != ANTT_OK) {
		free(*states);
		*states = NULL;
	} else if ((copy = malloc(size))) {   /* kept for [ or ] to that year; none when short of memory */
		memcpy(copy, *states, size);
		keep_other(db, t, year, copy);
	}
	return s;
}

/* The rows take the states of year, read or kept; the states they had
 * are kept as their year's. */
static antt_status swap_states(antt_db *db, tree_view *t, int year, antt_err *err)
{
	size_t size = (t->n_rows ? t->n_rows : 1) * sizeof(tree_state);
	int slot = other_of(db, t, year), fresh = slot < 0;
	tree_state *now = malloc(size), *next = fresh ? NULL : t->other[slot];
	antt_status s = ANTT_OK;

	if (!now)
		return ANTT_ERR_NOMEM;
	if (fresh && !(next = malloc(size)))
		s = ANTT_ERR_NOMEM;
	if (s == ANTT_OK && fresh)
		s = read_states(db, t, year, next, err);
	if (s != ANTT_OK) {
		free(now);
		if (fresh)
			free(next);
		return s;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		now[i] = (tree_state){ t->rows[i].status, t->rows[i].flow, t->rows[i].recognised, t->rows[i].registered,
			t->rows[i].verdict };
		tree_set_state(&t->rows[i], &next[i]);
	}
	if (!fresh)
		t->other[slot] = NULL;   /* next is applied: let go below */
	free(next);
	keep_other(db, t, t->year, now);
	return ANTT_OK;
}

antt_status tree_set_year(antt_db *db, tree_view *t, int year, antt_err *err)
{
	char type[sizeof(t->type)], search[sizeof(t->typed)];
	int status = t->status, same = 0;
	antt_status s;

	snprintf(type, sizeof(type), "%s", t->type);
	snprintf(search, sizeof(search), "%s", t->typed);
	if (!tree_changed(db, t) && other_of(db, t, year) < 0 && (s = same_units(db, t->year, year, &same, err)) != ANTT_OK)
		return s;
	if (same || other_of(db, t, year) >= 0) {
		if ((s = swap_states(db, t, year, err)) != ANTT_OK)
			return s;
		t->year = year;
		t->fresh = 0;
		s = tree_recount(t);   /* the counts again, over the rows in tree order */
	} else {
		tree_free(t);
		s = tree_load(db, year, t, err);
	}
	if (s == ANTT_OK)
		tree_filter(t, type, status, search);
	return s;
}
