/* Counting for the report: the rows are the units one level below the
 * office; each unit is counted in the row of the top unit it sits under
 * (a recursive walk seeded with the rows' ids under --under; without it,
 * one pass over every unit, the tree climbed in memory). Units directly under the
 * office that are not communes and hold no units are gathered in one
 * "trực thuộc" row, and counted so, with a warning from the caller. */
#include "tally.h"
#include "recognise.h"
#include "count.h"
#include "assess.h"
#include "form_store.h"
#include "unit.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tally_free(tally *t)
{
	for (size_t i = 0; i < t->n_rows; i++)
		free(t->rows[i].cells);
	free(t->rows);
	free(t->totals);
	free(t->prev);
	free(t->types_now);
	free(t->types_prev);
	memset(t, 0, sizeof(*t));
}

typedef struct {
	sqlite3_int64 id;
	int row;           /* index in t->rows */
} seed;

typedef struct {
	const seed *seeds;
	const report_layout *l;
	tally_row *rows;       /* NULL: add into sums only */
	count_row *sums;       /* per group: the year before */
	long long *units;
} walk_ctx;

/* One (seed, type) count from the counting model into the groups holding
 * the type. */
static int add_count(size_t top, const count_row *c, void *ctx)
{
	walk_ctx *w = ctx;
	const report_layout *l = w->l;

	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t k = 0; k < l->groups[g].n_types; k++)
			if (!strcmp(l->groups[g].types[k], c->type)) {
				count_add(w->rows ? &w->rows[w->seeds[top].row].cells[g] : &w->sums[g], c);
				if (w->units)
					*w->units += c->total;
			}
	return 0;
}

/* This year's counts into the rows, last year's into prev. */
static antt_status count_years(antt_db *db, const seed *seeds, size_t n, int year, const report_layout *l,
                               tally_row *rows, count_row *prev, long long *units, antt_err *err)
{
	sqlite3_int64 *ids = malloc(n * sizeof(*ids));
	walk_ctx now = { seeds, l, rows, NULL, units }, before = { seeds, l, NULL, prev, NULL };
	antt_status s;

	if (!ids)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		ids[i] = seeds[i].id;
	if ((s = count_below(db, year, ids, n, 1, add_count, &now, err)) == ANTT_OK)
		s = count_below(db, year - 1, ids, n, 1, add_count, &before, err);
	free(ids);
	return s;
}

/* The whole database in one pass (no --under): every unit read once, in
 * the table's order, with its form and recognition of both years, instead
 * of a walk down the tree per year and a count by type per year (four
 * passes, each a random read per unit: 30× a province does not fit
 * SQLite's page cache). The tree is climbed in memory to find the row a
 * unit counts in, as the walk from the seeds did: a seed and everything
 * below it, whether or not the units between are in force that year. */
typedef struct {
	sqlite3_int64 id, parent;
	int type;                 /* index in the types read, -1 not assessed */
	int top;                  /* seed index; -1 none; -2 not yet known */
	unsigned char now, prev;  /* its figures of each year (FIG_ bits) */
} unit_fig;

enum { FIG_IN = 1, FIG_EXCLUDED = 2, FIG_REGISTERED = 4, FIG_ASSESSED = 8, FIG_PASSED = 16, FIG_APPROVED = 32,
       FIG_RECOGNISED = 64 };

typedef struct {
	char code[32], name[64];
	int assessed;
} type_info;

/* The figures a year's form adds to a unit in force and not excluded
 * (verdict, status, recognised from column 1), as count_below counts. */
static unsigned char form_figures(sqlite3_stmt *st)
{
	const char *v = (const char *)sqlite3_column_text(st, 1), *status = (const char *)sqlite3_column_text(st, 2);
	int pass = v && !strcmp(v, "pass");

	return (unsigned char)(FIG_REGISTERED | (v && (pass || !strcmp(v, "fail")) ? FIG_ASSESSED : 0) |
		(pass ? FIG_PASSED : 0) | (pass && status && !strcmp(status, "approved") ? FIG_APPROVED : 0) |
		(sqlite3_column_int(st, 3) ? FIG_RECOGNISED : 0));
}

