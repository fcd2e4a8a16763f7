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
	sqlite3_stmt *base, *conflict;
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

static antt_status merge_units(merger *m)
{
	sqlite3_stmt *st = NULL, *ins = NULL, *upd = NULL, *clash = NULL;
	antt_status s;
	int rc;

	s = db_prepare(m->db,
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
		" ORDER BY ord.depth, p.code", &st, m->err);
	if (s != ANTT_OK)
		return s;
	if ((s = db_prepare(m->db, "INSERT INTO units (uuid, rev, code, name, name_key, type, parent_id, valid_from,"
		" valid_to, excluded, merged_into, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" coalesce((SELECT id FROM units WHERE uuid = ?7), ?12), ?8, ?9, ?10, (SELECT id FROM units WHERE uuid = ?11), ?13)",
		&ins, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, "UPDATE units SET rev = ?2, code = ?3, name = ?4, name_key = ?5, type = ?6,"
		" parent_id = CASE WHEN ?7 IS NULL THEN parent_id ELSE (SELECT id FROM units WHERE uuid = ?7) END,"
		" valid_from = ?8, valid_to = ?9, excluded = ?10, merged_into = (SELECT id FROM units WHERE uuid = ?11),"
		" updated_by = ?13, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE uuid = ?1", &upd, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, "SELECT name FROM units WHERE code = ?1 AND uuid <> ?2", &clash, m->err)) != ANTT_OK)
		goto out;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *uuid = col(st, 0), *code = col(st, 2), *incoming = col(st, 11);
		int exists = sqlite3_column_type(st, 12) != SQLITE_NULL;
		int d = decide(exists, exists ? col(st, 13) : "", incoming, col(st, 14), 0);
		char label[160];

		if (d == M_INSERT || d == M_FORWARD) {
			char *key = text_key(col(st, 3));
			sqlite3_stmt *w = d == M_INSERT ? ins : upd;

			sqlite3_bind_text(clash, 1, code, -1, SQLITE_STATIC);
			sqlite3_bind_text(clash, 2, uuid, -1, SQLITE_STATIC);
			if (sqlite3_step(clash) == SQLITE_ROW) {
				s = err_set(m->err, ANTT_ERR_EXISTS, "mã đơn vị \"%s\" trong gói đã dùng cho một đơn vị khác ở máy "
					"này (\"%s\"). Hai máy cần dùng chung mã (nên dùng mã đơn vị hành chính); chưa nhập gì.",
					code, col(clash, 0));
				sqlite3_reset(clash);
				free(key);
				break;
			}
			sqlite3_reset(clash);
			/* uuid rev code name | search key | type parent from to excluded merged | top | who */
			sqlite3_bind_value(w, 1, sqlite3_column_value(st, 0));
			sqlite3_bind_value(w, 2, sqlite3_column_value(st, 1));
			sqlite3_bind_value(w, 3, sqlite3_column_value(st, 2));
			sqlite3_bind_value(w, 4, sqlite3_column_value(st, 3));
			sqlite3_bind_text(w, 5, key ? key : "", -1, SQLITE_TRANSIENT);
			sqlite3_bind_value(w, 6, sqlite3_column_value(st, 4));
			sqlite3_bind_value(w, 7, sqlite3_column_value(st, 5));
			sqlite3_bind_value(w, 8, sqlite3_column_value(st, 6));
			sqlite3_bind_value(w, 9, sqlite3_column_value(st, 7));
			sqlite3_bind_value(w, 10, sqlite3_column_value(st, 8));
			sqlite3_bind_value(w, 11, sqlite3_column_value(st, 9));
			if (m->attach_id)
				sqlite3_bind_int64(w, 12, m->attach_id);
			else
				sqlite3_bind_null(w, 12);
			sqlite3_bind_value(w, 13, sqlite3_column_value(st, 10));
			free(key);
			if ((s = step_done(m, w, "nhập đơn vị")) != ANTT_OK)
				break;
		}
		switch (d) {
		case M_INSERT:  m->r->added[K_UNIT]++; break;
		case M_FORWARD: m->r->changed[K_UNIT]++; break;
		case M_SAME:    m->r->unchanged[K_UNIT]++; break;
		case M_KEEP:    m->r->unchanged[K_UNIT]++; break;
		default:
			snprintf(label, sizeof(label), "đơn vị %s", code);
			s = add_conflict(m, K_UNIT, uuid, label, why_both, col(st, 13), incoming, sqlite3_column_int64(st, 1));
		}
		if (s == ANTT_OK && d != M_KEEP && d != M_CONFLICT)
			s = set_base(m, uuid, sqlite3_column_int64(st, 1), incoming);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	sqlite3_finalize(clash);
	return s;
}

