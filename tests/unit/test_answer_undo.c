/* answer_undo: an answer taken before a change and put back is the same
 * value, note and flag (also for percentages, counts and choices); putting
 * back is audited, all or nothing, and refused on a submitted form. And the
 * leader's reason a returned form carries. */
#include "testutil.h"
#include "answer_undo.h"
#include "form.h"
#include "session.h"

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *setup(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn 1", "X1", &err));
	OK(unit_add(db, "G1", "co-so-giao-duc", "Trường Tiểu học", "X1", &err));
	return db;
}

/* Take criterion `id` of unit `code` as it is now. */
static void take(antt_db *db, const char *code, const char *id, answer_prev *p)
{
	assess_result r;
	OK(assess_load(db, code, 2024, &r, &err));
	OK(answer_prev_take(&r, (size_t)form_find(r.f, id), p));
	assess_result_free(&r);
}

static long long audit_rows(antt_db *db)
{
	return tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'answers'");
}

static void value_note_and_flag_come_back(void **state)
{
	antt_db *db = setup();
	answer_prev p;
	long long before;
	(void)state;
	OK(answer_set(db, "K1", 2024, "4b", "có", "họp tổ ngày 5/3", -1, &err));
	take(db, "K1", "4b", &p);
	assert_true(p.answered);
	assert_string_equal(p.note, "họp tổ ngày 5/3");
	OK(answer_set(db, "K1", 2024, "4b", "không", "vụ trộm, đã xử lý", 1, &err));
	before = audit_rows(db);
	OK(answer_restore(db, "K1", 2024, &p, 1, &err));
	assert_int_equal(tu_int(db, "SELECT value FROM answers WHERE criterion = '4b'"), 1);
	assert_int_equal(tu_int(db, "SELECT exception FROM answers WHERE criterion = '4b'"), 0);
	assert_int_equal(tu_int(db, "SELECT note = 'họp tổ ngày 5/3' FROM answers WHERE criterion = '4b'"), 1);
	assert_int_equal(audit_rows(db), before + 1);             /* the undo is an audited change */
	answer_prev_free(&p);
	answer_prev_free(NULL);
	tu_cleanup(db);
}

