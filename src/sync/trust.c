/* Which machines this one takes packages from, and what each may change:
 * enrolled by an admin (after the two officers compare the fingerprint by
 * phone) for a unit and everything under it, with or without the right to
 * send approvals. Every change is audited as the admin's. */
#include "sync.h"
#include "sync_int.h"
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sync_clean_text(const char *in, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0;

	while (*p) {
		size_t len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4, k;
		if (o + len >= n)
			break;   /* never half a character */
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
			out[o++] = ' ';
			p += *p == 0xc2 ? 2 : 1;
			continue;
		}
		for (k = 0; k < len && p[k]; k++)
			out[o++] = (char)p[k];
		p += k;
	}
	out[o] = '\0';
}

static antt_status audit_trust(antt_db *db, const char *fp, const char *action, const char *old_json,
                               const char *new_json, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db, "INSERT INTO audit (who, tbl, row_uuid, action, old_value, new_value)"
		" VALUES (?1, 'trusted_senders', ?2, ?3, ?4, ?5)", &st, err);
	int rc;

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, old_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, new_json, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ANTT_OK : db_fail(db, rc, err, "ghi nhật ký");
}

/* The enrolment as JSON for the audit, or NULL when there is none. */
static char *enrolment_json(antt_db *db, const char *fp)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(db->sql, "SELECT json_object('name', t.name, 'under', coalesce(u.code, t.under_uuid),"
		" 'may_approve', t.may_approve) FROM trusted_senders t LEFT JOIN units u ON u.uuid = t.under_uuid"
		" WHERE t.fingerprint = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			v = strdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return v;
}

