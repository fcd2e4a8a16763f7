/* Merging a package, inside the transaction import.c holds, on the
 * natural keys: units by uuid, assessments by unit and
 * year, answers by unit, year and criterion. For each row:
 *   new here                         -> added
 *   same content                     -> nothing
 *   approved here                    -> conflict
 *   unchanged here since the base    -> take the package's
 *   unchanged there since the base   -> keep ours
 *   changed on both sides            -> conflict
 *   older than the base (a lower rev) -> conflict, never taken silently
 * The base is what both sides last agreed on (sync_base). A change to a
 * unit outside the signer's scope refuses the whole package; a move that
 * would close a cycle in the unit tree is a conflict; approval states from
 * a signer without the right to approve are not taken (the answers are). */
#include "sync.h"
#include "sync_int.h"
#include "merge_int.h"
#include "content.h"
#include "form.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_INSERT, M_SAME, M_FORWARD, M_KEEP, M_CONFLICT };

static int decide(int exists, const char *local, const char *incoming, const char *base, int locked)
{
	if (!exists)
		return M_INSERT;
	if (!strcmp(local, incoming))
		return M_SAME;
	if (locked)
		return M_CONFLICT;
	if (base && !strcmp(local, base))
		return M_FORWARD;
	if (base && !strcmp(incoming, base))
		return M_KEEP;
	return M_CONFLICT;
}

const char *merge_col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : NULL;
}

/* --- merging --------------------------------------------------------------- */


/* 1 when unit anc is unit id or one of its ancestors (UNION: a cycle
 * already in the tree cannot make this loop). */
static int below(merger *m, sqlite3_int64 id, sqlite3_int64 anc)
{
	int yes;

	sqlite3_reset(m->up);
	sqlite3_bind_int64(m->up, 1, id);
	sqlite3_bind_int64(m->up, 2, anc);
	yes = sqlite3_step(m->up) == SQLITE_ROW && sqlite3_column_int(m->up, 0);
	sqlite3_reset(m->up);
	return yes;
}

/* The walk up the tree is made once per unit, not once per answer: a
 * unit's rows come together, and a unit in scope stays so during the merge
 * (a move out of scope is refused, which ends it). */
static int in_scope(merger *m, sqlite3_int64 id)
{
	if (m->t->whole || (id && id == m->scope_unit))
		return 1;
	if (!id || !m->t->root_id || !below(m, id, m->t->root_id))
		return 0;
	m->scope_unit = id;
	return 1;
}

