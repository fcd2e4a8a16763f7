/* Checking a package before anything is written: it is a whole SQLite file,
 * an antt package of this schema version, its criteria sets match their
 * hashes, its SHA-256 matches its content, and it is signed by the key it
 * names. Who that key belongs to, and what it may change, is trust.c's. */
#include "sync.h"
#include "sync_int.h"
#include "date.h"
#include "file.h"
#include "form.h"
#include "keys.h"
#include "num.h"
#include "recognise.h"
#include "text.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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
		return bad(err, path, "gói dùng bộ tiêu chí không có trong gói (bộ tiêu chí không rõ): gói bị hỏng hoặc đã bị sửa. "
			"Hãy xin máy gửi ghi lại gói");
	if (sqlite3_prepare_v2(pkg, "SELECT sha256, body FROM criteria_sets", -1, &st, NULL) != SQLITE_OK)
		return bad(err, path, "gói thiếu bảng bộ tiêu chí");
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *body = (const char *)sqlite3_column_text(st, 1);
		size_t len = (size_t)sqlite3_column_bytes(st, 1);
		char hex[HEX_SHA256];
		form *f = NULL;
		antt_err e2;

		hex_sha256(body, len, hex);
		if (!sha || strcmp(sha, hex))
			s = bad(err, path, "một bộ tiêu chí trong gói không khớp mã băm của nó (bộ tiêu chí không rõ). "
				"Hãy xin máy gửi ghi lại gói");
		else if (form_load_text("gói", body ? body : "", len, &f, &e2) != ANTT_OK)
			s = bad(err, path, "một bộ tiêu chí trong gói không đọc được (bộ tiêu chí không rõ). "
				"Hãy xin máy gửi ghi lại gói");
		form_free(f);
	}
	sqlite3_finalize(st);
	return s;
}

/* Recognitions and their decisions, checked with the rows of check_rows
 * (below), and the decision's fields held as recognise.c holds typed ones. Columns: what, text, the longest
 * it may be in characters (0: no limit), and its form (TEXT_*: 1 a decision
 * number, 2 a date, 3 not empty). */
enum { TEXT_ANY, TEXT_NUMBER, TEXT_DATE, TEXT_REQUIRED };
static const char *const recognition_rows =
	"SELECT 'công nhận năm ' || quote(year) || ' theo một quyết định không có trong gói', NULL, 0, 0 FROM recognitions"
	" WHERE decision_uuid NOT IN (SELECT uuid FROM decisions)"
	" UNION ALL SELECT 'công nhận có ngày rút ' || quote(withdrawn_at) || ' mà antt không ghi', NULL, 0, 0"
	"  FROM recognitions WHERE withdrawn_at IS NOT NULL AND (typeof(withdrawn_at) <> 'text' OR withdrawn_at NOT GLOB"
	"  '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z')"
	" UNION ALL SELECT 'số quyết định công nhận', number, " RECOGNISE_NUMBER_MAX_S ", 1 FROM decisions"
	" UNION ALL SELECT 'ngày của quyết định công nhận', date, 10, 2 FROM decisions"
	" UNION ALL SELECT 'cơ quan ban hành quyết định công nhận', authority, " RECOGNISE_TEXT_MAX_S ", 3 FROM decisions"
	" UNION ALL SELECT 'người ký quyết định công nhận', signer, " RECOGNISE_TEXT_MAX_S ", 0 FROM decisions"
	" UNION ALL SELECT 'lý do rút công nhận năm ' || year, reason, 0, 0 FROM recognitions WHERE reason <> ''"
	" UNION ALL SELECT 'người rút công nhận năm ' || year, withdrawn_by, 0, 0 FROM recognitions"
	"  WHERE withdrawn_by IS NOT NULL";

/* A cleaned text of a decision against its bounds and form: a reason (in
 * buf when it needs one), or NULL when it is right. */
static const char *text_form(const char *clean, const char *raw, int max, int form, char *buf, size_t n)
{
	char date[11];

	if (max > 0 && text_width(clean) > (size_t)max) {
		snprintf(buf, n, "dài quá %d ký tự", max);
		return buf;
	}
	if (form == TEXT_NUMBER && !recognise_number_valid(clean))
		return "không đúng dạng số/ký hiệu (như 45/QĐ-UBND)";
	if (form == TEXT_DATE && (date_parse(raw, "ngày", date, &(antt_err){ "" }) != ANTT_OK || strcmp(date, raw)))
		return "không phải một ngày hợp lệ";
	if (form == TEXT_REQUIRED && !*clean)
		return "để trống";
	return NULL;
}

