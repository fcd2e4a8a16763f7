/* Importing a package: check it whole (integrity_check, manifest, schema
 * version, SHA-256, row counts, criteria sets), then merge it in one
 * transaction on the natural keys: units by uuid, assessments by unit and
 * year, answers by unit, year and criterion. For each row:
 *   new here                         -> added
 *   same content                     -> nothing
 *   approved here                    -> conflict
 *   unchanged here since the base    -> take the package's
 *   unchanged there since the base   -> keep ours
 *   changed on both sides            -> conflict
 * The base is what both sides last agreed on (sync_base). */
#include "sync.h"
#include "sync_int.h"
#include "content.h"
#include "assess.h"
#include "auth.h"
#include "backup.h"
#include "form.h"
#include "text.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { K_UNIT, K_ASSESSMENT, K_ANSWER };
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

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : NULL;
}

/* --- checking ------------------------------------------------------------ */

static antt_status bad(antt_err *err, const char *path, const char *why)
{
	return err_set(err, ANTT_ERR_INVALID, "%s: %s. Cơ sở dữ liệu không bị thay đổi.", path, why);
}

static char *manifest_value(sqlite3 *pkg, const char *key)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(pkg, "SELECT value FROM manifest WHERE key = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

static long long count_rows(sqlite3 *pkg, const char *table)
{
	sqlite3_stmt *st = NULL;
	char q[96];
	long long n = -1;

	snprintf(q, sizeof(q), "SELECT count(*) FROM %s", table);
	if (sqlite3_prepare_v2(pkg, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static antt_status check_sets(sqlite3 *pkg, const char *path, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	int rc;

	if (count_rows(pkg, "assessments WHERE set_sha NOT IN (SELECT sha256 FROM criteria_sets)") != 0)
		return bad(err, path, "gói dùng bộ tiêu chí không có trong gói (bộ tiêu chí không rõ)");
	if (sqlite3_prepare_v2(pkg, "SELECT sha256, body FROM criteria_sets", -1, &st, NULL) != SQLITE_OK)
		return bad(err, path, "gói thiếu bảng bộ tiêu chí");
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *body = (const char *)sqlite3_column_text(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1);
		struct sha256_ctx ctx;
		uint8_t d[SHA256_DIGEST_SIZE];
		char hex[65];
		form *f = NULL;
		antt_err e2;

		sha256_init(&ctx);
		sha256_update(&ctx, len, (const uint8_t *)(body ? body : ""));
		sha256_digest(&ctx, sizeof(d), d);
		for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		if (!sha || strcmp(sha, hex))
			s = bad(err, path, "một bộ tiêu chí trong gói không khớp mã băm của nó (bộ tiêu chí không rõ)");
		else if (form_load_text("gói", body ? body : "", len, &f, &e2) != ANTT_OK)
			s = bad(err, path, "một bộ tiêu chí trong gói không đọc được (bộ tiêu chí không rõ)");
		form_free(f);
	}
	sqlite3_finalize(st);
	return s;
}

/* Everything that can be checked before touching the database. */
static antt_status verify(const char *path, sync_result *r, antt_err *err)
{
	static const char *const counted[][2] = {
		{ "rows_units", "units" }, { "rows_assessments", "assessments" },
		{ "rows_answers", "answers" }, { "rows_audit", "audit" },
	};
	sqlite3 *pkg = NULL;
	sqlite3_stmt *st = NULL;
	char sha[65], *v = NULL;
	antt_status s = ANTT_OK;
	int rc;

	rc = sqlite3_open_v2(path, &pkg, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		s = err_set(err, ANTT_ERR_IO, "%s: không mở được tệp gói. Kiểm tra tên tệp và USB.", path);
		goto out;
	}
	/* integrity_check, not quick_check: an index that disagrees with its
	 * table would change what the merge sees without changing the checksum */
	rc = sqlite3_prepare_v2(pkg, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		sqlite3_finalize(st);
		s = bad(err, path, "tệp không phải gói antt, hoặc gói bị hỏng hay chép thiếu. Hãy chép lại gói từ máy gửi");
		goto out;
	}
	sqlite3_finalize(st);
	v = manifest_value(pkg, "format");
	if (!v || strcmp(v, "antt-package")) {
		s = bad(err, path, "tệp không phải gói antt (thiếu phần mô tả gói)");
		goto out;
	}
	free(v);
	v = manifest_value(pkg, "schema_version");
	if (!v || atoi(v) != db_schema_version()) {
		char why[200];
		snprintf(why, sizeof(why), "gói tạo bởi bản antt có cấu trúc số %s, máy này số %d: hãy cập nhật antt "
			"ở hai máy cho cùng phiên bản", v ? v : "?", db_schema_version());
		s = bad(err, path, why);
		goto out;
	}
	if ((s = check_sets(pkg, path, err)) != ANTT_OK)
		goto out;
	free(v);
	v = manifest_value(pkg, "sha256");
	if ((s = sync_checksum(pkg, "main", sha, err)) != ANTT_OK)
		goto out;
	if (!v || strcmp(v, sha)) {
		s = bad(err, path, "mã kiểm tra SHA-256 không khớp: gói đã bị sửa hoặc bị hỏng trên đường chép");
		goto out;
	}
	snprintf(r->sha256, sizeof(r->sha256), "%s", sha);
	for (size_t i = 0; i < sizeof(counted) / sizeof(*counted); i++) {
		char *n = manifest_value(pkg, counted[i][0]);
		int ok = n && atoll(n) == count_rows(pkg, counted[i][1]);
		free(n);
		if (!ok) {
			s = bad(err, path, "số dòng trong gói không khớp phần mô tả: gói bị hỏng");
			goto out;
		}
	}
	free(v);
	v = manifest_value(pkg, "sender");
	snprintf(r->sender, sizeof(r->sender), "%s", v ? v : "");
	free(v);
	v = manifest_value(pkg, "under_code");
	snprintf(r->under, sizeof(r->under), "%s", v ? v : "");
	free(v);
	v = manifest_value(pkg, "years");
	snprintf(r->years, sizeof(r->years), "%s", v ? v : "");
	free(v);
	v = manifest_value(pkg, "created_at");
	snprintf(r->created, sizeof(r->created), "%s", v ? v : "");
out:
	free(v);
	sqlite3_close_v2(pkg);
	return s;
}

/* --- merging --------------------------------------------------------------- */

typedef struct {
	antt_db *db;
	sync_result *r;
	antt_err *err;
	sqlite3_stmt *base, *conflict, *clash;
	sqlite3_int64 attach_id;
} merger;

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
	int c_status;   /* the local assessment's status, -1 if none */
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
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = col(st, k->c_key), *incoming = col(st, k->c_incoming), *local = col(st, k->c_local);
		const char *status = k->c_status < 0 ? NULL : col(st, k->c_status);
		sqlite3_int64 rev = sqlite3_column_int64(st, k->c_rev);
		int exists = sqlite3_column_type(st, k->c_local_id) != SQLITE_NULL;
		int locked = status && !strcmp(status, "approved");
		int d = decide(exists, exists ? local : "", incoming, col(st, k->c_base), locked && exists);
		char label[200];

		if (locked && !exists)   /* a new answer in an approved assessment */
			d = M_CONFLICT;
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
			s = add_conflict(m, k->kind, key, label, locked ? why_approved : why_both,
				exists ? local : NULL, incoming, rev);
		}
		if (s == ANTT_OK && d != M_KEEP && d != M_CONFLICT)
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
	const char *code = col(row, 2);
	char *key;

	sqlite3_reset(m->clash);
	sqlite3_bind_text(m->clash, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(m->clash, 2, col(row, 0), -1, SQLITE_STATIC);
	if (sqlite3_step(m->clash) == SQLITE_ROW) {
		antt_status s = err_set(m->err, ANTT_ERR_EXISTS, "mã đơn vị \"%s\" trong gói đã dùng cho một đơn vị "
			"khác ở máy này (\"%s\"). Hai máy cần dùng chung mã (nên dùng mã đơn vị hành chính); chưa nhập gì.",
			code, col(m->clash, 0));
		sqlite3_reset(m->clash);
		return s;
	}
	sqlite3_reset(m->clash);
	/* uuid rev code name | search key | type parent from to excluded merged | top | who */
	bind_columns(w, row, cols, 4);
	key = text_key(col(row, 3));
	sqlite3_bind_text(w, 5, key ? key : "", -1, SQLITE_TRANSIENT);
	free(key);
	for (int i = 6; i <= 11; i++)
		sqlite3_bind_value(w, i, sqlite3_column_value(row, i - 2));
	if (m->attach_id)
		sqlite3_bind_int64(w, 12, m->attach_id);
	else
		sqlite3_bind_null(w, 12);
	sqlite3_bind_value(w, 13, sqlite3_column_value(row, 10));
	return ANTT_OK;
}

static void label_unit(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "đơn vị %s", col(row, 2));
}

static const merge_kind merge_unit = {
	.kind = K_UNIT, .what = "nhập đơn vị",
	.select =
		"WITH RECURSIVE ord(uuid, depth) AS ("
		"  SELECT uuid, 0 FROM pkg.units WHERE parent_uuid IS NULL OR parent_uuid NOT IN (SELECT uuid FROM pkg.units)"
		"  UNION ALL SELECT u.uuid, o.depth + 1 FROM pkg.units u JOIN ord o ON u.parent_uuid = o.uuid)"
		" SELECT p.uuid, p.rev, p.code, p.name, p.type, p.parent_uuid, p.valid_from, p.valid_to, p.excluded,"
		"  p.merged_uuid, p.updated_by, "
		UNIT_JSON("p.code", "p.name", "p.type", "p.parent_uuid", "p.valid_from", "p.valid_to", "p.excluded", "p.merged_uuid") ","
		"  l.id, "
		UNIT_JSON("l.code", "l.name", "l.type", "lp.uuid", "l.valid_from", "l.valid_to", "l.excluded", "lm.uuid") ","
		"  b.content"
		" FROM ord JOIN pkg.units p ON p.uuid = ord.uuid"
		" LEFT JOIN main.units l ON l.uuid = p.uuid LEFT JOIN main.units lp ON lp.id = l.parent_id"
		" LEFT JOIN main.units lm ON lm.id = l.merged_into LEFT JOIN main.sync_base b ON b.key = p.uuid"
		" ORDER BY ord.depth, p.code",
	.insert =
		"INSERT INTO units (uuid, rev, code, name, name_key, type, parent_id, valid_from,"
		" valid_to, excluded, merged_into, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" coalesce((SELECT id FROM units WHERE uuid = ?7), ?12), ?8, ?9, ?10, (SELECT id FROM units WHERE uuid = ?11), ?13)",
	.update =
		"UPDATE units SET rev = ?2, code = ?3, name = ?4, name_key = ?5, type = ?6,"
		" parent_id = CASE WHEN ?7 IS NULL THEN parent_id ELSE (SELECT id FROM units WHERE uuid = ?7) END,"
		" valid_from = ?8, valid_to = ?9, excluded = ?10, merged_into = (SELECT id FROM units WHERE uuid = ?11),"
		" updated_by = ?13, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE uuid = ?1",
	.c_key = 0, .c_rev = 1, .c_incoming = 11, .c_local_id = 12, .c_local = 13, .c_base = 14, .c_status = -1,
	.bind = bind_unit, .label = label_unit,
};

