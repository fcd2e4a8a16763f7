/* The conflict list and settling it; and who has sent packages. */
#include "sync.h"
#include "sync_int.h"
#include "assess.h"
#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

antt_status sync_conflicts(antt_db *db, int every_one, int (*fn)(const sync_conflict *c, void *ctx),
                           void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	/* the two versions in words rather than JSON (antt_answer_words: form_store.c) */
#define WORDS(x) \
	"CASE WHEN " x " IS NULL THEN NULL WHEN kind = 'answer' THEN printf('trả lời %s%s%s'," \
	" antt_answer_words((SELECT a.criteria_set_id FROM assessments a JOIN units u ON u.id = a.unit_id" \
	"  WHERE u.uuid = substr(key, 1, 36) AND a.year = CAST(substr(key, 38, 4) AS INTEGER))," \
	"  substr(key, 43), json_extract(" x ", '$.value'))," \
	" CASE WHEN json_extract(" x ", '$.exception') THEN ', ngoại lệ' ELSE '' END," \
	" CASE WHEN json_extract(" x ", '$.note') <> '' THEN '; ghi chú: ' || json_extract(" x ", '$.note') ELSE '' END)" \
	" WHEN kind = 'assessment' THEN 'trạng thái ' || CASE json_extract(" x ", '$.status') WHEN 'approved'" \
	"  THEN 'đã duyệt' WHEN 'submitted' THEN 'đã trình' WHEN 'draft' THEN 'đang nhập' WHEN 'returned'" \
	"  THEN 'trả lại' ELSE 'đã đăng ký' END" \
	"  || CASE WHEN json_extract(" x ", '$.reason') <> '' THEN '; lý do: ' || json_extract(" x ", '$.reason') ELSE '' END" \
	" ELSE printf('mã %s, tên %s, thuộc %s%s', json_extract(" x ", '$.code'), json_extract(" x ", '$.name')," \
	"  coalesce((SELECT code FROM units WHERE uuid = json_extract(" x ", '$.parent')), 'cấp cao nhất')," \
	"  CASE WHEN json_extract(" x ", '$.managed') THEN ', do cấp trên quản lý' ELSE '' END) END"
	s = db_prepare(db, "SELECT id, kind, label, why, " WORDS("local") ", " WORDS("incoming") ", detected_at, resolution"
		" FROM conflicts WHERE ?1 OR resolution IS NULL ORDER BY id", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, every_one);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sync_conflict c = {
			sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6), (const char *)sqlite3_column_text(st, 7),
		};
		if (fn(&c, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách xung đột");
	sqlite3_finalize(st);
	return s;
}

/* Apply the package's version of a row (the keys are natural keys). */
static const char *const apply_sql[] = {
	/* unit: key = uuid */
	"UPDATE units SET code = json_extract(?2, '$.code'), name = json_extract(?2, '$.name'),"
	" type = json_extract(?2, '$.type'), valid_from = json_extract(?2, '$.from'),"
	" valid_to = json_extract(?2, '$.to'), excluded = json_extract(?2, '$.excluded'),"
	" managed_above = coalesce(json_extract(?2, '$.managed'), managed_above),"
	" parent_id = coalesce((SELECT id FROM units p WHERE p.uuid = json_extract(?2, '$.parent')), parent_id),"
	" rev = max(rev, ?3) + 1, updated_by = ?4 WHERE uuid = ?1",
	/* assessment: key = unit uuid/year */
	"UPDATE assessments SET status = json_extract(?2, '$.status'), reason = json_extract(?2, '$.reason'),"
	" criteria_set_id = (SELECT id FROM criteria_sets WHERE sha256 = json_extract(?2, '$.set')),"
	" rev = max(rev, ?3) + 1, updated_by = ?4"
	" WHERE unit_id = (SELECT id FROM units WHERE uuid = substr(?1, 1, 36)) AND year = CAST(substr(?1, 38) AS INTEGER)",
	/* answer: key = unit uuid/year/criterion; a new one gets its uuid
	 * from db_uuid (?5), as every row antt writes (before 1/12 this wrote
	 * 32 hex digits without dashes: db_uuid_legacy) */
	"INSERT INTO answers (uuid, rev, assessment_id, criterion, value, exception, note, updated_by)"
	" SELECT ?5, ?3 + 1, a.id, substr(?1, 43), json_extract(?2, '$.value'),"
	"  json_extract(?2, '$.exception'), json_extract(?2, '$.note'), ?4"
	" FROM assessments a WHERE a.unit_id = (SELECT id FROM units WHERE uuid = substr(?1, 1, 36))"
	"  AND a.year = CAST(substr(?1, 38, 4) AS INTEGER)"
	" ON CONFLICT (assessment_id, criterion) DO UPDATE SET value = excluded.value, exception = excluded.exception,"
	"  note = excluded.note, rev = max(answers.rev, ?3) + 1, updated_by = excluded.updated_by,"
	"  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
};

/* Taking a unit's incoming parent must not close a cycle in the tree (a
 * move made here meanwhile can make it one): refused, naming both. */
static antt_status check_cycle(antt_db *db, const char *key, const char *incoming, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(db,
		"WITH RECURSIVE up(id) AS (SELECT id FROM units WHERE uuid = json_extract(?2, '$.parent')"
		"  UNION SELECT u.parent_id FROM units u JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
		" SELECT me.code, p.code FROM units me, units p"
		" WHERE me.uuid = ?1 AND p.uuid = json_extract(?2, '$.parent') AND me.id IN (SELECT id FROM up)", &st, err);

	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, incoming, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = err_set(err, ANTT_ERR_INVALID, "không lấy được bản trong gói: chuyển đơn vị %s vào dưới %s sẽ tạo vòng "
			"lặp trong cây đơn vị (%s đang nằm dưới %s ở máy này). Hãy giữ bản ở máy này, hoặc chuyển lại đơn vị "
			"cho đúng trước.", (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return s;
}

antt_status sync_resolve(antt_db *db, long long id, int take_incoming, antt_err *err)
{
	sqlite3_stmt *st = NULL, *w = NULL;
	char kind[16] = "", key[200] = "", *incoming = NULL;
	sqlite3_int64 rev = 0;
	antt_status s;
	int k = -1, rc, year = 0;

	if ((s = auth_require(db, CAN_REVIEW, "chọn bản khi có xung đột", err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "SELECT kind, key, incoming, incoming_rev FROM conflicts WHERE id = ? AND resolution IS NULL",
		&st, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		s = err_set(err, ANTT_ERR_NOT_FOUND, "không có xung đột số %lld đang chờ", id);
		goto out;
	}
	snprintf(kind, sizeof(kind), "%s", (const char *)sqlite3_column_text(st, 0));
	snprintf(key, sizeof(key), "%s", (const char *)sqlite3_column_text(st, 1));
	incoming = strdup((const char *)sqlite3_column_text(st, 2));
	rev = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
	st = NULL;
	k = !strcmp(kind, "unit") ? 0 : !strcmp(kind, "assessment") ? 1 : 2;
	if (k > 0 && strlen(key) > 41)
		year = atoi(key + 37);

	if (take_incoming) {
		char uuid[37];

		db_uuid(db, uuid);
		if ((k == 0 && (s = check_cycle(db, key, incoming, err)) != ANTT_OK) ||
		    (s = db_prepare(db, apply_sql[k], &w, err)) != ANTT_OK)
			goto out;
		sqlite3_bind_text(w, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(w, 2, incoming, -1, SQLITE_STATIC);
		sqlite3_bind_int64(w, 3, rev);
		sqlite3_bind_text(w, 4, db->user, -1, SQLITE_STATIC);
		if (k == 2)
			sqlite3_bind_text(w, 5, uuid, -1, SQLITE_STATIC);
		rc = sqlite3_step(w);
		sqlite3_finalize(w);
		if (rc != SQLITE_DONE) {
			s = db_fail(db, rc, err, "áp dụng bản trong gói");
			goto out;
		}
		if (k > 0 && year && (s = assess_recompute_year(db, year, err)) != ANTT_OK)
			goto out;
	}
	/* the package's version is now known here: the same package again
	 * changes nothing */
	if ((s = db_prepare(db, "INSERT OR REPLACE INTO sync_base (key, rev, content) VALUES (?, ?, ?)", &w, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_text(w, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w, 2, rev);
	sqlite3_bind_text(w, 3, incoming, -1, SQLITE_STATIC);
	rc = sqlite3_step(w);
	sqlite3_finalize(w);
	if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "ghi mốc trao đổi");
		goto out;
	}
	if ((s = db_prepare(db, "UPDATE conflicts SET resolution = ?2, resolved_by = ?3,"
		" resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1", &w, err)) != ANTT_OK)
		goto out;
	sqlite3_bind_int64(w, 1, id);
	sqlite3_bind_text(w, 2, take_incoming ? "incoming" : "local", -1, SQLITE_STATIC);
	sqlite3_bind_text(w, 3, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(w);
	sqlite3_finalize(w);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "ghi lựa chọn");
out:
	sqlite3_finalize(st);
	free(incoming);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

antt_status sync_senders(antt_db *db, int year, int (*fn)(const sync_sender *s, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db,
		"SELECT u.code, u.name, max(p.imported_at),"
		"  max(p.sha256 IS NOT NULL AND (p.years = '' OR p.years = CAST(?1 AS TEXT)))"
		" FROM units u JOIN unit_types t ON t.code = u.type AND t.commune"
		" LEFT JOIN packages p ON p.under_uuid = u.uuid"
		" WHERE " UNIT_IN_YEAR("u", "?1") " GROUP BY u.id ORDER BY u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sync_sender x = { (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), sqlite3_column_int(st, 3) };
		if (fn(&x, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc các gói đã nhận");
	sqlite3_finalize(st);
	return s;
}