/* What a package's rows may hold, checked before the merge and refused
 * naming the row: values no antt database holds (its tables CHECK them;
 * rows of the first part, with no text), and text held to the rule typed
 * text follows (text_clean: no control characters, escape sequences or
 * bidi overrides, which would reach a screen, the audit or the Excel
 * report the office signs). */
/* num.h's year range as SQL text */
#define STR_(x) #x
#define STR(x) STR_(x)
#define YEAR_MIN STR(NUM_YEAR_MIN)
#define YEAR_MAX STR(NUM_YEAR_MAX)
#define SQL_TEXT(s) "'" s "', "

/* antt_uuid_ok(x [, legacy]): 1 when x is text and a uuid as db_uuid
 * writes it, or, when legacy is true, an answer's uuid in the form a
 * resolved conflict gave one before (db_uuid_legacy). A function of this
 * connection's only (DIRECTONLY: no view or trigger of the package's
 * schema can call it); GLOB with character classes took 1.5 s over a
 * province's 1.8 million uuids, this a tenth of that. */
static void uuid_ok(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *v;
	size_t n;

	/* the type before the text: reading a blob's text marks it text too
	 * (a 36-byte blob passed as a uuid, a reviewer found) */
	if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
		sqlite3_result_int(cx, 0);
		return;
	}
	v = (const char *)sqlite3_value_text(argv[0]);
	n = (size_t)sqlite3_value_bytes(argv[0]);
	sqlite3_result_int(cx, db_uuid_valid(v, n) || (argc > 1 && sqlite3_value_int(argv[1]) && db_uuid_legacy(v, n)));
}

#define UUID_OK(col) "antt_uuid_ok(" col ")"
#define UUID_OK_OR_NULL(col) "(" col " IS NULL OR antt_uuid_ok(" col "))"