/* uuid rev unit year | set status verdict detail reason registered by */
static antt_status bind_assessment(merger *m, sqlite3_stmt *row, sqlite3_stmt *w)
{
	static const int cols[] = { 1, 2, 15, 17, 3, 4, 5, 6, 7, 8, 9 };
	(void)m;
	bind_columns(w, row, cols, sizeof(cols) / sizeof(*cols));
	return ANTT_OK;
}

static void label_assessment(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "%s năm %d", col(row, 16), sqlite3_column_int(row, 17));
}

static const merge_kind merge_assessment = {
	.kind = K_ASSESSMENT, .what = "nhập phiếu đánh giá",
	.select =
		"SELECT p.unit_uuid || '/' || p.year, p.uuid, p.rev, p.set_sha, p.status, p.verdict, p.detail, p.reason,"
		"  p.registered_at, p.updated_by, " ASSESSMENT_JSON("p.status", "p.set_sha", "p.reason") ","
		"  a.id, " ASSESSMENT_JSON("a.status", "cs.sha256", "a.reason") ", b.content, a.status, u.id, u.code, p.year"
		" FROM pkg.assessments p JOIN main.units u ON u.uuid = p.unit_uuid"
		" LEFT JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.criteria_sets cs ON cs.id = a.criteria_set_id"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year",
	.insert =
		"INSERT INTO assessments (uuid, rev, unit_id, year, criteria_set_id, status, verdict,"
		" detail, reason, registered_at, updated_by) VALUES (?1, ?2, ?3, ?4,"
		" (SELECT id FROM criteria_sets WHERE sha256 = ?5), ?6, ?7, ?8, ?9, ?10, ?11)",
	.update =
		"UPDATE assessments SET rev = ?2, criteria_set_id = (SELECT id FROM criteria_sets"
		" WHERE sha256 = ?5), status = ?6, verdict = ?7, detail = ?8, reason = ?9, updated_by = ?11,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE unit_id = ?3 AND year = ?4",
	.c_key = 0, .c_rev = 2, .c_incoming = 10, .c_local_id = 11, .c_local = 12, .c_base = 13, .c_status = 14,
	.bind = bind_assessment, .label = label_assessment,
};

