/* Assessments: loading one with its answers, evaluating it by its set's
 * rules, keeping the stored verdicts current, and registering a unit for a
 * year. Answers are saved in answer.c, the workflow is in workflow.c. */
#include "assess.h"
#include "num.h"
#include "auth.h"
#include "form_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *assess_verdict_name(int verdict)
{
	switch (verdict) {
	case RULE_PASS: return "đạt";
	case RULE_FAIL: return "chưa đạt";
	default:        return "chưa đủ thông tin";
	}
}

int assess_latest_year(antt_db *db)
{
	sqlite3_stmt *st = NULL;
	int year = 0;

	if (db_prepare(db, "SELECT max(year) FROM assessments", &st, NULL) == ANTT_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return year;
}

int assess_start_year(antt_db *db)
{
	char *v = db_setting_get(db, "current_year", NULL);
	antt_err err = { "" };
	int year = 0;

	if (!v || num_year(v, &year, &err) != ANTT_OK)
		year = 0;
	free(v);
	if (!year)
		year = assess_latest_year(db);
	if (!year) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	return year;
}

char *assess_verdict_text(const assess_result *r, char *buf, size_t n)
{
	size_t used;
	int k = 0;

	snprintf(buf, n, "%s", r->verdict == RULE_PASS ? "ĐẠT" : r->verdict == RULE_FAIL ? "CHƯA ĐẠT" : "CHƯA ĐỦ THÔNG TIN");
	if (r->verdict == RULE_PASS)
		return buf;
	used = strlen(buf);
	if (r->verdict == RULE_FAIL)
		snprintf(buf + used, n - used, " — không đạt tiêu chí:");
	else {
		/* how many, first: a screen may have room for only a few codes */
		size_t missing = 0;
		for (size_t i = 0; i < r->f->n_items; i++)
			missing += r->f->items[i].leaf && r->items[i].state == RULE_MISSING;
		snprintf(buf + used, n - used, " — còn thiếu %zu tiêu chí:", missing);
	}
	for (size_t i = 0; i < r->f->n_items; i++) {
		const form_item *it = &r->f->items[i];
		if (!it->leaf || r->items[i].state != r->verdict)
			continue;
		used = strlen(buf);
		snprintf(buf + used, n - used, "%s %s", k++ ? "," : "", it->id);
	}
	return buf;
}

static const char *verdict_code(int v)
{
	return v == RULE_PASS ? "pass" : v == RULE_FAIL ? "fail" : "missing";
}

static int combine(int a, int b)
{
	if (a == RULE_FAIL || b == RULE_FAIL)
		return RULE_FAIL;
	if (a == RULE_MISSING || b == RULE_MISSING)
		return RULE_MISSING;
	return RULE_PASS;
}

static void free_items(assess_item *items, size_t n)
{
	for (size_t i = 0; items && i < n; i++) {
		if (items[i].value.kind == RV_TEXT)
			free((char *)items[i].value.s);
		free(items[i].note);
	}
	free(items);
}

void assess_result_free(assess_result *r)
{
	if (!r)
		return;
	free_items(r->items, r->f ? r->f->n_items : 0);
	r->items = NULL;
	free(r->reason);
	r->reason = NULL;
}

/* Counts over the units below unit_id of the given types, for a computed
 * criterion: in force that year, not excluded, and not managed by a level
 * above (TT 124 Điều 5.4 counts the commune's own). recognised counts the
 * recognitions in force (a decision, not a verdict); assessed the units
 * whose outcome is settled: recognised, or assessed chưa đạt. Units with a
 * đạt verdict still waiting for approval or a decision are neither, so a
 * commune waiting for its decisions reads "chưa đủ thông tin", not
 * "chưa đạt". */
static antt_status child_counts(antt_db *db, sqlite3_int64 unit_id, int year, const form_item *it,
                                rule_input *in, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char types[512] = "[";
	antt_status s;
	int rc;

	for (size_t i = 0; i < it->n_of_types; i++)
		snprintf(types + strlen(types), sizeof(types) - strlen(types), "%s\"%s\"",
			i ? "," : "", it->of_types[i]);
	strncat(types, "]", sizeof(types) - strlen(types) - 1);
	s = db_cached(db,
		"WITH RECURSIVE below(id) AS (SELECT id FROM units WHERE parent_id = ?1"
		"  UNION ALL SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)"
		" SELECT count(*), count(a.id), coalesce(sum(r.id IS NOT NULL OR a.verdict = 'fail'), 0),"
		"  count(r.id)"
		" FROM units u LEFT JOIN assessments a ON a.unit_id = u.id AND a.year = ?2"
		" LEFT JOIN recognitions r ON r.assessment_id = a.id AND r.withdrawn_at IS NULL"
		" WHERE u.id IN (SELECT id FROM below) AND u.excluded = 0 AND u.managed_above = 0"
		"  AND u.type IN (SELECT value FROM json_each(?3)) AND " UNIT_IN_YEAR("u", "?2"),
		&st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, types, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		in->total = sqlite3_column_int64(st, 0);
		in->registered = sqlite3_column_int64(st, 1);
		in->assessed = sqlite3_column_int64(st, 2);
		in->recognised = sqlite3_column_int64(st, 3);
	} else {
		s = db_fail(db, rc, err, "đếm đơn vị trực thuộc");
	}
	sqlite3_reset(st);
	return s;
}

static antt_status load_answers(antt_db *db, sqlite3_int64 aid, const form *f, assess_item *items, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_cached(db, "SELECT criterion, value, exception, note FROM answers WHERE assessment_id = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, aid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = form_find(f, (const char *)sqlite3_column_text(st, 0));
		assess_item *a;

		if (k < 0)
			continue; /* an answer to a criterion the set does not have */
		a = &items[k];
		switch (sqlite3_column_type(st, 1)) {
		case SQLITE_INTEGER:
			a->value.kind = RV_INT;
			a->value.i = sqlite3_column_int64(st, 1);
			break;
		case SQLITE_FLOAT:
			a->value.kind = RV_REAL;
			a->value.d = sqlite3_column_double(st, 1);
			break;
		case SQLITE_TEXT:
			a->value.kind = RV_TEXT;
			a->value.s = strdup((const char *)sqlite3_column_text(st, 1));
			break;
		default:
			a->value.kind = RV_NULL;
		}
		a->answered = a->value.kind != RV_NULL;
		a->exception = sqlite3_column_int(st, 2);
		a->note = strdup((const char *)sqlite3_column_text(st, 3));
		if (!a->note || (a->value.kind == RV_TEXT && !a->value.s)) {
			s = ANTT_ERR_NOMEM;
			break;
		}
	}
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đọc câu trả lời");
	sqlite3_reset(st);
	return s;
}

/* A rule stopped while evaluating (too long, too big): say which file
 * and line hold it, so whoever maintains the set can find it. */
static antt_status rule_failed(const form *f, const form_item *it, antt_err *err)
{
	char why[sizeof(err->msg)];

	snprintf(why, sizeof(why), "%s", err->msg);
	return err_set(err, ANTT_ERR_RULE, "%s:%d: tiêu chí %s: %s", f->source, it->rule_line, it->id, why);
}

/* Evaluate every item: leaves by their rule, groups by their leaves. Items
 * are in pre-order, so walking backwards meets children before parents. */
static antt_status evaluate(antt_db *db, assess_result *r, antt_err *err)
{
	const form *f = r->f;
	antt_status s;

	r->items = calloc(f->n_items ? f->n_items : 1, sizeof(assess_item));
	if (!r->items)
		return ANTT_ERR_NOMEM;
	for (size_t i = 0; i < f->n_items; i++)
		r->items[i].state = RULE_PASS;
	if (r->id && (s = load_answers(db, r->id, f, r->items, err)) != ANTT_OK)
		return s;
	for (size_t k = f->n_items; k-- > 0;) {
		const form_item *it = &f->items[k];
		assess_item *a = &r->items[k];

		if (it->leaf) {
			if (it->computed) {
				if ((s = child_counts(db, r->unit.id, r->year, it, &a->counts, err)) != ANTT_OK)
					return s;
				a->counts.value.kind = RV_NULL;
				if ((s = rule_eval(it->rule_stmt, &a->counts, &a->state, err)) != ANTT_OK)
					return rule_failed(f, it, err);
			} else if (!a->answered) {
				a->state = it->required ? RULE_MISSING : RULE_PASS;
			} else {
				rule_input in = { .value = a->value, .exception = a->exception };
				if ((s = rule_eval(it->rule_stmt, &in, &a->state, err)) != ANTT_OK)
					return rule_failed(f, it, err);
			}
		}
		if (it->parent >= 0)
			r->items[it->parent].state = combine(r->items[it->parent].state, a->state);
	}
	r->verdict = RULE_PASS;
	for (size_t i = 0; i < f->n_items; i++)
		if (f->items[i].parent < 0)
			r->verdict = combine(r->verdict, r->items[i].state);
	return ANTT_OK;
}

/* 1 if the standard applies to the unit's type (unit_types.assessed). */
static int type_assessed(antt_db *db, const char *type)
{
	sqlite3_stmt *st = NULL;
	int yes = 0;

	if (db_cached(db, "SELECT assessed FROM unit_types WHERE code = ?", &st, NULL) == ANTT_OK) {
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	}
	sqlite3_reset(st);
	return yes;
}

static antt_status not_assessed(const unit_row *u, antt_err *err)
{
	return err_set(err, ANTT_ERR_INVALID, "\"%s\" là %s: loại đơn vị này không đánh giá theo "
		"tiêu chuẩn \"An toàn về an ninh, trật tự\"", u->name, u->type_name);
}

/* r's form row for its unit and year (r->unit already read): r->id (0
 * when there is none), status, reason, and the criteria set it was made
 * with in *set_id. */
static antt_status load_form_row(antt_db *db, assess_result *r, sqlite3_int64 *set_id, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	*set_id = 0;
	s = db_cached(db, "SELECT id, criteria_set_id, status, reason FROM assessments WHERE unit_id = ? AND year = ?",
		&st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, r->unit.id);
	sqlite3_bind_int(st, 2, r->year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *why = (const char *)sqlite3_column_text(st, 3);
		r->id = sqlite3_column_int64(st, 0);
		*set_id = sqlite3_column_int64(st, 1);
		snprintf(r->status, sizeof(r->status), "%s", (const char *)sqlite3_column_text(st, 2));
		if (why && *why && !(r->reason = strdup(why)))
			s = ANTT_ERR_NOMEM;
	} else if (rc != SQLITE_DONE) {
		s = db_fail(db, rc, err, "đọc đánh giá");
	}
	sqlite3_reset(st);
	return s;
}

/* The rest of r once its form row is read: the form and every item's
 * state. */
static antt_status evaluate_form(antt_db *db, assess_result *r, sqlite3_int64 set_id, antt_err *err)
{
	antt_status s = r->id ? form_for_set(db, set_id, &r->f, err) : form_for_new(db, r->unit.type, r->year, &r->f, NULL, err);

	return s != ANTT_OK ? s : evaluate(db, r, err);
}

/* Fill r for a unit and year (r->unit already read). */
static antt_status load_result(antt_db *db, assess_result *r, antt_err *err)
{
	sqlite3_int64 set_id;
	antt_status s = load_form_row(db, r, &set_id, err);

	return s != ANTT_OK ? s : evaluate_form(db, r, set_id, err);
}

static antt_status check_year(int year, antt_err *err)
{
	return num_check(year, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", err);
}

antt_status assess_load(antt_db *db, const char *unit_code, int year, assess_result *out, antt_err *err)
{
	antt_status s;

	memset(out, 0, sizeof(*out));
	out->year = year;
	if ((s = check_year(year, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, unit_code, &out->unit, err)) != ANTT_OK)
		return s;
	if (!type_assessed(db, out->unit.type))
		return not_assessed(&out->unit, err);
	s = load_result(db, out, err);
	if (s != ANTT_OK)
		assess_result_free(out);
	return s;
}

antt_status assess_load_with(antt_db *db, const char *unit_code, int year, const form *f,
                             assess_result *out, antt_err *err)
{
	antt_status s;

	if ((s = assess_load(db, unit_code, year, out, err)) != ANTT_OK)
		return s;
	free_items(out->items, out->f->n_items);
	out->items = NULL;
	out->f = f;
	if ((s = evaluate(db, out, err)) != ANTT_OK)
		assess_result_free(out);
	return s;
}

void assess_detail(const assess_result *r, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	if (r->verdict == RULE_PASS)
		return;
	for (size_t i = 0; i < r->f->n_items && used + 1 < n; i++) {
		const form_item *it = &r->f->items[i];
		if (!it->leaf || r->items[i].state != r->verdict)
			continue;
		snprintf(buf + used, n - used, "%s%s", used ? "," : "", it->id);
		used = strlen(buf);
	}
}

static antt_status store_verdict(antt_db *db, const assess_result *r, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	char detail[512];
	antt_status s;
	int rc;

	assess_detail(r, detail, sizeof(detail));
	s = db_cached(db, "UPDATE assessments SET verdict = ?1, detail = ?4, updated_by = ?2"
		" WHERE id = ?3 AND (verdict <> ?1 OR detail <> ?4)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, verdict_code(r->verdict), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, db->user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, r->id);
	sqlite3_bind_text(st, 4, detail, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "lưu kết luận");
	sqlite3_reset(st);
	return s;
}

/* Evaluate and store the verdict of one unit's assessment, if any. A unit
 * with no form that year, or an approved one (it keeps the verdict it was
 * recognised with), is not evaluated at all: every answer saved walks up
 * through communes and districts that often have neither, and 96% of the
 * forms a province's package brings are approved. */
static antt_status recompute_unit(antt_db *db, const unit_row *u, int year, antt_err *err)
{
	assess_result r = { .unit = *u, .year = year };
	sqlite3_int64 set_id;
	antt_status s;

	if (!type_assessed(db, u->type))
		return ANTT_OK;
	s = load_form_row(db, &r, &set_id, err);
	if (s == ANTT_OK && r.id && strcmp(r.status, "approved") && (s = evaluate_form(db, &r, set_id, err)) == ANTT_OK)
		s = store_verdict(db, &r, err);
	assess_result_free(&r);
	return s;
}

antt_status assess_recompute_unit(antt_db *db, const unit_row *u, int year, antt_err *err)
{
	return recompute_unit(db, u, year, err);
}

/* The unit and every unit above it: a commune's computed criteria follow
 * its units' verdicts. */
antt_status assess_recompute_up(antt_db *db, const unit_row *u, int year, antt_err *err)
{
	unit_row cur = *u;
	antt_status s;
	int guard = 0;

	for (;;) {
		if ((s = recompute_unit(db, &cur, year, err)) != ANTT_OK)
			return s;
		if (!cur.parent_code[0] || ++guard > 64)
			return ANTT_OK;
		if ((s = unit_get(db, cur.parent_code, &cur, err)) != ANTT_OK)
			return s;
	}
}

antt_status assess_recompute_year(antt_db *db, int year, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rc;

	s = db_prepare(db,
		"WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM units WHERE parent_id IS NULL"
		"  UNION ALL SELECT u.id, d.depth + 1 FROM units u JOIN d ON u.parent_id = d.id)"
		" SELECT u.code FROM assessments a JOIN units u ON u.id = a.unit_id JOIN d ON d.id = u.id"
		" WHERE a.year = ? ORDER BY d.depth DESC, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		unit_row u;
		if ((s = unit_get(db, (const char *)sqlite3_column_text(st, 0), &u, err)) == ANTT_OK)
			s = recompute_unit(db, &u, year, err);
	}
	sqlite3_finalize(st);
	return s;
}


antt_status assess_ensure(antt_db *db, const unit_row *u, int year, sqlite3_int64 *aid,
                          const form **f, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 set_id;
	antt_status s;
	char uuid[37];
	int rc;

	if (u->excluded)
		return err_set(err, ANTT_ERR_INVALID, "\"%s\" (%s) được đánh dấu không thuộc diện đánh giá; "
			"bỏ đánh dấu thì mới đánh giá được.", u->name, u->code);
	if (!type_assessed(db, u->type))
		return not_assessed(u, err);

	s = db_cached(db, "SELECT id, criteria_set_id FROM assessments WHERE unit_id = ? AND year = ?", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_int64(st, 1, u->id);
	sqlite3_bind_int(st, 2, year);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*aid = sqlite3_column_int64(st, 0);
		set_id = sqlite3_column_int64(st, 1);
		sqlite3_reset(st);
		return f ? form_for_set(db, set_id, f, err) : ANTT_OK;
	}
	sqlite3_reset(st);
	st = NULL;   /* the insert below is prepared: made once a unit and year */
	if (rc != SQLITE_DONE)
		return db_fail(db, rc, err, "đọc đánh giá");

	if ((s = form_for_new(db, u->type, year, f, &set_id, err)) != ANTT_OK)
		return s;
	db_uuid(db, uuid);
	s = db_prepare(db, "INSERT INTO assessments (uuid, unit_id, year, criteria_set_id, updated_by)"
		" VALUES (?, ?, ?, ?, ?)", &st, err);
	if (s != ANTT_OK)
		return s;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->id);
	sqlite3_bind_int(st, 3, year);
	sqlite3_bind_int64(st, 4, set_id);
	sqlite3_bind_text(st, 5, db->user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "đăng ký đơn vị");
	*aid = sqlite3_last_insert_rowid(db->sql);
	sqlite3_finalize(st);
	return s;
}

antt_status assess_register_tx(antt_db *db, const unit_row *u, int year, antt_err *err)
{
	const form *f;
	sqlite3_int64 aid;

	return assess_ensure(db, u, year, &aid, &f, err);
}

antt_status assess_register(antt_db *db, const char *unit_code, int year, antt_err *err)
{
	const form *f;
	sqlite3_int64 aid;
	unit_row u;
	antt_status s;

	if ((s = check_year(year, err)) != ANTT_OK)
		return s;
	if ((s = auth_require(db, CAN_ENTER, "ghi nhận đăng ký", err)) != ANTT_OK)
		return s;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = unit_get(db, unit_code, &u, err)) == ANTT_OK &&
	    (s = assess_ensure(db, &u, year, &aid, &f, err)) == ANTT_OK)
		s = assess_recompute_up(db, &u, year, err);
	if (s != ANTT_OK) {
		db_rollback(db);
		return s;
	}
	return db_commit(db, err);
}

