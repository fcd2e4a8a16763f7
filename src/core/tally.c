/* Counting for the report: the rows are the units one level below the
 * office; each unit is counted in the row of the top unit it sits under
 * (a recursive walk seeded with the rows' ids). Units directly under the
 * office that are not communes and hold no units are gathered in one
 * "trực thuộc" row, and counted so, with a warning from the caller. */
#include "tally.h"
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

static void add(tally_cell *c, long long count, long long excluded, long long reg, long long assessed, long long passed)
{
	c->total += count - excluded;
	c->excluded += excluded;
	c->registered += reg;
	c->assessed += assessed;
	c->passed += passed;
}

/* Walk once from the seeds and add each (seed, type) count to the groups
 * holding the type: this year's into the rows, last year's into prev. */
static antt_status count_years(antt_db *db, const seed *seeds, size_t n, int year, const report_layout *l,
                               tally_row *rows, tally_cell *prev, long long *units, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char *ids = malloc(n * 24 + 3), *p;
	antt_status s;
	int rc;

	if (!ids)
		return ANTT_ERR_NOMEM;
	p = ids;
	*p++ = '[';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%lld", i ? "," : "", (long long)seeds[i].id);
	*p++ = ']';
	*p = '\0';
	s = db_prepare(db,
		"WITH RECURSIVE walk(id, top) AS ("
		"  SELECT value, value FROM json_each(?1)"
		"  UNION ALL SELECT u.id, w.top FROM units u JOIN walk w ON u.parent_id = w.id),"
		" counted AS (SELECT w.top, u.type, u.excluded AS ex,"
		"   " UNIT_IN_YEAR("u", "?2") " AS now, " UNIT_IN_YEAR("u", "?2 - 1") " AS before,"
		"   a.id IS NOT NULL AS reg, a.verdict IN ('pass', 'fail') AS done, a.verdict = 'pass' AS ok,"
		"   pa.id IS NOT NULL AS preg, pa.verdict IN ('pass', 'fail') AS pdone, pa.verdict = 'pass' AS pok"
		"  FROM walk w JOIN units u ON u.id = w.id"
		"  LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		"  LEFT JOIN assessments pa ON pa.unit_id = u.id AND pa.year = ?2 - 1)"
		" SELECT top, type, total(now), total(now AND ex), total(now AND reg AND NOT ex),"
		"  total(now AND done AND NOT ex), total(now AND ok AND NOT ex),"
		"  total(before), total(before AND ex), total(before AND preg AND NOT ex),"
		"  total(before AND pdone AND NOT ex), total(before AND pok AND NOT ex)"
		" FROM counted GROUP BY top, type", &st, err);
	if (s != ANTT_OK) {
		free(ids);
		return s;
	}
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 top = sqlite3_column_int64(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		long long c[10];
		int row = -1;

		for (int k = 0; k < 10; k++)
			c[k] = (long long)sqlite3_column_double(st, 2 + k);
		for (size_t i = 0; i < n; i++)
			if (seeds[i].id == top)
				row = seeds[i].row;
		for (size_t g = 0; g < l->n_groups; g++)
			for (size_t k = 0; k < l->groups[g].n_types; k++)
				if (!strcmp(l->groups[g].types[k], type)) {
					if (row >= 0)
						add(&rows[row].cells[g], c[0], c[1], c[2], c[3], c[4]);
					add(&prev[g], c[5], c[6], c[7], c[8], c[9]);
					*units += c[0];
				}
	}
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đếm đơn vị cho báo cáo");
	sqlite3_finalize(st);
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
		" WHERE CASE WHEN ?1 IS NULL THEN u.parent_id IS NULL AND " UNIT_IN_YEAR("u", "?2")
		" ELSE u.code = ?1 END", &st, err);
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
			if (!(t->rows[row].cells = calloc(t->n_groups ? t->n_groups : 1, sizeof(tally_cell)))) {
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
	t->totals = calloc(l->n_groups, sizeof(tally_cell));
	t->prev = calloc(l->n_groups, sizeof(tally_cell));
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
		for (size_t g = 0; g < l->n_groups; g++) {
			const tally_cell *c = &t->rows[r].cells[g];
			add(&t->totals[g], c->total + c->excluded, c->excluded, c->registered, c->assessed, c->passed);
		}
	return ANTT_OK;
}

/* "4b — label; 5.2 — label" for a failed unit, from its criteria set. */
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
		"  SELECT id FROM units WHERE CASE WHEN ?1 IS NULL THEN parent_id IS NULL ELSE code = ?1 END),"
		" walk(id, top, depth) AS ("
		"  SELECT id, id, 0 FROM office"
		"  UNION ALL SELECT u.id, CASE WHEN w.depth = 0 THEN u.id ELSE w.top END, w.depth + 1"
		"  FROM units u JOIN walk w ON u.parent_id = w.id)"
		" SELECT u.code, u.name, u.type, ty.name,"
		"  CASE WHEN w.depth = 0 THEN u.name WHEN tt.commune OR top.id <> u.id THEN top.name"
		"   ELSE 'Trực thuộc ' || (SELECT name FROM units WHERE id = top.parent_id) END,"
		"  u.excluded, a.verdict, a.detail, a.criteria_set_id,"
		"  (SELECT group_concat(criterion || ': ' || note, '; ') FROM answers"
		"    WHERE assessment_id = a.id AND note <> ''), a.status"
		" FROM walk w JOIN units u ON u.id = w.id JOIN unit_types ty ON ty.code = u.type"
		" JOIN units top ON top.id = w.top JOIN unit_types tt ON tt.code = top.type"
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
			.verdict = verdict,
			.notes = sqlite3_column_text(st, 9) ? (const char *)sqlite3_column_text(st, 9) : "",
			.status = (const char *)sqlite3_column_text(st, 10),
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
		if (verdict && !strcmp(verdict, "fail"))
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