/* uuid rev assessment criterion | value exception note by */
static antt_status bind_answer(merger *m, sqlite3_stmt *row, sqlite3_stmt *w)
{
	static const int cols[] = { 1, 2, 12, 15, 3, 4, 5, 6 };
	(void)m;
	bind_columns(w, row, cols, sizeof(cols) / sizeof(*cols));
	return ANTT_OK;
}

static void label_answer(sqlite3_stmt *row, char *buf, size_t size)
{
	snprintf(buf, size, "%s năm %d, tiêu chí %s", col(row, 13), sqlite3_column_int(row, 14), col(row, 15));
}

static const merge_kind merge_answer = {
	.kind = K_ANSWER, .what = "nhập câu trả lời",
	.select =
		"SELECT p.unit_uuid || '/' || p.year || '/' || p.criterion, p.uuid, p.rev, p.value, p.exception, p.note,"
		"  p.updated_by, " ANSWER_JSON("p.value", "p.exception", "p.note") ","
		"  x.id, " ANSWER_JSON("x.value", "x.exception", "x.note") ", b.content, a.status, a.id, u.code, p.year,"
		"  p.criterion"
		" FROM pkg.answers p JOIN main.units u ON u.uuid = p.unit_uuid"
		" JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.answers x ON x.assessment_id = a.id AND x.criterion = p.criterion"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year || '/' || p.criterion",
	.insert =
		"INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	.update =
		"UPDATE answers SET rev = ?2, value = ?5, exception = ?6, note = ?7, updated_by = ?8,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE assessment_id = ?3 AND criterion = ?4",
	.c_key = 0, .c_rev = 2, .c_incoming = 7, .c_local_id = 8, .c_local = 9, .c_base = 10, .c_status = 11,
	.bind = bind_answer, .label = label_answer,
};