antt_status sync_trust_enrol(antt_db *db, const sync_result *r, const char *under_uuid, int may_approve, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char name[256], *before = enrolment_json(db, r->fingerprint), *after = NULL;
	antt_status s;
	int rc;

	sync_clean_text(r->sender, name, sizeof(name));
	if ((s = db_prepare(db, "INSERT INTO trusted_senders (fingerprint, public_key, name, under_uuid, may_approve, added_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name,"
		" under_uuid = excluded.under_uuid, may_approve = excluded.may_approve, added_by = excluded.added_by,"
		" added_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", &st, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, r->fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, r->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, under_uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, may_approve != 0);
	sqlite3_bind_text(st, 6, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "ghi nhận máy gửi");
		goto out;
	}
	after = enrolment_json(db, r->fingerprint);
	s = audit_trust(db, r->fingerprint, before ? "update" : "insert", before, after, err);
out:
	free(before);
	free(after);
	return s;
}

static int own_key(antt_db *db, const char *key)
{
	sqlite3_stmt *st = NULL;
	int own = 0;

	if (sqlite3_prepare_v2(db->sql, "SELECT 1 FROM machine_key WHERE public_key = ?", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		own = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return own;
}

static antt_status refuse_own(const char *path, antt_err *err)
{
	return err_set(err, ANTT_ERR_INVALID, "%s: gói này do chính máy này (hoặc một bản sao cơ sở dữ liệu của máy này) "
		"ghi ra, không phải từ máy khác. Cơ sở dữ liệu không bị thay đổi. Hãy chọn gói do máy kia ghi ra.", path);
}

antt_status sync_trust_find(antt_db *db, const char *path, sync_result *r, sync_trust *t, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	memset(t, 0, sizeof(*t));
	if ((s = db_prepare(db, "SELECT name, under_uuid IS NULL, (SELECT id FROM units WHERE uuid = under_uuid), may_approve,"
		" coalesce((SELECT code || ' (' || name || ')' FROM units WHERE uuid = under_uuid), '?')"
		" FROM trusted_senders WHERE public_key = ?", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, r->key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(t->origin, sizeof(t->origin), "%s [%s]", (const char *)sqlite3_column_text(st, 0), r->fingerprint);
		t->whole = sqlite3_column_int(st, 1);
		t->root_id = sqlite3_column_int64(st, 2);
		t->may_approve = sqlite3_column_int(st, 3);
		snprintf(t->scope, sizeof(t->scope), "%s", (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return ANTT_OK;
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err, "đọc danh sách máy gửi");
	if (own_key(db, r->key))
		return refuse_own(path, err);
	if ((s = db_prepare(db, "SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM trusted_senders)", &st, err)) != ANTT_OK)
		return s;
	rc = sqlite3_step(st);
	t->first = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	/* r->sender is clean already (sync_verify) */
	if (t->first) {
		snprintf(t->origin, sizeof(t->origin), "%s [%s]", r->sender, r->fingerprint);
		t->whole = t->may_approve = 1;
		return ANTT_OK;
	}
	r->untrusted = 1;
	return err_set(err, ANTT_ERR_DENIED, "%s: gói của \"%s\", ký bằng khóa có mã nhận dạng %s. Máy gửi này chưa "
		"được ghi nhận ở máy này nên gói không được nhận. Cơ sở dữ liệu không bị thay đổi.",
		path, r->sender, r->fingerprint);
}

antt_status sync_trust_add(antt_db *db, const char *path, const char *under, int may_approve,
                           const char *expect_fp, sync_result *r, antt_err *err)
{
	char fp[KEYS_FP];
	unit_row u;
	antt_status s;

	memset(r, 0, sizeof(*r));
	if ((s = auth_require_admin_login(db, "ghi nhận máy gửi gói", err)) != ANTT_OK)
		return s;
	/* a sender whose approvals count speaks for a leader: only a proven
	 * admin may say so, in every mode */
	if (may_approve && db->role != ROLE_ADMIN)
		return err_set(err, ANTT_ERR_DENIED, "ghi nhận máy được gửi kết quả duyệt cần quản trị đăng nhập bằng tài khoản "
			"của mình%s", auth_accounts(db, ROLE_ADMIN) ? "" : " (máy này chưa có tài khoản quản trị nào)");
	if (expect_fp && !keys_fingerprint_parse(expect_fp, fp))
		return err_set(err, ANTT_ERR_INVALID, "\"%s\" không phải mã nhận dạng (sáu nhóm bốn chữ số và chữ A–F)", expect_fp);
	if ((s = sync_verify(path, r, err)) != ANTT_OK)
		return s;
	if (own_key(db, r->key))
		return refuse_own(path, err);
	if (expect_fp && strcmp(fp, r->fingerprint))
		return err_set(err, ANTT_ERR_DENIED, "%s: gói được ký bằng khóa có mã nhận dạng %s, không phải %s như máy gửi "
			"đọc qua điện thoại. Gói có thể đã bị tráo; chưa ghi nhận gì.", path, r->fingerprint, fp);
	if ((s = unit_get(db, under, &u, err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = sync_trust_enrol(db, r, u.uuid, may_approve, err)) != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

antt_status sync_trust_list(antt_db *db, int (*fn)(const sync_trusted *t, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db, "SELECT t.fingerprint, t.name,"
		" CASE WHEN t.under_uuid IS NULL THEN NULL ELSE coalesce(u.code, '?') END,"
		" CASE WHEN t.under_uuid IS NULL THEN NULL ELSE coalesce(u.name, 'đơn vị không còn ở máy này') END,"
		" t.may_approve, t.added_by, t.added_at"
		" FROM trusted_senders t LEFT JOIN units u ON u.uuid = t.under_uuid ORDER BY t.added_at, t.fingerprint", &st, err);
	if (s != ANTT_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char name[256];
		sync_trusted t = {
			(const char *)sqlite3_column_text(st, 0), name, (const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3), sqlite3_column_int(st, 4),
			(const char *)sqlite3_column_text(st, 5), (const char *)sqlite3_column_text(st, 6),
		};
		sync_clean_text((const char *)sqlite3_column_text(st, 1), name, sizeof(name));
		if (fn(&t, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách máy gửi");
	sqlite3_finalize(st);
	return s;
}

antt_status sync_trust_remove(antt_db *db, const char *fingerprint, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char fp[KEYS_FP], *before = NULL;
	antt_status s;
	int rc;

	if ((s = auth_require_admin_login(db, "bỏ ghi nhận máy gửi gói", err)) != ANTT_OK)
		return s;
	if (!keys_fingerprint_parse(fingerprint, fp))
		return err_set(err, ANTT_ERR_INVALID, "\"%s\" không phải mã nhận dạng (sáu nhóm bốn chữ số và chữ A–F)", fingerprint);
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if (!(before = enrolment_json(db, fp))) {
		s = err_set(err, ANTT_ERR_NOT_FOUND, "không có máy gửi nào được ghi nhận với mã nhận dạng %s", fp);
		goto out;
	}
	if ((s = db_prepare(db, "DELETE FROM trusted_senders WHERE fingerprint = ?", &st, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "bỏ ghi nhận máy gửi");
	else
		s = audit_trust(db, fp, "delete", before, NULL, err);
out:
	free(before);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}
