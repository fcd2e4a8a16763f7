/* The models behind the screens: unit tree with statuses and filters,
 * progress per type and commune, and the text field with Telex. */
#include "testutil.h"
#include "assess.h"
#include "lineedit.h"
#include "progress.h"
#include "recognise.h"
#include "tree.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *district(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "H", "huyen", "Huyện Sông Lam", NULL, &err));
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", "H", &err));
	OK(unit_add(db, "X2", "xa", "Xã Đồng Tâm", "H", &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Đoài", "X1", &err));
	OK(unit_add(db, "K3", "khu-dan-cu", "Thôn Hà Nội", "X2", &err));
	OK(unit_add(db, "G1", "co-so-giao-duc", "Trường Tiểu học Đồng Tâm", "X2", &err));
	OK(assess_set_excluded(db, "G1", 1, &err));
	return db;
}

static void tree_statuses_and_counts(void **state)
{
	antt_db *db = district();
	tree_view t;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "4b", "không", NULL, -1, &err));
	OK(answer_set(db, "K3", 2024, "2", "có", NULL, -1, &err));
	OK(assess_register(db, "X1", 2024, &err));
	OK(tree_load(db, 2024, &t, &err));
	assert_int_equal(t.n, 7);
#define AT(i) (&t.rows[t.order[i]])
	assert_string_equal(AT(0)->code, "H");      /* tree order: H X1 K1 K2 X2 G1 K3 */
	assert_string_equal(AT(1)->code, "X1");
	assert_string_equal(AT(3)->code, "K2");
	assert_string_equal(AT(6)->code, "K3");
	assert_int_equal(AT(0)->status, STATUS_NA);
	assert_int_equal(AT(3)->depth, 2);
	assert_int_equal(AT(2)->status, STATUS_PASS);
	assert_int_equal(AT(3)->status, STATUS_FAIL);
	assert_int_equal(AT(1)->status, STATUS_NONE);   /* registered, nothing typed */
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K3")]].status, STATUS_DRAFT);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "G1")]].status, STATUS_EXCLUDED);
	assert_string_equal(tree_status_name(STATUS_FAIL), "chưa đạt");
	for (size_t i = 0; i < t.n_counts; i++)
		if (!strcmp(t.counts[i].type, "khu-dan-cu")) {
			assert_int_equal(t.counts[i].total, 3);
			assert_int_equal(t.counts[i].n[STATUS_PASS], 1);
			assert_int_equal(t.counts[i].n[STATUS_FAIL], 1);
			assert_int_equal(t.counts[i].n[STATUS_DRAFT], 1);
		}
	/* after an edit, only the unit and those above it are re-read */
	OK(answer_set(db, "K3", 2024, "*", "đạt", NULL, -1, &err));
	OK(tree_update(db, &t, "K3", &err));
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K3")]].status, STATUS_PASS);
	for (size_t i = 0; i < t.n_counts; i++)
		if (!strcmp(t.counts[i].type, "khu-dan-cu")) {
			assert_int_equal(t.counts[i].n[STATUS_PASS], 2);
			assert_int_equal(t.counts[i].n[STATUS_DRAFT], 0);
		}
	tree_free(&t);
	tu_cleanup(db);
}

/* The counts line counts được công nhận: a decision in force, not the
 * verdict nor the approval; reopening (the trigger withdraws it) and
 * tree_update take it back. */