static antt_status merge_assessments(merger *m)
{
	sqlite3_stmt *st = NULL, *ins = NULL, *upd = NULL;
	antt_status s;
	int rc;

	s = db_prepare(m->db,
		"SELECT p.unit_uuid || '/' || p.year, p.uuid, p.rev, p.set_sha, p.status, p.verdict, p.detail, p.reason,"
		"  p.registered_at, p.updated_by, " ASSESSMENT_JSON("p.status", "p.set_sha", "p.reason") ","
		"  a.id, " ASSESSMENT_JSON("a.status", "cs.sha256", "a.reason") ", b.content, a.status, u.id, u.code, p.year"
		" FROM pkg.assessments p JOIN main.units u ON u.uuid = p.unit_uuid"
		" LEFT JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.criteria_sets cs ON cs.id = a.criteria_set_id"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year", &st, m->err);
	if (s != ANTT_OK)
		return s;
	if ((s = db_prepare(m->db, "INSERT INTO assessments (uuid, rev, unit_id, year, criteria_set_id, status, verdict,"
		" detail, reason, registered_at, updated_by) VALUES (?1, ?2, ?3, ?4,"
		" (SELECT id FROM criteria_sets WHERE sha256 = ?5), ?6, ?7, ?8, ?9, ?10, ?11)", &ins, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, "UPDATE assessments SET rev = ?2, criteria_set_id = (SELECT id FROM criteria_sets"
		" WHERE sha256 = ?5), status = ?6, verdict = ?7, detail = ?8, reason = ?9, updated_by = ?11,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE unit_id = ?3 AND year = ?4", &upd, m->err)) != ANTT_OK)
		goto out;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int exists = sqlite3_column_type(st, 11) != SQLITE_NULL;
		int locked = exists && !strcmp(col(st, 14), "approved");
		const char *incoming = col(st, 10);
		int d = decide(exists, exists ? col(st, 12) : "", incoming, col(st, 13), locked);
		char label[160];

		if (d == M_INSERT || d == M_FORWARD) {
			sqlite3_stmt *w = d == M_INSERT ? ins : upd;
			sqlite3_bind_value(w, 1, sqlite3_column_value(st, 1));
			sqlite3_bind_value(w, 2, sqlite3_column_value(st, 2));
			sqlite3_bind_value(w, 3, sqlite3_column_value(st, 15));
			sqlite3_bind_value(w, 4, sqlite3_column_value(st, 17));
			for (int i = 5; i <= 11; i++)
				sqlite3_bind_value(w, i, sqlite3_column_value(st, i - 2));
			if ((s = step_done(m, w, "nhập phiếu đánh giá")) != ANTT_OK)
				break;
		}
		switch (d) {
		case M_INSERT:  m->r->added[K_ASSESSMENT]++; break;
		case M_FORWARD: m->r->changed[K_ASSESSMENT]++; break;
		case M_SAME: case M_KEEP: m->r->unchanged[K_ASSESSMENT]++; break;
		default:
			snprintf(label, sizeof(label), "%s năm %d", col(st, 16), sqlite3_column_int(st, 17));
			s = add_conflict(m, K_ASSESSMENT, col(st, 0), label, locked ? why_approved : why_both, col(st, 12),
				incoming, sqlite3_column_int64(st, 2));
		}
		if (s == ANTT_OK && d != M_KEEP && d != M_CONFLICT)
			s = set_base(m, col(st, 0), sqlite3_column_int64(st, 2), incoming);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	return s;
}

static antt_status merge_answers(merger *m)
{
	sqlite3_stmt *st = NULL, *ins = NULL, *upd = NULL;
	antt_status s;
	int rc;

	s = db_prepare(m->db,
		"SELECT p.unit_uuid || '/' || p.year || '/' || p.criterion, p.uuid, p.rev, p.value, p.exception, p.note,"
		"  p.updated_by, " ANSWER_JSON("p.value", "p.exception", "p.note") ","
		"  x.id, " ANSWER_JSON("x.value", "x.exception", "x.note") ", b.content, a.status, a.id, u.code, p.year,"
		"  p.criterion"
		" FROM pkg.answers p JOIN main.units u ON u.uuid = p.unit_uuid"
		" JOIN main.assessments a ON a.unit_id = u.id AND a.year = p.year"
		" LEFT JOIN main.answers x ON x.assessment_id = a.id AND x.criterion = p.criterion"
		" LEFT JOIN main.sync_base b ON b.key = p.unit_uuid || '/' || p.year || '/' || p.criterion", &st, m->err);
	if (s != ANTT_OK)
		return s;
	if ((s = db_prepare(m->db, "INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note,"
		" updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &ins, m->err)) != ANTT_OK ||
	    (s = db_prepare(m->db, "UPDATE answers SET rev = ?2, value = ?5, exception = ?6, note = ?7, updated_by = ?8,"
		" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE assessment_id = ?3 AND criterion = ?4",
		&upd, m->err)) != ANTT_OK)
		goto out;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int exists = sqlite3_column_type(st, 8) != SQLITE_NULL;
		int locked = !strcmp(col(st, 11), "approved");
		const char *incoming = col(st, 7);
		int d = decide(exists, exists ? col(st, 9) : "", incoming, col(st, 10), locked && exists);
		char label[200];

		if (locked && !exists)
			d = M_CONFLICT;
		if (d == M_INSERT || d == M_FORWARD) {
			sqlite3_stmt *w = d == M_INSERT ? ins : upd;
			sqlite3_bind_value(w, 1, sqlite3_column_value(st, 1));
			sqlite3_bind_value(w, 2, sqlite3_column_value(st, 2));
			sqlite3_bind_value(w, 3, sqlite3_column_value(st, 12));
			sqlite3_bind_value(w, 4, sqlite3_column_value(st, 15));
			sqlite3_bind_value(w, 5, sqlite3_column_value(st, 3));
			sqlite3_bind_value(w, 6, sqlite3_column_value(st, 4));
			sqlite3_bind_value(w, 7, sqlite3_column_value(st, 5));
			sqlite3_bind_value(w, 8, sqlite3_column_value(st, 6));
			if ((s = step_done(m, w, "nhập câu trả lời")) != ANTT_OK)
				break;
		}
		switch (d) {
		case M_INSERT:  m->r->added[K_ANSWER]++; break;
		case M_FORWARD: m->r->changed[K_ANSWER]++; break;
		case M_SAME: case M_KEEP: m->r->unchanged[K_ANSWER]++; break;
		default:
			snprintf(label, sizeof(label), "%s năm %d, tiêu chí %s", col(st, 13), sqlite3_column_int(st, 14), col(st, 15));
			s = add_conflict(m, K_ANSWER, col(st, 0), label, locked ? why_approved : why_both,
				exists ? col(st, 9) : NULL, incoming, sqlite3_column_int64(st, 2));
		}
		if (s == ANTT_OK && d != M_KEEP && d != M_CONFLICT)
			s = set_base(m, col(st, 0), sqlite3_column_int64(st, 2), incoming);
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_finalize(upd);
	return s;
}

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
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &m.conflict, err)) != ANTT_OK)
		goto rollback;
	if ((s = exec(db, "INSERT OR IGNORE INTO criteria_sets (regulation, version, source, body, sha256)"
		" SELECT regulation, version, source, body, sha256 FROM pkg.criteria_sets", err, "nhập bộ tiêu chí")) != ANTT_OK ||
	    (s = merge_units(&m)) != ANTT_OK || (s = merge_assessments(&m)) != ANTT_OK ||
	    (s = merge_answers(&m)) != ANTT_OK)
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
	m.base = m.conflict = NULL;
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
	if (attached)
		sqlite3_exec(db->sql, "DETACH pkg", NULL, NULL, NULL);
	return s;
}
