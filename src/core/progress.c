/* Progress figures: two summaries and a per-commune count, each one query. */
#include "progress.h"
#include "rule.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double progress_pct(long long a, long long b)
{
	return b > 0 ? 100.0 * (double)a / (double)b : -1.0;
}

antt_status progress_types(antt_db *db, int year, progress_type **rows, size_t *n, antt_err *err)
{
	summary_row *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	progress_type *out = NULL;
	antt_status s;

	*rows = NULL;
	*n = 0;
	if ((s = summary_compute(db, year, NULL, &now, &nn, err)) != ANTT_OK)
		return s;
	if ((s = summary_compute(db, year - 1, NULL, &prev, &np, err)) != ANTT_OK)
		goto out;
	out = calloc(nn ? nn : 1, sizeof(*out));
	if (!out) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
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
out:
	free(now);
	free(prev);
	return s;
}

antt_status progress_communes(antt_db *db, int year, progress_commune **rows, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	progress_commune *out = NULL;
	antt_status s;
	int rc;

	*rows = NULL;
	*n = 0;
	s = db_prepare(db,
		"WITH RECURSIVE below(commune, id) AS ("
		"  SELECT c.id, u.id FROM units c JOIN unit_types ct ON ct.code = c.type AND ct.commune"
		"  JOIN units u ON u.parent_id = c.id"
		"  UNION ALL SELECT b.commune, u.id FROM units u JOIN below b ON u.parent_id = b.id)"
		" SELECT c.code, c.name, ca.verdict,"
		/* each unit is reached once from its commune: plain sums */
		"  coalesce(sum(u.id IS NOT NULL AND " UNIT_IN_YEAR("u", "?1") "), 0),"
		"  coalesce(sum(a.verdict IN ('pass', 'fail')), 0),"
		"  coalesce(sum(a.verdict = 'pass'), 0),"
		"  coalesce(sum(u.id IS NOT NULL AND " UNIT_IN_YEAR("u", "?1 - 1") "), 0),"
		"  coalesce(sum(pa.verdict = 'pass'), 0)"
		" FROM units c JOIN unit_types ct ON ct.code = c.type AND ct.commune"
		" LEFT JOIN assessments ca ON ca.unit_id = c.id AND ca.year = ?1"
		" LEFT JOIN below b ON b.commune = c.id"
		" LEFT JOIN units u ON u.id = b.id AND u.excluded = 0"
		"  AND u.type IN (SELECT code FROM unit_types WHERE assessed)"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?1"
		" LEFT JOIN assessments pa ON pa.unit_id = u.id AND pa.year = ?1 - 1"
		" WHERE " UNIT_IN_YEAR("c", "?1")
		" GROUP BY c.id ORDER BY c.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		progress_commune *c, *g = realloc(out, (*n + 1) * sizeof(*g));
		const char *v = (const char *)sqlite3_column_text(st, 2);

		if (!g) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		out = g;
		c = &out[(*n)++];
		snprintf(c->code, sizeof(c->code), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(c->name, sizeof(c->name), "%s", (const char *)sqlite3_column_text(st, 1));
		c->verdict = !v ? -2 : !strcmp(v, "pass") ? RULE_PASS : !strcmp(v, "fail") ? RULE_FAIL : RULE_MISSING;
		c->units = sqlite3_column_int64(st, 3);
		c->assessed = sqlite3_column_int64(st, 4);
		c->passed = sqlite3_column_int64(st, 5);
		c->prev_units = sqlite3_column_int64(st, 6);
		c->prev_passed = sqlite3_column_int64(st, 7);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "tính tiến độ theo xã");
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		free(out);
		*n = 0;
		return s;
	}
	*rows = out;
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
		char *md = db_setting_get(db, keys[i], defaults[i]);
		int m = 0, d = 0;

		if (!md || sscanf(md, "%d-%d", &m, &d) != 2 || m < 1 || m > 12 || d < 1 || d > 31) {
			free(md);
			md = strdup(defaults[i]);
			sscanf(defaults[i], "%d-%d", &m, &d);
		}
		snprintf(out[i].label, sizeof(out[i].label), "%s", labels[i]);
		snprintf(out[i].date, sizeof(out[i].date), "%02d/%02d/%04d", d % 100, m % 100, year % 10000);
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, year);
		if (today)
			sqlite3_bind_text(st, 2, today, -1, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 2, "now", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, md ? md : defaults[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 4, i == 0);
		if (sqlite3_step(st) == SQLITE_ROW) {
			out[i].due = sqlite3_column_int64(st, 0);
			out[i].late = sqlite3_column_int(st, 1) && out[i].due > 0;
		} else {
			s = db_fail(db, sqlite3_errcode(db->sql), err, "tính hạn công nhận");
		}
		free(md);
	}
	sqlite3_finalize(st);
	return s;
}
