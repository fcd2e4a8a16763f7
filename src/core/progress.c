/* Progress figures: this year and last from the counting model, the
 * targets, and the cycle's deadlines. */
#include "progress.h"
#include "date.h"
#include "rule.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

antt_status progress_types(antt_db *db, int year, progress_type **rows, size_t *n, antt_err *err)
{
	count_row *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	antt_status s;

	*rows = NULL;
	*n = 0;
	if ((s = count_by_type(db, year, NULL, &now, &nn, err)) == ANTT_OK &&
	    (s = count_by_type(db, year - 1, NULL, &prev, &np, err)) == ANTT_OK)
		s = progress_types_of(db, now, nn, prev, np, rows, n);
	free(now);
	free(prev);
	return s;
}

antt_status progress_types_of(antt_db *db, const count_row *now, size_t nn, const count_row *prev, size_t np,
                              progress_type **rows, size_t *n)
{
	progress_type *out = calloc(nn ? nn : 1, sizeof(*out));

	*rows = NULL;
	*n = 0;
	if (!out)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < nn; i++) {
		char key[64], *v;
		out[i].now = now[i];
		snprintf(out[i].prev.type, sizeof(out[i].prev.type), "%s", now[i].type);
		for (size_t k = 0; k < np; k++)
			if (!strcmp(prev[k].type, now[i].type))
				out[i].prev = prev[k];
		snprintf(key, sizeof(key), "target_%s", now[i].type);
		v = db_setting_get(db, key, NULL);
		out[i].target = v ? strtod(v, NULL) : -1;
		free(v);
	}
	*rows = out;
	*n = nn;
	return ANTT_OK;
}

antt_status progress_communes(antt_db *db, int year, progress_commune **rows, size_t *n, antt_err *err)
{
	count_commune *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	antt_status s;

	*rows = NULL;
	*n = 0;
	if ((s = count_by_commune(db, year, &now, &nn, err)) == ANTT_OK &&
	    (s = count_by_commune(db, year - 1, &prev, &np, err)) == ANTT_OK)
		s = progress_communes_of(now, nn, prev, np, rows, n);
	free(now);
	free(prev);
	return s;
}

static int commune_code(const void *key, const void *row)
{
	return strcmp(key, ((const count_commune *)row)->code);
}

antt_status progress_communes_of(const count_commune *now, size_t nn, const count_commune *prev, size_t np,
                                 progress_commune **rows, size_t *n)
{
	progress_commune *out = calloc(nn ? nn : 1, sizeof(*out));

	*rows = NULL;
	*n = 0;
	if (!out)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < nn; i++) {
		const count_row *u = &now[i].units;
		progress_commune *c = &out[i];

		snprintf(c->code, sizeof(c->code), "%s", now[i].code);
		snprintf(c->name, sizeof(c->name), "%s", now[i].name);
		c->verdict = now[i].verdict;
		c->recognised = now[i].recognised;
		c->units = count_in_scope(u);
		c->assessed = u->assessed;
		c->passed = u->passed;
		c->approved = u->approved;
		c->recognised_units = u->recognised;
		/* last year's row by a search, not a scan: 4,000 communes each
		 * side on a national database */
		const count_commune *p = np ? bsearch(now[i].code, prev, np, sizeof(*prev), commune_code) : NULL;
		if (p) {
			c->prev_units = count_in_scope(&p->units);
			c->prev_passed = p->units.passed;
			c->prev_recognised = p->units.recognised;
		}
	}
	*rows = out;
	*n = nn;
	return ANTT_OK;
}

antt_status progress_deadlines(antt_db *db, int year, const char *today, progress_deadline out[2], antt_err *err)
{
	static const char *const keys[2] = { "deadline_khu-dan-cu", "deadline_others" };
	static const char *const defaults[2] = { "11-15", "11-20" };
	static const char *const labels[2] = { "khu dân cư", "xã, cơ quan, doanh nghiệp, cơ sở giáo dục" };
	sqlite3_stmt *st = NULL;
	antt_status s;

	s = db_prepare(db, "SELECT count(*), date(?2) > date(printf('%04d-%s', ?1, ?3))"
		" FROM assessments a JOIN units u ON u.id = a.unit_id"
		" WHERE a.year = ?1 AND u.excluded = 0 AND a.status <> 'approved'"
		"  AND (u.type = 'khu-dan-cu') = ?4", &st, err);
	if (s != ANTT_OK)
		return s;
	for (int i = 0; i < 2 && s == ANTT_OK; i++) {
		char *stored = db_setting_get(db, keys[i], defaults[i]);
		char md[6], dm[8];

		/* a stored day that does not exist (02-31) falls back to the default */
		if (date_parse_day_month(stored ? stored : "", "hạn", md, NULL) != ANTT_OK)
			snprintf(md, sizeof(md), "%s", defaults[i]);
		free(stored);
		snprintf(out[i].label, sizeof(out[i].label), "%s", labels[i]);
		snprintf(out[i].date, sizeof(out[i].date), "%s/%04d", date_show_day_month(md, dm, sizeof(dm)),
			year % 10000);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, year);
		if (today)
			sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 2, "now", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, md, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, i == 0);
		if (sqlite3_step(st) == SQLITE_ROW) {
			out[i].due = sqlite3_column_int64(st, 0);
			out[i].late = sqlite3_column_int(st, 1) && out[i].due > 0;
		} else {
			s = db_fail(db, sqlite3_errcode(db->sql), err, "tính hạn công nhận");
		}
	}
	sqlite3_finalize(st);
	return s;
}