/* The count_row of one unit's figures. */
static count_row fig_row(unsigned char f, const char *type)
{
	count_row r = { .total = 1, .excluded = !!(f & FIG_EXCLUDED), .registered = !!(f & FIG_REGISTERED),
		.assessed = !!(f & FIG_ASSESSED), .passed = !!(f & FIG_PASSED), .approved = !!(f & FIG_APPROVED),
		.recognised = !!(f & FIG_RECOGNISED) };
	snprintf(r.type, sizeof(r.type), "%s", type);
	return r;
}

static int by_id(const void *k, const void *e)
{
	sqlite3_int64 a = *(const sqlite3_int64 *)k, b = ((const unit_fig *)e)->id;
	return a < b ? -1 : a > b;
}

/* The seed unit u counts under (its own, or its nearest ancestor's). */
static int top_of(unit_fig *u, size_t n, unit_fig *all)
{
	size_t depth = 0;
	unit_fig *p = u;

	/* climb until a unit whose top is known; a loop in the parents (never
	 * made by antt) counts nowhere rather than forever */
	while (p && p->top == -2 && depth++ <= n)
		p = p->parent ? bsearch(&p->parent, all, n, sizeof(*all), by_id) : NULL;
	int top = p && p->top != -2 ? p->top : -1;
	for (unit_fig *q = u; q && q->top == -2; q = q->parent ? bsearch(&q->parent, all, n, sizeof(*all), by_id) : NULL)
		q->top = top;
	return top;
}

/* The rows of count_by_type: the types with a unit in force, in their
 * order (sums[k] of type k, k in the types' order). */
static antt_status type_rows_of(const type_info *ty, const count_row *sums, size_t n_types, count_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	for (size_t k = 0; k < n_types; k++)
		if (sums[k].total) {
			count_row *g = grow_one(*rows, *n, sizeof(*g));
			if (!g)
				return ANTT_ERR_NOMEM;
			*rows = g;
			g[*n] = sums[k];
			snprintf(g[*n].type, sizeof(g[*n].type), "%s", ty[k].code);
			snprintf(g[*n].name, sizeof(g[*n].name), "%s", ty[k].name);
			(*n)++;
		}
	return ANTT_OK;
}

static antt_status read_types(antt_db *db, type_info **out, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "SELECT code, name, assessed FROM unit_types ORDER BY sort", &st, err);
	int rc;

	*out = NULL;
	*n = 0;
	if (s != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type_info *g = grow_one(*out, *n, sizeof(*g));
		if (!g) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		*out = g;
		snprintf(g[*n].code, sizeof(g[*n].code), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(g[*n].name, sizeof(g[*n].name), "%s", (const char *)sqlite3_column_text(st, 1));
		g[*n].assessed = sqlite3_column_int(st, 2);
		(*n)++;
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các loại đơn vị");
	sqlite3_finalize(st);
	return s;
}

/* The units, by id, in force or not in year (now) and the year before
 * (prev); then each year's forms, by unit, merged in: two scans of an
 * index instead of a look-up per unit and year. */
static antt_status read_units(antt_db *db, int year, const type_info *ty, size_t n_types, unit_fig **out, size_t *n,
                              antt_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	antt_status s;
	int rc;

	*out = NULL;
	*n = 0;
	/* as many as there are, at once: grown by doubling, a national
	 * database's 90,000 took 4 MB, and 6 MB while the last copy was made */
	if ((s = db_prepare(db, "SELECT count(*) FROM units", &st, err)) != ANTT_OK)
		return s;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
		cap = (size_t)sqlite3_column_int64(st, 0);
		if (!(*out = malloc(cap * sizeof(**out))))
			s = ANTT_ERR_NOMEM;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (s != ANTT_OK)
		return s;
	s = db_prepare(db, "SELECT u.id, u.parent_id, u.type, u.excluded, " UNIT_IN_YEAR("u", "?1") ", "
		UNIT_IN_YEAR("u", "?2") " FROM units u ORDER BY u.id", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, year - 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 2);
		unsigned char in = sqlite3_column_int(st, 3) ? FIG_IN | FIG_EXCLUDED : FIG_IN;
		unit_fig *u;

		if (*n == cap) {
			unit_fig *g = realloc(*out, (cap = cap ? cap * 2 : 1024) * sizeof(*g));
			if (!g) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			*out = g;
		}
		u = &(*out)[(*n)++];
		u->id = sqlite3_column_int64(st, 0);
		u->parent = sqlite3_column_int64(st, 1);   /* 0: a root (ids start at 1) */
		u->top = -2;
		u->type = -1;
		for (size_t k = 0; type && k < n_types; k++)
			if (ty[k].assessed && !strcmp(ty[k].code, type))
				u->type = (int)k;
		u->now = sqlite3_column_int(st, 4) ? in : 0;
		u->prev = sqlite3_column_int(st, 5) ? in : 0;
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đếm đơn vị");
	sqlite3_finalize(st);
	for (int back = 0; back < 2 && s == ANTT_OK; back++) {
		size_t i = 0;
		if ((s = db_prepare(db, "SELECT a.unit_id, a.verdict, a.status, r.id IS NOT NULL"
			" FROM assessments a INDEXED BY assessments_year_state"
			" LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
			" WHERE a.year = ?1 ORDER BY a.unit_id", &st, err)) != ANTT_OK)
			break;
		sqlite3_bind_int(st, 1, year - back);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, 0);
			unsigned char *f;
			while (i < *n && (*out)[i].id < id)
				i++;
			if (i == *n)
				break;
			f = back ? &(*out)[i].prev : &(*out)[i].now;
			if ((*out)[i].id == id && *f == FIG_IN)   /* in force, not excluded */
				*f |= form_figures(st);
		}
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			s = db_fail(db, rc, err, "đếm đơn vị");
		sqlite3_finalize(st);
	}
	return s;
}

