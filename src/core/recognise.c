/* Recording, importing, listing and withdrawing recognition decisions. The
 * checks are said here in words; the triggers of db/009 hold the same rules
 * whatever writes the rows. */
#include "recognise.h"
#include "assess.h"
#include "workflow.h"
#include "auth.h"
#include "csvtab.h"
#include "date.h"
#include "errlist.h"
#include "num.h"
#include "text.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decision number as written on the paper: a number, a slash, then the
 * symbol (45/QĐ-UBND, 12/2024/QĐ-UBND); letters of any script, digits and
 * / - . only, no spaces. */
int recognise_number_valid(const char *s)
{
	size_t chars = 0;
	int slash = 0;

	if (!(*s >= '0' && *s <= '9'))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			chars++;
		if (*p == '/')
			slash = 1;
		else if (*p < 0x80 && !(*p >= '0' && *p <= '9') && !(*p >= 'A' && *p <= 'Z') &&
		         !(*p >= 'a' && *p <= 'z') && *p != '-' && *p != '.')
			return 0;
	}
	return slash && chars <= RECOGNISE_NUMBER_MAX && s[strlen(s) - 1] != '/';
}

typedef struct {
	char *number, *authority, *signer;
	char date[11];
} clean_decision;

static void clean_free(clean_decision *c)
{
	free(c->number);
	free(c->authority);
	free(c->signer);
}

/* One text field: cleaned, and held to max characters (0: no limit here). */
static antt_status field(const char *in, const char *what, int required, size_t max, char **out, antt_err *err)
{
	antt_status s = text_clean(in ? in : "", what, out, err);

	if (s != ANTT_OK)
		return s;
	if (required && !**out)
		return err_set(err, ANTT_ERR_INVALID, "cần %s", what);
	if (max && text_width(*out) > max)
		return err_set(err, ANTT_ERR_INVALID, "%s dài quá %zu ký tự", what, max);
	return ANTT_OK;
}

static antt_status check_decision(const recognise_decision *d, int year, clean_decision *c, antt_err *err)
{
	antt_status s;
	int dy;

	memset(c, 0, sizeof(*c));
	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK)
		return s;
	if ((s = field(d->number, "số quyết định", 1, 0, &c->number, err)) != ANTT_OK)
		return s;
	if (!recognise_number_valid(c->number))
		return err_set(err, ANTT_ERR_INVALID, "số quyết định \"%.*s%s\" không đúng dạng: cần số/ký hiệu như "
			"45/QĐ-UBND, không có khoảng trắng, tối đa %d ký tự", 60, c->number, strlen(c->number) > 60 ? "…" : "",
			RECOGNISE_NUMBER_MAX);
	if ((s = date_parse(d->date ? d->date : "", "ngày quyết định", c->date, err)) != ANTT_OK)
		return s;
	dy = atoi(c->date);
	if (dy != year && dy != year + 1)
		return err_set(err, ANTT_ERR_INVALID, "quyết định ngày %.2s/%.2s/%d không thể công nhận kết quả năm %d "
			"(cần ngày trong năm %d hoặc %d)", c->date + 8, c->date + 5, dy, year, year, year + 1);
	if ((s = field(d->authority, "cơ quan, người có thẩm quyền ban hành (ví dụ Chủ tịch UBND xã …)", 1,
	               RECOGNISE_TEXT_MAX, &c->authority, err)) != ANTT_OK)
		return s;
	return field(d->signer, "người ký", 0, RECOGNISE_TEXT_MAX, &c->signer, err);
}

/* The decision's row: found (same number, authority and date) or made. A
 * number the same authority already used that year on another date is a
 * typing slip, not a second decision. */
