/* Counting by SQLite in one recursive walk per question: seeded with the
 * tops' ids, each unit is counted under the top it sits below, per type. */
#include "count.h"
#include "packed.h"
#include "rule.h"
#include "unit.h"
#include "grow.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long long count_in_scope(const count_row *r)
{
	return r->total - r->excluded;
}

double count_pct(long long part, long long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : -1.0;
}

double count_rate(const count_row *r)
{
	return count_pct(r->recognised, count_in_scope(r));
}

#define ADD(f) a->f += b->f;
void count_add(count_row *a, const count_row *b)
{
	COUNT_FIELDS(ADD)
}

void count_add_units(count_units *a, const count_row *b)
{
	COUNT_FIELDS(ADD)
}

void count_units_add(count_units *a, const count_units *b)
{
	COUNT_FIELDS(ADD)
}
#undef ADD

long long count_units_in_scope(const count_units *u)
{
	return u->total - u->excluded;
}

void count_row_set(count_row *a, const count_units *b)
{
#define SET(f) a->f = b->f;
	COUNT_FIELDS(SET)
#undef SET
}

/* "[id,id,...]" for json_each. */
static char *id_list(const sqlite3_int64 *ids, size_t n)
{
	char *s = malloc(n * 24 + 3), *p = s;

	if (!s)
		return NULL;
	*p++ = '[';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%lld", i ? "," : "", (long long)ids[i]);
	*p++ = ']';
	*p = '\0';
	return s;
}

/* What is counted of each unit, per type: the columns read by
 * read_figures() from column 1, and the joins they need. A year's forms
 * are read from db/013's index (year, unit, status, verdict) alone: the
 * planner's own pick, the unique (unit, year), reads a table page per
 * unit (ten years of forms, a year's scattered among them). */
#define COUNT_FIGURES \
	" u.type, t.name, count(*), total(u.excluded)," \
	"  total(NOT u.excluded AND a.id IS NOT NULL)," \
	"  total(NOT u.excluded AND a.verdict IN ('pass', 'fail'))," \
	"  total(NOT u.excluded AND a.verdict = 'pass')," \
	"  total(NOT u.excluded AND a.verdict = 'pass' AND a.status = 'approved')," \
	"  total(NOT u.excluded AND r.id IS NOT NULL)"
#define COUNT_JOINS \
	" JOIN unit_types t ON t.code = u.type AND t.assessed" \
	" LEFT JOIN assessments a INDEXED BY assessments_year_state ON a.unit_id = u.id AND a.year = ?2" \
	" LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"

/* Step st and hand each row (COUNT_FIGURES from column 1; column 0 the
 * top's index) to fn. */
