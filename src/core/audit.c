/* Audit rows into sentences. Answer values are written the way the
 * checklist shows them (có / không, 97,5 %), using the criteria set of the
 * assessment they belong to. */
#include "audit.h"
#include "workflow.h"
#include "form_store.h"
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void value_words(antt_db *db, sqlite3_int64 set_id, const char *crit, sqlite3_stmt *st, int col,
                        char *buf, size_t n)
{
	const form *f = NULL;
	rule_value v = { .kind = RV_NULL };
	int k;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER: v.kind = RV_INT; v.i = sqlite3_column_int64(st, col); break;
	case SQLITE_FLOAT:   v.kind = RV_REAL; v.d = sqlite3_column_double(st, col); break;
	case SQLITE_TEXT:    v.kind = RV_TEXT; v.s = (const char *)sqlite3_column_text(st, col); break;
	default: break;
	}
	if (set_id && form_for_set(db, set_id, &f, NULL) == ANTT_OK && (k = form_find(f, crit)) >= 0) {
		form_format_value(&f->items[k], &v, buf, n);
		return;
	}
	if (v.kind == RV_NULL)
		snprintf(buf, n, "(trống)");
	else
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, col));
}

/* The words for one audit row of answers: what was answered, changed or
 * removed, with the values as an officer types them. */
static void describe_answer(antt_db *db, sqlite3_stmt *st, const char *action, const char *unit, int year,
                            const char *crit, char *what, size_t n)
{
	sqlite3_int64 set = sqlite3_column_int64(st, 7);
	const char *note = (const char *)sqlite3_column_text(st, 10);
	char oldv[256], newv[256];

	value_words(db, set, crit ? crit : "", st, 8, oldv, sizeof(oldv));
	value_words(db, set, crit ? crit : "", st, 9, newv, sizeof(newv));
	if (!strcmp(action, "insert"))
		snprintf(what, n, "%s năm %d, tiêu chí %s: trả lời %s%s%s%s", unit ? unit : "?", year,
			crit ? crit : "?", newv, sqlite3_column_int(st, 12) ? " (ngoại lệ)" : "",
			note && *note ? "; ghi chú: " : "", note && *note ? note : "");
	else if (!strcmp(action, "delete"))
		snprintf(what, n, "%s năm %d, tiêu chí %s: xóa câu trả lời %s", unit ? unit : "?", year,
			crit ? crit : "?", oldv);
	else
		snprintf(what, n, "%s năm %d, tiêu chí %s: %s → %s%s%s%s%s", unit ? unit : "?", year,
			crit ? crit : "?", oldv, newv,
			sqlite3_column_int(st, 12) != sqlite3_column_int(st, 13)
				? (sqlite3_column_int(st, 12) ? "; đánh dấu ngoại lệ" : "; bỏ ngoại lệ") : "",
			note && *note && (!sqlite3_column_text(st, 11) || strcmp(note, (const char *)sqlite3_column_text(st, 11)))
				? "; ghi chú: " : "",
			note && *note && (!sqlite3_column_text(st, 11) || strcmp(note, (const char *)sqlite3_column_text(st, 11)))
				? note : "", "");
}

static const char *verdict_words(const char *v)
{
	return v && !strcmp(v, "pass") ? "đạt" : v && !strcmp(v, "fail") ? "chưa đạt" : "chưa đủ";
}

static void describe_assessment(sqlite3_stmt *st, const char *action, const char *unit, int year,
                                char *what, size_t n)
{
	const char *os = (const char *)sqlite3_column_text(st, 14), *ns = (const char *)sqlite3_column_text(st, 15);
	const char *reason = (const char *)sqlite3_column_text(st, 16);
	const char *ov = (const char *)sqlite3_column_text(st, 17), *nv = (const char *)sqlite3_column_text(st, 18);
	const char *oset = (const char *)sqlite3_column_text(st, 28), *nset = (const char *)sqlite3_column_text(st, 29);
	if (!strcmp(action, "insert"))
		snprintf(what, n, "%s năm %d: đăng ký", unit ? unit : "?", year);
	else if (oset && nset && strcmp(oset, nset)) {
		/* a verdict absent from both sides did not change (db/012) */
		char verdict[64] = "kết luận không đổi";
		if (ov || nv)
			snprintf(verdict, sizeof(verdict), "kết luận %s → %s", verdict_words(ov), verdict_words(nv));
		snprintf(what, n, "%s năm %d: đánh giá lại theo bộ tiêu chí hiện hành (%s, SHA-256 %.12s…): "
			"%s%s%s%s%s", unit ? unit : "?", year,
			sqlite3_column_text(st, 30) ? (const char *)sqlite3_column_text(st, 30) : "?", nset, verdict,
			os && ns && strcmp(os, ns) ? "; " : "", os && ns && strcmp(os, ns) ? assess_status_name(os) : "",
			os && ns && strcmp(os, ns) ? " → " : "", os && ns && strcmp(os, ns) ? assess_status_name(ns) : "");
	} else if (os && ns && strcmp(os, ns))
		snprintf(what, n, "%s năm %d: %s → %s%s%s", unit ? unit : "?", year,
			assess_status_name(os), assess_status_name(ns),
			reason && *reason ? "; lý do: " : "", reason && *reason ? reason : "");
	else
		snprintf(what, n, "%s năm %d: kết luận %s → %s", unit ? unit : "?", year, verdict_words(ov), verdict_words(nv));
}