static antt_status check_rows(sqlite3 *pkg, const char *path, antt_err *err)
{
	static const char *const q =
		"SELECT 'phiếu năm ' || quote(year) || ', ngoài khoảng " YEAR_MIN "–" YEAR_MAX " mà antt ghi được', NULL FROM"
		" (SELECT year FROM assessments UNION ALL SELECT year FROM answers UNION ALL SELECT year FROM recognitions)"
		" WHERE typeof(year) <> 'integer' OR year NOT BETWEEN " YEAR_MIN " AND " YEAR_MAX
		" UNION ALL SELECT 'phiếu có trạng thái ' || quote(status) || ' mà antt không có', NULL FROM assessments"
		" WHERE status NOT IN ('registered', 'draft', 'submitted', 'approved', 'returned')"
		" UNION ALL SELECT 'phiếu có kết luận ' || quote(verdict) || ' mà antt không có', NULL FROM assessments"
		" WHERE verdict NOT IN ('pass', 'fail', 'missing')"
		" UNION ALL SELECT 'đơn vị ' || quote(code) || ' không có tên', NULL FROM units WHERE name = ''"
		" UNION ALL SELECT 'đơn vị ' || quote(code) || ' có dấu loại khỏi đánh giá ' || quote(excluded)"
		"  || ' (chỉ có 0 hoặc 1)', NULL FROM units WHERE excluded NOT IN (0, 1)"
		" UNION ALL SELECT 'đơn vị ' || quote(code) || ' có dấu do cấp trên quản lý ' || quote(managed_above)"
		"  || ' (chỉ có 0 hoặc 1)', NULL FROM units WHERE managed_above NOT IN (0, 1)"
		" UNION ALL SELECT 'đơn vị ' || quote(code) || ' có tên dài quá " UNIT_NAME_MAX_S " ký tự', NULL FROM units"
		"  WHERE length(name) > " UNIT_NAME_MAX_S " OR length(CAST(name AS BLOB)) >= 256"
		" UNION ALL SELECT 'đơn vị ' || quote(code) || ' loại ' || quote(type) || ' có dấu do cấp trên quản lý ("
		UNIT_MANAGED_ABOVE_RULE ")', NULL FROM units WHERE managed_above = 1"
		"  AND type NOT IN (" UNIT_MANAGED_ABOVE_TYPES(SQL_TEXT) "'')"
		" UNION ALL SELECT 'câu trả lời có dấu ngoại lệ ' || quote(exception) || ' (chỉ có 0 hoặc 1)', NULL"
		"  FROM answers WHERE exception NOT IN (0, 1)"
		/* a value antt cannot write: no JSON holds it (an infinite
		 * number went in with a history saying something else, and
		 * made the conflict list unreadable), no screen shows it */
		" UNION ALL SELECT 'câu trả lời tiêu chí ' || criterion || ' năm ' || year || ' có giá trị không phải số hay chữ"
		" antt ghi được', NULL FROM answers WHERE typeof(value) = 'blob'"
		"  OR (typeof(value) = 'real' AND abs(value) > 1.7976931348623157e308)"
		" UNION ALL SELECT 'dòng nhật ký có việc ' || quote(action) || ' mà antt không ghi', NULL FROM audit"
		" WHERE action NOT IN ('insert', 'update', 'delete')"
		/* a package carries the history of its units and forms only */
		" UNION ALL SELECT 'dòng nhật ký không thuộc đơn vị hay phiếu nào', NULL FROM audit WHERE scope IS NULL"
		/* every uuid as antt writes them: merge bases and conflicts are
		 * keyed by "uuid/year/criterion", so a unit whose uuid were another
		 * unit's "uuid/2024" would reach that unit's keys */
		" UNION ALL SELECT 'đơn vị có mã uuid ' || quote(uuid) || ' không đúng dạng', NULL FROM units"
		"  WHERE NOT " UUID_OK("uuid") " OR NOT " UUID_OK_OR_NULL("parent_uuid") " OR NOT " UUID_OK_OR_NULL("merged_uuid")
		" UNION ALL SELECT 'phiếu có mã uuid ' || quote(uuid) || ' không đúng dạng', NULL FROM assessments"
		"  WHERE NOT " UUID_OK("uuid") " OR NOT " UUID_OK("unit_uuid")
		" UNION ALL SELECT 'câu trả lời có mã uuid ' || quote(uuid) || ' không đúng dạng', NULL FROM answers"
		"  WHERE NOT antt_uuid_ok(uuid, 1) OR NOT " UUID_OK("unit_uuid")
		" UNION ALL SELECT 'quyết định có mã uuid ' || quote(uuid) || ' không đúng dạng', NULL FROM decisions"
		"  WHERE NOT " UUID_OK("uuid")
		" UNION ALL SELECT 'công nhận có mã uuid ' || quote(uuid) || ' không đúng dạng', NULL FROM recognitions"
		"  WHERE NOT " UUID_OK("uuid") " OR NOT " UUID_OK("unit_uuid") " OR NOT " UUID_OK("decision_uuid")
		" UNION ALL SELECT 'dòng nhật ký có mã uuid ' || quote(row_uuid) || ' không đúng dạng', NULL FROM audit"
		"  WHERE NOT " UUID_OK("scope") " OR NOT (row_uuid IS NULL OR antt_uuid_ok(row_uuid, tbl = 'answers'))"
		" UNION ALL SELECT 'phần mô tả gói có mã uuid ' || quote(value) || ' không đúng dạng', NULL FROM manifest"
		"  WHERE key = 'under_uuid' AND value <> '' AND NOT " UUID_OK("value")
		" UNION ALL SELECT 'tên đơn vị ' || code, name FROM units"
		" UNION ALL SELECT 'lý do của phiếu năm ' || year, reason FROM assessments WHERE reason <> ''"
		" UNION ALL SELECT 'ghi chú tiêu chí ' || criterion || ' năm ' || year, note FROM answers WHERE note <> ''"
		" UNION ALL SELECT 'câu trả lời tiêu chí ' || criterion || ' năm ' || year, value FROM answers"
		"  WHERE typeof(value) = 'text'";
	const char *const queries[] = { q, recognition_rows };
	antt_status s = ANTT_OK;

	for (size_t i = 0; i < sizeof(queries) / sizeof(*queries) && s == ANTT_OK; i++) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(pkg, queries[i], -1, &st, NULL) != SQLITE_OK) {
			sqlite3_finalize(st);
			return bad(err, path, "gói bị hỏng");
		}
		while (s == ANTT_OK && sqlite3_step(st) == SQLITE_ROW) {
			const char *what = (const char *)sqlite3_column_text(st, 0), *raw = (const char *)sqlite3_column_text(st, 1);
			const char *wrong = NULL;
			char *clean = NULL, why[sizeof(err->msg)], reason[64];
			antt_err e2 = { "" };

			if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
				snprintf(why, sizeof(why), "gói có %.120s: gói bị hỏng hoặc đã bị sửa. Hãy xin máy gửi ghi lại gói",
					what ? what : "");
				s = bad(err, path, why);
			} else if (text_clean(raw, what ? what : "", &clean, &e2) != ANTT_OK) {
				snprintf(why, sizeof(why), "%.300s: gói bị hỏng hoặc đã bị sửa. Hãy xin máy gửi sửa chữ đó rồi ghi lại gói",
					e2.msg);
				s = bad(err, path, why);
			} else if (sqlite3_column_count(st) == 4 &&
			           (wrong = text_form(clean, raw, sqlite3_column_int(st, 2), sqlite3_column_int(st, 3), reason,
			                              sizeof(reason)))) {
				snprintf(why, sizeof(why), "%.120s trong gói %s: gói bị hỏng hoặc đã bị sửa. Hãy xin máy gửi sửa "
					"quyết định đó rồi ghi lại gói", what ? what : "", wrong);
				s = bad(err, path, why);
			}
			free(clean);
		}
		sqlite3_finalize(st);
	}
	return s;
}