static void unanswered_comes_back_as_no_answer(void **state)
{
	antt_db *db = setup();
	answer_prev p;
	(void)state;
	take(db, "K1", "2", &p);
	assert_false(p.answered);
	assert_null(p.value);
	OK(answer_set(db, "K1", 2024, "2", "có", NULL, -1, &err));
	OK(answer_restore(db, "K1", 2024, &p, 1, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers WHERE criterion = '2'"), 0);
	answer_prev_free(&p);
	tu_cleanup(db);
}

static void exact_percent_count_and_choice(void **state)
{
	antt_db *db = setup();
	answer_prev p[3];
	assess_result r;
	const char *second;
	(void)state;
	OK(assess_load(db, "G1", 2024, &r, &err));
	assert_true(r.f->items[form_find(r.f, "5")].n_options >= 2);
	second = r.f->items[form_find(r.f, "5")].options[1];   /* owned by the database handle */
	assess_result_free(&r);
	OK(answer_set(db, "K1", 2024, "1.2", "92,3", NULL, -1, &err));
	OK(answer_set(db, "G1", 2024, "1.4", "1.234", NULL, -1, &err));
	OK(answer_set(db, "G1", 2024, "5", second, NULL, -1, &err));
	take(db, "K1", "1.2", &p[0]);
	take(db, "G1", "1.4", &p[1]);
	take(db, "G1", "5", &p[2]);
	OK(answer_set(db, "K1", 2024, "1.2", "50", NULL, -1, &err));
	OK(answer_set(db, "G1", 2024, "1.4", "7", NULL, -1, &err));
	OK(answer_set(db, "G1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_load(db, "G1", 2024, &r, &err));
	assert_true(answer_prev_differs(&r, (size_t)form_find(r.f, "1.4"), &p[1]));
	assess_result_free(&r);
	OK(answer_restore(db, "K1", 2024, &p[0], 1, &err));
	OK(answer_restore(db, "G1", 2024, &p[1], 2, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_true(r.items[form_find(r.f, "1.2")].value.d == 92.3);
	assess_result_free(&r);
	OK(assess_load(db, "G1", 2024, &r, &err));
	assert_int_equal(r.items[form_find(r.f, "1.4")].value.i, 1234);
	assert_string_equal(r.items[form_find(r.f, "5")].value.s, second);
	assert_false(answer_prev_differs(&r, (size_t)form_find(r.f, "1.4"), &p[1]));
	assert_false(answer_prev_differs(&r, (size_t)form_find(r.f, "5"), &p[2]));
	assess_result_free(&r);
	for (int i = 0; i < 3; i++)
		answer_prev_free(&p[i]);
	tu_cleanup(db);
}

/* "*" then undo of what it changed: the form is as before, verdict too. */
static void all_hold_undone_in_one_step(void **state)
{
	antt_db *db = setup();
	assess_result r;
	answer_prev *p, *changed;
	size_t n = 0, total;
	(void)state;
	OK(answer_set(db, "K1", 2024, "1.1", "không", NULL, -1, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	total = r.f->n_items;
	p = calloc(total, sizeof(*p));
	changed = calloc(total, sizeof(*changed));
	assert_non_null(p);
	assert_non_null(changed);
	for (size_t k = 0; k < total; k++)
		OK(answer_prev_take(&r, k, &p[k]));
	assess_result_free(&r);
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	for (size_t k = 0; k < total; k++)
		if (r.f->items[k].leaf && !r.f->items[k].computed && answer_prev_differs(&r, k, &p[k]))
			changed[n++] = p[k];       /* copies: p keeps the ownership */
	assert_int_equal(n, tu_int(db, "SELECT count(*) FROM answers"));   /* 1.1 too: "*" made it có */
	assess_result_free(&r);
	OK(answer_restore(db, "K1", 2024, changed, n, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers"), 1);
	assert_int_equal(tu_int(db, "SELECT value FROM answers WHERE criterion = '1.1'"), 0);
	assert_int_equal(tu_int(db, "SELECT verdict = 'fail' FROM assessments a JOIN units u ON u.id = a.unit_id"
		" WHERE u.code = 'K1'"), 1);
	for (size_t k = 0; k < total; k++)
		answer_prev_free(&p[k]);
	free(p);
	free(changed);
	tu_cleanup(db);
}

/* One refused answer undoes none of the step; a submitted form is not
 * changed by an undo, and the refusal says why. */
static void refused_step_changes_nothing(void **state)
{
	antt_db *db = setup();
	answer_prev p[2];
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	take(db, "K1", "2", &p[0]);
	take(db, "K1", "3a", &p[1]);
	free(p[1].criterion);
	p[1].criterion = strdup("9z");
	OK(answer_set(db, "K1", 2024, "2", "không", NULL, -1, &err));
	assert_int_equal(answer_restore(db, "K1", 2024, p, 2, &err), ANTT_ERR_NOT_FOUND);
	assert_int_equal(tu_int(db, "SELECT value FROM answers WHERE criterion = '2'"), 0);
	OK(answer_set(db, "K1", 2024, "2", "có", NULL, -1, &err));
	OK(answer_set(db, "K1", 2024, "2", "không", NULL, -1, &err));
	OK(assess_submit(db, "K1", 2024, &err));
	assert_int_equal(answer_restore(db, "K1", 2024, p, 1, &err), ANTT_ERR_LOCKED);
	assert_contains(err.msg, "đã trình");
	assert_int_equal(tu_int(db, "SELECT value FROM answers WHERE criterion = '2'"), 0);
	answer_prev_free(&p[0]);
	answer_prev_free(&p[1]);
	tu_cleanup(db);
}

/* The check that nothing changed since the step is made inside the
 * undo's write transaction: another connection (a package imported, the
 * command line) writing the same answer just as the undo starts — here
 * when the undo's BEGIN is traced, before it runs — is seen and kept,
 * never overwritten by the old answer. Checked before the transaction, the
 * change would land between the check and the write. */
static antt_db *other;
static int raced;

static int race(unsigned what, void *ctx, void *stmt, void *sql)
{
	(void)what, (void)ctx, (void)sql;
	if (!raced && !strcmp(sqlite3_sql(stmt), "BEGIN IMMEDIATE")) {
		raced = 1;
		OK(answer_set(other, "K1", 2024, "4b", "có", "gói dữ liệu của xã", -1, &err));
	}
	return 0;
}

static void change_landing_as_undo_starts_is_kept(void **state)
{
	antt_db *db = setup();
	answer_prev p, after;
	assess_result r;
	size_t changed = 9;
	(void)state;
	OK(answer_set(db, "K1", 2024, "4b", "có", "họp tổ", -1, &err));
	take(db, "K1", "4b", &p);
	OK(answer_set(db, "K1", 2024, "4b", "không", "vụ trộm", -1, &err));   /* the step to undo */
	take(db, "K1", "4b", &after);
	OK(session_open(tu_path("test.db"), 0, &other, &err));
	/* the caller's own look finds nothing changed yet */
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_false(answer_prev_differs(&r, (size_t)form_find(r.f, "4b"), &after));
	assess_result_free(&r);
	raced = 0;
	sqlite3_trace_v2(db->sql, SQLITE_TRACE_STMT, race, NULL);
	assert_int_equal(answer_restore_unchanged(db, "K1", 2024, &p, &after, 1, &changed, &err), ANTT_ERR_INVALID);
	sqlite3_trace_v2(db->sql, 0, NULL, NULL);
	assert_true(raced);
	assert_int_equal(changed, 0);
	assert_contains(err.msg, "tiêu chí 4b đã được sửa ở nơi khác");
	assert_int_equal(tu_int(db, "SELECT note = 'gói dữ liệu của xã' FROM answers WHERE criterion = '4b'"), 1);
	/* unchanged since: put back */
	answer_prev_free(&after);
	take(db, "K1", "4b", &after);
	OK(answer_restore_unchanged(db, "K1", 2024, &p, &after, 1, &changed, &err));
	assert_int_equal(changed, 1);
	assert_int_equal(tu_int(db, "SELECT note = 'họp tổ' FROM answers WHERE criterion = '4b'"), 1);
	db_close(other);
	answer_prev_free(&p);
	answer_prev_free(&after);
	tu_cleanup(db);
}

/* A returned form carries the leader's reason until it is submitted again
 * (the checklist shows it, issue 13, item 13). */
static void returned_form_carries_its_reason(void **state)
{
	antt_db *db = setup();
	assess_result r;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_null(r.reason);
	assess_result_free(&r);
	OK(assess_submit(db, "K1", 2024, &err));
	tu_as_leader(db);
	OK(assess_return(db, "K1", 2024, "Thiếu biên bản họp thôn", &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_string_equal(r.status, "returned");
	assert_non_null(r.reason);
	assert_string_equal(r.reason, "Thiếu biên bản họp thôn");
	assess_result_free(&r);
	assert_null(r.reason);
	OK(assess_submit(db, "K1", 2024, &err));
	OK(assess_load(db, "K1", 2024, &r, &err));
	assert_null(r.reason);
	assess_result_free(&r);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(value_note_and_flag_come_back),
		cmocka_unit_test(unanswered_comes_back_as_no_answer),
		cmocka_unit_test(exact_percent_count_and_choice),
		cmocka_unit_test(all_hold_undone_in_one_step),
		cmocka_unit_test(refused_step_changes_nothing),
		cmocka_unit_test(change_landing_as_undo_starts_is_kept),
		cmocka_unit_test(returned_form_carries_its_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