static void describe_recognition(antt_db *db, sqlite3_stmt *st, const char *action, const char *unit, int year,
                                 char *what, size_t n)
{
	/* the decision is in new_value (recorded) or old_value (withdrawn) */
	sqlite3_stmt *q = NULL;
	const char *dv = (const char *)sqlite3_column_text(st, !strcmp(action, "insert") ? 23 : 22);

	snprintf(what, n, "%s năm %d: %s", unit ? unit : "?", year, action[0] == 'i' ? "được công nhận" : "rút công nhận");
	if (dv && db_prepare(db, "SELECT json_extract(?1, '$.number'), strftime('%d/%m/%Y', json_extract(?1, '$.date')),"
		" json_extract(?1, '$.authority'), json_extract(?2, '$.reason')", &q, NULL) == ANTT_OK) {
		sqlite3_bind_text(q, 1, dv, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, (const char *)sqlite3_column_text(st, 23), -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW) {
			size_t used = strlen(what);
			const char *why = (const char *)sqlite3_column_text(q, 3);
			snprintf(what + used, n - used, " (quyết định số %s ngày %s của %s)%s%s",
				sqlite3_column_text(q, 0), sqlite3_column_text(q, 1), sqlite3_column_text(q, 2),
				action[0] == 'u' && why ? "; lý do: " : "", action[0] == 'u' && why ? why : "");
		}
	}
	sqlite3_finalize(q);
}

/* Units, package senders, settings, and any other table by its values. */
static void describe_row(sqlite3_stmt *st, const char *tbl, const char *action, const char *unit,
                         char *what, size_t n)
{
	if (!strcmp(tbl, "units")) {
		const char *on = (const char *)sqlite3_column_text(st, 19), *nn = (const char *)sqlite3_column_text(st, 20);
		if (!strcmp(action, "insert"))
			snprintf(what, n, "đơn vị %s: thêm \"%s\"", unit ? unit : "?", nn ? nn : "");
		else if (on && nn && strcmp(on, nn))
			snprintf(what, n, "đơn vị %s: đổi tên \"%s\" → \"%s\"", unit ? unit : "?", on, nn);
		else
			snprintf(what, n, "đơn vị %s: sửa %s → %s", unit ? unit : "?",
				(const char *)sqlite3_column_text(st, 22), (const char *)sqlite3_column_text(st, 23));
	} else if (!strcmp(tbl, "trusted_senders")) {
		const char *name = (const char *)sqlite3_column_text(st, 25), *under = (const char *)sqlite3_column_text(st, 26);
		if (!strcmp(action, "delete"))
			snprintf(what, n, "bỏ ghi nhận máy gửi \"%s\" (mã nhận dạng %s)", name ? name : "?",
				(const char *)sqlite3_column_text(st, 21));
		else
			snprintf(what, n, "%s máy gửi \"%s\" (mã nhận dạng %s): được sửa %s%s; %s",
				!strcmp(action, "insert") ? "ghi nhận" : "đổi ghi nhận", name ? name : "?",
				(const char *)sqlite3_column_text(st, 21), under ? under : "toàn bộ dữ liệu",
				under ? " và các đơn vị trực thuộc" : "",
				sqlite3_column_int(st, 27) ? "được gửi kết quả duyệt" : "không được gửi kết quả duyệt");
	} else if (!strcmp(tbl, "settings")) {
		const char *o = (const char *)sqlite3_column_text(st, 22), *nv = (const char *)sqlite3_column_text(st, 23);
		snprintf(what, n, "thiết lập %s: %s → %s", (const char *)sqlite3_column_text(st, 21),
			o ? o : "(chưa đặt)", nv ? nv : "");
	} else {
		snprintf(what, n, "%s %s: %s", tbl, (const char *)sqlite3_column_text(st, 21),
			sqlite3_column_text(st, 23) ? (const char *)sqlite3_column_text(st, 23) : "");
	}
}