static antt_status decision_row(antt_db *db, const clean_decision *c, sqlite3_int64 *id, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char uuid[37];
	antt_status s;
	int rc;

	s = db_prepare(db, "SELECT id, date, signer FROM decisions WHERE number = ?1 AND authority = ?2"
		" AND substr(date, 1, 4) = substr(?3, 1, 4) ORDER BY date = ?3 DESC", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, c->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->authority, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->date, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(st, 1), *signer = (const char *)sqlite3_column_text(st, 2);
		*id = sqlite3_column_int64(st, 0);
		if (strcmp(date, c->date))
			s = err_set(err, ANTT_ERR_EXISTS, "quyết định số %s của %s đã được ghi với ngày %.2s/%.2s/%.4s, "
				"không phải %.2s/%.2s/%.4s", c->number, c->authority, date + 8, date + 5, date,
				c->date + 8, c->date + 5, c->date);
		else if (*c->signer && strcmp(signer, c->signer))   /* none given: the one recorded */
			s = err_set(err, ANTT_ERR_EXISTS, "quyết định số %s của %s đã được ghi %s%s%s, không phải \"%s\"",
				c->number, c->authority, *signer ? "với người ký \"" : "không có người ký", signer, *signer ? "\"" : "",
				c->signer);
	} else if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "tìm quyết định");
	}
	sqlite3_finalize(st);
	if (s != ANTT_OK || rc == SQLITE_ROW)
		return s;

	db_uuid(db, uuid);
	s = db_prepare(db, "INSERT INTO decisions (uuid, number, date, authority, signer, updated_by)"
		" VALUES (?, ?, ?, ?, ?, ?)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->authority, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->signer, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "ghi quyết định");
	*id = sqlite3_last_insert_rowid(db->sql);
	sqlite3_finalize(st);
	return s;
}

/* One unit under a decision, inside the caller's transaction: *added is 1
 * when it was newly recognised, 0 when this decision already had it; parent
 * gets the unit's parent code (its criterion 4 must be recomputed). */
static antt_status recognise_one(antt_db *db, sqlite3_int64 decision, const char *code, int year, int *added,
                                 char parent[64], antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 aid = 0, current = 0;
	char status[16] = "", verdict[16] = "", by[600] = "", uuid[37];
	unit_row u;
	antt_status s;
	int rc;

	*added = 0;
	if (!unit_code_valid(code) || unit_get(db, code, &u, NULL) != ANTT_OK)
		return err_set(err, ANTT_ERR_NOT_FOUND, "không có đơn vị mã \"%.*s%s\"", 64, code, strlen(code) > 64 ? "…" : "");
	if (u.excluded)
		return err_set(err, ANTT_ERR_INVALID, "%s (%s) không thuộc diện đánh giá", u.name, u.code);
	s = db_prepare(db, "SELECT a.id, a.status, a.verdict, r.decision_id,"
		"  d.number || ' ngày ' || strftime('%d/%m/%Y', d.date) || ' của ' || d.authority"
		" FROM assessments a LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
		" LEFT JOIN decisions d ON d.id = r.decision_id WHERE a.unit_id = ? AND a.year = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, u.id);
	sqlite3_bind_int(st, 2, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		aid = sqlite3_column_int64(st, 0);
		snprintf(status, sizeof(status), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(verdict, sizeof(verdict), "%s", (const char *)sqlite3_column_text(st, 2));
		current = sqlite3_column_int64(st, 3);
		if (current)
			snprintf(by, sizeof(by), "%s", (const char *)sqlite3_column_text(st, 4));
	} else if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "đọc đánh giá");
	}
	sqlite3_finalize(st);
	if (s != ANTT_OK)
		return s;
	if (!aid)
		return err_set(err, ANTT_ERR_INVALID, "%s (%s) chưa đăng ký năm %d", u.name, u.code, year);
	if (current == decision)
		return ANTT_OK;
	if (current)
		return err_set(err, ANTT_ERR_EXISTS, "%s (%s) năm %d đã được công nhận theo quyết định số %s",
			u.name, u.code, year, by);
	if (strcmp(status, "approved"))
		return err_set(err, ANTT_ERR_INVALID, "%s (%s) năm %d: phiếu đang ở trạng thái \"%s\"; chỉ phiếu đã được "
			"lãnh đạo duyệt mới công nhận được", u.name, u.code, year, assess_status_name(status));
	if (strcmp(verdict, "pass"))
		return err_set(err, ANTT_ERR_INVALID, "%s (%s) năm %d: kết luận là \"%s\"; chỉ đơn vị đạt mới được công nhận",
			u.name, u.code, year, !strcmp(verdict, "fail") ? "chưa đạt" : "chưa đủ thông tin");

	db_uuid(db, uuid);
	s = db_prepare(db, "INSERT INTO recognitions (uuid, assessment_id, decision_id, updated_by) VALUES (?, ?, ?, ?)",
		&st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, aid);
	sqlite3_bind_int64(st, 3, decision);
	sqlite3_bind_text(st, 4, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "ghi công nhận");
	sqlite3_finalize(st);
	if (s == ANTT_OK) {
		*added = 1;
		snprintf(parent, 64, "%s", u.parent_code);
	}
	return s;
}

/* The commune's criterion 4 counts its recognised units: recompute each
 * distinct parent of the units a decision added (once, not per unit; the
 * units themselves are approved, their verdicts kept). */
