/* Counting classes (Xếp loại, QĐ 510): each unit with a score sheet that
 * year is classed by score_load (cut-offs, the reviewer's score first); the
 * dossier lists every one of them, and the counts are per commune and type
 * and per type overall. */
#include "count.h"
#include "unit.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row for (commune, type): the last one when it matches (the query
 * is ordered so), else a new one. */
static count_class *row_for(count_class **rows, size_t *n, const char *commune, const char *type, int last_only)
{
	count_class *g;

	for (size_t i = last_only && *n ? *n - 1 : 0; i < *n; i++)
		if (!strcmp((*rows)[i].commune, commune) && !strcmp((*rows)[i].type_name, type))
			return &(*rows)[i];
	if (!(g = grow_one(*rows, *n, sizeof(*g))))
		return NULL;
	*rows = g;
	g = &g[(*n)++];
	memset(g, 0, sizeof(*g));
	snprintf(g->commune, sizeof(g->commune), "%s", commune);
	snprintf(g->type_name, sizeof(g->type_name), "%s", type);
	return g;
}

antt_status count_scored(antt_db *db, int year, const char *under, int (*fn)(const count_scored_unit *u, void *ctx),
                         void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc = SQLITE_DONE;

	s = db_prepare(db, UNIT_SCOPE_SQL
		"SELECT DISTINCT u.code, coalesce(p.name, ''), t.name, p.code, t.sort, u.name FROM scores x JOIN units u ON u.id = x.unit_id"
		" JOIN unit_types t ON t.code = u.type LEFT JOIN units p ON p.id = u.parent_id"
		" WHERE x.year = ?2 AND " UNIT_IN_SCOPE("u.id") " ORDER BY p.code, t.sort, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		score_result sr;
		count_scored_unit u;
		int stop;

		if ((s = score_load(db, (const char *)sqlite3_column_text(st, 0), year, &sr, err)) != ANTT_OK)
			break;
		u = (count_scored_unit){ (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 1), &sr };
		stop = fn(&u, ctx);
		score_result_free(&sr);
		if (stop < 0)
			s = err_set(err, ANTT_ERR_NOMEM, "không đủ bộ nhớ khi đọc phiếu chấm điểm");
		if (stop)
			break;
	}
	if (s == ANTT_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = db_fail(db, rc, err, "đọc phiếu chấm điểm");
	sqlite3_finalize(st);
	return s;
}

typedef struct {
	count_class **rows, **totals;
	size_t *n, *nt;
} class_acc;

static int count_one(const count_scored_unit *u, void *ctx)
{
	class_acc *a = ctx;
	count_class *row, *tot;

	if (u->score->cls < 0)   /* a half-scored sheet is no class yet */
		return 0;
	if (!(row = row_for(a->rows, a->n, u->commune, u->type_name, 1)) || !(tot = row_for(a->totals, a->nt, "", u->type_name, 0)))
		return -1;
	row->n[u->score->cls]++;
	tot->n[u->score->cls]++;
	return 0;
}

antt_status count_classes(antt_db *db, int year, const char *under, count_class **rows, size_t *n,
                          count_class **totals, size_t *nt, antt_err *err)
{
	class_acc a = { rows, totals, n, nt };
	antt_status s;

	*rows = *totals = NULL;
	*n = *nt = 0;
	s = count_scored(db, year, under, count_one, &a, err);
	if (s != ANTT_OK) {
		free(*rows);
		free(*totals);
		*rows = *totals = NULL;
		*n = *nt = 0;
	}
	return s;
}