/* The signature: over the checksum (which covers the manifest naming the
 * key), by the key the manifest names, whose fingerprint it also names. */
static antt_status check_signature(sqlite3 *pkg, const char *path, const char *sha, sync_result *r, antt_err *err)
{
	char *key = manifest_value(pkg, "sender_key"), *sig = manifest_value(pkg, "signature");
	char *fp = manifest_value(pkg, "sender_fingerprint"), msg[sizeof(SYNC_SIGNED_PREFIX) + 64];
	uint8_t pub[KEYS_PUB], raw[KEYS_SIG];
	antt_status s = ANTT_OK;

	if (!key || !sig || !*sig)
		s = bad(err, path, "gói không có chữ ký của máy gửi (gói do bản antt cũ ghi, hoặc chữ ký đã bị gỡ đi): "
			"không biết gói do ai gửi. Hãy xin máy gửi ghi lại gói bằng bản antt mới");
	else if (!hex_decode(key, pub, KEYS_PUB) || !hex_decode(sig, raw, KEYS_SIG))
		s = bad(err, path, "chữ ký của gói không đọc được: gói đã bị sửa hoặc bị hỏng. Hãy xin máy gửi ghi lại gói");
	else {
		keys_fingerprint(pub, r->fingerprint);
		snprintf(msg, sizeof(msg), "%s%s", SYNC_SIGNED_PREFIX, sha);
		if (!fp || strcmp(fp, r->fingerprint))
			s = bad(err, path, "mã nhận dạng ghi trong gói không khớp khóa của máy gửi: gói đã bị sửa. "
			"Đừng nhập gói này; hãy xin máy gửi ghi lại gói");
		else if (!keys_verify(pub, (const uint8_t *)msg, strlen(msg), raw))
			s = bad(err, path, "chữ ký không khớp nội dung gói: gói đã bị sửa sau khi máy gửi ký, hoặc bị ký lại "
				"bằng một khóa khác. Đừng nhập gói này; hãy xin máy gửi ghi lại gói");
		else
			snprintf(r->key, sizeof(r->key), "%s", key);
	}
	if (s != ANTT_OK)
		r->fingerprint[0] = '\0';
	free(key);
	free(sig);
	free(fp);
	return s;
}

/* A file antt can read at all: a sound SQLite file whose tables are a
 * package's, of a schema version that reads as this program's
 * (SYNC_PACKAGE_SAME_SINCE). */