static antt_status exec(antt_db *db, const char *sql, antt_err *err, const char *what)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ANTT_OK : db_fail(db, rc, err, what);
}

antt_status sync_import(antt_db *db, const char *path, const char *attach_under, int dry_run,
                        sync_result *r, antt_err *err)
{
	merger m = { .db = db, .r = r, .err = err };
	sqlite3_stmt *st = NULL;
	char uri[4200];
	antt_status s;
	int attached = 0;

	memset(r, 0, sizeof(*r));
	if (!dry_run && (s = auth_require(db, CAN_ENTER, "nhập gói dữ liệu", err)) != ANTT_OK)
		return s;
	if ((s = verify(path, r, err)) != ANTT_OK)
		return s;
	if (!dry_run) {
		char saved[4200];
		if ((s = backup_now(db, "truoc-nhap-goi", saved, sizeof(saved), err)) != ANTT_OK)
			return s;
	}
	if (attach_under) {
		unit_row u;
		if ((s = unit_get(db, attach_under, &u, err)) != ANTT_OK)
			return s;
		m.attach_id = u.id;
	}
	/* the package is attached read-only: nothing here can change it */
	{
		char *p = uri;
		p += snprintf(p, sizeof(uri), "file:");
		for (const char *c = path; *c && p < uri + sizeof(uri) - 16; c++) {
			if (*c == '?' || *c == '#' || *c == '%')
				p += sprintf(p, "%%%02X", (unsigned char)*c);
			else
				*p++ = *c;
		}
		snprintf(p, (size_t)(uri + sizeof(uri) - p), "?mode=ro");
	}
	if ((s = db_prepare(db, "ATTACH ? AS pkg", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_finalize(st);
		return err_set(err, ANTT_ERR_IO, "%s: không mở được gói (%s)", path, sqlite3_errmsg(db->sql));
	}
	sqlite3_finalize(st);
	attached = 1;
	if ((s = db_begin(db, err)) != ANTT_OK)
		goto out;
	{
		sqlite3_stmt *seen = NULL;
		if (db_prepare(db, "SELECT 1 FROM packages WHERE sha256 = ?", &seen, NULL) == ANTT_OK) {
			sqlite3_bind_text(seen, 1, r->sha256, -1, SQLITE_STATIC);
			r->seen_before = sqlite3_step(seen) == SQLITE_ROW;
		}
		sqlite3_finalize(seen);
	}
	if ((s = db_prepare(db, "INSERT OR REPLACE INTO sync_base (key, rev, content) VALUES (?, ?, ?)", &m.base, err)) != ANTT_OK ||
	    (s = db_prepare(db, "INSERT OR IGNORE INTO conflicts (kind, key, label, why, local, incoming, incoming_rev, package)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &m.conflict, err)) != ANTT_OK ||
	    (s = db_prepare(db, "SELECT name FROM units WHERE code = ?1 AND uuid <> ?2", &m.clash, err)) != ANTT_OK)
		goto rollback;
	if ((s = exec(db, "INSERT OR IGNORE INTO criteria_sets (regulation, version, source, body, sha256)"
		" SELECT regulation, version, source, body, sha256 FROM pkg.criteria_sets", err, "nhập bộ tiêu chí")) != ANTT_OK ||
	    (s = merge_rows(&m, &merge_unit)) != ANTT_OK || (s = merge_rows(&m, &merge_assessment)) != ANTT_OK ||
	    (s = merge_rows(&m, &merge_answer)) != ANTT_OK)
		goto rollback;
	/* the sender's history, each row once */
	if ((s = exec(db, "INSERT INTO audit (at, who, tbl, row_uuid, scope, action, old_value, new_value)"
		" SELECT p.at, p.who, p.tbl, p.row_uuid, p.scope, p.action, p.old_value, p.new_value FROM pkg.audit p"
		" WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.row_uuid IS p.row_uuid AND a.at = p.at AND a.who = p.who"
		"  AND a.action = p.action AND a.old_value IS p.old_value AND a.new_value IS p.new_value) ORDER BY p.id",
		err, "nhập nhật ký")) != ANTT_OK)
		goto rollback;
	r->audit = sqlite3_changes(db->sql);
	/* communes follow their units: recompute the years the package brought */
	{
		sqlite3_stmt *ys = NULL;
		if ((s = db_prepare(db, "SELECT DISTINCT year FROM pkg.assessments ORDER BY year", &ys, err)) == ANTT_OK) {
			while (s == ANTT_OK && sqlite3_step(ys) == SQLITE_ROW)
				s = assess_recompute_year(db, sqlite3_column_int(ys, 0), err);
			sqlite3_finalize(ys);
		}
		if (s != ANTT_OK)
			goto rollback;
	}
	if ((s = db_prepare(db, "INSERT OR IGNORE INTO packages (sha256, sender, under_code, under_uuid, years,"
		" created_at, imported_by) SELECT ?1, ?2, nullif(?3, ''),"
		" nullif((SELECT value FROM pkg.manifest WHERE key = 'under_uuid'), ''), ?4, ?5, ?6", &st, err)) != ANTT_OK)
		goto rollback;
	sqlite3_bind_text(st, 1, r->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->under, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->years, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->created, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, db->user, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		s = db_fail(db, sqlite3_errcode(db->sql), err, "ghi gói đã nhận");
	sqlite3_finalize(st);
	st = NULL;
	if (s != ANTT_OK)
		goto rollback;
	sqlite3_finalize(m.base);
	sqlite3_finalize(m.conflict);
	sqlite3_finalize(m.clash);
	m.base = m.conflict = m.clash = NULL;
	if (dry_run) {
		db_rollback(db);
		goto out;
	}
	s = db_commit(db, err);
	goto out;
rollback:
	db_rollback(db);
out:
	sqlite3_finalize(m.base);
	sqlite3_finalize(m.conflict);
	sqlite3_finalize(m.clash);
	if (attached)
		sqlite3_exec(db->sql, "DETACH pkg", NULL, NULL, NULL);
	return s;
}
