/* Units: adding, renaming, moving, retiring, excluding, listing and CSV
 * import. Every change runs in one transaction and leaves an audit row. */
#include "unit.h"
#include "date.h"
#include "auth.h"
#include "csvtab.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_COLUMNS \
	"u.id, u.uuid, u.code, u.name, u.type, ty.name, p.code, u.valid_from, u.valid_to, m.code, u.excluded," \
	" u.managed_above"
#define UNIT_JOINS \
	" JOIN unit_types ty ON ty.code = u.type LEFT JOIN units p ON p.id = u.parent_id" \
	" LEFT JOIN units m ON m.id = u.merged_into"

static void copy_col(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

static void read_row(sqlite3_stmt *st, unit_row *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, u->uuid, sizeof(u->uuid));
	copy_col(st, 2, u->code, sizeof(u->code));
	copy_col(st, 3, u->name, sizeof(u->name));
	copy_col(st, 4, u->type, sizeof(u->type));
	copy_col(st, 5, u->type_name, sizeof(u->type_name));
	copy_col(st, 6, u->parent_code, sizeof(u->parent_code));
	copy_col(st, 7, u->valid_from, sizeof(u->valid_from));
	copy_col(st, 8, u->valid_to, sizeof(u->valid_to));
	copy_col(st, 9, u->merged_into, sizeof(u->merged_into));
	u->excluded = sqlite3_column_int(st, 10);
	u->managed_above = sqlite3_column_int(st, 11);
}

antt_status unit_type_resolve(antt_db *db, const char *typed, char *code, size_t n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char *want;
	antt_status s;
	char list[512] = "";
	int found = 0;

	if ((s = text_key_of(typed, &want)) != ANTT_OK)
		return s == ANTT_ERR_NOMEM ? s : err_set(err, s, "loại đơn vị \"%s\" không phải văn bản hợp lệ", typed);
	s = db_cached(db, "SELECT code, name FROM unit_types ORDER BY sort", &st, err);
	if (s != ANTT_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		char *kc = text_key(c), *kn = text_key(name);

		if (!kc || !kn) {
			free(kc);
			free(kn);
			s = ANTT_ERR_NOMEM;
			goto out;
		}
		if (!found && (strcmp(want, kc) == 0 || strcmp(want, kn) == 0)) {
			snprintf(code, n, "%s", c);
			found = 1;
		}
		free(kc);
		free(kn);
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s (%s)", *list ? ", " : "", name, c);
	}
	if (!found)
		s = err_set(err, ANTT_ERR_INVALID, "loại đơn vị \"%s\" không có. Các loại: %s", typed, list);
out:
	sqlite3_reset(st);
	free(want);
	return s;
}

antt_status unit_get(antt_db *db, const char *code, unit_row *out, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_cached(db, "SELECT " UNIT_COLUMNS " FROM units u" UNIT_JOINS " WHERE u.code = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	else if (rc == SQLITE_DONE)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%s\"", code);
	else
		s = db_fail(db, rc, err, "tìm đơn vị");
	sqlite3_reset(st);
	return s;
}

/* Codes are plain ASCII: two codes that look alike on screen or paper
 * (a Cyrillic "Х", a zero-width space, a bidi override) must not be two
 * different units. */
int unit_name_fits(const char *name)
{
	return text_width(name) <= UNIT_NAME_MAX && strlen(name) < sizeof(((unit_row *)0)->name);
}

int unit_code_valid(const char *code)
{
	size_t n = strlen(code);

	if (n == 0 || n > UNIT_CODE_MAX)
		return 0;
	for (const char *p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.' || *p == '/'))
			return 0;
	return 1;
}

antt_status unit_add_tx(antt_db *db, const char *code, const char *type, const char *name,
                               const char *parent_code, int excluded, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char uuid[37], *key = text_key(name);
	antt_status s;
	int rc;

	if (!key)
		return ANTT_ERR_NOMEM;
	db_uuid(db, uuid);
	s = db_prepare(db, "INSERT INTO units (uuid, code, name, name_key, type, parent_id, excluded, updated_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM units WHERE code = ?6), ?7, ?8)", &st, err);
	if (s != ANTT_OK)
		goto out;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, type, -1, SQLITE_STATIC);
	if (parent_code && *parent_code)
		sqlite3_bind_text(st, 6, parent_code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, excluded);
	sqlite3_bind_text(st, 8, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "thêm đơn vị");
out:
	sqlite3_finalize(st);
	free(key);
	return s;
}

static antt_status finish(antt_db *db, antt_status s, antt_err *err)
{
	if (s == ANTT_OK)
		return db_commit(db, err);
	db_rollback(db);
	return s;
}