#define AUDIT_LIST(unit_rows) \
	"WITH scopes(s) AS (" \
	"  SELECT uuid FROM units WHERE code = ?1" \
	"  UNION ALL SELECT a.uuid FROM assessments a JOIN units u ON u.id = a.unit_id" \
	"   WHERE u.code = ?1 AND (?2 = 0 OR a.year = ?2))" \
	" SELECT au.at, au.who, au.tbl, au.action," \
	"  coalesce(json_extract(au.nj, '$.criterion'), json_extract(au.oj, '$.criterion'))," \
	"  coalesce(ua.code, uu.code), a.year, coalesce(a.criteria_set_id, 0)," \
	"  json_extract(au.oj, '$.value'), json_extract(au.nj, '$.value')," \
	"  json_extract(au.nj, '$.note'), json_extract(au.oj, '$.note')," \
	"  json_extract(au.nj, '$.exception'), json_extract(au.oj, '$.exception')," \
	"  json_extract(au.oj, '$.status'), json_extract(au.nj, '$.status')," \
	"  json_extract(au.nj, '$.reason'), json_extract(au.oj, '$.verdict')," \
	"  json_extract(au.nj, '$.verdict')," \
	"  json_extract(au.oj, '$.name'), json_extract(au.nj, '$.name')," \
	"  au.row_uuid, au.old_value, au.new_value, au.origin," \
	/* enrolments of package senders (trust.c) */ \
	"  CASE WHEN au.tbl = 'trusted_senders' THEN json_extract(coalesce(au.nj, au.oj), '$.name') END," \
	"  CASE WHEN au.tbl = 'trusted_senders' THEN json_extract(coalesce(au.nj, au.oj), '$.under') END," \
	"  CASE WHEN au.tbl = 'trusted_senders' THEN json_extract(au.nj, '$.may_approve') END," \
	/* a re-assessment under another criteria set (db/011) */ \
	"  json_extract(au.oj, '$.set'), json_extract(au.nj, '$.set'), json_extract(au.nj, '$.regulation')" \
	/* settings hold plain text, not JSON: read only valid JSON */ \
	" FROM (SELECT *, iif(json_valid(old_value), old_value, NULL) AS oj," \
	"  iif(json_valid(new_value), new_value, NULL) AS nj FROM audit_named) au" \
	" LEFT JOIN assessments a ON a.uuid = au.scope AND au.tbl IN ('answers', 'assessments', 'recognitions')" \
	" LEFT JOIN units ua ON ua.id = a.unit_id" \
	" LEFT JOIN units uu ON uu.uuid = au.scope AND au.tbl = 'units'" \
	" WHERE " unit_rows \
	"  AND (?2 = 0 OR a.year = ?2 OR au.tbl = 'units')" \
	"  AND (?3 IS NULL OR au.tbl = 'assessments' OR (au.tbl = 'answers' AND" \
	"   coalesce(json_extract(au.nj, '$.criterion'), json_extract(au.oj, '$.criterion')) = ?3))" \
	"  AND (?4 IS NULL OR au.at >= ?4)" \
	" ORDER BY au.id"

antt_status audit_list(antt_db *db, const audit_filter *f, int (*fn)(const audit_entry *e, void *ctx),
                       void *ctx, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	/* Each audit row with the unit and year it concerns, found through its
	 * scope (an assessment's or a unit's uuid); with a unit asked for,
	 * only the rows whose scope is that unit or one of its assessments,
	 * read through the scope index. Two statements, not one with "?1 IS
	 * NULL OR": SQLite plans before it knows ?1, and that one read the
	 * whole audit for a unit's history (0.35 s at 3 provinces, the
	 * screen's `l`, growing with the audit). */
	s = db_prepare(db, f->unit ? AUDIT_LIST("au.scope IN (SELECT s FROM scopes)") : AUDIT_LIST("1"), &st, err);
	if (s != ANTT_OK)
		return s;
	if (f->unit)
		sqlite3_bind_text(st, 1, f->unit, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, f->year);
	if (f->criterion)
		sqlite3_bind_text(st, 3, f->criterion, -1, SQLITE_STATIC);
	if (f->since)
		sqlite3_bind_text(st, 4, f->since, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(st, 0);
		const char *tbl = (const char *)sqlite3_column_text(st, 2);
		const char *action = (const char *)sqlite3_column_text(st, 3);
		const char *crit = (const char *)sqlite3_column_text(st, 4);
		const char *unit = (const char *)sqlite3_column_text(st, 5);
		int year = sqlite3_column_int(st, 6);
		char what[1024], when[24], who[512];
		audit_entry e = { when, (const char *)sqlite3_column_text(st, 1), what };

		/* a row a package brought is the sender's history, never an
		 * action of an account here */
		if (sqlite3_column_type(st, 24) != SQLITE_NULL) {
			snprintf(who, sizeof(who), "%s (từ gói của %s)", e.who ? e.who : "?",
				(const char *)sqlite3_column_text(st, 24));
			e.who = who;
		}

		snprintf(when, sizeof(when), "%.10s %.8s", at, strlen(at) > 11 ? at + 11 : "");
		if (!strcmp(tbl, "answers"))
			describe_answer(db, st, action, unit, year, crit, what, sizeof(what));
		else if (!strcmp(tbl, "assessments"))
			describe_assessment(st, action, unit, year, what, sizeof(what));
		else if (!strcmp(tbl, "recognitions"))
			describe_recognition(db, st, action, unit, year, what, sizeof(what));
		else
			describe_row(st, tbl, action, unit, what, sizeof(what));
		if (fn(&e, ctx))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc nhật ký");
	sqlite3_finalize(st);
	return s;
}