static antt_status check_structure(sqlite3 *pkg, const char *path, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	antt_err e2;
	char *v = NULL;
	long long version = 0;
	int rc;

	rc = sqlite3_prepare_v2(pkg, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'manifest'",
		-1, &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return bad(err, path, "tệp không phải gói antt, hoặc gói bị hỏng hay chép thiếu. Hãy chép lại gói từ máy gửi");
	}
	rc = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!rc)
		return bad(err, path, "tệp không phải gói antt (thiếu phần mô tả gói)");
	/* the structure before anything else reads the file (a virtual table
	 * would run its module's code on attacker's data) */
	if ((s = sync_check_schema(pkg, "main", &e2)) == ANTT_ERR_NOMEM)
		return s;
	if (s != ANTT_OK)
		return bad(err, path, e2.msg);
	/* integrity_check, not quick_check: an index that disagrees with its
	 * table would change what the merge sees without changing the checksum */
	rc = sqlite3_prepare_v2(pkg, "PRAGMA integrity_check", -1, &st, NULL);
	if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		sqlite3_finalize(st);
		return bad(err, path, "tệp không phải gói antt, hoặc gói bị hỏng hay chép thiếu. Hãy chép lại gói từ máy gửi");
	}
	sqlite3_finalize(st);
	v = manifest_value(pkg, "format");
	if (!v || strcmp(v, "antt-package")) {
		free(v);
		return bad(err, path, "tệp không phải gói antt (thiếu phần mô tả gói)");
	}
	free(v);
	v = manifest_value(pkg, "schema_version");
	if (!v || num_parse(v, 1, INT_MAX, "cấu trúc", &version, NULL) != ANTT_OK ||
	    version > db_schema_version() || version < SYNC_PACKAGE_SAME_SINCE) {
		char why[300];
		int newer = v && version > db_schema_version();
		snprintf(why, sizeof(why), "gói tạo bởi bản antt có cấu trúc số %s, máy này số %d: hãy cập nhật antt "
			"ở %s", v ? v : "?", db_schema_version(), newer ? "máy này (máy nhận gói)"
			: "máy gửi gói, hoặc ở cả hai máy cho cùng phiên bản");
		s = bad(err, path, why);
	}
	free(v);
	return s;
}

/* The rows of each table as many as the manifest says. */
static antt_status check_counts(sqlite3 *pkg, const char *path, antt_err *err)
{
	static const char *const counted[][2] = {
		{ "rows_units", "units" }, { "rows_assessments", "assessments" },
		{ "rows_answers", "answers" }, { "rows_audit", "audit" },
	};

	for (size_t i = 0; i < sizeof(counted) / sizeof(*counted); i++) {
		char *n = manifest_value(pkg, counted[i][0]);
		int ok = n && atoll(n) == count_rows(pkg, counted[i][1]);
		free(n);
		if (!ok)
			return bad(err, path, "số dòng trong gói không khớp phần mô tả: gói bị hỏng. Hãy chép lại gói từ máy gửi");
	}
	return ANTT_OK;
}

/* A manifest value, cleaned for showing, into out ("" when absent). */
static void manifest_text(sqlite3 *pkg, const char *key, char *out, size_t n)
{
	char *v = manifest_value(pkg, key);
	sync_clean_text(v ? v : "", out, n);
	free(v);
}

void sync_file_uri(const char *path, const char *query, char *out, size_t n)
{
	char *p = out;

	p += snprintf(p, n, "file:");
	for (const char *c = path; *c && p < out + n - 16; c++) {
		if (*c == '?' || *c == '#' || *c == '%')
			p += sprintf(p, "%%%02X", (unsigned char)*c);
		else
			*p++ = *c;
	}
	snprintf(p, (size_t)(out + n - p), "?%s", query);
}