antt_status unit_add(antt_db *db, const char *code, const char *type, const char *name,
                     const char *parent_code, antt_err *err)
{
	char tcode[32], *nfc = NULL;
	unit_row u;
	antt_status s;

	if (auth_require(db, CAN_ADMIN, "thêm đơn vị", err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	if (!unit_code_valid(code))
		return err_set(err, ANTT_ERR_INVALID, "mã đơn vị \"%s\" không hợp lệ: " UNIT_CODE_RULE, code);
	if ((s = unit_type_resolve(db, type, tcode, sizeof(tcode), err)) != ANTT_OK)
		return s;
	if ((s = text_clean(name, "tên đơn vị", &nfc, err)) != ANTT_OK)
		return s;
	if (!*nfc) {
		free(nfc);
		return err_set(err, ANTT_ERR_INVALID, "tên đơn vị không được để trống");
	}
	if (!unit_name_fits(nfc)) {
		free(nfc);
		return err_set(err, ANTT_ERR_INVALID, "tên đơn vị dài quá " UNIT_NAME_MAX_S " ký tự");
	}
	if ((s = db_begin(db, err)) != ANTT_OK)
		goto out;
	if (unit_get(db, code, &u, NULL) == ANTT_OK) {
		s = err_set(err, ANTT_ERR_EXISTS, "mã \"%s\" đã dùng cho \"%s\". Hãy chọn mã khác.", code, u.name);
	} else if (parent_code && *parent_code && (s = unit_get(db, parent_code, &u, err)) != ANTT_OK) {
		err_set(err, s, "không có đơn vị cấp trên mã \"%s\". Thêm đơn vị cấp trên trước.", parent_code);
	} else {
		s = unit_add_tx(db, code, tcode, nfc, parent_code, 0, err);
	}
	s = finish(db, s, err);
out:
	free(nfc);
	return s;
}

/* Run one UPDATE on a unit found by code, bumping its revision. */
static antt_status update_unit(antt_db *db, const char *code, const char *sql_set,
                               const char *a, const char *b, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char sql[512];
	antt_status s;
	int rc;

	snprintf(sql, sizeof(sql), "UPDATE units SET %s, rev = rev + 1, updated_by = ?3, "
		"updated_at = strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now') WHERE code = ?4", sql_set);
	if ((s = db_prepare(db, sql, &st, err)) != ANTT_OK)
		return s;
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "sửa đơn vị");
	else if (sqlite3_changes(db->sql) == 0)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%s\"", code);
	sqlite3_finalize(st);
	return s;
}

