/* Score sheets: scoring, classing, storing (the sheets themselves: score_sheet.c). */
#include "score.h"
#include "assess.h"
#include "auth.h"
#include "csvimport.h"
#include "num.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- scoring ----------------------------------------------------------------- */

double score_points(const score_item *it, double value)
{
	if (it->deduct > 0) {
		double d = value * it->deduct;
		return -(d > it->max ? it->max : d);
	}
	return value;
}

void score_result_free(score_result *r)
{
	free(r->e);
	r->e = NULL;
}

/* The office's cut-offs where it set them (and they still increase). */
static antt_status cutoffs(antt_db *db, const score_sheet *s, double cut[CLASS_COUNT], antt_err *err)
{
	double c[CLASS_COUNT];
	antt_status st;
	int ok = 1;

	for (int k = 0; k < CLASS_COUNT; k++) {
		char key[48], *v;
		snprintf(key, sizeof(key), "class_min_%s", score_class_code(k));
		if ((st = db_setting_read(db, key, NULL, &v, err)) != ANTT_OK)
			return st;
		c[k] = v ? strtod(v, NULL) : s->cut[k];
		free(v);
		if (k > 0 && c[k] <= c[k - 1])
			ok = 0;
	}
	for (int k = 0; k < CLASS_COUNT; k++)
		cut[k] = ok ? c[k] : s->cut[k];
	return ANTT_OK;
}

antt_status score_load(antt_db *db, const char *code, int year, score_result *r, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 set_id = 0, out_id;
	antt_status s;
	int rc;

	memset(r, 0, sizeof(*r));
	r->year = year;
	r->cls = -1;
	if ((s = unit_get(db, code, &r->unit, err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "SELECT sheet_id FROM scores WHERE unit_id = ? AND year = ? LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, r->unit.id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		set_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((s = score_sheet_for(db, r->unit.type, year, set_id, 0, &r->sheet, &out_id, err)) != ANTT_OK)
		return s;
	if (!(r->e = calloc(r->sheet->n_items ? r->sheet->n_items : 1, sizeof(*r->e))))
		return ANTT_ERR_NOMEM;
	if ((s = db_prepare(db, "SELECT item, self, reviewer FROM scores WHERE unit_id = ? AND year = ?", &st, err)) != ANTT_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, r->unit.id);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = score_sheet_find(r->sheet, (const char *)sqlite3_column_text(st, 0));
		if (k < 0)
			continue;
		if ((r->e[k].has_self = sqlite3_column_type(st, 1) != SQLITE_NULL))
			r->e[k].self = sqlite3_column_double(st, 1);
		if ((r->e[k].has_reviewer = sqlite3_column_type(st, 2) != SQLITE_NULL))
			r->e[k].reviewer = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < r->sheet->n_items; i++) {
		const score_item *it = &r->sheet->items[i];
		if (!it->leaf)
			continue;
		if (r->e[i].has_self) {
			r->self_total += score_points(it, r->e[i].self);
			r->has_self = 1;
		}
		if (r->e[i].has_reviewer) {
			r->reviewer_total += score_points(it, r->e[i].reviewer);
			r->has_reviewer = 1;
		}
	}
	r->self_total = fmax(0, fmin(100, r->self_total));
	r->reviewer_total = fmax(0, fmin(100, r->reviewer_total));
	if ((s = cutoffs(db, r->sheet, r->cut, err)) != ANTT_OK)
		goto fail;
	for (size_t i = 0; i < r->sheet->n_items; i++)
		if (r->sheet->items[i].leaf && !(r->has_reviewer ? r->e[i].has_reviewer : r->e[i].has_self))
			r->missing++;
	if ((r->has_self || r->has_reviewer) && r->missing == 0) {
		double total = r->has_reviewer ? r->reviewer_total : r->self_total;
		for (int k = CLASS_COUNT - 1; k >= 0 && r->cls < 0; k--)
			if (total >= r->cut[k])
				r->cls = k;
		if (r->cls == CLASS_XUAT_SAC && r->sheet->xs_requires_standard) {
			assess_result a;
			int passed = 0;
			if (assess_load(db, code, year, &a, NULL) == ANTT_OK) {
				passed = a.verdict == RULE_PASS;
				assess_result_free(&a);
			}
			if (!passed) {
				r->cls = CLASS_KHA;
				r->capped = 1;
			}
		}
	}
	return ANTT_OK;
fail:
	score_result_free(r);
	return s;
}

static antt_status parse_score(const score_item *it, const char *text, const char *field, double *out, antt_err *err)
{
	char buf[64], *end;
	size_t n = strlen(text);

	if (n == 0 || n >= sizeof(buf))
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: cần một số", it->id, field);
	memcpy(buf, text, n + 1);
	for (char *c = buf; *c; c++)
		if (*c == ',')
			*c = '.';
	/* digits with one point or comma: strtod alone also takes 0x2,
	 * 0x1p1, 2e0 and "infinity" */
	end = buf + strspn(buf, " ");
	if (*end == '-')
		end++;
	if (!isdigit((unsigned char)*end) || end[strspn(end, "0123456789.")] != '\0')
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: \"%s\" không phải một số (viết như 7 hoặc 7,5)",
			it->id, field, text);
	*out = strtod(buf, &end);
	if (*end || isnan(*out))
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: \"%s\" không phải một số", it->id, field, text);
	if (*out < 0)
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: không được âm (%s)", it->id, field, text);
	if (it->deduct > 0) {
		if (*out != floor(*out))
			return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: mục trừ điểm nhận số vụ việc (số nguyên), không phải %s",
				it->id, field, text);
		if (*out * it->deduct > it->max)
			return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: %s vụ × %g điểm vượt mức trừ tối đa %g của mục",
				it->id, field, text, it->deduct, it->max);
	} else if (*out > it->max) {
		return err_set(err, ANTT_ERR_INVALID, "mục %s, %s: %s vượt điểm chuẩn %g", it->id, field, text, it->max);
	}
	return ANTT_OK;
}

