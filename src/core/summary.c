/* Counting a year's results over a part of the hierarchy, in one query. */
#include "summary.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double summary_rate(const summary_row *r)
{
	long long base = r->total - r->excluded;
	return base > 0 ? 100.0 * (double)r->passed / (double)base : -1.0;
}

#define SUMMARY_SELECT \
	" SELECT t.code, t.name, count(*), sum(u.excluded)," \
	"  sum(a.id IS NOT NULL AND NOT u.excluded)," \
	"  sum(a.verdict IN ('pass', 'fail') AND NOT u.excluded)," \
	"  sum(a.verdict = 'pass' AND NOT u.excluded)" \
	" FROM unit_types t JOIN units u ON u.type = t.code" \
	" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2" \
	" WHERE t.assessed AND " UNIT_IN_YEAR("u", "?2")

antt_status summary_compute(antt_db *db, int year, const char *under,
                            summary_row **rows, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	summary_row *out = NULL;
	antt_status s;
	int rc;

	*rows = NULL;
	*n = 0;
	if (under) {
		sqlite3_stmt *q = NULL;
		if ((s = db_prepare(db, "SELECT 1 FROM units WHERE code = ?", &q, err)) != ANTT_OK)
			return s;
		sqlite3_bind_text(q, 1, under, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_ROW)
			return err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%s\"", under);
	}
	/* the whole office needs no walk down the tree */
	s = db_prepare(db, under ?
		"WITH RECURSIVE scope(id) AS ("
		"  SELECT id FROM units WHERE code = ?1"
		"  UNION ALL SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id)"
		SUMMARY_SELECT " AND u.id IN (SELECT id FROM scope) GROUP BY t.code ORDER BY t.sort" :
		SUMMARY_SELECT " AND ?1 IS NULL GROUP BY t.code ORDER BY t.sort", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		summary_row *r, *grown = realloc(out, (*n + 1) * sizeof(*out));
		if (!grown) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		out = grown;
		r = &out[(*n)++];
		snprintf(r->type, sizeof(r->type), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(r->name, sizeof(r->name), "%s", (const char *)sqlite3_column_text(st, 1));
		r->total = sqlite3_column_int64(st, 2);
		r->excluded = sqlite3_column_int64(st, 3);
		r->registered = sqlite3_column_int64(st, 4);
		r->assessed = sqlite3_column_int64(st, 5);
		r->passed = sqlite3_column_int64(st, 6);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "tính tổng hợp");
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		free(out);
		*n = 0;
		return s;
	}
	*rows = out;
	return ANTT_OK;
}
