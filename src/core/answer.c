/* Answers: saving and clearing one criterion's answer (each in its own
 * transaction, or inside the caller's for bulk work) and importing a CSV of
 * them. The verdicts they change are recomputed by assess.c. */
#include "answer.h"
#include "assess.h"
#include "csvtab.h"
#include "auth.h"
#include "csvimport.h"
#include "num.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Answers of a submitted or approved assessment are not changed. */
static antt_status check_editable(antt_db *db, sqlite3_int64 aid, const unit_row *u, int year, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK;

	if (db_cached(db, "SELECT status FROM assessments WHERE id = ?", &st, err) != ANTT_OK)
		return ANTT_ERR_DB;
	sqlite3_bind_int64(st, 1, aid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 0);
		if (!strcmp(status, "approved"))
			s = err_set(err, ANTT_ERR_LOCKED, "phiếu của %s năm %d đã được duyệt, không sửa được nữa",
				u->name, year);
		else if (!strcmp(status, "submitted"))
			s = err_set(err, ANTT_ERR_LOCKED, "phiếu của %s năm %d đã trình lãnh đạo nên không sửa được. "
				"Lãnh đạo trả lại (có lý do) thì mới sửa tiếp.", u->name, year);
	}
	sqlite3_reset(st);
	return s;
}

static antt_status upsert(antt_db *db, sqlite3_int64 aid, const form_item *it, const rule_value *v,
                          const char *note, int exception, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	char uuid[37];
	int rc;

	db_uuid(db, uuid);
	s = db_cached(db,
		"INSERT INTO answers (uuid, assessment_id, criterion, value, exception, note, updated_by)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, 0), coalesce(?6, ''), ?7)"
		" ON CONFLICT (assessment_id, criterion) DO UPDATE SET"
		"  value = excluded.value, exception = coalesce(?5, exception), note = coalesce(?6, note),"
		"  rev = rev + 1, updated_by = excluded.updated_by,"
		"  updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		" WHERE value IS NOT excluded.value OR exception IS NOT coalesce(?5, exception)"
		"  OR note IS NOT coalesce(?6, note)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, aid);
	sqlite3_bind_text(st, 3, it->id, -1, SQLITE_STATIC);
	switch (v->kind) {
	case RV_INT:  sqlite3_bind_int64(st, 4, v->i); break;
	case RV_REAL: sqlite3_bind_double(st, 4, v->d); break;
	case RV_TEXT: sqlite3_bind_text(st, 4, v->s, -1, SQLITE_STATIC); break;
	default:      break;
	}
	if (exception >= 0)
		sqlite3_bind_int(st, 5, exception);
	if (note)
		sqlite3_bind_text(st, 6, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "lưu câu trả lời");
	sqlite3_reset(st);
	if (s != ANTT_OK)
		return s;

	/* An exception must say what happened. */
	s = db_cached(db, "SELECT 1 FROM answers WHERE assessment_id = ? AND criterion = ?"
		" AND exception = 1 AND note = ''", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, aid);
	sqlite3_bind_text(st, 2, it->id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		s = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s được đánh dấu ngoại lệ (bất khả kháng hoặc "
			"đã phát hiện, xử lý kịp thời): cần ghi chú nói rõ sự việc", it->id);
	sqlite3_reset(st);
	return s;
}

antt_status answer_set_tx(antt_db *db, const unit_row *u, int year, const char *criterion,
                          const char *value, const char *note, int exception, antt_err *err)
{
	const form *f;
	sqlite3_int64 aid;
	rule_value v;
	antt_status s;
	char *nnote = NULL;
	int k;

	if ((s = num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err)) != ANTT_OK)
		return s;
	if ((s = auth_require(db, CAN_ENTER, "nhập câu trả lời", err)) != ANTT_OK)
		return s;
	if ((s = assess_ensure(db, u, year, &aid, &f, err)) != ANTT_OK)
		return s;
	if ((s = check_editable(db, aid, u, year, err)) != ANTT_OK)
		return s;
	if (note && (s = text_clean(note, "ghi chú", &nnote, err)) != ANTT_OK)
		return s;

	if (strcmp(criterion, "*") == 0) {
		char *key;
		int ok;

		if ((s = text_key_of(value, &key)) == ANTT_ERR_NOMEM)
			goto out;
		s = ANTT_OK;   /* not UTF-8: not "đạt" */
		ok = key && (!strcmp(key, "dat") || !strcmp(key, "co") || !strcmp(key, "1"));
		free(key);
		if (!ok) {
			s = err_set(err, ANTT_ERR_INVALID, "với tiêu chí \"*\" chỉ dùng giá trị \"đạt\" "
				"(trả lời mọi tiêu chí là đạt)");
			goto out;
		}
		if (nnote && *nnote) {   /* it was dropped without a word */
			s = err_set(err, ANTT_ERR_INVALID, "ghi chú ghi cho từng tiêu chí, không ghi được cho tiêu chí \"*\" "
				"(mọi tiêu chí)");
			goto out;
		}
		for (size_t i = 0; i < f->n_items && s == ANTT_OK; i++) {
			const form_item *it = &f->items[i];
			if (!it->leaf || it->computed || !it->holds)
				continue;
			if ((s = form_parse_value(it, it->holds, &v, err)) != ANTT_OK)
				break;
			s = upsert(db, aid, it, &v, NULL, 0, err);
			if (v.kind == RV_TEXT)
				free((char *)v.s);
		}
		goto out;
	}

	k = form_find(f, criterion);
	if (k < 0) {
		s = err_set(err, ANTT_ERR_NOT_FOUND, "bộ tiêu chí %s (%s) không có tiêu chí \"%s\"", f->regulation, f->title, criterion);
		goto out;
	}
	if ((s = form_parse_value(&f->items[k], value, &v, err)) != ANTT_OK)
		goto out;
	if (exception > 0 && !f->items[k].exception)
		s = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s không có trường hợp ngoại lệ", criterion);
	else
		s = upsert(db, aid, &f->items[k], &v, nnote, exception, err);
	if (v.kind == RV_TEXT)
		free((char *)v.s);
out:
	free(nnote);
	if (s == ANTT_OK) {
		sqlite3_stmt *st = NULL;
		if ((s = db_cached(db, "UPDATE assessments SET status = 'draft', updated_by = ?"
			" WHERE id = ? AND status = 'registered'", &st, err)) == ANTT_OK) {
			sqlite3_bind_text(st, 1, db->user, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, aid);
			if (sqlite3_step(st) != SQLITE_DONE)
				s = db_fail(db, sqlite3_errcode(db->sql), err, "cập nhật trạng thái");
		}
		sqlite3_reset(st);
	}
	return s;
}

antt_status answer_clear_tx(antt_db *db, const unit_row *u, int year, const char *criterion, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 aid;
	const form *f;
	antt_status s;
	int rc;

	if ((s = auth_require(db, CAN_ENTER, "xóa câu trả lời", err)) != ANTT_OK)
		return s;
	if ((s = assess_ensure(db, u, year, &aid, &f, err)) != ANTT_OK ||
	    (s = check_editable(db, aid, u, year, err)) != ANTT_OK)
		return s;
	if ((s = db_prepare(db, "DELETE FROM answers WHERE criterion = ?1 AND assessment_id = ?2", &st, err)) != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, criterion, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, aid);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "xóa câu trả lời");
	sqlite3_finalize(st);
	return s;
}