static void tree_counts_recognised(void **state)
{
	static const recognise_decision d = { "45/QĐ-UBND", "10/11/2024", "Chủ tịch UBND xã Hòa Bình", "" };
	const char *codes[] = { "K1" };
	antt_db *db = district();
	tree_view t;
	const tree_count *c = NULL;
	int added = 0;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'approved' WHERE unit_id IN"
		" (SELECT id FROM units WHERE code IN ('K1', 'K2'))", NULL, NULL, NULL), SQLITE_OK);
	OK(db_begin(db, &err));
	OK(recognise_record_tx(db, &d, 2024, codes, 1, &added, &err));
	OK(db_commit(db, &err));
	assert_int_equal(added, 1);
	OK(tree_load(db, 2024, &t, &err));
	for (size_t i = 0; i < t.n_counts; i++)
		if (!strcmp(t.counts[i].type, "khu-dan-cu"))
			c = &t.counts[i];
	assert_non_null(c);
	assert_int_equal(c->n[STATUS_PASS], 2);   /* K1 and K2 đạt and approved ... */
	assert_int_equal(c->recognised, 1);       /* ... one recognised */
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K1")]].recognised, 1);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K2")]].recognised, 0);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'draft' WHERE unit_id ="
		" (SELECT id FROM units WHERE code = 'K1')", NULL, NULL, NULL), SQLITE_OK);
	OK(tree_update(db, &t, "K1", &err));
	assert_int_equal(c->recognised, 0);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K1")]].recognised, 0);
	tree_free(&t);
	tu_cleanup(db);
}

static void tree_filters_and_pending(void **state)
{
	antt_db *db = district();
	tree_view t;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(tree_load(db, 2024, &t, &err));
	tree_filter(&t, NULL, -1, "dong");
	assert_int_equal(t.n_vis, 3);   /* Xã Đồng Tâm, Thôn Đông, Trường ... Đồng Tâm */
	tree_filter(&t, NULL, -1, "HA NOI");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "K3");
	tree_filter(&t, "khu-dan-cu", -1, NULL);
	assert_int_equal(t.n_vis, 3);
	tree_filter(&t, NULL, STATUS_PASS, NULL);
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, "k3");
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, NULL);
	/* from K1 (passed) the next pending is K2, then X2, K3; G1 is excluded */
	assert_int_equal(tree_next_pending(&t, tree_find(&t, "K1")), tree_find(&t, "K2"));
	assert_int_equal(tree_next_pending(&t, tree_find(&t, "K3")), tree_find(&t, "X1"));
	tree_filter(&t, NULL, STATUS_PASS, NULL);
	assert_int_equal(tree_next_pending(&t, 0), -1);
	tree_free(&t);
	tu_cleanup(db);
}

/* Issue 13, item 16: words in any order, anywhere in the name or code,
 * without accents; every word must occur. */
static void tree_search_by_words(void **state)
{
	antt_db *db = district();
	tree_view t;
	(void)state;
	OK(unit_add(db, "YT", "co-quan", "Trạm Y tế xã Đồng Tâm", "X2", &err));
	OK(tree_load(db, 2024, &t, &err));
	tree_filter(&t, NULL, -1, "tram y te dong tam");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "YT");
	tree_filter(&t, NULL, -1, "tâm đồng  TRẠM");          /* any order, accents, case, spaces */
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, "dong tam truong");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "G1");
	tree_filter(&t, NULL, -1, "tram y te hoa binh");      /* every word must occur */
	assert_int_equal(t.n_vis, 0);
	tree_filter(&t, NULL, -1, "x2 dong");                   /* the code counts as words too */
	assert_int_equal(t.n_vis, 1);
	tree_free(&t);
	tu_cleanup(db);
}

/* Issue 13, items 13 and 16: the workflow state beside the verdict, the s
 * filter on it, the leader's queue; one filter kept when the other changes. */