static antt_status recompute_parents(antt_db *db, char (*parents)[64], size_t n, int year, antt_err *err)
{
	antt_status s = ANTT_OK;

	for (size_t i = 0; i < n && s == ANTT_OK; i++) {
		unit_row p;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++)
			seen = !strcmp(parents[k], parents[i]);
		if (!seen && parents[i][0] && (s = unit_get(db, parents[i], &p, err)) == ANTT_OK)
			s = assess_recompute_up(db, &p, year, err);
	}
	return s;
}

/* Every unit of one decision, inside the caller's transaction; refusals
 * collected in errs (prefixed with where), not returned. */
static antt_status record_tx(antt_db *db, const clean_decision *c, int year, const char *const *codes, size_t n,
                             const char *where, int *added, errlist *errs, antt_err *err)
{
	sqlite3_int64 decision = 0;
	char (*parents)[64] = calloc(n ? n : 1, sizeof(*parents));
	size_t np = 0;
	antt_status s;

	if (!parents)
		return ANTT_ERR_NOMEM;
	if ((s = decision_row(db, c, &decision, err)) != ANTT_OK)
		goto out;
	for (size_t i = 0; i < n; i++) {
		antt_err e = { "" };
		int one = 0;
		s = recognise_one(db, decision, codes[i], year, &one, parents[np], &e);
		if (s == ANTT_ERR_DB || s == ANTT_ERR_NOMEM || s == ANTT_ERR_DB_FULL || s == ANTT_ERR_DB_BUSY ||
		    s == ANTT_ERR_DB_READONLY) {
			*err = e;
			goto out;
		}
		if (s != ANTT_OK)
			errlist_add(errs, "%s%s", where ? where : "", e.msg);
		np += one;
		*added += one;
	}
	s = errs->count ? ANTT_OK : recompute_parents(db, parents, np, year, err);
out:
	free(parents);
	return s;
}

antt_status recognise_record(antt_db *db, const recognise_decision *d, int year, const char *const *codes,
                             size_t n, int *added, antt_err *err)
{
	antt_status s;

	*added = 0;
	if ((s = auth_require(db, CAN_REVIEW, "ghi quyết định công nhận", err)) != ANTT_OK)
		return s;
	if (n == 0)
		return err_set(err, ANTT_ERR_INVALID, "cần ít nhất một mã đơn vị được công nhận");
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = recognise_record_tx(db, d, year, codes, n, added, err)) == ANTT_OK)
		s = db_commit(db, err);
	else
		db_rollback(db);
	if (s != ANTT_OK)
		*added = 0;
	return s;
}

static const char *const csv_header[] = { "unit code", "unit_code", "unit", "ma don vi", NULL };
#define CSV_COLUMNS "unit_code,year,decision_no,date,authority[,signer]"

antt_status recognise_import_csv(antt_db *db, const char *path, int *count, antt_err *err)
{
	errlist errs = { .count = 0 };
	csvtab t;
	antt_status s;
	size_t i;

	*count = 0;
	if ((s = auth_require(db, CAN_REVIEW, "nhập quyết định công nhận", err)) != ANTT_OK)
		return s;
	if ((s = csvtab_read(path, &t, err)) != ANTT_OK)
		return s;
	if ((s = csvtab_data_start(&t, csv_header, path, "tệp quyết định công nhận",
	                           "mỗi dòng dữ liệu gồm các cột " CSV_COLUMNS, &i, err)) != ANTT_OK ||
	    (s = db_begin(db, err)) != ANTT_OK)
		goto out;
	for (; i < t.n && s == ANTT_OK; i++) {
		const csvtab_row *r = &t.rows[i];
		recognise_decision d;
		clean_decision c;
		char where[32];
		antt_err e = { "" };
		int year = 0, one = 0;

		if (r->n < 5 || r->n > 6) {
			errlist_add(&errs, "dòng %d: có %zu cột, cần " CSV_COLUMNS,
				r->line, r->n);
			continue;
		}
		d = (recognise_decision){ r->fields[2], r->fields[3], r->fields[4], r->n == 6 ? r->fields[5] : NULL };
		year = atoi(r->fields[1]);
		if (strspn(r->fields[1], "0123456789") != strlen(r->fields[1]) || strlen(r->fields[1]) != 4)
			year = 0;
		if ((s = check_decision(&d, year, &c, &e)) != ANTT_OK) {
			/* out of memory is no fault of the line: the import stops */
			if (s != ANTT_ERR_NOMEM) {
				errlist_add(&errs, "dòng %d: %s", r->line, year ? e.msg : "năm không hợp lệ");
				s = ANTT_OK;
			}
			clean_free(&c);
			continue;
		}
		snprintf(where, sizeof(where), "dòng %d: ", r->line);
		s = record_tx(db, &c, year, (const char *const *)&r->fields[0], 1, where, &one, &errs, err);
		if (s == ANTT_ERR_EXISTS || s == ANTT_ERR_INVALID) {
			/* the decision itself disagrees with one recorded before */
			errlist_add(&errs, "%s%s", where, err->msg);
			s = ANTT_OK;
		}
		*count += one;
		clean_free(&c);
	}
	if (s != ANTT_OK) {
		db_rollback(db);
		*count = 0;
	} else {
		s = errlist_finish(db, &errs, path, "tệp quyết định công nhận", count, err);
	}
out:
	errlist_free(&errs);
	csvtab_free(&t);
	return s;
}