void merge_unit_words(merger *m, sqlite3_int64 id, char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;

	snprintf(buf, n, "cấp cao nhất (không có cấp trên)");
	if (sqlite3_prepare_v2(m->db->sql, "SELECT code || ' (' || name || ')' FROM units WHERE id = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
}

static antt_status outside(merger *m, const char *what)
{
	return err_set(m->err, ANTT_ERR_DENIED, "gói %s — ngoài phạm vi mà máy gửi \"%s\" được ghi nhận ở máy này "
		"(%s và các đơn vị trực thuộc). Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi.",
		what, m->t->origin, m->t->scope);
}

static antt_status set_base(merger *m, const char *key, sqlite3_int64 rev, const char *content)
{
	sqlite3_reset(m->base);
	sqlite3_bind_text(m->base, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(m->base, 2, rev);
	sqlite3_bind_text(m->base, 3, content, -1, SQLITE_TRANSIENT);
	return sqlite3_step(m->base) == SQLITE_DONE ? ANTT_OK : db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "ghi mốc trao đổi");
}

static antt_status add_conflict(merger *m, int kind, const char *key, const char *label, const char *why,
                                const char *local, const char *incoming, sqlite3_int64 rev)
{
	static const char *const kinds[] = { "unit", "assessment", "answer" };

	sqlite3_reset(m->conflict);
	sqlite3_bind_text(m->conflict, 1, kinds[kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(m->conflict, 2, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(m->conflict, 3, label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(m->conflict, 4, why, -1, SQLITE_STATIC);
	sqlite3_bind_text(m->conflict, 5, local, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(m->conflict, 6, incoming, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(m->conflict, 7, rev);
	sqlite3_bind_text(m->conflict, 8, m->r->sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(m->conflict) != SQLITE_DONE)
		return db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "ghi xung đột");
	m->r->conflicts[kind]++;
	return ANTT_OK;
}

static const char *const why_both = "hai bên cùng sửa kể từ lần trao đổi trước";
static const char *const why_approved = "phiếu ở máy này đã được duyệt";
static const char *const why_older = "bản trong gói cũ hơn bản hai máy đã thống nhất ở lần trao đổi trước "
	"(một gói cũ được nhập lại, hoặc máy gửi đã khôi phục từ bản sao lưu)";
static const char *const why_cycle = "chuyển đơn vị như trong gói sẽ tạo vòng lặp trong cây đơn vị ở máy này";

static antt_status step_done(merger *m, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(m->db, rc, m->err, what);
}

/* What differs between units, assessments and answers: the queries, where
 * the columns of the package row and its local twin are, and how a row is
 * written and named. The decision and the bookkeeping are shared. */
typedef struct {
	int kind;
	const char *select, *insert, *update, *what;
	int c_key, c_rev, c_incoming, c_local_id, c_local, c_base;
	int c_status;   /* the local assessment's status ("approved": locked; for an answer,
	                   approved before this package), -1 if none */
	int c_withheld; /* 1: an approval state not taken, -1 if none */
	int c_base_rev; /* the rev of the base */
	int c_unit;     /* the unit here the row is of (itself, for a unit) */
	/* may the signer make this change? may turn it into a conflict */
	antt_status (*check)(merger *m, sqlite3_stmt *row, int exists, int *d, const char **why);
	antt_status (*bind)(merger *m, sqlite3_stmt *row, sqlite3_stmt *w);
	void (*label)(sqlite3_stmt *row, char *buf, size_t size);
} merge_kind;

static antt_status merge_rows(merger *m, const merge_kind *k)
{
	sqlite3_stmt *st = NULL, *ins = NULL, *upd = NULL;
	antt_status s;
	int rc = SQLITE_DONE;

	if ((s = db_prepare(m->db, k->select, &st, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, k->insert, &ins, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, k->update, &upd, m->err)) != ANTT_OK)
		goto out;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int(st, 1, m->t->may_approve);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = merge_col(st, k->c_key), *incoming = merge_col(st, k->c_incoming), *local = merge_col(st, k->c_local);
		const char *status = k->c_status < 0 ? NULL : merge_col(st, k->c_status);
		sqlite3_int64 rev = sqlite3_column_int64(st, k->c_rev);
		int exists = sqlite3_column_type(st, k->c_local_id) != SQLITE_NULL;
		int locked = status && !strcmp(status, "approved");
		int d = decide(exists, exists ? local : "", incoming, merge_col(st, k->c_base), locked && exists);
		const char *why = locked ? why_approved : why_both;
		/* a package older than what both sides last agreed on (an old
		 * package imported again) would take the data back */
		int older = sqlite3_column_type(st, k->c_base_rev) != SQLITE_NULL &&
			rev < sqlite3_column_int64(st, k->c_base_rev);
		char label[200];

		if (locked && !exists)   /* a new answer in an approved assessment */
			d = M_CONFLICT;
		if (older && d == M_FORWARD) {
			d = M_CONFLICT;
			why = why_older;
		}
		if (k->c_withheld >= 0 && sqlite3_column_int(st, k->c_withheld))
			m->r->withheld++;
		if (d != M_SAME && d != M_KEEP && (s = k->check(m, st, exists, &d, &why)) != ANTT_OK)
			break;
		/* a row the same here but outside the signer's scope (a genuine
		 * package carries its units' ancestors unchanged) changes nothing,
		 * not even the base both sides last agreed on: with its own rev
		 * it would make the next package of the one who may change that
		 * row "older", each of its changes a conflict */
		if (d == M_SAME && !in_scope(m, sqlite3_column_int64(st, k->c_unit)))
			d = M_KEEP;
		if (d == M_INSERT || d == M_FORWARD) {
			sqlite3_stmt *w = d == M_INSERT ? ins : upd;
			if ((s = k->bind(m, st, w)) != ANTT_OK || (s = step_done(m, w, k->what)) != ANTT_OK)
				break;
		}
		switch (d) {
		case M_INSERT:  m->r->added[k->kind]++; break;
		case M_FORWARD: m->r->changed[k->kind]++; break;
		case M_SAME: case M_KEEP: m->r->unchanged[k->kind]++; break;
		default:
			k->label(st, label, sizeof(label));
			s = add_conflict(m, k->kind, key, label, why, exists ? local : NULL, incoming, rev);
		}
		if (s == ANTT_OK && d != M_KEEP && d != M_CONFLICT && !older)
			s = set_base(m, key, rev, incoming);
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(m->db, rc, m->err, k->what);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	return s;
}

static void bind_columns(sqlite3_stmt *w, sqlite3_stmt *row, const int *cols, int n)
{
	for (int i = 0; i < n; i++)
		sqlite3_bind_value(w, i + 1, sqlite3_column_value(row, cols[i]));
}

/* Units come parents first, so a new child finds its parent; a code that is
 * another unit's here stops the import (codes must agree across machines). */
static antt_status bind_unit(merger *m, sqlite3_stmt *row, sqlite3_stmt *w)
{
	static const int cols[] = { 0, 1, 2, 3 };
	const char *code = merge_col(row, 2);
	char *key;

	sqlite3_reset(m->clash);
	sqlite3_bind_text(m->clash, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(m->clash, 2, merge_col(row, 0), -1, SQLITE_STATIC);
	if (sqlite3_step(m->clash) == SQLITE_ROW) {
		antt_status s = err_set(m->err, ANTT_ERR_EXISTS, "mã đơn vị \"%s\" trong gói đã dùng cho một đơn vị "
			"khác ở máy này (\"%s\"). Hai máy cần dùng chung mã (nên dùng mã đơn vị hành chính); chưa nhập gì.",
			code, merge_col(m->clash, 0));
		sqlite3_reset(m->clash);
		return s;
	}
	sqlite3_reset(m->clash);
	/* uuid rev code name | search key | type parent from to excluded merged | top | who | managed above */
	bind_columns(w, row, cols, 4);
	key = text_key(merge_col(row, 3));
	if (!key && text_key_failed(merge_col(row, 3)) == ANTT_ERR_NOMEM)
		return ANTT_ERR_NOMEM;
	sqlite3_bind_text(w, 5, key ? key : "", -1, SQLITE_TRANSIENT);
	free(key);
	for (int i = 6; i <= 11; i++)
		sqlite3_bind_value(w, i, sqlite3_column_value(row, i - 2));
	if (m->attach_id)
		sqlite3_bind_int64(w, 12, m->attach_id);
	else
		sqlite3_bind_null(w, 12);
	sqlite3_bind_value(w, 13, sqlite3_column_value(row, 10));
	sqlite3_bind_value(w, 14, sqlite3_column_value(row, 20));
	return ANTT_OK;
}

/* Changing a unit needs it in scope; adding one, its parent; moving one,
 * its new parent. A move under one's own descendant is a conflict. */
static antt_status check_unit(merger *m, sqlite3_stmt *row, int exists, int *d, const char **why)
{
	sqlite3_int64 id = sqlite3_column_int64(row, 12), parent = 0;
	char what[700], a[300], b[300];
	int moves;

	/* the parent here, looked up now and not when the rows were read
	 * (sorted, before any was written): it may be new in this package */
	if (merge_col(row, 5)) {
		sqlite3_reset(m->uid);
		sqlite3_bind_text(m->uid, 1, merge_col(row, 5), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(m->uid) == SQLITE_ROW)
			parent = sqlite3_column_int64(m->uid, 0);
		sqlite3_reset(m->uid);
	}
	/* an existing unit whose parent the package names but this machine
	 * does not have goes to the top (the update statement): a move too */
	if (!parent && !exists)
		parent = m->attach_id;
	moves = exists && sqlite3_column_type(row, 5) != SQLITE_NULL && sqlite3_column_int64(row, 15) != parent;

	if (exists && !in_scope(m, id)) {
		merge_unit_words(m, id, a, sizeof(a));
		snprintf(what, sizeof(what), "sửa đơn vị %s", a);
		return outside(m, what);
	}
	if ((!exists || moves) && !in_scope(m, parent)) {
		merge_unit_words(m, parent, b, sizeof(b));
		if (exists)
			merge_unit_words(m, id, a, sizeof(a));
		else
			snprintf(a, sizeof(a), "%s (%s)", merge_col(row, 2), merge_col(row, 3));
		snprintf(what, sizeof(what), "%s đơn vị %s vào dưới %s", exists ? "chuyển" : "thêm", a, b);
		return outside(m, what);
	}
	/* a new code is plain ASCII, as unit add and the CSV import require:
	 * no lookalike of another unit's code (a Cyrillic letter, a
	 * zero-width space) */
	if ((!exists || strcmp(merge_col(row, 2), merge_col(row, 19) ? merge_col(row, 19) : "")) && !unit_code_valid(merge_col(row, 2)))
		return err_set(m->err, ANTT_ERR_INVALID, "gói có mã đơn vị \"%s\" (%s) không hợp lệ: " UNIT_CODE_RULE
			". Không nhập gì từ gói này; cơ sở dữ liệu không bị thay đổi. Hãy báo máy gửi sửa mã đó.",
			merge_col(row, 2), merge_col(row, 3));
	/* "merged into" names a unit too: a new one must be in scope */
	if (sqlite3_column_type(row, 18) != SQLITE_NULL && !in_scope(m, sqlite3_column_int64(row, 18))) {
		merge_unit_words(m, sqlite3_column_int64(row, 18), b, sizeof(b));
		snprintf(what, sizeof(what), "ghi đơn vị %s (%s) là đã sáp nhập vào %s", merge_col(row, 2), merge_col(row, 3), b);
		return outside(m, what);
	}
	if (moves && below(m, parent, id)) {
		*d = M_CONFLICT;
		*why = why_cycle;
	}
	return ANTT_OK;
}

/* An assessment or answer: its unit must be in scope. */
antt_status merge_check_unit_of(merger *m, sqlite3_int64 unit_id, int year)
{
	char what[400], a[300];

	if (in_scope(m, unit_id))
		return ANTT_OK;
	merge_unit_words(m, unit_id, a, sizeof(a));
	snprintf(what, sizeof(what), "sửa phiếu năm %d của đơn vị %s", year, a);
	return outside(m, what);
}

static void label_unit(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "đơn vị %s", merge_col(row, 2));
}

static const merge_kind merge_unit = {
	.kind = K_UNIT, .what = "nhập đơn vị",
	.select =
		"WITH RECURSIVE ord(uuid, depth) AS ("
		"  SELECT uuid, 0 FROM pkg.units WHERE parent_uuid IS NULL OR parent_uuid NOT IN (SELECT uuid FROM pkg.units)"
		"  UNION ALL SELECT u.uuid, o.depth + 1 FROM pkg.units u JOIN ord o ON u.parent_uuid = o.uuid)"
		" SELECT p.uuid, p.rev, p.code, p.name, p.type, p.parent_uuid, p.valid_from, p.valid_to, p.excluded,"
		"  p.merged_uuid, p.updated_by, "
		UNIT_JSON("p.code", "p.name", "p.type", "p.parent_uuid", "p.valid_from", "p.valid_to", "p.excluded", "p.merged_uuid",
			"p.managed_above") ","
		"  l.id, "
		UNIT_JSON("l.code", "l.name", "l.type", "lp.uuid", "l.valid_from", "l.valid_to", "l.excluded", "lm.uuid",
			"l.managed_above") ","
		"  b.content, l.parent_id, (SELECT id FROM main.units WHERE uuid = p.parent_uuid), b.rev,"
		"  (SELECT id FROM main.units WHERE uuid = p.merged_uuid AND p.merged_uuid IS NOT lm.uuid), l.code,"
		"  p.managed_above"
		" FROM ord JOIN pkg.units p ON p.uuid = ord.uuid"
		" LEFT JOIN main.units l ON l.uuid = p.uuid LEFT JOIN main.units lp ON lp.id = l.parent_id"
		" LEFT JOIN main.units lm ON lm.id = l.merged_into LEFT JOIN main.sync_base b ON b.key = p.uuid"
		" ORDER BY ord.depth, p.code",
	.insert =
		"INSERT INTO units (uuid, rev, code, name, name_key, type, parent_id, valid_from,"
		" valid_to, excluded, merged_into, updated_by, managed_above) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" coalesce((SELECT id FROM units WHERE uuid = ?7), ?12), ?8, ?9, ?10, (SELECT id FROM units WHERE uuid = ?11), ?13, ?14)",
	.update =
		"UPDATE units SET rev = ?2, code = ?3, name = ?4, name_key = ?5, type = ?6,"
		" parent_id = CASE WHEN ?7 IS NULL THEN parent_id ELSE (SELECT id FROM units WHERE uuid = ?7) END,"
		" valid_from = ?8, valid_to = ?9, excluded = ?10, merged_into = (SELECT id FROM units WHERE uuid = ?11),"
		" managed_above = ?14, updated_by = ?13, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE uuid = ?1",
	.c_key = 0, .c_rev = 1, .c_incoming = 11, .c_local_id = 12, .c_local = 13, .c_base = 14, .c_status = -1,
	.c_withheld = -1, .c_base_rev = 17, .c_unit = 12, .check = check_unit, .bind = bind_unit, .label = label_unit,
};

/* uuid rev unit year | set status verdict detail reason registered by */
static antt_status bind_assessment(merger *m, sqlite3_stmt *row, sqlite3_stmt *w)
{
	static const int cols[] = { 1, 2, 15, 17, 3, 4, 5, 6, 7, 8, 9 };
	(void)m;
	bind_columns(w, row, cols, sizeof(cols) / sizeof(*cols));
	return ANTT_OK;
}

/* A criteria set given to an assessment (new, or another than here) must
 * be one this unit's type and year are assessed by: a sender cannot pick
 * a known but more lenient set, say an older regulation's. known: the set
 * is in this database (one that is not fails the insert). */
antt_status merge_check_set_of(merger *m, const char *sha, int known, const char *type, int year,
                               sqlite3_int64 unit_id)
{
	const char *body;
	sqlite3_stmt *st = NULL;
	const form *f;
	char a[300];
	antt_err e2;
	antt_status s;
	size_t i;
	int rc;

	if (!sha || !type || !known)
		return ANTT_OK;
	for (i = 0; i < m->n_sets && strcmp(m->sets[i]->sha256, sha); i++)
		;
	if (i == m->n_sets) {
		/* read the first time it is met (a set is a few kilobytes; a
		 * province has 30,000 assessments and a dozen sets) */
		form **grown = realloc(m->sets, (m->n_sets + 1) * sizeof(*grown));
		if (!grown)
			return ANTT_ERR_NOMEM;
		m->sets = grown;
		if ((s = db_prepare(m->db, "SELECT body FROM main.criteria_sets WHERE sha256 = ?", &st, m->err)) != ANTT_OK)
			return s;
		sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW || !(body = (const char *)sqlite3_column_text(st, 0))) {
			s = rc == SQLITE_ROW || rc == SQLITE_DONE ? ANTT_OK : db_fail(m->db, rc, m->err, "đọc bộ tiêu chí");
			sqlite3_finalize(st);
			return s;   /* none: the insert fails on it */
		}
		s = form_load_text("gói", body, strlen(body), &m->sets[i], &e2);
		sqlite3_finalize(st);
		if (s != ANTT_OK)
			return err_set(m->err, ANTT_ERR_INVALID, "bộ tiêu chí %s trong gói không đọc được: %s", sha, e2.msg);
		m->n_sets++;
	}
	f = m->sets[i];
	if (form_applies(f, type, year))
		return ANTT_OK;
	merge_unit_words(m, unit_id, a, sizeof(a));
	return err_set(m->err, ANTT_ERR_DENIED, "gói ghi phiếu năm %d của đơn vị %s theo bộ tiêu chí \"%s\" phiên bản "
		"\"%s\", nhưng bộ này không dùng cho loại đơn vị đó trong năm %d. Không nhập gì từ gói này; cơ sở dữ liệu "
		"không bị thay đổi. Hãy báo máy gửi kiểm tra lại phiếu đó.", year, a, f->regulation ? f->regulation : "?",
		f->version ? f->version : "?", year);
}

static antt_status check_set(merger *m, sqlite3_stmt *row)
{
	return merge_check_set_of(m, merge_col(row, 3), sqlite3_column_int(row, 21), merge_col(row, 20), sqlite3_column_int(row, 17),
		sqlite3_column_int64(row, 15));
}

static antt_status check_assessment(merger *m, sqlite3_stmt *row, int exists, int *d, const char **why)
{
	antt_status s = merge_check_unit_of(m, sqlite3_column_int64(row, 15), sqlite3_column_int(row, 17));
	(void)exists; (void)d; (void)why;
	if (s == ANTT_OK && sqlite3_column_int(row, 22))
		s = check_set(m, row);
	return s;
}

static void label_assessment(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "%s năm %d", merge_col(row, 16), sqlite3_column_int(row, 17));
}


static const merge_kind merge_assessment = {
	.kind = K_ASSESSMENT, .what = "nhập phiếu đánh giá",
	.select =
		"SELECT p.unit_uuid || '/' || p.year, p.uuid, p.rev, p.set_sha, " EFFECTIVE_STATUS ", p.verdict, p.detail, "
		EFFECTIVE_REASON ", p.registered_at, p.updated_by, "
		ASSESSMENT_JSON(EFFECTIVE_STATUS, "p.set_sha", EFFECTIVE_REASON) ","
		"  a.id, " ASSESSMENT_JSON("a.status", "cs.sha256", "a.reason") ", b.content, a.status, u.id, u.code, p.year, "
		WITHHELD ", b.rev, u.type, EXISTS (SELECT 1 FROM main.criteria_sets WHERE sha256 = p.set_sha),"
		" p.set_sha IS NOT cs.sha256"
		" FROM pkg.assessments p JOIN main.units u ON u.uuid = p.unit_uuid"
		" LEFT JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.criteria_sets cs ON cs.id = a.criteria_set_id"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year"
		/* the rest, new here, go in at once (add_assessments) */
		" WHERE a.id IS NOT NULL",
	.insert =
		"INSERT INTO assessments (uuid, rev, unit_id, year, criteria_set_id, status, verdict,"
		" detail, reason, registered_at, updated_by) VALUES (?1, ?2, ?3, ?4,"
		" (SELECT id FROM criteria_sets WHERE sha256 = ?5), ?6, ?7, ?8, ?9, ?10, ?11)",
	.update =
		"UPDATE assessments SET rev = ?2, criteria_set_id = (SELECT id FROM criteria_sets"
		" WHERE sha256 = ?5), status = ?6, verdict = ?7, detail = ?8, reason = ?9, updated_by = ?11,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE unit_id = ?3 AND year = ?4",
	.c_key = 0, .c_rev = 2, .c_incoming = 10, .c_local_id = 11, .c_local = 12, .c_base = 13, .c_status = 14,
	.c_withheld = 18, .c_base_rev = 19, .c_unit = 15, .check = check_assessment, .bind = bind_assessment,
	.label = label_assessment,
};

/* uuid rev assessment criterion | value exception note by */
static antt_status bind_answer(merger *m, sqlite3_stmt *row, sqlite3_stmt *w)
{
	static const int cols[] = { 1, 2, 12, 15, 3, 4, 5, 6 };
	(void)m;
	bind_columns(w, row, cols, sizeof(cols) / sizeof(*cols));
	return ANTT_OK;
}

static antt_status check_answer(merger *m, sqlite3_stmt *row, int exists, int *d, const char **why)
{
	(void)exists; (void)d; (void)why;
	return merge_check_unit_of(m, sqlite3_column_int64(row, 16), sqlite3_column_int(row, 14));
}

static void label_answer(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "%s năm %d, tiêu chí %s", merge_col(row, 13), sqlite3_column_int(row, 14), merge_col(row, 15));
}

static const merge_kind merge_answer = {
	.kind = K_ANSWER, .what = "nhập câu trả lời",
	.select =
		"SELECT p.unit_uuid || '/' || p.year || '/' || p.criterion, p.uuid, p.rev, p.value, p.exception, p.note,"
		"  p.updated_by, " ANSWER_JSON("p.value", "p.exception", "p.note") ","
		"  x.id, " ANSWER_JSON("x.value", "x.exception", "x.note") ", b.content,"
		"  CASE WHEN a.id IN (SELECT id FROM temp.merge_locked) THEN 'approved' END, a.id, u.code, p.year,"
		"  p.criterion, u.id, b.rev"
		" FROM pkg.answers p JOIN main.units u ON u.uuid = p.unit_uuid"
		" JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.answers x ON x.assessment_id = a.id AND x.criterion = p.criterion"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year || '/' || p.criterion"
		/* the rest, new answers of forms open here, go in at once (add_answers) */
		" WHERE x.id IS NOT NULL OR a.id IN (SELECT id FROM temp.merge_locked)",
	.insert =
		"INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	.update =
		"UPDATE answers SET rev = ?2, value = ?5, exception = ?6, note = ?7, updated_by = ?8,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE assessment_id = ?3 AND criterion = ?4",
	.c_key = 0, .c_rev = 2, .c_incoming = 7, .c_local_id = 8, .c_local = 9, .c_base = 10, .c_status = 11,
	.c_withheld = -1, .c_base_rev = 17, .c_unit = 16, .check = check_answer, .bind = bind_answer, .label = label_answer,
};

/* The units the signer may change, once its package's units are in
 * (nothing after moves one): temp.import_sub, read by the checks of the
 * forms and answers new here (merge_new.c) and by the history the import
 * takes (import.c). One walk down from the signer's unit, where each of
 * the three walked it again (a national root: 90,000 units, 0.45 s an
 * import at 30 provinces). UNION: a cycle in a damaged tree cannot make
 * the walk loop. A signer who may change every unit needs none. */
static antt_status scope_units(merger *m)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if (sqlite3_exec(m->db->sql, "CREATE TEMP TABLE IF NOT EXISTS import_sub (id INTEGER PRIMARY KEY);"
		"DELETE FROM temp.import_sub", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(m->db, sqlite3_errcode(m->db->sql), m->err, "nhập gói");
	if (m->t->whole)
		return ANTT_OK;
	if ((s = db_prepare(m->db, "INSERT INTO temp.import_sub WITH RECURSIVE sub(id) AS (SELECT ?1"
		" UNION SELECT u.id FROM main.units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub", &st, m->err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, m->t->root_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(m->db, rc, m->err, "nhập gói");
}

antt_status sync_merge(antt_db *db, const sync_trust *t, sqlite3_int64 attach_id, sync_result *r, antt_err *err)
{
	merger m = { .db = db, .r = r, .err = err, .attach_id = attach_id, .t = t };
	antt_status s;

	/* what was approved here before this package: answers arriving with
	 * an approval the package itself brings are not "changes to a form
	 * approved here". Only the forms the package's answers name are ever
	 * asked (by unit and year, whether or not it carries the form itself):
	 * every approved form of a national machine was 0.3-0.7 s an import */
	if (sqlite3_exec(db->sql, "CREATE TEMP TABLE IF NOT EXISTS merge_locked (id INTEGER PRIMARY KEY);"
		"DELETE FROM temp.merge_locked;"
		"INSERT OR IGNORE INTO temp.merge_locked SELECT a.id FROM (SELECT DISTINCT unit_uuid, year FROM pkg.answers) p"
		" JOIN main.units u ON u.uuid = p.unit_uuid JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" WHERE a.status = 'approved'", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, sqlite3_errcode(db->sql), err, "nhập gói");
	if ((s = db_prepare(db, "INSERT OR REPLACE INTO sync_base (key, rev, content) VALUES (?, ?, ?)", &m.base, err)) == ANTT_OK &&
	    (s = db_prepare(db, "INSERT OR IGNORE INTO conflicts (kind, key, label, why, local, incoming, incoming_rev, package)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &m.conflict, err)) == ANTT_OK &&
	    (s = db_prepare(db, "SELECT name FROM units WHERE code = ?1 AND uuid <> ?2", &m.clash, err)) == ANTT_OK &&
	    (s = db_prepare(db, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT u.parent_id FROM main.units u"
		" JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL) SELECT count(*) FROM up WHERE id = ?2", &m.up, err)) == ANTT_OK &&
	    (s = db_prepare(db, "SELECT id FROM main.units WHERE uuid = ?", &m.uid, err)) == ANTT_OK &&
	    (s = merge_rows(&m, &merge_unit)) == ANTT_OK && (s = scope_units(&m)) == ANTT_OK &&
	    (s = merge_rows(&m, &merge_assessment)) == ANTT_OK &&
	    (s = merge_add_assessments(&m)) == ANTT_OK &&
	    (s = merge_rows(&m, &merge_answer)) == ANTT_OK && (s = merge_add_answers(&m)) == ANTT_OK)
		s = sync_merge_recognitions(db, t, r, err);
	sqlite3_finalize(m.base);
	sqlite3_finalize(m.conflict);
	sqlite3_finalize(m.clash);
	sqlite3_finalize(m.up);
	sqlite3_finalize(m.uid);
	for (size_t i = 0; i < m.n_sets; i++)
		form_free(m.sets[i]);
	free(m.sets);
	return s;
}