static void tree_workflow_states_and_queue(void **state)
{
	antt_db *db = district();
	tree_view t;
	int f, seen = 0;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K3", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "X2", 2024, "*", "đạt", NULL, -1, &err));
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'submitted' WHERE unit_id IN "
		"(SELECT id FROM units WHERE code IN ('K1', 'K3'));"
		"UPDATE assessments SET status = 'returned' WHERE unit_id = (SELECT id FROM units WHERE code = 'K2');",
		NULL, NULL, NULL), SQLITE_OK);
	OK(tree_load(db, 2024, &t, &err));
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K1")]].flow, FLOW_SUBMITTED);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K2")]].flow, FLOW_RETURNED);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "X2")]].flow, FLOW_DRAFT);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "H")]].flow, FLOW_NONE);
	assert_int_equal(t.rows[t.vis[tree_find(&t, "G1")]].flow, FLOW_NONE);   /* excluded */
	assert_string_equal(tree_flow_name(FLOW_SUBMITTED), "đã trình");
	/* the queue: K1, then K3, then round to K1 */
	assert_int_equal(tree_next_submitted(&t, 0), tree_find(&t, "K1"));
	assert_int_equal(tree_next_submitted(&t, tree_find(&t, "K1")), tree_find(&t, "K3"));
	assert_int_equal(tree_next_submitted(&t, tree_find(&t, "K3")), tree_find(&t, "K1"));
	/* s steps through every verdict, then đã trình, trả lại, đã duyệt */
	for (f = tree_filter_next(-1); f != -1 && seen < 20; f = tree_filter_next(f), seen++)
		if (f == TREE_BY_FLOW + FLOW_SUBMITTED)
			break;
	assert_int_equal(f, TREE_BY_FLOW + FLOW_SUBMITTED);
	assert_string_equal(tree_filter_name(f), "đã trình");
	assert_int_equal(tree_filter_next(f), TREE_BY_FLOW + FLOW_RETURNED);
	assert_int_equal(tree_filter_next(TREE_BY_FLOW + FLOW_APPROVED), -1);
	/* the type filter survives the status filter changing (its own field passed back) */
	tree_filter(&t, "khu-dan-cu", -1, NULL);
	tree_filter(&t, t.type, TREE_BY_FLOW + FLOW_SUBMITTED, t.search);
	assert_string_equal(t.type, "khu-dan-cu");
	assert_int_equal(t.n_vis, 2);
	tree_filter(&t, t.type, TREE_BY_FLOW + FLOW_RETURNED, t.search);
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "K2");
	/* after an edit the state is read again */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'approved' WHERE unit_id = "
		"(SELECT id FROM units WHERE code = 'K3')", NULL, NULL, NULL), SQLITE_OK);
	tree_filter(&t, NULL, -1, NULL);
	OK(tree_update(db, &t, "K3", &err));
	assert_int_equal(t.rows[t.vis[tree_find(&t, "K3")]].flow, FLOW_APPROVED);
	/* what moving or retiring carries along */
	assert_int_equal(tree_below(&t, "H"), 6);
	assert_int_equal(tree_below(&t, "X1"), 2);
	assert_int_equal(tree_below(&t, "K1"), 0);
	assert_int_equal(tree_below(&t, "nope"), 0);
	tree_free(&t);
	tu_cleanup(db);
}