antt_status recognise_withdraw(antt_db *db, const char *code, int year, const char *reason, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char *why = NULL;
	unit_row u;
	antt_status s;
	int rc;

	if ((s = auth_require(db, CAN_REVIEW, "rút công nhận", err)) != ANTT_OK)
		return s;
	if ((s = text_clean(reason ? reason : "", "lý do", &why, err)) != ANTT_OK)
		return s;
	if (!*why) {
		free(why);
		return err_set(err, ANTT_ERR_INVALID, "cần ghi lý do rút công nhận");
	}
	if ((s = db_begin(db, err)) != ANTT_OK)
		goto out;
	if ((s = unit_get(db, code, &u, err)) != ANTT_OK)
		goto rollback;
	if ((s = db_prepare(db, "UPDATE recognitions SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		" withdrawn_by = ?1, updated_by = ?1, reason = ?2 WHERE withdrawn_at IS NULL AND assessment_id ="
		" (SELECT id FROM assessments WHERE unit_id = ?3 AND year = ?4)", &st, err)) != ANTT_OK)
		goto rollback;
	sqlite3_bind_text(st, 1, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, why, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, u.id);
	sqlite3_bind_int(st, 4, year);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "rút công nhận");
	else if (sqlite3_changes(db->sql) == 0)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "%s (%s) chưa được công nhận năm %d", u.name, u.code, year);
	sqlite3_finalize(st);
	if (s == ANTT_OK)
		s = assess_recompute_up(db, &u, year, err);
	if (s == ANTT_OK) {
		s = db_commit(db, err);
		goto out;
	}
rollback:
	db_rollback(db);
out:
	free(why);
	return s;
}

antt_status recognise_list(antt_db *db, int year, const char *under,
                           int (*fn)(const recognise_row *r, void *ctx), void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	if (under) {
		unit_row u;
		if ((s = unit_get(db, under, &u, err)) != ANTT_OK)
			return s;
	}
	s = db_prepare(db,
		UNIT_SCOPE_SQL
		" SELECT u.code, u.name, t.name, d.number, strftime('%d/%m/%Y', d.date), d.authority, d.signer, u.type"
		" FROM recognitions r JOIN assessments a ON a.id = r.assessment_id JOIN units u ON u.id = a.unit_id"
		" JOIN unit_types t ON t.code = u.type JOIN decisions d ON d.id = r.decision_id"
		" WHERE r.withdrawn_at IS NULL AND a.year = ?2 AND " UNIT_IN_SCOPE("u.id")
		" ORDER BY d.date, d.number, d.authority, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		recognise_row r = {
			(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
			(const char *)sqlite3_column_text(st, 6), (const char *)sqlite3_column_text(st, 7),
		};
		if (fn(&r, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc danh sách công nhận");
	sqlite3_finalize(st);
	return s;
}

antt_status recognise_record_tx(antt_db *db, const recognise_decision *d, int year, const char *const *codes,
                                size_t n, int *added, antt_err *err)
{
	clean_decision c;
	errlist errs = { .count = 0 };
	antt_status s;

	*added = 0;
	if ((s = check_decision(d, year, &c, err)) == ANTT_OK &&
	    (s = record_tx(db, &c, year, codes, n, NULL, added, &errs, err)) == ANTT_OK && errs.count) {
		char heading[300];
		snprintf(heading, sizeof(heading), "không ghi được quyết định %s: có đơn vị không công nhận được", c.number);
		s = errlist_report(&errs, err, ANTT_ERR_INVALID, heading);
	}
	errlist_free(&errs);
	clean_free(&c);
	return s;
}