/* Inside the caller's transaction. */
static antt_status set_tx(antt_db *db, const unit_row *u, int year, const char *item, const char *self,
                          const char *reviewer, antt_err *err)
{
	const score_sheet *sh;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 set_id = 0, out_id = 0;
	double sv = 0, rv = 0;
	antt_status s;
	char uuid[37];
	int k, rc;

	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "SELECT sheet_id FROM scores WHERE unit_id = ? AND year = ? LIMIT 1", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		set_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((s = score_sheet_for(db, u->type, year, set_id, 1, &sh, &out_id, err)) != ANTT_OK)
		return s;
	if ((k = score_sheet_find(sh, item)) < 0)
		return err_set(err, ANTT_ERR_NOT_FOUND, "phiếu chấm điểm của %s không có mục \"%s\"", u->type_name, item);
	if (!sh->items[k].leaf)
		return err_set(err, ANTT_ERR_INVALID, "mục %s gồm các ý nhỏ: chấm từng ý", item);
	if (self && *self && (s = parse_score(&sh->items[k], self, "điểm tự chấm", &sv, err)) != ANTT_OK)
		return s;
	if (reviewer && *reviewer && (s = parse_score(&sh->items[k], reviewer, "điểm cấp trên chấm", &rv, err)) != ANTT_OK)
		return s;
	if (reviewer && (s = auth_require(db, CAN_REVIEW, "chấm điểm của cấp trên", err)) != ANTT_OK)
		return s;
	db_uuid(db, uuid);
	s = db_prepare(db, "INSERT INTO scores (uuid, unit_id, year, sheet_id, item, self, reviewer, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?8 THEN ?6 END, CASE WHEN ?9 THEN ?7 END, ?10)"
		" ON CONFLICT (unit_id, year, item) DO UPDATE SET"
		"  self = CASE WHEN ?11 THEN excluded.self ELSE self END,"
		"  reviewer = CASE WHEN ?12 THEN excluded.reviewer ELSE reviewer END,"
		"  rev = rev + 1, updated_by = excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int64(st, 4, out_id);
	sqlite3_bind_text(st, 5, item, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 6, sv);
	sqlite3_bind_double(st, 7, rv);
	sqlite3_bind_int(st, 8, self && *self);
	sqlite3_bind_int(st, 9, reviewer && *reviewer);
	sqlite3_bind_text(st, 10, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 11, self != NULL);
	sqlite3_bind_int(st, 12, reviewer != NULL);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "lưu điểm");
	sqlite3_finalize(st);
	return s;
}

antt_status score_set(antt_db *db, const char *code, int year, const char *item,
                      const char *self, const char *reviewer, antt_err *err)
{
	unit_row u;
	antt_status s;

	if ((s = auth_require(db, CAN_ENTER, "chấm điểm", err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, code, &u, err)) == ANTT_OK)
		s = set_tx(db, &u, year, item, self, reviewer, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

static antt_status score_row(antt_db *db, const csvtab_row *r, void *ctx, antt_err *e)
{
	unit_row u;
	int year;
	antt_status s;

	(void)ctx;
	if (r->n < 4 || r->n > 5)
		return err_set(e, ANTT_ERR_INVALID, "cần unit_code,year,item,self[,reviewer]");
	if ((s = unit_get(db, r->fields[0], &u, e)) != ANTT_OK || (s = num_year(r->fields[1], &year, e)) != ANTT_OK)
		return s;
	return set_tx(db, &u, year, r->fields[2], r->fields[3], r->n == 5 && *r->fields[4] ? r->fields[4] : NULL, e);
}

antt_status score_import_csv(antt_db *db, const char *path, int *count, antt_err *err)
{
	static const char *const header[] = { "unit code", "ma don vi", NULL };
	const csv_import imp = { header, "tệp điểm", score_row, NULL, NULL,
		"mỗi dòng dữ liệu gồm các cột unit_code,year,item,self[,reviewer]" };
	antt_status s;

	*count = 0;
	if ((s = auth_require(db, CAN_ENTER, "nhập điểm", err)) != ANTT_OK)
		return s;
	return csv_import_run(db, path, &imp, count, NULL, err);
}
