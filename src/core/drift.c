/* Stored assessments against today's forms/: see drift.h. */
#include "drift.h"
#include "assess.h"
#include "form_store.h"

#include <stdlib.h>
#include <string.h>

struct stored {
	char *code, *type, *sha;
	int year;
};

static void stored_free(struct stored *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++) {
		free(s[i].code);
		free(s[i].type);
		free(s[i].sha);
	}
	free(s);
}

/* Every assessment with its unit and set, read before any is evaluated. */
static antt_status read_all(antt_db *db, struct stored **out, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	struct stored *list = NULL, *g;
	size_t cap = 0;
	antt_status s;
	int rc;

	*n = 0;
	s = db_prepare(db, "SELECT u.code, u.type, a.year, c.sha256 FROM assessments a "
		"JOIN units u ON u.id = a.unit_id JOIN criteria_sets c ON c.id = a.criteria_set_id "
		"ORDER BY a.year, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			if (!(g = realloc(list, (cap = cap ? cap * 2 : 64) * sizeof(*g)))) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			list = g;
		}
		g = &list[(*n)++];
		g->code = strdup((const char *)sqlite3_column_text(st, 0));
		g->type = strdup((const char *)sqlite3_column_text(st, 1));
		g->year = sqlite3_column_int(st, 2);
		g->sha = strdup((const char *)sqlite3_column_text(st, 3));
		if (!g->code || !g->type || !g->sha) {
			s = ANTT_ERR_NOMEM;
			break;
		}
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các đánh giá");
	sqlite3_finalize(st);
	if (s != ANTT_OK) {
		stored_free(list, *n);
		*n = 0;
		return s;
	}
	*out = list;
	return ANTT_OK;
}

antt_status drift_scan(antt_db *db, drift_fn fn, void *ctx, int *other, antt_err *err)
{
	struct stored *list = NULL;
	size_t n = 0;
	antt_status s;

	*other = 0;
	if ((s = read_all(db, &list, &n, err)) != ANTT_OK)
		return s;
	for (size_t i = 0; s == ANTT_OK && i < n; i++) {
		assess_result was, now;
		const form *f;
		char text[512];

		s = form_for_new(db, list[i].type, list[i].year, &f, NULL, err);
		if (s == ANTT_ERR_NOT_FOUND) {   /* no set for that type and year any more */
			s = ANTT_OK;
			continue;
		}
		if (s != ANTT_OK || !strcmp(f->sha256, list[i].sha))
			continue;
		++*other;
		if ((s = assess_load(db, list[i].code, list[i].year, &was, err)) != ANTT_OK)
			break;
		if ((s = assess_load_with(db, list[i].code, list[i].year, f, &now, err)) != ANTT_OK) {
			assess_result_free(&was);
			break;
		}
		if (was.verdict != now.verdict) {
			drift_row row = { was.unit.code, was.unit.name, list[i].year, was.f->regulation, f->source,
				was.verdict, now.verdict, assess_verdict_text(&now, text, sizeof(text)) };
			if (fn(&row, ctx))
				i = n;
		}
		assess_result_free(&was);
		assess_result_free(&now);
	}
	stored_free(list, n);
	return s;
}