antt_status unit_rename(antt_db *db, const char *code, const char *name, antt_err *err)
{
	char *nfc = NULL, *key = NULL;
	antt_status s;

	if (auth_require(db, CAN_ADMIN, "đổi tên đơn vị", err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	if ((s = text_clean(name, "tên mới", &nfc, err)) != ANTT_OK)
		return s;
	if (!*nfc) {
		free(nfc);
		return err_set(err, ANTT_ERR_INVALID, "tên mới không được để trống");
	}
	if (!unit_name_fits(nfc)) {
		free(nfc);
		return err_set(err, ANTT_ERR_INVALID, "tên mới dài quá " UNIT_NAME_MAX_S " ký tự");
	}
	if (!(key = text_key(nfc))) {   /* nfc is clean UTF-8: no key is no memory */
		free(nfc);
		return ANTT_ERR_NOMEM;
	}
	if ((s = db_begin(db, err)) == ANTT_OK)
		s = finish(db, update_unit(db, code, "name = ?1, name_key = ?2", nfc, key, err), err);
	free(nfc);
	free(key);
	return s;
}

antt_status unit_move(antt_db *db, const char *code, const char *parent_code, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	unit_row u, p;
	antt_status s;

	if (auth_require(db, CAN_ADMIN, "chuyển đơn vị", err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
		goto out;
	if (parent_code && *parent_code) {
		if ((s = unit_get(db, parent_code, &p, err)) != ANTT_OK)
			goto out;
		/* The new parent must not sit below the unit itself. */
		s = db_prepare(db, "WITH RECURSIVE below(id) AS (SELECT ?1 UNION ALL "
			"SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id) "
			"SELECT 1 FROM below WHERE id = ?2", &st, err);
		if (s != ANTT_OK)
			goto out;
		sqlite3_bind_int64(st, 1, u.id);
		sqlite3_bind_int64(st, 2, p.id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			s = err_set(err, ANTT_ERR_INVALID, "không thể chuyển \"%s\" vào \"%s\" vì \"%s\" "
				"là chính nó hoặc nằm dưới nó (sẽ thành vòng lặp)", code, parent_code, parent_code);
			goto out;
		}
	}
	s = update_unit(db, code, "parent_id = (SELECT id FROM units WHERE code = ?1)",
		parent_code && *parent_code ? parent_code : NULL, NULL, err);
out:
	sqlite3_finalize(st);
	return finish(db, s, err);
}

antt_status unit_retire(antt_db *db, const char *code, const char *date,
                        const char *merged_into, antt_err *err)
{
	unit_row u, m;
	antt_status s;
	char iso[11];

	if (auth_require(db, CAN_ADMIN, "giải thể đơn vị", err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	if (date && (s = date_parse(date, "ngày giải thể", iso, err)) != ANTT_OK)
		return s;
	if (date)
		date = iso;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
		goto out;
	if (merged_into && *merged_into) {
		if ((s = unit_get(db, merged_into, &m, err)) != ANTT_OK)
			goto out;
		if (m.id == u.id) {
			s = err_set(err, ANTT_ERR_INVALID, "đơn vị không thể sáp nhập vào chính nó");
			goto out;
		}
	}
	s = update_unit(db, code, "valid_to = coalesce(?1, date('now')), "
		"merged_into = (SELECT id FROM units WHERE code = ?2)", date, merged_into, err);
out:
	return finish(db, s, err);
}

/* Set one 0/1 column of u to value unless it is so already (then nothing
 * is written: no revision, no audit row). */
static antt_status set_flag(antt_db *db, const unit_row *u, int now, const char *set, int value, int *changed,
                            antt_err *err)
{
	antt_status s = ANTT_OK;

	if (now != value && (s = update_unit(db, u->code, set, value ? "1" : "0", NULL, err)) == ANTT_OK && changed)
		*changed = 1;
	return s;
}

antt_status unit_mark_excluded(antt_db *db, const char *code, int excluded, int *changed, antt_err *err)
{
	unit_row u;
	antt_status s;

	if (changed)
		*changed = 0;
	if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
		return s;
	return set_flag(db, &u, u.excluded, "excluded = ?1", !!excluded, changed, err);
}

int unit_type_managed_above_ok(const char *type)
{
#define T(name) name,
	static const char *const types[] = { UNIT_MANAGED_ABOVE_TYPES(T) };
#undef T

	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(type, types[i]))
			return 1;
	return 0;
}

antt_status unit_mark_managed_above(antt_db *db, const char *code, int above, int *changed, antt_err *err)
{
	unit_row u;
	antt_status s;

	if (changed)
		*changed = 0;
	if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
		return s;
	/* taking a mark off is always allowed: it mends one set before the rule */
	if (above && !u.managed_above && !unit_type_managed_above_ok(u.type))
		return err_set(err, ANTT_ERR_INVALID, "đơn vị %s (%s) là %s: " UNIT_MANAGED_ABOVE_RULE,
			u.code, u.name, u.type_name);
	return set_flag(db, &u, u.managed_above, "managed_above = ?1", !!above, changed, err);
}

antt_status unit_list(antt_db *db, const unit_filter *flt,
                      int (*fn)(const unit_row *u, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char tcode[32], *key = NULL;
	unit_row u;
	antt_status s;
	int rc;

	if (flt->type && (s = unit_type_resolve(db, flt->type, tcode, sizeof(tcode), err)) != ANTT_OK)
		return s;
	if (flt->under && (s = unit_get(db, flt->under, &u, err)) != ANTT_OK)
		return s;
	if (flt->search && !(key = text_key(flt->search)))
		return ANTT_ERR_NOMEM;
	s = db_prepare(db,
		"WITH RECURSIVE t(id, depth, path) AS ("
		"  " UNIT_SEED_OF("id, 0, code", "?1")
		"  UNION ALL"
		"  SELECT u.id, t.depth + 1, t.path || char(31) || u.code FROM units u JOIN t ON u.parent_id = t.id)"
		" SELECT " UNIT_COLUMNS ", t.depth FROM t JOIN units u ON u.id = t.id" UNIT_JOINS
		" WHERE (?2 IS NULL OR u.type = ?2)"
		"   AND (?3 IS NULL OR instr(u.name_key, ?3) > 0 OR instr(lower(u.code), ?3) > 0)"
		"   AND (?5 OR ?4 > 0 OR u.valid_to IS NULL OR u.valid_to > date('now'))"
		"   AND (?4 = 0 OR " UNIT_IN_YEAR("u", "?4") ")"
		" ORDER BY t.path", &st, err);
	if (s != ANTT_OK)
		goto out;
	if (flt->under)
		sqlite3_bind_text(st, 1, flt->under, -1, SQLITE_STATIC);
	if (flt->type)
		sqlite3_bind_text(st, 2, tcode, -1, SQLITE_STATIC);
	if (key)
		sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, flt->year);
	sqlite3_bind_int(st, 5, flt->all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &u);
		u.depth = sqlite3_column_int(st, 12);
		if (fn(&u, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "liệt kê đơn vị");
out:
	sqlite3_finalize(st);
	free(key);
	return s;
}
