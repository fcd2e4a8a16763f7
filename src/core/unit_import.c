/* antt unit import: rows are staged in a temporary table and checked there
 * with SQL (duplicates, unknown parents, cycles), then inserted parents
 * first. Nothing is written unless every line is right. */
#include "unit_import.h"
#include "unit.h"
#include "auth.h"
#include "csvtab.h"
#include "errlist.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const header_names[] = { "code", "ma", "ma don vi", NULL };
#define UNIT_COLUMNS "code,parent_code,type,name[,excluded[,managed_above]]"

#define FLAG_WORDS " (1 cũng viết được là có, x, yes, true; 0 là không, no, false hoặc để trống)"

/* The rows from first on (past a header) into temp.unit_import. */
static antt_status stage(antt_db *db, const csvtab *t, size_t first, errlist *errs, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	size_t i = first;

	s = db_prepare(db, "INSERT INTO temp.unit_import (line, code, parent_code, type, name, excluded, managed_above) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)", &st, err);
	if (s != ANTT_OK)
		return s;
	for (; i < t->n && s == ANTT_OK; i++) {
		const csvtab_row *r = &t->rows[i];
		char tcode[32];
		int excluded = 0, above = 0, flag;
		antt_err e;

		if (r->n < 4 || r->n > 6) {
			errlist_add(errs, "dòng %d: có %zu cột, cần 4 đến 6 cột: " UNIT_COLUMNS,
				r->line, r->n);
			continue;
		}
		if (!unit_code_valid(r->fields[0])) {
			errlist_add(errs, "dòng %d: mã đơn vị \"%s\" không hợp lệ: " UNIT_CODE_RULE, r->line, r->fields[0]);
			continue;
		}
		if (!*r->fields[3]) {
			errlist_add(errs, "dòng %d: thiếu tên đơn vị", r->line);
			continue;
		}
		if (!unit_name_fits(r->fields[3])) {
			errlist_add(errs, "dòng %d: tên đơn vị dài quá " UNIT_NAME_MAX_S " ký tự", r->line);
			continue;
		}
		if ((s = unit_type_resolve(db, r->fields[2], tcode, sizeof(tcode), &e)) != ANTT_OK) {
			if (s != ANTT_ERR_NOMEM) {
				errlist_add(errs, "dòng %d: %s", r->line, e.msg);
				s = ANTT_OK;
			}
			continue;
		}
		if (r->n >= 5 && (flag = csvtab_flag(r->fields[4], &excluded)) <= 0) {
			if (flag < 0)
				s = ANTT_ERR_NOMEM;
			else
				errlist_add(errs, "dòng %d: cột excluded phải là 1 (không thuộc diện) hoặc 0" FLAG_WORDS
					", không phải \"%s\"", r->line, r->fields[4]);
			continue;
		}
		if (r->n == 6 && (flag = csvtab_flag(r->fields[5], &above)) <= 0) {
			if (flag < 0)
				s = ANTT_ERR_NOMEM;
			else
				errlist_add(errs, "dòng %d: cột managed_above phải là 1 (do cấp trên quản lý, không tính vào "
					"tiêu chí 4 của xã) hoặc 0" FLAG_WORDS ", không phải \"%s\"", r->line, r->fields[5]);
			continue;
		}
		if (above && !unit_type_managed_above_ok(tcode)) {
			errlist_add(errs, "dòng %d: cột managed_above là 1 nhưng đơn vị loại \"%s\": " UNIT_MANAGED_ABOVE_RULE,
				r->line, r->fields[2]);
			continue;
		}
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, r->line);
		sqlite3_bind_text(st, 2, r->fields[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r->fields[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, tcode, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, r->fields[3], -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 6, excluded);
		sqlite3_bind_int(st, 7, above);
		if (sqlite3_step(st) != SQLITE_DONE) {
			s = db_fail(db, sqlite3_errcode(db->sql), err, "đọc tệp đơn vị");
			break;
		}
	}
	sqlite3_finalize(st);
	return s;
}

/* Each query yields (line, message) rows for one kind of problem. */
static antt_status check(antt_db *db, errlist *errs, antt_err *err)
{
	static const char *const checks[] = {
		"SELECT b.line, printf('mã \"%s\" trùng với dòng %d', b.code, a.line)"
		" FROM temp.unit_import a JOIN temp.unit_import b ON a.code = b.code AND a.line < b.line",

		"SELECT i.line, printf('mã \"%s\" đã có trong cơ sở dữ liệu (\"%s\")', i.code, u.name)"
		" FROM temp.unit_import i JOIN units u ON u.code = i.code",

		"SELECT i.line, printf('đơn vị cấp trên \"%s\" không có trong tệp lẫn trong cơ sở dữ liệu', i.parent_code)"
		" FROM temp.unit_import i WHERE i.parent_code <> ''"
		" AND i.parent_code NOT IN (SELECT code FROM temp.unit_import)"
		" AND i.parent_code NOT IN (SELECT code FROM units)",

		/* walk up from every row; coming back to the start is a cycle */
		"WITH RECURSIVE walk(start, cur, n) AS ("
		"  SELECT code, parent_code, 1 FROM temp.unit_import"
		"  UNION ALL SELECT w.start, i.parent_code, w.n + 1 FROM walk w"
		"  JOIN temp.unit_import i ON i.code = w.cur"
		"  WHERE w.cur <> w.start AND w.n <= (SELECT count(*) FROM temp.unit_import))"
		" SELECT i.line, printf('mã \"%s\" nằm trong một vòng lặp cấp trên (đơn vị là cấp trên của chính nó)', i.code)"
		" FROM temp.unit_import i WHERE i.code IN (SELECT start FROM walk WHERE cur = start)",
	};
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;

	for (size_t k = 0; k < sizeof(checks) / sizeof(*checks) && s == ANTT_OK; k++) {
		if ((s = db_prepare(db, checks[k], &st, err)) != ANTT_OK)
			break;
		while (sqlite3_step(st) == SQLITE_ROW)
			errlist_add(errs, "dòng %d: %s", sqlite3_column_int(st, 0),
				(const char *)sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
		st = NULL;
	}
	return s;
}

static antt_status insert_all(antt_db *db, int *added, antt_err *err)
{
	sqlite3_stmt *st = NULL, *ins = NULL;
	antt_status s;
	int rc;

	/* parents before children: order by depth within the file */
	s = db_prepare(db,
		"WITH RECURSIVE d(code, depth) AS ("
		"  SELECT code, 0 FROM temp.unit_import"
		"   WHERE parent_code NOT IN (SELECT code FROM temp.unit_import)"
		"  UNION ALL SELECT i.code, d.depth + 1 FROM temp.unit_import i JOIN d ON i.parent_code = d.code)"
		" SELECT i.code, i.name, i.type, i.parent_code, i.excluded, i.managed_above FROM temp.unit_import i"
		" JOIN d USING (code) ORDER BY d.depth, i.line", &st, err);
	if (s != ANTT_OK)
		return s;
	s = db_prepare(db, "INSERT INTO units (uuid, code, name, name_key, type, parent_id, excluded, updated_by,"
		" managed_above) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM units WHERE code = ?6), ?7, ?8, ?9)", &ins, err);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char uuid[37], *key = text_key((const char *)sqlite3_column_text(st, 1));

		if (!key) {
			s = ANTT_ERR_NOMEM;
			break;
		}
		db_uuid(db, uuid);
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, uuid, -1, SQLITE_STATIC);
		sqlite3_bind_value(ins, 2, sqlite3_column_value(st, 0));
		sqlite3_bind_value(ins, 3, sqlite3_column_value(st, 1));
		sqlite3_bind_text(ins, 4, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_value(ins, 5, sqlite3_column_value(st, 2));
		sqlite3_bind_value(ins, 6, sqlite3_column_value(st, 3));
		sqlite3_bind_value(ins, 7, sqlite3_column_value(st, 4));
		sqlite3_bind_text(ins, 8, db->user, -1, SQLITE_STATIC);
		sqlite3_bind_value(ins, 9, sqlite3_column_value(st, 5));
		free(key);
		rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			s = db_fail(db, rc, err, "thêm đơn vị");
		else
			(*added)++;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	return s;
}

antt_status unit_import_csv(antt_db *db, const char *path, int *added, antt_err *err)
{
	return unit_import_csv_list(db, path, added, NULL, err);
}

antt_status unit_import_csv_list(antt_db *db, const char *path, int *added, char **errors, antt_err *err)
{
	errlist errs = { .count = 0 };
	csvtab t;
	antt_status s;
	char heading[600];
	size_t first;

	*added = 0;
	if (errors)
		*errors = NULL;
	if ((s = auth_require(db, CAN_ADMIN, "nhập danh sách đơn vị", err)) != ANTT_OK)
		return s;
	if ((s = csvtab_read(path, &t, err)) != ANTT_OK)
		return s;
	if ((s = csvtab_data_start(&t, header_names, path, "tệp đơn vị", "mỗi dòng dữ liệu gồm các cột " UNIT_COLUMNS,
	                           &first, err)) != ANTT_OK ||
	    (s = db_begin(db, err)) != ANTT_OK)
		goto out;
	if (sqlite3_exec(db->sql, "CREATE TEMP TABLE IF NOT EXISTS unit_import (line INTEGER, code TEXT,"
		" parent_code TEXT, type TEXT, name TEXT, excluded INTEGER, managed_above INTEGER); DELETE FROM temp.unit_import",
		NULL, NULL, NULL) != SQLITE_OK) {
		s = db_fail(db, sqlite3_errcode(db->sql), err, "chuẩn bị nhập đơn vị");
		goto rollback;
	}
	if ((s = stage(db, &t, first, &errs, err)) != ANTT_OK || (s = check(db, &errs, err)) != ANTT_OK)
		goto rollback;
	if (errs.count) {
		snprintf(heading, sizeof(heading), "%s: tệp đơn vị có lỗi", path);
		s = errlist_report(&errs, err, ANTT_ERR_CSV, heading);
		if (errors)
			*errors = errlist_take(&errs);
		goto rollback;
	}
	if ((s = insert_all(db, added, err)) != ANTT_OK)
		goto rollback;
	s = db_commit(db, err);
	goto out;
rollback:
	*added = 0;
	db_rollback(db);
out:
	csvtab_free(&t);
	errlist_free(&errs);
	return s;
}