int sync_looks_like_package(const char *path)
{
	sqlite3 *pkg = NULL;
	sqlite3_stmt *st = NULL;
	char uri[4200];
	int yes = 0;

	/* immutable: a file marked for WAL gets no -wal and -shm made beside
	 * it on the officer's stick to be read */
	sync_file_uri(path, "immutable=1", uri, sizeof(uri));
	if (file_is_special(path) || file_is_dir(path) ||
	    sqlite3_open_v2(uri, &pkg, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		goto out;
	sqlite3_db_config(pkg, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(pkg, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	yes = sqlite3_prepare_v2(pkg, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'manifest'", -1, &st,
		NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
out:
	sqlite3_finalize(st);
	sqlite3_close_v2(pkg);
	return yes;
}

/* The checksum reads every row of the package, the longest of the checks
 * (1.1 s of 2.9 for a province): on the import's own copy (beside the
 * backups, written by this process) it is taken on the second core,
 * through a connection of its own, while this one checks the rows. Never
 * on the officer's file: read twice, it could be two files (one renamed
 * over the other between the opens), the rows checked on one and the
 * checksum and signature on the other. It starts once the file is sound,
 * of a package's structure and its sets known, and its results are read
 * in the order the checks always had: the same refusal in the same words
 * whichever finishes first. */
typedef struct {
	const char *uri, *path;
	char sha[65];
	antt_status s;
	antt_err err;
} sum_job;

static void *sum_run(void *arg)
{
	sum_job *j = arg;
	sqlite3 *pkg = NULL;
	int rc = sqlite3_open_v2(j->uri, &pkg, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);

	if (rc == SQLITE_NOMEM) {
		j->s = err_set(&j->err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
	} else if (rc != SQLITE_OK) {
		j->s = err_set(&j->err, ANTT_ERR_IO, "%s: không mở lại được bản chép của gói để tính mã kiểm tra. "
			"Kiểm tra chỗ trống trên đĩa rồi nhập lại.", j->path);
	} else {
		sqlite3_db_config(pkg, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		sqlite3_db_config(pkg, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		/* what it reads is a package's tables, as the first connection saw */
		antt_err e2;
		if ((j->s = sync_check_schema(pkg, "main", &e2)) == ANTT_OK)
			j->s = sync_checksum(pkg, "main", j->sha, &j->err);
		else
			j->s = j->s == ANTT_ERR_NOMEM ? j->s : bad(&j->err, j->path, e2.msg);
	}
	sqlite3_close_v2(pkg);
	return NULL;
}

antt_status sync_verify(const char *path, sync_result *r, antt_err *err)
{
	return sync_verify_as(path, path, r, err);
}

antt_status sync_verify_as(const char *file, const char *path, sync_result *r, antt_err *err)
{
	sqlite3 *pkg = NULL;
	char *v = NULL, uri[4200];
	antt_status s = ANTT_OK, rows = ANTT_OK;
	antt_err rows_err = { "" };
	sum_job sum = { 0 };
	pthread_t th;
	int rc, threaded = 0;

	if (file_is_special(file))
		return bad(err, path, "đây không phải một tệp (mà là thiết bị hay ống dẫn): hãy chọn tệp gói .antt");
	/* immutable, as sync_looks_like_package: on a dry run or the screens'
	 * preview this is the officer's own file, and a package marked for
	 * WAL would get a -wal and -shm made beside it */
	sync_file_uri(file, "immutable=1", uri, sizeof(uri));
	rc = sqlite3_open_v2(uri, &pkg, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		s = err_set(err, ANTT_ERR_IO, "%s: không mở được tệp gói. Kiểm tra tên tệp và USB.", path);
		goto out;
	}
	/* nothing in the file runs here: no view or trigger of its schema
	 * calls a function, and only its own tables are ever read */
	sqlite3_db_config(pkg, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(pkg, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (sqlite3_create_function(pkg, "antt_uuid_ok", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
		uuid_ok, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(pkg, "antt_uuid_ok", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
		uuid_ok, NULL, NULL) != SQLITE_OK) {
		s = err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
		goto out;
	}
	if ((s = check_structure(pkg, path, err)) != ANTT_OK)
		goto out;
	if ((s = check_sets(pkg, path, err)) != ANTT_OK)
		goto out;
	sum.uri = uri;
	sum.path = path;
	threaded = strcmp(file, path) && pthread_create(&th, NULL, sum_run, &sum) == 0;
	if (!threaded) {   /* the officer's file, or no thread to be had */
		sum.s = sync_checksum(pkg, "main", sum.sha, &sum.err);
	} else {
		if ((rows = check_counts(pkg, path, &rows_err)) == ANTT_OK)
			rows = check_rows(pkg, path, &rows_err);
		pthread_join(th, NULL);
	}
	if ((s = sum.s) != ANTT_OK) {
		err_set(err, s, "%s", sum.err.msg);
		goto out;
	}
	v = manifest_value(pkg, "sha256");
	if (!v || strcmp(v, sum.sha)) {
		s = bad(err, path, "mã kiểm tra SHA-256 không khớp: gói đã bị sửa hoặc bị hỏng trên đường chép. "
			"Hãy chép lại gói từ máy gửi");
		goto out;
	}
	snprintf(r->sha256, sizeof(r->sha256), "%s", sum.sha);
	if ((s = check_signature(pkg, path, sum.sha, r, err)) != ANTT_OK)
		goto out;
	if (!threaded && (rows = check_counts(pkg, path, &rows_err)) == ANTT_OK)
		rows = check_rows(pkg, path, &rows_err);
	if ((s = rows) != ANTT_OK) {
		err_set(err, s, "%s", rows_err.msg);
		goto out;
	}
	manifest_text(pkg, "sender", r->sender, sizeof(r->sender));
	manifest_text(pkg, "under_code", r->under, sizeof(r->under));
	manifest_text(pkg, "years", r->years, sizeof(r->years));
	manifest_text(pkg, "created_at", r->created, sizeof(r->created));
out:
	free(v);
	sqlite3_close_v2(pkg);
	return s;
}