static antt_status count_all_once(antt_db *db, const seed *seeds, size_t n_seeds, int year, const report_layout *l,
                                  tally *t, antt_err *err)
{
	type_info *ty = NULL;
	unit_fig *u = NULL;
	count_row *sums = NULL;   /* per type: this year's, then the year before's */
	size_t n_types = 0, n = 0;
	walk_ctx now = { seeds, l, t->rows, NULL, &t->units }, before = { seeds, l, NULL, t->prev, NULL };
	antt_status s;

	if ((s = read_types(db, &ty, &n_types, err)) != ANTT_OK ||
	    (s = read_units(db, year, ty, n_types, &u, &n, err)) != ANTT_OK)
		goto out;
	if (!(sums = calloc(2 * n_types + 1, sizeof(*sums)))) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n_seeds; i++) {
		unit_fig *f = bsearch(&seeds[i].id, u, n, sizeof(*u), by_id);
		if (f)
			f->top = (int)i;
	}
	for (size_t i = 0; i < n; i++) {
		count_row c[2];
		int top;
		if (u[i].type < 0 || !(u[i].now | u[i].prev))
			continue;
		c[0] = fig_row(u[i].now, ty[u[i].type].code);
		c[1] = fig_row(u[i].prev, ty[u[i].type].code);
		if ((top = top_of(&u[i], n, u)) >= 0) {
			if (u[i].now)
				add_count((size_t)top, &c[0], &now);
			if (u[i].prev)
				add_count((size_t)top, &c[1], &before);
		}
		if (u[i].now)
			count_add(&sums[u[i].type], &c[0]);
		if (u[i].prev)
			count_add(&sums[n_types + (size_t)u[i].type], &c[1]);
	}
	if ((s = type_rows_of(ty, sums, n_types, &t->types_now, &t->n_types_now)) == ANTT_OK)
		s = type_rows_of(ty, sums + n_types, n_types, &t->types_prev, &t->n_types_prev);
out:
	free(ty);
	free(sums);
	free(u);
	return s;
}

/* The units that make the rows: the office's children (or the roots when
 * there is no single office), or the office itself when it is a commune. */
