/* Re-assessing under today's criteria sets: see reassess.h. */
#include "reassess.h"
#include "assess.h"
#include "auth.h"
#include "errlist.h"
#include "form_store.h"
#include "rule.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One stored assessment of the selection, read before any is changed. */
struct pick {
	char *code, *name, *type, *sha, *status, *regulation;
	sqlite3_int64 id;
	int verdict, new_verdict, recognised, reopened, done;
};

static void picks_free(struct pick *p, size_t n)
{
	for (size_t i = 0; p && i < n; i++) {
		free(p[i].code);
		free(p[i].name);
		free(p[i].type);
		free(p[i].sha);
		free(p[i].status);
		free(p[i].regulation);
	}
	free(p);
}

static int verdict_of(const char *v)
{
	return !strcmp(v, "pass") ? RULE_PASS : !strcmp(v, "fail") ? RULE_FAIL : RULE_MISSING;
}

static const char *verdict_code(int v)
{
	return v == RULE_PASS ? "pass" : v == RULE_FAIL ? "fail" : "missing";
}

static char *dup_col(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);
	return strdup(s ? (const char *)s : "");
}

/* The year's assessments (of unit and those below it), units below before
 * their communes: a commune's criterion 4 reads its units' stored verdicts. */
static antt_status read_picks(antt_db *db, int year, const char *unit, struct pick **out, size_t *n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	struct pick *list = NULL, *g;
	size_t cap = 0;
	antt_status s;
	int rc;

	*n = 0;
	s = db_prepare(db,
		"WITH RECURSIVE d(id, depth) AS (" UNIT_SEED_OF("id, 0", "?2")
		"  UNION ALL SELECT u.id, d.depth + 1 FROM units u JOIN d ON u.parent_id = d.id)"
		" SELECT u.code, u.name, u.type, c.sha256, a.status, a.verdict, a.id,"
		"  EXISTS (SELECT 1 FROM recognitions r WHERE r.assessment_id = a.id AND r.withdrawn_at IS NULL)"
		" FROM assessments a JOIN units u ON u.id = a.unit_id JOIN d ON d.id = u.id"
		" JOIN criteria_sets c ON c.id = a.criteria_set_id"
		/* an excluded unit is not assessed (answers to it are refused) */
		" WHERE a.year = ?1 AND u.excluded = 0 ORDER BY d.depth DESC, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	if (unit)
		sqlite3_bind_text(st, 2, unit, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			if (!(g = realloc(list, (cap = cap ? cap * 2 : 32) * sizeof(*g)))) {
				s = ANTT_ERR_NOMEM;
				break;
			}
			list = g;
		}
		g = &list[(*n)++];
		memset(g, 0, sizeof(*g));
		g->code = dup_col(st, 0);
		g->name = dup_col(st, 1);
		g->type = dup_col(st, 2);
		g->sha = dup_col(st, 3);
		g->status = dup_col(st, 4);
		g->verdict = verdict_of((const char *)sqlite3_column_text(st, 5));
		g->id = sqlite3_column_int64(st, 6);
		g->recognised = sqlite3_column_int(st, 7);
		if (!g->code || !g->name || !g->type || !g->sha || !g->status) {
			s = ANTT_ERR_NOMEM;
			break;
		}
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các đánh giá");
	sqlite3_finalize(st);
	if (s == ANTT_ERR_NOMEM)
		err_set(err, s, "không đủ bộ nhớ để đọc các đánh giá");
	if (s != ANTT_OK) {
		picks_free(list, *n);
		*n = 0;
		return s;
	}
	*out = list;
	return ANTT_OK;
}

/* Bind p to set_id with its verdict under it (now); an approved one whose
 * verdict changes goes back to đang nhập, saying why. */
static antt_status rebind(antt_db *db, struct pick *p, sqlite3_int64 set_id, const assess_result *now, antt_err *err)
{
	static const char why[] = "Đánh giá lại theo bộ tiêu chí hiện hành: kết luận đã duyệt không còn đúng, cần duyệt lại";
	sqlite3_stmt *st = NULL;
	char detail[512];
	antt_status s;
	int rc;

	p->reopened = !strcmp(p->status, "approved") && now->verdict != p->verdict;
	assess_detail(now, detail, sizeof(detail));
	s = db_prepare(db, "UPDATE assessments SET criteria_set_id = ?1, verdict = ?2, detail = ?3,"
		" status = CASE WHEN ?4 THEN 'draft' ELSE status END, reason = CASE WHEN ?4 THEN ?5 ELSE reason END,"
		" rev = rev + 1, updated_by = ?6, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?7", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, set_id);
	sqlite3_bind_text(st, 2, verdict_code(now->verdict), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, p->reopened);
	sqlite3_bind_text(st, 5, why, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, p->id);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		s = db_fail(db, rc, err, "đánh giá lại");
	sqlite3_finalize(st);
	return s;
}

/* One assessment. check: refused into errs, or marked to do (not already
 * today's set, and a set for its type and year still exists); nothing is
 * written. Else: a marked one is rebound (today's set stored on its first
 * use) and its communes recomputed. */
static antt_status one(antt_db *db, struct pick *p, int year, int approved, int check, errlist *errs, antt_err *err)
{
	const form *f;
	sqlite3_int64 set_id = 0;
	assess_result now;
	unit_row u;
	antt_status s;

	if (!check && !p->done)
		return ANTT_OK;
	s = form_for_new(db, p->type, year, &f, check ? NULL : &set_id, err);
	if (check && s == ANTT_ERR_NOT_FOUND)
		return ANTT_OK;
	if (s != ANTT_OK || (check && !strcmp(f->sha256, p->sha)))
		return s;
	if ((s = assess_load_with(db, p->code, year, f, &now, err)) != ANTT_OK)
		return s;
	if (!check) {
		if ((s = rebind(db, p, set_id, &now, err)) == ANTT_OK &&
		    (s = unit_get(db, p->code, &u, err)) == ANTT_OK &&
		    (s = assess_recompute_up(db, &u, year, err)) == ANTT_OK) {
			p->regulation = strdup(f->regulation);
			p->new_verdict = now.verdict;
		}
	} else if (!strcmp(p->status, "approved") && !approved) {
		errlist_add(errs, "%s (%s) năm %d: đã được lãnh đạo duyệt; chỉ đánh giá lại khi lãnh đạo chọn gồm cả phiếu "
			"đã duyệt", p->code, p->name, year);
	} else if (p->recognised && now.verdict != p->verdict) {
		errlist_add(errs, "%s (%s) năm %d: đã được công nhận; theo bộ tiêu chí hiện hành kết luận là %s, nên phải "
			"rút công nhận trước (quyết định thu hồi) rồi mới đánh giá lại", p->code, p->name, year,
			assess_verdict_name(now.verdict));
	} else {
		p->done = 1;
	}
	assess_result_free(&now);
	return s;
}

antt_status reassess_run(antt_db *db, int year, const char *unit, int approved,
                         int (*fn)(const reassess_row *r, void *ctx), void *ctx, int *count, antt_err *err)
{
	errlist errs = { .count = 0 };
	struct pick *p = NULL;
	size_t n = 0;
	antt_status s;

	*count = 0;
	if ((s = auth_require(db, approved ? CAN_REVIEW : CAN_ENTER, approved ? "đánh giá lại phiếu đã duyệt"
		: "đánh giá lại theo bộ tiêu chí hiện hành", err)) != ANTT_OK)
		return s;
	if (unit) {
		unit_row u;
		if ((s = unit_get(db, unit, &u, err)) != ANTT_OK)
			return s;
	}
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = read_picks(db, year, unit, &p, &n, err)) != ANTT_OK)
		goto rollback;
	/* every refusal first, so the list is whole and nothing is stored */
	for (size_t i = 0; i < n && s == ANTT_OK; i++)
		s = one(db, &p[i], year, approved, 1, &errs, err);
	if (s == ANTT_OK && errs.count)
		s = errlist_report(&errs, err, ANTT_ERR_INVALID, "không đánh giá lại được");
	for (size_t i = 0; i < n && s == ANTT_OK; i++)
		s = one(db, &p[i], year, approved, 0, &errs, err);
	if (s != ANTT_OK)
		goto rollback;
	if ((s = db_commit(db, err)) != ANTT_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		reassess_row r = { p[i].code, p[i].name, p[i].regulation, p[i].verdict, p[i].new_verdict, p[i].reopened };
		if (!p[i].done)
			continue;
		++*count;
		if (fn && fn(&r, ctx))
			fn = NULL;
	}
	goto out;
rollback:
	db_rollback(db);
out:
	errlist_free(&errs);
	picks_free(p, n);
	return s;
}