static antt_status read_figures(antt_db *db, sqlite3_stmt *st, int (*fn)(size_t top, const count_row *r, void *ctx),
                                void *ctx, antt_err *err)
{
	antt_status s = ANTT_OK;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		count_row r = { .total = sqlite3_column_int64(st, 3) };
		long long *f[] = { &r.excluded, &r.registered, &r.assessed, &r.passed, &r.approved, &r.recognised };

		snprintf(r.type, sizeof(r.type), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(r.name, sizeof(r.name), "%s", (const char *)sqlite3_column_text(st, 2));
		for (size_t k = 0; k < sizeof(f) / sizeof(*f); k++)
			*f[k] = (long long)sqlite3_column_double(st, 4 + (int)k);
		if (fn((size_t)sqlite3_column_int64(st, 0), &r, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đếm đơn vị");
	return s;
}

antt_status count_below(antt_db *db, int year, const sqlite3_int64 *tops, size_t n, int with_tops,
                        int (*fn)(size_t top, const count_row *r, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char *ids;
	antt_status s;

	if (n == 0)
		return ANTT_OK;
	if (!(ids = id_list(tops, n)))
		return ANTT_ERR_NOMEM;
	s = db_prepare(db,
		"WITH RECURSIVE walk(id, top, depth) AS ("
		"  SELECT value, key, 0 FROM json_each(?1)"
		"  UNION ALL SELECT u.id, w.top, w.depth + 1 FROM units u JOIN walk w ON u.parent_id = w.id)"
		" SELECT w.top," COUNT_FIGURES
		" FROM walk w JOIN units u ON u.id = w.id" COUNT_JOINS
		" WHERE (w.depth > 0 OR ?3) AND " UNIT_IN_YEAR("u", "?2")
		" GROUP BY w.top, u.type ORDER BY w.top, t.sort", &st, err);
	if (s != ANTT_OK) {
		free(ids);
		return s;
	}
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, with_tops);
	s = read_figures(db, st, fn, ctx, err);
	sqlite3_finalize(st);
	free(ids);
	return s;
}

/* count_below() of every unit, all under one top (index 0): every unit
 * hangs from a root, so no walk of the tree is needed to find them. */
static antt_status count_all(antt_db *db, int year, int (*fn)(size_t top, const count_row *r, void *ctx), void *ctx,
                             antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "SELECT 0," COUNT_FIGURES " FROM units u" COUNT_JOINS
		" WHERE " UNIT_IN_YEAR("u", "?2") " GROUP BY u.type ORDER BY t.sort", &st, err);

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 2, year);
	s = read_figures(db, st, fn, ctx, err);
	sqlite3_finalize(st);
	return s;
}

/* The ids of a query's first column (one optional text parameter). */
static antt_status ids_of(antt_db *db, const char *sql, const char *param, sqlite3_int64 **ids, size_t *n,
                          antt_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	antt_status s;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((s = db_prepare(db, sql, &st, err)) != ANTT_OK)
		return s;
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			sqlite3_int64 *g = realloc(*ids, (cap = cap ? cap * 2 : 16) * sizeof(*g));
			if (!g) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			*ids = g;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc đơn vị");
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return s;
}

typedef struct {
	count_row *rows;
	size_t n;
	int nomem;
} type_rows;

/* Sum the rows of every top into one row per type (they come in the
 * types' order within each top). */
static int add_type(size_t top, const count_row *r, void *ctx)
{
	type_rows *t = ctx;
	size_t i;

	(void)top;
	for (i = 0; i < t->n && strcmp(t->rows[i].type, r->type); i++)
		;
	if (i == t->n) {
		count_row *g = grow_one(t->rows, t->n, sizeof(*g));
		if (!g) {
			t->nomem = 1;
			return 1;
		}
		t->rows = g;
		t->rows[t->n++] = *r;
		return 0;
	}
	count_add(&t->rows[i], r);
	return 0;
}

antt_status count_by_type(antt_db *db, int year, const char *under, count_row **rows, size_t *n, antt_err *err)
{
	type_rows t = { 0 };
	sqlite3_int64 *tops = NULL;
	size_t n_tops = 0;
	antt_status s;

	*rows = NULL;
	*n = 0;
	s = ids_of(db, under ? "SELECT id FROM units WHERE code = ?1" : "SELECT id FROM units WHERE parent_id IS NULL",
		under, &tops, &n_tops, err);
	if (s != ANTT_OK)
		return s;
	if (under && n_tops == 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%s\"", under);
	/* everything: one pass over the units; the types come in their order */
	s = under ? count_below(db, year, tops, n_tops, 1, add_type, &t, err) : count_all(db, year, add_type, &t, err);
	if (!under)
		n_tops = 1;
	free(tops);
	if (s == ANTT_OK && t.nomem)
		s = ANTT_ERR_NOMEM;
	if (s != ANTT_OK) {
		free(t.rows);
		return s;
	}
	/* several tops: put the types back in their order */
	if (n_tops > 1 && t.n > 1) {
		sqlite3_stmt *st = NULL;
		count_row *sorted = malloc(t.n * sizeof(*sorted));
		size_t k = 0;
		if (!sorted || (s = db_prepare(db, "SELECT code FROM unit_types ORDER BY sort", &st, err)) != ANTT_OK) {
			free(sorted);
			free(t.rows);
			return s != ANTT_OK ? s : ANTT_ERR_NOMEM;
		}
		while (sqlite3_step(st) == SQLITE_ROW)
			for (size_t i = 0; i < t.n; i++)
				if (!strcmp(t.rows[i].type, (const char *)sqlite3_column_text(st, 0)))
					sorted[k++] = t.rows[i];
		sqlite3_finalize(st);
		free(t.rows);
		t.rows = sorted;
		t.n = k;
	}
	*rows = t.rows;
	*n = t.n;
	return ANTT_OK;
}

static int add_commune(size_t top, const count_row *r, void *ctx)
{
	count_commune *rows = ctx;

	count_add_units(&rows[top].units, r);
	return 0;
}

void count_communes_named(count_commune *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rows[i].name = rows[i].code + strlen(rows[i].code) + 1;
}

antt_status count_by_commune(antt_db *db, int year, count_commune **out, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	count_commune *rows = NULL;
	sqlite3_int64 *ids = NULL;
	size_t *offs = NULL;
	packed_names names = { 0 };
	size_t cap = 0, k = 0;
	antt_status s;
	int rc;

	*out = NULL;
	*n = 0;
	s = db_prepare(db,
		"SELECT c.id, c.code, c.name, a.verdict, r.id IS NOT NULL"
		" FROM units c JOIN unit_types ct ON ct.code = c.type AND ct.commune"
		" LEFT JOIN assessments a ON a.unit_id = c.id AND a.year = ?1"
		" LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
		" WHERE " UNIT_IN_YEAR("c", "?1") " ORDER BY c.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 3);
		count_commune *c;

		if (k == cap) {
			count_commune *g = realloc(rows, (cap = cap ? cap * 2 : 16) * sizeof(*g));
			sqlite3_int64 *gi = g ? realloc(ids, cap * sizeof(*gi)) : NULL;
			size_t *go = gi ? realloc(offs, cap * sizeof(*go)) : NULL;
			if (g)
				rows = g;
			if (gi)
				ids = gi;
			if (!go) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			offs = go;
		}
		c = &rows[k];
		memset(c, 0, sizeof(*c));
		/* the code, then the name right after it (packed.h) */
		if ((offs[k] = packed_add(&names, (const char *)sqlite3_column_text(st, 1))) == PACKED_NOMEM ||
		    packed_add(&names, (const char *)sqlite3_column_text(st, 2)) == PACKED_NOMEM) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		ids[k++] = sqlite3_column_int64(st, 0);
		c->verdict = !v ? -2 : !strcmp(v, "pass") ? RULE_PASS : !strcmp(v, "fail") ? RULE_FAIL : RULE_MISSING;
		c->recognised = sqlite3_column_int(st, 4);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các xã");
	sqlite3_finalize(st);
	if (s == ANTT_OK)
		s = count_below(db, year, ids, k, 0, add_commune, rows, err);
	if (s == ANTT_OK) {
		if ((*out = packed_rows(rows, k, sizeof(*rows), offsetof(count_commune, code), offs, &names))) {
			rows = NULL;   /* grown into *out */
			count_communes_named(*out, k);
		} else
			s = ANTT_ERR_NOMEM;
	}
	free(ids);
	free(offs);
	free(rows);
	packed_free(&names);
	if (s != ANTT_OK)
		return s;
	*n = k;
	return ANTT_OK;
}