static antt_status find_rows(antt_db *db, int year, const char *under, tally *t, seed **seeds,
                             size_t *n_seeds, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 office = 0;
	int office_is_commune = 0, roots = 0;
	size_t cap = 0;
	antt_status s;
	int rc;

	*seeds = NULL;
	*n_seeds = 0;
	s = db_prepare(db, "SELECT u.id, u.name, t.commune FROM units u JOIN unit_types t ON t.code = u.type"
		" WHERE u.id IN (" UNIT_SEED_SQL ") AND (?1 IS NOT NULL OR " UNIT_IN_YEAR("u", "?2") ")", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		roots++;
		office = sqlite3_column_int64(st, 0);
		snprintf(t->office_name, sizeof(t->office_name), "%s", (const char *)sqlite3_column_text(st, 1));
		office_is_commune = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (under && roots == 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%s\"", under);
	if (roots == 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "chưa có đơn vị nào trong năm %d", year);
	if (roots > 1) {   /* no one office: its rows are the roots, whatever the last one read is */
		office = 0;
		office_is_commune = 0;
		snprintf(t->office_name, sizeof(t->office_name), "%s", "");
	}

	s = db_prepare(db,
		"SELECT u.id, u.code, u.name,"
		"  t.commune OR EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id)"
		" FROM units u JOIN unit_types t ON t.code = u.type"
		/* the office itself when a commune, else its children (the roots
		 * without one office): three arms, each an index look-up (one
		 * CASE of the three conditions reads every unit) */
		" WHERE u.id IN (SELECT ?2 WHERE ?1 UNION ALL SELECT id FROM units WHERE NOT ?1 AND ?2 = 0 AND parent_id IS NULL"
		"  UNION ALL SELECT id FROM units WHERE NOT ?1 AND ?2 <> 0 AND parent_id = ?2)"
		"  AND " UNIT_IN_YEAR("u", "?3") " ORDER BY u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, office_is_commune);
	sqlite3_bind_int64(st, 2, office);
	sqlite3_bind_int(st, 3, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int container = sqlite3_column_int(st, 3);
		int row = -1;

		if (!container) {
			/* one shared row for the units directly under the office */
			for (size_t i = 0; i < t->n_rows; i++)
				if (t->rows[i].orphan)
					row = (int)i;
			t->orphans++;
		}
		if (row < 0) {
			tally_row *g = grow_one(t->rows, t->n_rows, sizeof(*g));
			if (!g) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			t->rows = g;
			row = (int)t->n_rows++;
			memset(&t->rows[row], 0, sizeof(t->rows[row]));
			t->rows[row].orphan = !container;
			if (container) {
				snprintf(t->rows[row].code, sizeof(t->rows[row].code), "%s", (const char *)sqlite3_column_text(st, 1));
				snprintf(t->rows[row].name, sizeof(t->rows[row].name), "%s", (const char *)sqlite3_column_text(st, 2));
			} else {
				snprintf(t->rows[row].name, sizeof(t->rows[row].name), "Trực thuộc %s", t->office_name);
			}
			if (!(t->rows[row].cells = calloc(t->n_groups ? t->n_groups : 1, sizeof(count_row)))) {
				s = ANTT_ERR_NOMEM;
				break;
			}
		}
		if (*n_seeds == cap) {
			seed *g = realloc(*seeds, (cap = cap ? cap * 2 : 64) * sizeof(*g));
			if (!g) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			*seeds = g;
		}
		(*seeds)[(*n_seeds)++] = (seed){ sqlite3_column_int64(st, 0), row };
	}
	if (s == ANTT_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_fail(db, rc, err, "tìm các xã của báo cáo");
	sqlite3_finalize(st);
	/* keep the orphan row last */
	for (size_t i = 0; s == ANTT_OK && i + 1 < t->n_rows; i++)
		if (t->rows[i].orphan) {
			tally_row o = t->rows[i];
			memmove(&t->rows[i], &t->rows[i + 1], (t->n_rows - i - 1) * sizeof(o));
			t->rows[t->n_rows - 1] = o;
			for (size_t k = 0; k < *n_seeds; k++)
				(*seeds)[k].row = (*seeds)[k].row == (int)i ? (int)t->n_rows - 1
				                : (*seeds)[k].row > (int)i ? (*seeds)[k].row - 1 : (*seeds)[k].row;
			break;
		}
	return s;
}

antt_status tally_compute(antt_db *db, int year, const char *under, const report_layout *l,
                          tally *t, antt_err *err)
{
	seed *seeds = NULL;
	size_t n = 0;
	antt_status s;

	memset(t, 0, sizeof(*t));
	t->year = year;
	t->n_groups = l->n_groups;
	t->totals = calloc(l->n_groups ? l->n_groups : 1, sizeof(count_row));
	t->prev = calloc(l->n_groups ? l->n_groups : 1, sizeof(count_row));
	if (!t->totals || !t->prev) {
		tally_free(t);
		return ANTT_ERR_NOMEM;
	}
	if ((s = find_rows(db, year, under, t, &seeds, &n, err)) == ANTT_OK && !under)
		s = count_all_once(db, seeds, n, year, l, t, err);
	else if (s == ANTT_OK && n > 0)
		s = count_years(db, seeds, n, year, l, t->rows, t->prev, &t->units, err);
	free(seeds);
	if (s != ANTT_OK) {
		tally_free(t);
		return s;
	}
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t g = 0; g < l->n_groups; g++)
			count_add(&t->totals[g], &t->rows[r].cells[g]);
	return ANTT_OK;
}

/* The criteria set last asked for by id: a report asks for one of a few
 * sets with each of thousands of failed units (form_for_set reads the
 * set's row each time). The registry keeps the set until the database is
 * closed, so the pointer stays good through the listing. */
typedef struct {
	sqlite3_int64 id;
	const form *f;
} set_memo;

/* "4b — label; 5.2 — label" for a failed (or incomplete) unit, from its
 * criteria set. */
static void failed_words(antt_db *db, set_memo *memo, sqlite3_int64 set_id, const char *detail, char *buf, size_t n)
{
	const form *f = NULL;
	char ids[512], *save = NULL;
	size_t used = 0;

	buf[0] = '\0';
	if (memo->f && memo->id == set_id)
		f = memo->f;
	else if (form_for_set(db, set_id, &f, NULL) == ANTT_OK)
		*memo = (set_memo){ set_id, f };
	else
		f = NULL;
	snprintf(ids, sizeof(ids), "%s", detail);
	for (char *id = strtok_r(ids, ",", &save); id && used + 1 < n; id = strtok_r(NULL, ",", &save)) {
		int k = f ? form_find(f, id) : -1;
		snprintf(buf + used, n - used, "%s%s%s%s", used ? "; " : "", id, k >= 0 ? " — " : "",
			k >= 0 ? f->items[k].label : "");
		used = strlen(buf);
	}
}

/* ",khu-dan-cu,xa,…,": the layout's types in its order, for instr() in
 * SQL; NULL without a layout (the types' own order). */
static char *type_order(const report_layout *l)
{
	size_t n = 2;
	char *out;

	if (!l)
		return NULL;
	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t t = 0; t < l->groups[g].n_types; t++)
			n += strlen(l->groups[g].types[t]) + 1;
	if (!(out = malloc(n)))
		return NULL;
	strcpy(out, ",");
	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t t = 0; t < l->groups[g].n_types; t++) {
			strcat(out, l->groups[g].types[t]);
			strcat(out, ",");
		}
	return out;
}