static void progress_this_year_last_year_and_targets(void **state)
{
	antt_db *db = district();
	progress_type *pt;
	progress_commune *pc;
	size_t n;
	(void)state;
	OK(answer_set(db, "K1", 2023, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K3", 2024, "4a", "không", NULL, -1, &err));
	OK(progress_types(db, 2024, &pt, &n, &err));
	for (size_t i = 0; i < n; i++)
		if (!strcmp(pt[i].now.type, "khu-dan-cu")) {
			assert_int_equal(pt[i].now.passed, 2);
			assert_int_equal(pt[i].prev.passed, 1);
			assert_true(pt[i].target > 94.9 && pt[i].target < 95.1);
		}
	free(pt);
	OK(progress_communes(db, 2024, &pc, &n, &err));
	assert_int_equal(n, 2);
	assert_string_equal(pc[0].code, "X1");
	assert_int_equal(pc[0].units, 2);
	assert_int_equal(pc[0].passed, 2);
	assert_int_equal(pc[0].prev_passed, 1);
	assert_int_equal(pc[0].verdict, -2);
	assert_string_equal(pc[1].code, "X2");
	assert_int_equal(pc[1].units, 1);    /* the excluded school is not counted */
	assert_int_equal(pc[1].assessed, 1);
	assert_int_equal(pc[1].passed, 0);
	free(pc);
	assert_true(progress_pct(1, 4) > 24.9 && progress_pct(1, 4) < 25.1);
	assert_true(progress_pct(1, 0) < 0);
	tu_cleanup(db);
}

static void deadlines_show_what_is_due_and_late(void **state)
{
	antt_db *db = district();
	progress_deadline dl[2];
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "X1", 2024, "*", "đạt", NULL, -1, &err));
	OK(assess_submit(db, "K2", 2024, &err));
	tu_as_leader(db);
	OK(assess_approve(db, "K2", 2024, &err));
	db->role = auth_initial_role(db);   /* back to nobody, login off */
	OK(progress_deadlines(db, 2024, "2024-11-10", dl, &err));
	assert_string_equal(dl[0].date, "15/11/2024");
	assert_int_equal(dl[0].due, 1);          /* K1 still to approve */
	assert_false(dl[0].late);
	assert_string_equal(dl[1].date, "20/11/2024");
	assert_int_equal(dl[1].due, 1);          /* X1 */
	OK(progress_deadlines(db, 2024, "2024-11-16", dl, &err));
	assert_true(dl[0].late);
	assert_false(dl[1].late);
	OK(db_setting_set(db, "deadline_others", "11-10", &err));
	OK(progress_deadlines(db, 2024, "2024-11-16", dl, &err));
	assert_true(dl[1].late);
	/* a stored day that does not exist (31/02) is not shown as a deadline:
	 * the default stands, as for any other unreadable value */
	OK(db_setting_set(db, "deadline_others", "02-31", &err));
	OK(progress_deadlines(db, 2024, "2024-11-16", dl, &err));
	assert_string_equal(dl[1].date, "20/11/2024");
	assert_false(dl[1].late);
	tu_cleanup(db);
}

static void lineedit_types_telex_and_edits(void **state)
{
	lineedit le;
	char out[256];
	const char *keys = "Vieejt Nam ddoongf";
	(void)state;
	lineedit_init(&le, "", 1);
	for (const char *p = keys; *p; p++)
		lineedit_insert(&le, (uint32_t)*p);
	assert_string_equal(lineedit_text(&le, out, sizeof(out)), "Việt Nam đồng");
	assert_int_equal(lineedit_cursor_col(&le), 13);
	lineedit_backspace(&le);               /* removes the tone key f: "đông" */
	assert_string_equal(lineedit_text(&le, out, sizeof(out)), "Việt Nam đông");
	lineedit_home(&le);
	lineedit_delete(&le);
	assert_string_equal(lineedit_text(&le, out, sizeof(out)), "iệt Nam đông");
	/* without Telex the keys go in as they are; decomposed input is composed */
	lineedit_init(&le, "Hà", 0);
	lineedit_insert(&le, 'a');
	lineedit_insert(&le, 'a');
	assert_string_equal(lineedit_text(&le, out, sizeof(out)), "Hàaa");
	lineedit_init(&le, "", 0);
	lineedit_insert(&le, 'e');
	lineedit_insert(&le, 0x323);
	lineedit_insert(&le, 0x302);
	assert_string_equal(lineedit_text(&le, out, sizeof(out)), "ệ");
	assert_int_equal(lineedit_cursor_col(&le), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tree_statuses_and_counts),
		cmocka_unit_test(tree_counts_recognised),
		cmocka_unit_test(tree_filters_and_pending),
		cmocka_unit_test(tree_search_by_words),
		cmocka_unit_test(tree_workflow_states_and_queue),
		cmocka_unit_test(progress_this_year_last_year_and_targets),
		cmocka_unit_test(deadlines_show_what_is_due_and_late),
		cmocka_unit_test(lineedit_types_telex_and_edits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