/* The communes above a unit count it in their criterion 4: their stored
 * verdicts follow a change of the unit, for every year assessed
 * (approved ones keep theirs, assess_recompute_up). */
static antt_status recompute_communes(antt_db *db, const char *code, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	unit_row u;
	antt_status s;
	int rc;

	if ((s = unit_get(db, code, &u, err)) != ANTT_OK ||
	    (s = db_prepare(db, "SELECT DISTINCT year FROM assessments ORDER BY year", &st, err)) != ANTT_OK)
		return s;
	while (s == ANTT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		s = assess_recompute_up(db, &u, sqlite3_column_int(st, 0), err);
	if (s == ANTT_OK && rc != SQLITE_DONE)
		s = db_fail(db, rc, err, "tính lại kết luận của xã");
	sqlite3_finalize(st);
	return s;
}

/* Set a mark of a unit (mark: inside the transaction), then the communes
 * above it, when it changed: an administrator's change. */
static antt_status set_mark(antt_db *db, const char *code, int value, const char *what,
                            antt_status (*mark)(antt_db *, const char *, int, int *, antt_err *), antt_err *err)
{
	antt_status s;
	int changed = 0;

	if (auth_require(db, CAN_ADMIN, what, err) != ANTT_OK)
		return ANTT_ERR_DENIED;
	if ((s = db_begin(db, err)) != ANTT_OK)
		return s;
	if ((s = mark(db, code, value, &changed, err)) == ANTT_OK && changed)
		s = recompute_communes(db, code, err);
	if (s == ANTT_OK)
		return db_commit(db, err);
	db_rollback(db);
	return s;
}

antt_status assess_set_managed_above(antt_db *db, const char *code, int above, antt_err *err)
{
	return set_mark(db, code, above, "đánh dấu đơn vị do cấp trên quản lý", unit_mark_managed_above, err);
}

antt_status assess_set_excluded(antt_db *db, const char *code, int excluded, antt_err *err)
{
	return set_mark(db, code, excluded, "đánh dấu đơn vị", unit_mark_excluded, err);
}