/* The units in the sheets' order, as ids only, into a temporary table
 * first. Sorted whole (names, notes, decisions), the rows came only once
 * every one had been read, and the thread writing the sheets waited for
 * the first (0.55 s at 30 provinces); ids and their commune sort in half
 * that, and the whole rows then follow the table's order as they are read,
 * while the first ones are written. The table is the connection's own
 * (temp.), so a read-only database lists too. */
static antt_status order_units(antt_db *db, int year, const char *under, const char *order, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if ((rc = sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.tally_order;"
		"CREATE TEMP TABLE tally_order (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL, top INTEGER NOT NULL)",
		NULL, NULL, NULL)) != SQLITE_OK)
		return db_fail(db, rc, err, "xếp danh sách đơn vị cho báo cáo");
	s = db_prepare(db,
		"INSERT INTO temp.tally_order (id, top)"
		" WITH RECURSIVE office(id) AS ("
		"  " UNIT_SEED_SQL "),"
		" walk(id, top, depth) AS ("
		"  SELECT id, id, 0 FROM office"
		"  UNION ALL SELECT u.id, CASE WHEN w.depth = 0 THEN u.id ELSE w.top END, w.depth + 1"
		"  FROM units u JOIN walk w ON u.parent_id = w.id)"
		" SELECT w.id, w.top FROM walk w JOIN units u ON u.id = w.id JOIN unit_types ty ON ty.code = u.type"
		" JOIN units top ON top.id = w.top"
		" WHERE ty.assessed AND " UNIT_IN_YEAR("u", "?2")
		/* the types as page 1 lists them (a type the layout leaves out
		 * after them), then by commune and code */
		" ORDER BY coalesce(nullif(instr(?3, ',' || u.type || ','), 0), 1000000 + ty.sort), top.code, u.code",
		&st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	if (order)
		sqlite3_bind_text(st, 3, order, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		s = db_fail(db, rc, err, "xếp danh sách đơn vị cho báo cáo");
	sqlite3_finalize(st);
	return s;
}

antt_status tally_order(antt_db *db, int year, const char *under, const report_layout *l, antt_err *err)
{
	char *order = type_order(l);
	antt_status s;

	if (l && !order)
		return err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
	s = order_units(db, year, under, order, err);
	free(order);
	return s;
}

void tally_order_drop(antt_db *db)
{
	sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.tally_order", NULL, NULL, NULL);
}

antt_status tally_units(antt_db *db, int year, const char *under, const report_layout *l, int ordered,
                        int (*fn)(const tally_unit *u, void *ctx), void *ctx, antt_err *err)
{
	set_memo memo = { 0, NULL };
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	/* not "a table is there, so it is ours": one a failed drop left (a
	 * statement still reading on db refuses it) holds another year's list */
	if (!ordered && (s = tally_order(db, year, under, l, err)) != ANTT_OK)
		goto out;
	s = db_prepare(db,
		"SELECT u.code, u.name, u.type, ty.name,"
		/* the commune a unit is under; a unit is never its own: the
		 * communes themselves (and the office) read "Trực thuộc" the level above */
		"  CASE WHEN top.id <> u.id THEN top.name"
		"   ELSE coalesce('Trực thuộc ' || (SELECT name FROM units WHERE id = u.parent_id), '') END,"
		"  u.excluded, a.verdict, a.detail, a.criteria_set_id,"
		"  (SELECT group_concat(criterion || ': ' || note, '; ') FROM answers"
		"    WHERE assessment_id = a.id AND note <> ''), a.status,"
		"  " RECOGNISE_DECISION_WORDS ","
		"  u.managed_above"
		" FROM temp.tally_order k JOIN units u ON u.id = k.id JOIN unit_types ty ON ty.code = u.type"
		" JOIN units top ON top.id = k.top"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?1"
		/* the decision in force: a join, not a subquery a row (at most one
		 * recognition in force an assessment, recognitions_current) */
		" LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
		" LEFT JOIN decisions d ON d.id = r.decision_id"
		" ORDER BY k.seq",
		&st, err);
	if (s != ANTT_OK)
		goto out;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char words[2048], detail[512];   /* not zero-filled: 90,000 rows */
		const char *verdict = (const char *)sqlite3_column_text(st, 6);
		tally_unit u = {
			.code = (const char *)sqlite3_column_text(st, 0),
			.name = (const char *)sqlite3_column_text(st, 1),
			.type = (const char *)sqlite3_column_text(st, 2),
			.type_name = (const char *)sqlite3_column_text(st, 3),
			.commune = (const char *)sqlite3_column_text(st, 4),
			.excluded = sqlite3_column_int(st, 5),
			.managed_above = sqlite3_column_int(st, 12),
			.verdict = verdict,
			.notes = sqlite3_column_text(st, 9) ? (const char *)sqlite3_column_text(st, 9) : "",
			.status = (const char *)sqlite3_column_text(st, 10),
			.decision = (const char *)sqlite3_column_text(st, 11),
		};

		snprintf(detail, sizeof(detail), "%s", sqlite3_column_text(st, 7) ? (const char *)sqlite3_column_text(st, 7) : "");
		if (verdict && strcmp(verdict, "pass") && !detail[0]) {
			/* written before verdicts kept their detail: evaluate once */
			assess_result r;
			if (assess_load(db, u.code, year, &r, NULL) == ANTT_OK) {
				assess_detail(&r, detail, sizeof(detail));
				assess_result_free(&r);
			}
		}
		u.detail = detail;
		words[0] = '\0';
		if (verdict && strcmp(verdict, "pass"))
			failed_words(db, &memo, sqlite3_column_int64(st, 8), detail, words, sizeof(words));
		u.failed_words = words;
		if (fn(&u, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách đơn vị cho báo cáo");
out:
	sqlite3_finalize(st);
	tally_order_drop(db);
	return s;
}
