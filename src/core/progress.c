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
	antt_status s;

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
		if ((s = db_setting_read(db, key, NULL, &v, NULL)) != ANTT_OK) {
			free(out);
			return s;
		}
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

/* One deadline: the day stored under key (month-day) for the year, or def
 * when the stored day is not one of every year (02-31, 02-29); then st,
 * bound with year (1), today (2) and the month-day (3), counts what is
 * due and whether today is past the day (late only when something is). */
static antt_status one_deadline(antt_db *db, sqlite3_stmt *st, const char *key, const char *def, const char *label,
                                int year, const char *today, progress_deadline *out, antt_err *err)
{
	char *stored, md[6], dm[8];
	antt_status s;

	if ((s = db_setting_read(db, key, def, &stored, err)) != ANTT_OK)
		return s;
	if (date_parse_day_month(stored ? stored : "", "hạn", md, NULL) != ANTT_OK)
		snprintf(md, sizeof(md), "%s", def);
	free(stored);
	snprintf(out->label, sizeof(out->label), "%s", label);
	snprintf(out->date, sizeof(out->date), "%s/%04d", date_show_day_month(md, dm, sizeof(dm)), year % 10000);
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, today ? today : "now", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, md, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return db_fail(db, sqlite3_errcode(db->sql), err, "tính hạn");
	out->due = sqlite3_column_int64(st, 0);
	out->late = sqlite3_column_int(st, 1) && out->due > 0;
	sqlite3_reset(st);
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
	for (int i = 0; i < 2 && s == ANTT_OK; i++) {
		sqlite3_bind_int(st, 4, i == 0);
		s = one_deadline(db, st, keys[i], defaults[i], labels[i], year, today, &out[i], err);
	}
	sqlite3_finalize(st);
	return s;
}

antt_status progress_movement_deadlines(antt_db *db, int year, const char *today, progress_deadline out[3],
                                        antt_err *err)
{
	static const char *const keys[3] = { "deadline_510_khu-dan-cu", "deadline_510_others", "deadline_510_above" };
	static const char *const defaults[3] = { "11-20", "11-30", "12-15" };
	static const char *const labels[3] = { "khu dân cư", "xã, cơ quan, doanh nghiệp, cơ sở giáo dục", "cấp trên chấm" };
	sqlite3_stmt *st = NULL, *above = NULL;
	antt_status s;

	/* 0, 1: registered units with no score yet; 2: scored units with no
	 * reviewer's score (điểm cấp trên chấm) yet */
	s = db_prepare(db, "SELECT count(*), date(?2) > date(printf('%04d-%s', ?1, ?3))"
		" FROM assessments a JOIN units u ON u.id = a.unit_id"
		" WHERE a.year = ?1 AND u.excluded = 0 AND (u.type = 'khu-dan-cu') = ?4"
		"  AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1)", &st, err);
	if (s == ANTT_OK)
		s = db_prepare(db, "SELECT count(*), date(?2) > date(printf('%04d-%s', ?1, ?3)) FROM units u"
			" WHERE u.excluded = 0 AND EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1)"
			"  AND NOT EXISTS (SELECT 1 FROM scores x WHERE x.unit_id = u.id AND x.year = ?1"
			"   AND x.reviewer IS NOT NULL)", &above, err);
	for (int i = 0; i < 3 && s == ANTT_OK; i++) {
		if (i < 2)
			sqlite3_bind_int(st, 4, i == 0);
		s = one_deadline(db, i < 2 ? st : above, keys[i], defaults[i], labels[i], year, today, &out[i], err);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(above);
	return s;
}
