/* Counting for the report: the rows are the units one level below the
 * office; each unit is counted in the row of the top unit it sits under
 * (a recursive walk seeded with the rows' ids). Units directly under the
 * office that are not communes and hold no units are gathered in one
 * "trực thuộc" row, and counted so, with a warning from the caller. */
#include "tally.h"
#include "recognise.h"
#include "count.h"
#include "assess.h"
#include "form_store.h"
#include "unit.h"

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
	if (roots > 1) {
		office = 0;
		snprintf(t->office_name, sizeof(t->office_name), "%s", "");
	}

	s = db_prepare(db,
		"SELECT u.id, u.code, u.name,"
		"  t.commune OR EXISTS (SELECT 1 FROM units c WHERE c.parent_id = u.id)"
		" FROM units u JOIN unit_types t ON t.code = u.type"
		" WHERE (CASE WHEN ?1 THEN u.id = ?2 WHEN ?2 = 0 THEN u.parent_id IS NULL ELSE u.parent_id = ?2 END)"
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
			tally_row *g = realloc(t->rows, (t->n_rows + 1) * sizeof(*g));
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
	if ((s = find_rows(db, year, under, t, &seeds, &n, err)) == ANTT_OK && n > 0)
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

/* "4b — label; 5.2 — label" for a failed (or incomplete) unit, from its
 * criteria set. */
static void failed_words(antt_db *db, sqlite3_int64 set_id, const char *detail, char *buf, size_t n)
{
	const form *f = NULL;
	char ids[512], *save = NULL;
	size_t used = 0;

	buf[0] = '\0';
	if (form_for_set(db, set_id, &f, NULL) != ANTT_OK)
		f = NULL;
	snprintf(ids, sizeof(ids), "%s", detail);
	for (char *id = strtok_r(ids, ",", &save); id && used + 1 < n; id = strtok_r(NULL, ",", &save)) {
		int k = f ? form_find(f, id) : -1;
		snprintf(buf + used, n - used, "%s%s%s%s", used ? "; " : "", id, k >= 0 ? " — " : "",
			k >= 0 ? f->items[k].label : "");
		used = strlen(buf);
	}
}

antt_status tally_units(antt_db *db, int year, const char *under,
                        int (*fn)(const tally_unit *u, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db,
		"WITH RECURSIVE office(id) AS ("
		"  " UNIT_SEED_SQL "),"
		" walk(id, top, depth) AS ("
		"  SELECT id, id, 0 FROM office"
		"  UNION ALL SELECT u.id, CASE WHEN w.depth = 0 THEN u.id ELSE w.top END, w.depth + 1"
		"  FROM units u JOIN walk w ON u.parent_id = w.id)"
		" SELECT u.code, u.name, u.type, ty.name,"
		/* the commune a unit is under; a unit is never its own: the
		 * communes themselves (and the office) read "Trực thuộc" the level above */
		"  CASE WHEN top.id <> u.id THEN top.name"
		"   ELSE coalesce('Trực thuộc ' || (SELECT name FROM units WHERE id = u.parent_id), '') END,"
		"  u.excluded, a.verdict, a.detail, a.criteria_set_id,"
		"  (SELECT group_concat(criterion || ': ' || note, '; ') FROM answers"
		"    WHERE assessment_id = a.id AND note <> ''), a.status,"
		"  " RECOGNISE_DECISION_SQL("a") ","
		"  u.managed_above"
		" FROM walk w JOIN units u ON u.id = w.id JOIN unit_types ty ON ty.code = u.type"
		" JOIN units top ON top.id = w.top"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" WHERE ty.assessed AND " UNIT_IN_YEAR("u", "?2")
		" ORDER BY ty.sort, top.code, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char words[2048] = "", detail[512];
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
		if (verdict && strcmp(verdict, "pass"))
			failed_words(db, sqlite3_column_int64(st, 8), detail, words, sizeof(words));
		u.failed_words = words;
		if (fn(&u, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách đơn vị cho báo cáo");
	sqlite3_finalize(st);
	return s;
}
