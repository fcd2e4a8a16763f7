/* Which units a level's People's Committee recognises, with their year's
 * results, for the tờ trình and the draft decision. */
#include "propose.h"
#include "assess.h"
#include "recognise.h"
#include "rule.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

/* Top-level criteria held, of those in the set: what "Đạt 5/5 tiêu chí"
 * says on paper. */
static void count_held(antt_db *db, const char *code, int year, int *held, int *total)
{
	assess_result r;

	*held = *total = 0;
	if (assess_load(db, code, year, &r, NULL) != ANTT_OK)
		return;
	for (size_t i = 0; r.f && i < r.f->n_items; i++) {
		if (r.f->items[i].parent != -1)
			continue;
		(*total)++;
		if (r.items[i].state == RULE_PASS)
			(*held)++;
	}
	assess_result_free(&r);
}

antt_status propose_units(antt_db *db, int year, const char *under,
                          int (*fn)(const propose_unit *u, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if (under) {
		unit_row u;
		if ((s = unit_get(db, under, &u, err)) != ANTT_OK)
			return s;
	}
	/* down from the level, not into a commune's own units: the commune
	 * decides on those */
	s = db_prepare(db,
		"WITH RECURSIVE top(id) AS (" UNIT_SEED_SQL "),"
		" walk(id) AS (SELECT u.id FROM units u JOIN top ON u.parent_id = top.id"
		"  UNION ALL SELECT u.id FROM units u JOIN walk w ON u.parent_id = w.id JOIN units p ON p.id = w.id"
		"  JOIN unit_types pt ON pt.code = p.type WHERE NOT pt.commune)"
		" SELECT u.code, u.name, u.type, ty.name, a.status, a.verdict, coalesce(cs.regulation, ''),"
		"  " RECOGNISE_DECISION_SQL("a") ", " RECOGNISE_DECISION_OF("d.date", "a")
		" FROM walk w JOIN units u ON u.id = w.id JOIN unit_types ty ON ty.code = u.type"
		" LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" LEFT JOIN criteria_sets cs ON cs.id = a.criteria_set_id"
		" WHERE ty.assessed AND NOT u.excluded AND " UNIT_IN_YEAR("u", "?2")
		" ORDER BY ty.sort, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		propose_unit u = {
			.code = (const char *)sqlite3_column_text(st, 0),
			.name = (const char *)sqlite3_column_text(st, 1),
			.type = (const char *)sqlite3_column_text(st, 2),
			.type_name = (const char *)sqlite3_column_text(st, 3),
			.status = (const char *)sqlite3_column_text(st, 4),
			.verdict = (const char *)sqlite3_column_text(st, 5),
			.regulation = (const char *)sqlite3_column_text(st, 6),
			.decision = (const char *)sqlite3_column_text(st, 7),
			.decision_date = (const char *)sqlite3_column_text(st, 8),
		};
		if (u.status)
			count_held(db, u.code, year, &u.held, &u.total);
		if (fn(&u, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách đơn vị đề nghị công nhận");
	sqlite3_finalize(st);
	return s;
}

antt_status propose_level(antt_db *db, const char *under, unit_row *out, int *found, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char code[64] = "";
	antt_status s;
	int n = 0;

	*found = 0;
	if (under) {
		if ((s = unit_get(db, under, out, err)) == ANTT_OK)
			*found = 1;
		return s;
	}
	if ((s = db_prepare(db, "SELECT code FROM units WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY code LIMIT 2",
	                    &st, err)) != ANTT_OK)
		return s;
	while (sqlite3_step(st) == SQLITE_ROW)
		if (n++ == 0)
			snprintf(code, sizeof(code), "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n != 1)
		return ANTT_OK;
	if ((s = unit_get(db, code, out, err)) == ANTT_OK)
		*found = 1;
	return s;
}

void propose_words(const unit_row *u, char *words, size_t n, char *bare, size_t bn)
{
	size_t k = strlen(u->type_name);
	char a[256], b[256];

	/* "Xã Hòa Bình" begins with its type's name "Xã": compare in lower case */
	text_lower(u->name, a, sizeof(a));
	text_lower(u->type_name, b, sizeof(b));
	if (k && !strncmp(a, b, strlen(b)) && u->name[k] == ' ') {
		snprintf(words, n, "%s%s", b, u->name + k);
		snprintf(bare, bn, "%s", u->name + k + 1);
	} else {
		snprintf(words, n, "%s", u->name);
		snprintf(bare, bn, "%s", u->name);
	}
}
