/* Writing a package and checking one: the package file, its manifest and
 * the SHA-256 over its content (every table, in key order, every value with
 * its type), so a truncated or edited package is refused. */
#include "sync.h"
#include "sync_int.h"
#include "file.h"
#include "content.h"
#include "keys.h"
#include "platform.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const package_schema =
	"CREATE TABLE pkg.manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE pkg.units (uuid TEXT PRIMARY KEY, rev INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,"
	" type TEXT NOT NULL, parent_uuid TEXT, valid_from TEXT, valid_to TEXT, excluded INTEGER NOT NULL,"
	" merged_uuid TEXT, updated_by TEXT, updated_at TEXT, managed_above INTEGER NOT NULL);"
	"CREATE TABLE pkg.criteria_sets (sha256 TEXT PRIMARY KEY, regulation TEXT, version TEXT, source TEXT, body TEXT NOT NULL);"
	"CREATE TABLE pkg.assessments (unit_uuid TEXT NOT NULL, year INTEGER NOT NULL, uuid TEXT NOT NULL,"
	" rev INTEGER NOT NULL, set_sha TEXT NOT NULL, status TEXT NOT NULL, verdict TEXT NOT NULL, detail TEXT,"
	" reason TEXT, registered_at TEXT, updated_by TEXT, updated_at TEXT, PRIMARY KEY (unit_uuid, year));"
	"CREATE TABLE pkg.answers (unit_uuid TEXT NOT NULL, year INTEGER NOT NULL, criterion TEXT NOT NULL,"
	" uuid TEXT NOT NULL, rev INTEGER NOT NULL, value, exception INTEGER NOT NULL, note TEXT NOT NULL,"
	" updated_by TEXT, updated_at TEXT, PRIMARY KEY (unit_uuid, year, criterion));"
	"CREATE TABLE pkg.audit (id INTEGER PRIMARY KEY, at TEXT, who TEXT, tbl TEXT, row_uuid TEXT, scope TEXT,"
	" action TEXT, old_value TEXT, new_value TEXT, origin TEXT);"
	"CREATE TABLE pkg.decisions (uuid TEXT PRIMARY KEY, number TEXT NOT NULL, date TEXT NOT NULL,"
	" authority TEXT NOT NULL, signer TEXT NOT NULL, updated_by TEXT, updated_at TEXT);"
	"CREATE TABLE pkg.recognitions (uuid TEXT PRIMARY KEY, unit_uuid TEXT NOT NULL, year INTEGER NOT NULL,"
	" decision_uuid TEXT NOT NULL, withdrawn_at TEXT, withdrawn_by TEXT, reason TEXT NOT NULL, updated_by TEXT,"
	" updated_at TEXT);";

/* The tables hashed, each in a fixed order. */
static const char *const hashed[] = {
	"SELECT * FROM %s.manifest WHERE key NOT IN ('sha256', 'signature') ORDER BY key",
	"SELECT * FROM %s.units ORDER BY uuid",
	"SELECT * FROM %s.criteria_sets ORDER BY sha256",
	"SELECT * FROM %s.assessments ORDER BY unit_uuid, year",
	"SELECT * FROM %s.answers ORDER BY unit_uuid, year, criterion",
	"SELECT * FROM %s.audit ORDER BY id",
	"SELECT * FROM %s.decisions ORDER BY uuid",
	"SELECT * FROM %s.recognitions ORDER BY uuid",
};

/* The bytes hashed go through a buffer: one sha256_update a few
 * kilobytes, not three a column (a province has 12 million). */
typedef struct {
	struct sha256_ctx ctx;
	size_t n;
	uint8_t buf[16384];
} hasher;

static void hash_put(hasher *h, const void *p, size_t len)
{
	if (h->n + len > sizeof(h->buf)) {
		sha256_update(&h->ctx, h->n, h->buf);
		h->n = 0;
	}
	if (len > sizeof(h->buf)) {
		sha256_update(&h->ctx, len, p);
		return;
	}
	memcpy(h->buf + h->n, p, len);
	h->n += len;
}