antt_status answer_clear(antt_db *db, const char *unit_code, int year, const char *criterion, antt_err *err)
{
	unit_row u;
	antt_status s;

	if ((s = auth_require(db, CAN_ENTER, "xóa câu trả lời", err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, unit_code, &u, err)) == ANTT_OK &&
	    (s = answer_clear_tx(db, &u, year, criterion, err)) == ANTT_OK)
		s = assess_recompute_up(db, &u, year, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

antt_status answer_set(antt_db *db, const char *unit_code, int year, const char *criterion,
                       const char *value, const char *note, int exception, antt_err *err)
{
	unit_row u;
	antt_status s;

	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, unit_code, &u, err)) == ANTT_OK &&
	    (s = answer_set_tx(db, &u, year, criterion, value, note, exception, err)) == ANTT_OK)
		s = assess_recompute_up(db, &u, year, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

static const char *const answer_header[] = { "unit code", "unit", "ma don vi", NULL };
#define ANSWER_COLUMNS "unit_code,year,criterion,value[,note[,exception]]"

/* The years an import touched: every year num_year lets through has its
 * place, so none is dropped. */
typedef struct {
	unsigned char seen[NUM_YEAR_MAX - NUM_YEAR_MIN + 1];
} answer_years;

static antt_status answer_row(antt_db *db, const csvtab_row *r, void *ctx, antt_err *e)
{
	answer_years *ys = ctx;
	int year, exception = -1;
	unit_row u;
	antt_status s;

	if (r->n < 4 || r->n > 6)
		return err_set(e, ANTT_ERR_INVALID, "có %zu cột, cần " ANSWER_COLUMNS,
			r->n);
	if ((s = num_year(r->fields[1], &year, e)) != ANTT_OK)
		return s;
	if (r->n == 6 && *r->fields[5]) {
		int k = csvtab_flag(r->fields[5], &exception);
		if (k < 0)
			return ANTT_ERR_NOMEM;
		if (k == 0)
			return err_set(e, ANTT_ERR_INVALID, "cột exception phải là 1 hoặc 0");
	}
	if ((s = unit_get(db, r->fields[0], &u, e)) != ANTT_OK ||
	    (s = answer_set_tx(db, &u, year, r->fields[2], r->fields[3], r->n >= 5 ? r->fields[4] : NULL,
	                       exception, e)) != ANTT_OK)
		return s;
	ys->seen[year - NUM_YEAR_MIN] = 1;
	return ANTT_OK;
}

static antt_status answer_years_recompute(antt_db *db, void *ctx, antt_err *err)
{
	const answer_years *ys = ctx;
	antt_status s = ANTT_OK;

	for (int y = NUM_YEAR_MIN; y <= NUM_YEAR_MAX && s == ANTT_OK; y++)
		if (ys->seen[y - NUM_YEAR_MIN])
			s = assess_recompute_year(db, y, err);
	return s;
}

antt_status answer_import_csv(antt_db *db, const char *path, int *count, antt_err *err)
{
	answer_years ys = { { 0 } };
	const csv_import imp = { answer_header, "tệp câu trả lời", answer_row, answer_years_recompute, &ys,
		"mỗi dòng dữ liệu gồm các cột " ANSWER_COLUMNS };

	return csv_import_run(db, path, &imp, count, NULL, err);
}