antt_status sync_checksum(sqlite3 *sql, const char *schema, char out[65], antt_err *err)
{
	hasher *h = malloc(sizeof(*h));
	uint8_t digest[SHA256_DIGEST_SIZE];

	if (!h)
		return ANTT_ERR_NOMEM;
	sha256_init(&h->ctx);
	h->n = 0;
	for (size_t t = 0; t < sizeof(hashed) / sizeof(*hashed); t++) {
		sqlite3_stmt *st = NULL;
		char q[160];
		int rc;

		snprintf(q, sizeof(q), hashed[t], schema);
		if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) != SQLITE_OK) {
			sqlite3_finalize(st);
			free(h);
			return err_set(err, ANTT_ERR_INVALID, "gói thiếu bảng dữ liệu (%s): không phải gói antt "
				"hoặc gói bị hỏng", sqlite3_errmsg(sql));
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			for (int c = 0, n = sqlite3_column_count(st); c < n; c++) {
				uint8_t type = (uint8_t)sqlite3_column_type(st, c);
				const void *p = type == SQLITE_BLOB ? sqlite3_column_blob(st, c) : (const void *)sqlite3_column_text(st, c);
				uint32_t len = (uint32_t)sqlite3_column_bytes(st, c);
				hash_put(h, &type, 1);
				hash_put(h, &len, sizeof(len));
				if (p && len)
					hash_put(h, p, len);
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			free(h);
			return err_set(err, ANTT_ERR_INVALID, "gói bị hỏng, không đọc hết được (%s)", sqlite3_errstr(rc));
		}
	}
	sha256_update(&h->ctx, h->n, h->buf);
	sha256_digest(&h->ctx, sizeof(digest), digest);
	free(h);
	hex_encode(digest, sizeof(digest), out);
	return ANTT_OK;
}

/* The objects of a schema, one text in *out; NULL if it cannot be read. */
static antt_status objects(sqlite3 *sql, const char *schema, char **out)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;
	char q[160];

	*out = NULL;
	snprintf(q, sizeof(q), "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' || coalesce(sql, ''), ';')"
		" FROM (SELECT * FROM %s.sqlite_master ORDER BY name)", schema);
	if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) && !(*out = strdup((const char *)sqlite3_column_text(st, 0))))
		s = ANTT_ERR_NOMEM;
	sqlite3_finalize(st);
	return s;
}

antt_status sync_check_schema(sqlite3 *sql, const char *schema, antt_err *err)
{
	sqlite3 *ref = NULL;
	char *want = NULL, *have = NULL;
	antt_status s;

	if ((s = objects(sql, schema, &have)) != ANTT_OK)
		return s;
	if (sqlite3_open(":memory:", &ref) != SQLITE_OK ||
	    sqlite3_exec(ref, "ATTACH ':memory:' AS pkg", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(ref, package_schema, NULL, NULL, NULL) != SQLITE_OK ||
	    objects(ref, "pkg", &want) != ANTT_OK || !want)
		s = err_set(err, ANTT_ERR_NOMEM, "không dựng được cấu trúc gói mẫu để so");
	else if (!have || strcmp(have, want))
		s = err_set(err, ANTT_ERR_INVALID, "cấu trúc tệp không phải cấu trúc của gói antt (có bảng hay đoạn lệnh mà "
			"antt không bao giờ ghi vào gói): gói đã bị sửa sau khi máy gửi ghi ra. Đừng nhập gói này; hãy xin máy gửi "
			"ghi lại gói");
	free(want);
	free(have);
	sqlite3_close(ref);
	return s;
}

static antt_status exec(antt_db *db, const char *sql, antt_err *err, const char *what)
{
	int rc = sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ANTT_OK : db_fail(db, rc, err, what);
}

/* Run a statement with ?1 = under (may be NULL) and ?2 = year. */
static antt_status run2(antt_db *db, const char *sql, const char *under, int year, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, sql, &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "ghi gói");
	sqlite3_finalize(st);
	return s;
}

static long long count_of(antt_db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	char q[96];
	long long n = 0;

	snprintf(q, sizeof(q), "SELECT count(*) FROM pkg.%s", table);
	if (sqlite3_prepare_v2(db->sql, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static antt_status manifest(antt_db *db, const char *key, const char *value, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "INSERT OR REPLACE INTO pkg.manifest (key, value) VALUES (?, ?)", &st, err);

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		s = db_fail(db, sqlite3_errcode(db->sql), err, "ghi gói");
	sqlite3_finalize(st);
	return s;
}

/* The rows in scope, copied into the attached package (inside the
 * caller's transaction), and what both sides then share: the base of the
 * next exchange. */
static antt_status copy_rows(antt_db *db, const sync_export_opts *o, antt_err *err)
{
	antt_status s;

	/* the subtree (sub = 1: UNIT_SCOPE_SQL's scope, which starts from an
	 * index look-up) and, for placing it, its ancestors (sub = 0); ?2,
	 * the year, is not used here */
	if ((s = exec(db, "CREATE TEMP TABLE IF NOT EXISTS export_units (id INTEGER PRIMARY KEY, sub INTEGER);"
		"DELETE FROM temp.export_units", err, "tạo gói")) != ANTT_OK ||
	    (s = run2(db, "INSERT INTO temp.export_units (id, sub) " UNIT_SCOPE_SQL ","
		" anc(id) AS (SELECT parent_id FROM units WHERE code = ?1 AND parent_id IS NOT NULL"
		"  UNION ALL SELECT u.parent_id FROM units u JOIN anc ON u.id = anc.id WHERE u.parent_id IS NOT NULL)"
		" SELECT id, 1 FROM scope UNION SELECT id, 0 FROM anc WHERE id NOT IN (SELECT id FROM scope)",
		o->under, o->year, err)) != ANTT_OK)
		return s;

	if ((s = run2(db, "INSERT INTO pkg.units SELECT u.uuid, u.rev, u.code, u.name, u.type, p.uuid, u.valid_from,"
		" u.valid_to, u.excluded, m.uuid, u.updated_by, u.updated_at, u.managed_above FROM units u JOIN temp.export_units s ON s.id = u.id"
		" LEFT JOIN units p ON p.id = u.parent_id LEFT JOIN units m ON m.id = u.merged_into", o->under, o->year, err)) != ANTT_OK ||
	    (s = run2(db, "INSERT INTO pkg.assessments SELECT u.uuid, a.year, a.uuid, a.rev, cs.sha256, a.status,"
		" a.verdict, a.detail, a.reason, a.registered_at, a.updated_by, a.updated_at"
		" FROM assessments a JOIN units u ON u.id = a.unit_id JOIN temp.export_units s ON s.id = u.id AND s.sub"
		" JOIN criteria_sets cs ON cs.id = a.criteria_set_id WHERE ?2 = 0 OR a.year = ?2", o->under, o->year, err)) != ANTT_OK ||
	    /* recognitions, withdrawn ones too (a withdrawal must travel), and
	     * the decisions they name */
	    (s = run2(db, "INSERT INTO pkg.recognitions SELECT r.uuid, u.uuid, a.year, d.uuid, r.withdrawn_at, r.withdrawn_by,"
		" r.reason, r.updated_by, r.updated_at FROM recognitions r JOIN assessments a ON a.id = r.assessment_id"
		" JOIN units u ON u.id = a.unit_id JOIN temp.export_units s ON s.id = u.id AND s.sub"
		" JOIN decisions d ON d.id = r.decision_id WHERE ?2 = 0 OR a.year = ?2", o->under, o->year, err)) != ANTT_OK ||
	    (s = exec(db, "INSERT INTO pkg.decisions SELECT uuid, number, date, authority, signer, updated_by, updated_at"
		" FROM decisions WHERE uuid IN (SELECT decision_uuid FROM pkg.recognitions)", err, "ghi gói")) != ANTT_OK ||
	    (s = run2(db, "INSERT INTO pkg.answers SELECT u.uuid, a.year, x.criterion, x.uuid, x.rev, x.value,"
		" x.exception, x.note, x.updated_by, x.updated_at FROM answers x JOIN assessments a ON a.id = x.assessment_id"
		" JOIN units u ON u.id = a.unit_id JOIN temp.export_units s ON s.id = u.id AND s.sub"
		" WHERE ?2 = 0 OR a.year = ?2", o->under, o->year, err)) != ANTT_OK ||
	    (s = exec(db, "INSERT INTO pkg.criteria_sets SELECT sha256, regulation, version, source, body FROM criteria_sets"
		" WHERE sha256 IN (SELECT set_sha FROM pkg.assessments)", err, "ghi gói")) != ANTT_OK ||
	    (s = exec(db, "INSERT INTO pkg.audit (at, who, tbl, row_uuid, scope, action, old_value, new_value, origin)"
		" SELECT at, who, tbl, row_uuid, scope, action, old_value, new_value, origin FROM audit_named"
		" WHERE scope IN (SELECT uuid FROM pkg.assessments UNION SELECT uuid FROM pkg.units) ORDER BY id",
		err, "ghi gói")) != ANTT_OK)
		return s;

	/* what both sides now share: the base of the next exchange */
	if ((s = exec(db,
		"INSERT OR REPLACE INTO sync_base (key, rev, content) SELECT uuid, rev, "
		UNIT_JSON("code", "name", "type", "parent_uuid", "valid_from", "valid_to", "excluded", "merged_uuid",
			"managed_above")
		" FROM pkg.units;"
		"INSERT OR REPLACE INTO sync_base (key, rev, content) SELECT unit_uuid || '/' || year, rev, "
		ASSESSMENT_JSON("status", "set_sha", "reason") " FROM pkg.assessments;"
		"INSERT OR REPLACE INTO sync_base (key, rev, content) SELECT unit_uuid || '/' || year || '/' || criterion, rev, "
		ANSWER_JSON("value", "exception", "note") " FROM pkg.answers;", err, "ghi gói")) != ANTT_OK)
		return s;
	return ANTT_OK;
}

/* The manifest: what the package is, who sent it (key and fingerprint)
 * and for which unit and year, and how many rows of each kind it holds. */
static antt_status write_manifest(antt_db *db, const sync_export_opts *o, const unit_row *root,
                                  const char *key_hex, const char *fp, antt_err *err)
{
	char num[32], *office = db_setting_get(db, "office_name", NULL);
	antt_status s;

	if (!office || !*office) {
		/* a commune laptop may have no office name: say which unit sent it */
		free(office);
		if (!(office = strdup(o->under ? root->name : "máy chưa đặt tên đơn vị")))
			return ANTT_ERR_NOMEM;
	}
	snprintf(num, sizeof(num), "%d", SYNC_PACKAGE_WRITTEN);
	if ((s = manifest(db, "format", "antt-package", err)) != ANTT_OK ||
	    (s = manifest(db, "package_version", "1", err)) != ANTT_OK ||
	    (s = manifest(db, "schema_version", num, err)) != ANTT_OK ||
	    (s = manifest(db, "sender", office, err)) != ANTT_OK ||
	    (s = manifest(db, "sender_key", key_hex, err)) != ANTT_OK ||
	    (s = manifest(db, "sender_fingerprint", fp, err)) != ANTT_OK ||
	    (s = manifest(db, "under_code", o->under ? o->under : "", err)) != ANTT_OK ||
	    (s = manifest(db, "under_uuid", o->under ? root->uuid : "", err)) != ANTT_OK)
		goto out;
	snprintf(num, sizeof(num), "%d", o->year);
	if ((s = manifest(db, "years", o->year ? num : "", err)) != ANTT_OK)
		goto out;
	s = exec(db, "INSERT INTO pkg.manifest SELECT 'created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now');"
		"INSERT INTO pkg.manifest SELECT 'rows_units', count(*) FROM pkg.units;"
		"INSERT INTO pkg.manifest SELECT 'rows_assessments', count(*) FROM pkg.assessments;"
		"INSERT INTO pkg.manifest SELECT 'rows_answers', count(*) FROM pkg.answers;"
		"INSERT INTO pkg.manifest SELECT 'rows_audit', count(*) FROM pkg.audit;"
		"INSERT INTO pkg.manifest SELECT 'criteria_sets', coalesce(group_concat(sha256, ','), '') FROM"
		" (SELECT sha256 FROM pkg.criteria_sets ORDER BY sha256)", err, "ghi gói");
out:
	free(office);
	return s;
}

antt_status sync_export(antt_db *db, const sync_export_opts *o, sync_counts *out, antt_err *err)
{
	char tmp[4200], hex[2 * KEYS_SIG + 1], fp[KEYS_FP];
	uint8_t sig[KEYS_SIG];
	keys_pair key = { 0 };
	unit_row root = { 0 };
	antt_status s;
	sqlite3_stmt *st = NULL;
	int attached = 0, own;

	memset(out, 0, sizeof(*out));
	if (o->under && (s = unit_get(db, o->under, &root, err)) != ANTT_OK)
		return s;
	/* --force replaces an old package, never the database it is made from */
	if ((own = file_is_database_own(db->path, o->path)) < 0)
		return ANTT_ERR_NOMEM;
	if (own)
		return err_set(err, ANTT_ERR_EXISTS, "%s: đây là chính cơ sở dữ liệu đang dùng, không ghi gói đè lên được; "
			"chưa ghi gì. Hãy chọn tên tệp khác, đuôi .antt", o->path);
	if (!*o->path)
		return err_set(err, ANTT_ERR_INVALID, "tên tệp gói đang để trống: hãy ghi tên tệp, ví dụ goi.antt");
	if (file_is_dir(o->path))
		return err_set(err, ANTT_ERR_EXISTS, "%s: đây là một thư mục, chưa ghi gì. Hãy ghi tên tệp, ví dụ %s/goi.antt",
			o->path, o->path);
	if (!o->force && access(o->path, F_OK) == 0)
		return err_set(err, ANTT_ERR_EXISTS, "%s: tệp đã có, chưa ghi gì", o->path);
	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", o->path, (long)getpid());
	unlink(tmp);
	{
		/* an empty file: ATTACH opens with the main database's flags,
		 * which may not include creating files */
		FILE *fp = fopen(tmp, "wb");
		if (!fp) {
			s = err_set(err, ANTT_ERR_IO, "%s: không ghi được vào thư mục này (%s)",
				o->path, errno == ENOENT ? "thư mục không tồn tại" : errno == EACCES ? "không có quyền ghi" : "lỗi ghi");
			goto out;
		}
		fclose(fp);
	}

	if ((s = db_prepare(db, "ATTACH ? AS pkg", &st, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		s = err_set(err, ANTT_ERR_IO, "%s: không tạo được gói (%s)", o->path, sqlite3_errmsg(db->sql));
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	attached = 1;
	if ((s = exec(db, "PRAGMA pkg.journal_mode = DELETE", err, "tạo gói")) != ANTT_OK ||
	    (s = db_begin(db, err)) != ANTT_OK)
		goto out;
	/* the machine's key, made on its first export, inside the export's
	 * transaction: a refused export leaves none behind */
	if ((s = exec(db, package_schema, err, "tạo gói")) != ANTT_OK || (s = keys_own(db, &key, err)) != ANTT_OK)
		goto rollback;
	keys_fingerprint(key.pub, fp);
	hex_encode(key.pub, KEYS_PUB, hex);

	if ((s = copy_rows(db, o, err)) != ANTT_OK)
		goto rollback;
	out->units = count_of(db, "units");
	out->assessments = count_of(db, "assessments");
	out->answers = count_of(db, "answers");
	out->audit = count_of(db, "audit");
	if ((s = write_manifest(db, o, &root, hex, fp, err)) != ANTT_OK)
		goto rollback;
	if ((s = sync_checksum(db->sql, "pkg", out->sha256, err)) != ANTT_OK ||
	    (s = manifest(db, "sha256", out->sha256, err)) != ANTT_OK)
		goto rollback;
	/* the checksum covers every table and the manifest (with the sender's
	 * key in it): signing it signs the whole package */
	{
		char msg[sizeof(SYNC_SIGNED_PREFIX) + 64];
		snprintf(msg, sizeof(msg), "%s%s", SYNC_SIGNED_PREFIX, out->sha256);
		keys_sign(&key, (const uint8_t *)msg, strlen(msg), sig);
		hex_encode(sig, KEYS_SIG, hex);
		if ((s = manifest(db, "signature", hex, err)) != ANTT_OK)
			goto rollback;
	}
	if ((s = db_commit(db, err)) != ANTT_OK)
		goto out;
	exec(db, "DETACH pkg", NULL, "");
	attached = 0;
	/* without --force never over a file, not even one made meanwhile (a
	 * second export to the same stick) */
	if ((o->force ? rename(tmp, o->path) : platform_rename_new(tmp, o->path)) == 0)
		goto out;
	if (!o->force && errno == EEXIST)
		s = err_set(err, ANTT_ERR_EXISTS, "%s: tệp đã có (vừa được tạo trong lúc đang ghi gói) và vẫn nguyên, "
			"chưa ghi gì", o->path);
	else
		s = err_set(err, ANTT_ERR_IO, "%s: không đặt được tên tệp gói; kiểm tra quyền ghi", o->path);
	goto out;
rollback:
	db_rollback(db);
out:
	if (attached)
		exec(db, "DETACH pkg", NULL, "");
	/* SQLite's full disk names the database even when the package's disk
	 * (a USB stick) is the full one: name both */
	if (s == ANTT_ERR_DB_FULL)
		err_set(err, s, "%s: ổ đĩa đầy, chưa ghi gói (hết chỗ trống ở nơi ghi gói, hoặc ở ổ chứa cơ sở dữ liệu %s)",
			o->path, db->path);
	if (s != ANTT_OK)
		unlink(tmp);
	memset(&key, 0, sizeof(key));
	return s;
}
