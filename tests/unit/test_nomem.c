/* Allocation failure, SQLite's way: malloc, calloc, realloc and strdup of
 * the code under test (linked with -Wl,--wrap, see the Makefile) fail on
 * the Nth call (once alone, once with every call after it), for N = 1, 2,
 * ... until the operation runs through without a failure. Every refused
 * allocation must end the operation with ANTT_ERR_NOMEM, nothing written,
 * and (under ASan, build/san) nothing leaked. The allocations of SQLite,
 * libyaml and libunistring are their own and not counted. */
#include <dlfcn.h>
#include "testutil.h"
#include "unit_import.h"
#include "answer.h"
#include "assess.h"
#include "count.h"
#include "csvtab.h"
#include "drift.h"
#include "recognise.h"
#include "tree.h"
#include "workflow.h"
#include "form.h"
#include "layout.h"
#include "progress.h"
#include "register.h"
#include "report/report_int.h"
#include "sync/sync.h"
#include "tally.h"
#include "text.h"
#include "ydoc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);

static long countdown;   /* the allocation to refuse; 0: none */
static int refused;
static void *refused_at;  /* its caller, for the message */

static int persistent;    /* and every one after it (SQLite's "persistent" mode) */

static int refuse(void *caller)
{
	if (countdown > 0 && --countdown == 0) {
		refused = 1;
		refused_at = caller;
		return 1;
	}
	return persistent && refused;
}

#define CALLER __builtin_return_address(0)
void *__wrap_malloc(size_t n) { return refuse(CALLER) ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t k, size_t n) { return refuse(CALLER) ? NULL : __real_calloc(k, n); }
void *__wrap_realloc(void *p, size_t n) { return refuse(CALLER) ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return refuse(CALLER) ? NULL : __real_strdup(s); }

/* Where the refused allocation was asked for: "addr2line -f -e TEST 0x..."
 * names the line (the offset within the program's own image). */
static unsigned long where(void)
{
	Dl_info info;
	if (dladdr(refused_at, &info) && info.dli_fbase)
		return (unsigned long)((char *)refused_at - (char *)info.dli_fbase);
	return (unsigned long)refused_at;
}

typedef antt_status (*op_fn)(antt_db *db, antt_err *err);

/* One run of op with the nth allocation refused (keep: and every one after
 * it, so the way out must not need memory either); unchanged (when given)
 * is a query whose answer must stay before. 0 when nothing was refused: op
 * ran through. */
static int run_refusing(const char *name, antt_db *db, op_fn op, long n, int keep, const char *unchanged,
                        long long before)
{
	antt_err err = { "" };
	antt_status s;

	refused = 0;
	persistent = keep;
	countdown = n;
	s = op(db, &err);
	countdown = 0;
	persistent = 0;
	if (!refused) {
		if (s != ANTT_OK)
			fail_msg("%s: without a refused allocation: %s (%s)", name, antt_strerror(s), err.msg);
		return 0;
	}
	if (s != ANTT_ERR_NOMEM)
		fail_msg("%s: allocation %ld%s (asked at 0x%lx) refused, but the result is \"%s\" (%s), "
			"not ANTT_ERR_NOMEM", name, n, keep ? " and every later one" : "", where(), antt_strerror(s), err.msg);
	if (unchanged && tu_int(db, unchanged) != before)
		fail_msg("%s: allocation %ld%s (asked at 0x%lx) refused, and the database changed", name, n,
			keep ? " and every later one" : "", where());
	return 1;
}

static void each_allocation_refused(const char *name, antt_db *db, op_fn op, const char *unchanged)
{
	long long before = unchanged ? tu_int(db, unchanged) : 0;

	for (long n = 1; n < 1000000; n++)
		if (!run_refusing(name, db, op, n, 1, unchanged, before) ||
		    !run_refusing(name, db, op, n, 0, unchanged, before)) {
			if (n == 1)
				fail_msg("%s: allocates nothing here, so this tests nothing", name);
			print_message("%s: %ld allocations, each refused alone and with every later one\n", name, n - 1);
			return;
		}
	fail_msg("%s: never ran through", name);
}

static antt_status op_csvtab(antt_db *db, antt_err *err)
{
	csvtab t;
	antt_status s = csvtab_read(tu_path("u.csv"), &t, err);
	(void)db;
	if (s == ANTT_OK)
		csvtab_free(&t);
	return s;
}

static antt_status op_ydoc(antt_db *db, antt_err *err)
{
	static const char text[] = "title: Bộ\ntypes: [xa, phuong, khu-dan-cu]\n";
	ydoc y;
	char *title = NULL, **l = NULL;
	size_t n = 0;
	antt_status s = ydoc_load(&y, "a.yaml", text, strlen(text), err);
	(void)db;
	if (s != ANTT_OK)
		return s;
	if ((s = ydoc_text(&y, ydoc_node(&y, 1), "title", 1, &title)) == ANTT_OK)
		s = ydoc_list(&y, ydoc_get(&y, ydoc_node(&y, 1), "types"), "types", &l, &n);
	for (size_t i = 0; l && l[i]; i++)
		free(l[i]);
	free(l);
	free(title);
	ydoc_free(&y);
	return s;
}

static antt_status op_layout(antt_db *db, antt_err *err)
{
	report_layout *l = NULL;
	antt_status s = layout_load("forms/reports/tong-hop.yaml", NULL, NULL, &l, err);
	(void)db;
	layout_free(l);
	return s;
}

static antt_status op_form(antt_db *db, antt_err *err)
{
	form *f = NULL;
	antt_status s = form_load_file("forms/tt124-2021/khu-dan-cu.yaml", &f, err);
	(void)db;
	form_free(f);
	return s;
}

static antt_status op_text(antt_db *db, antt_err *err)
{
	char *out = NULL;
	antt_status s = text_clean("  Thôn  Hòa\tBình ", "tên", &out, err);
	(void)db;
	free(out);
	return s;
}

static antt_status op_unit_import(antt_db *db, antt_err *err)
{
	int added = 0;
	return unit_import_csv(db, tu_path("u.csv"), &added, err);
}

static antt_status op_answer_set(antt_db *db, antt_err *err)
{
	return answer_set(db, "K2", 2024, "*", "đạt", NULL, -1, err);
}

/* a choice: the options are matched by search key */
static antt_status op_answer_choice(antt_db *db, antt_err *err)
{
	return answer_set(db, "T1", 2024, "5", "khong co luc luong bao ve", NULL, -1, err);
}

static antt_status op_answer_import(antt_db *db, antt_err *err)
{
	int n = 0;
	return answer_import_csv(db, tu_path("a.csv"), &n, err);
}

/* kinds and levels typed by name, found in the lists by search key; each
 * its own transaction */
static antt_status op_reg_model(antt_db *db, antt_err *err)
{
	return reg_model_add(db, "K1", "Tổ tự quản", "to nhan dan tu quan", 2024, 1, 1, 9, err);
}

static antt_status op_reg_activity(antt_db *db, antt_err *err)
{
	return reg_activity_add(db, "K1", 2024, "Buổi tuyên truyền", "15/03/2024", 40, NULL, err);
}

static antt_status op_reg_commendation(antt_db *db, antt_err *err)
{
	return reg_commendation_add(db, "X1", 2024, "giay khen khac", 1, NULL, NULL, "3/QĐ", "01/12/2024", err);
}

static antt_status op_assess_load(antt_db *db, antt_err *err)
{
	assess_result r;
	antt_status s = assess_load(db, "K1", 2024, &r, err);
	if (s == ANTT_OK)
		assess_result_free(&r);
	return s;
}

static antt_status op_count(antt_db *db, antt_err *err)
{
	count_row *rows = NULL;
	count_commune *c = NULL;
	size_t n;
	antt_status s;

	if ((s = count_by_type(db, 2024, NULL, &rows, &n, err)) == ANTT_OK)
		s = count_by_commune(db, 2024, &c, &n, err);
	free(rows);
	free(c);
	return s;
}

/* a key of valid text refused for want of memory is no memory, not bad text */
static antt_status op_text_key(antt_db *db, antt_err *err)
{
	char *k = NULL;
	antt_status s = text_key_of("Trường Tiểu học Hòa Bình", &k);
	(void)db;
	(void)err;
	free(k);
	return s;
}

/* the targets and deadlines are settings: one not read for want of memory
 * is no memory, not "not set" */
static antt_status op_count_text(antt_db *db, antt_err *err)
{
	char *text = NULL;
	antt_status s = count_results_text(db, 2024, NULL, &text, err);
	free(text);
	return s;
}

static antt_status op_progress(antt_db *db, antt_err *err)
{
	progress_type *rows = NULL;
	progress_deadline d[2];
	size_t n;
	antt_status s;

	if ((s = progress_types(db, 2024, &rows, &n, err)) == ANTT_OK)
		s = progress_deadlines(db, 2024, "2024-11-30", d, err);
	free(rows);
	return s;
}

static antt_status op_tree(antt_db *db, antt_err *err)
{
	tree_view t = { 0 };
	antt_status s = tree_load(db, 2024, &t, err);
	if (s == ANTT_OK)
		s = tree_update(db, &t, "K1", err);
	tree_free(&t);
	return s;
}

/* Progress's communes: each year's rows with their names packed after
 * them (count_by_commune), then the two years' side by side, packed again
 * (progress_communes_of) */
static antt_status op_progress_communes(antt_db *db, antt_err *err)
{
	progress_commune *pc = NULL;
	size_t n = 0;
	antt_status s = progress_communes(db, 2024, &pc, &n, err);

	if (s == ANTT_OK && (n != 1 || strcmp(pc[0].code, "X1") || !pc[0].name[0]))
		fail_msg("the commune's row: %zu, %s", n, n ? pc[0].code : "");
	free(pc);
	return s;
}

/* Progress's figures from the tree (tree_tally): the year's and the one
 * before, a commune's code after the rows in their block, then the two
 * years side by side (progress_communes_of), as the screen makes them */
static antt_status op_tree_tally(antt_db *db, antt_err *err)
{
	tree_view t[2] = { { 0 }, { 0 } };
	count_row *types[2] = { NULL, NULL };
	count_commune *cm[2] = { NULL, NULL };
	size_t nt[2] = { 0, 0 }, nc[2] = { 0, 0 }, n = 0;
	progress_commune *pc = NULL;
	antt_status s = ANTT_OK;

	for (int k = 0; k < 2 && s == ANTT_OK; k++)
		if ((s = tree_load(db, 2024 - k, &t[k], err)) == ANTT_OK)
			s = tree_tally(&t[k], NULL, &types[k], &nt[k], &cm[k], &nc[k]);
	if (s == ANTT_OK && (s = progress_communes_of(cm[0], nc[0], cm[1], nc[1], &pc, &n)) == ANTT_OK &&
	    (n != 1 || strcmp(pc[0].code, "X1") || pc[0].name[0] || pc[0].units != 3))
		fail_msg("the commune's row: %zu, %s, %lld units", n, n ? pc[0].code : "", n ? pc[0].units : 0);
	free(pc);
	for (int k = 0; k < 2; k++) {
		free(types[k]);
		free(cm[k]);
		tree_free(&t[k]);
	}
	return s;
}

static int drift_one(const drift_row *row, void *ctx)
{
	(void)row;
	(void)ctx;
	return 0;
}

static antt_status op_drift(antt_db *db, antt_err *err)
{
	int other = 0;
	return drift_scan(db, drift_one, NULL, &other, err);
}

static antt_status op_submit_under(antt_db *db, antt_err *err)
{
	assess_bulk b;
	antt_status s = assess_submit_under(db, "X1", 2024, &b, err);
	if (s == ANTT_OK)
		assess_bulk_free(&b);
	return s;
}

static antt_status op_recognise_import(antt_db *db, antt_err *err)
{
	int n = 0;
	return recognise_import_csv(db, tu_path("r.csv"), &n, err);
}

static antt_status op_export(antt_db *db, antt_err *err)
{
	sync_export_opts o = { .year = 2024, .path = tu_path("x1.antt") };
	sync_counts c;
	antt_status s = sync_export(db, &o, &c, err);
	if (s != ANTT_OK && access(o.path, F_OK) == 0)
		fail_msg("sync_export failed (%s) and left %s", antt_strerror(s), o.path);
	if (s == ANTT_OK)
		unlink(o.path);
	return s;
}

static antt_status op_tally(antt_db *db, antt_err *err)
{
	report_layout *l = NULL;
	tally t;
	antt_status s;

	if ((s = layout_load("forms/reports/tong-hop.yaml", NULL, NULL, &l, err)) != ANTT_OK)
		return s;
	if ((s = tally_compute(db, 2024, NULL, l, &t, err)) == ANTT_OK)
		tally_free(&t);
	layout_free(l);
	return s;
}

/* The figures on the report's second connection (report_twin.c): its
 * begin and the count on its thread (the main thread waits for it, so the
 * allocations come one at a time, in order). On this file, no other antt
 * writing, only memory refuses the twin: a begin refused is counted
 * ANTT_ERR_NOMEM here (report_write counts on its own connection then). */
static antt_status op_twin(antt_db *db, antt_err *err)
{
	report_layout *l = NULL;
	report_twin tw;
	tally t;
	antt_status s;

	if ((s = layout_load("forms/reports/tong-hop.yaml", NULL, NULL, &l, err)) != ANTT_OK)
		return s;
	if (sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("twin: %s", sqlite3_errmsg(db->sql));
	if (!report_twin_begin(&tw, db))
		s = ANTT_ERR_NOMEM;
	else if (!report_twin_count(&tw, 2024, NULL, l, &t))
		fail_msg("twin: no thread");
	else if ((s = report_twin_end(&tw, err)) == ANTT_OK)
		tally_free(&t);
	sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL);
	layout_free(l);
	return s;
}

static antt_status op_register(antt_db *db, antt_err *err)
{
	reg_lists *l = NULL;
	reg_figures f;
	antt_status s;

	if ((s = reg_lists_load(&l, err)) == ANTT_OK)
		s = reg_year_figures(db, l, 2024, NULL, &f, err);
	reg_lists_free(l);
	return s;
}

/* X1 with K1, K2 (K1 answered and recognised) and a school T1, and a
 * units file adding K3..K5 */
static antt_db *fixture(void)
{
	antt_db *db = tu_commune(2);
	antt_err err = { "" };
	if (unit_add(db, "T1", "co-so-giao-duc", "Trường Tiểu học Hòa Bình", "X1", &err) != ANTT_OK ||
	    answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err) != ANTT_OK)
		fail_msg("fixture: %s", err.msg);
	tu_recognise(db, "K1", 2024);
	if (db_setting_set(db, "target_khu-dan-cu", "80", &err) != ANTT_OK ||
	    db_setting_set(db, "deadline_khu-dan-cu", "11-10", &err) != ANTT_OK)
		fail_msg("fixture: %s", err.msg);
	tu_write(tu_path("u.csv"), "code,parent_code,type,name\nK3,X1,khu dân cư,Thôn 3\n"
		"K4,X1,khu-dan-cu,\"Thôn 4, xóm Đông\"\nK5,X1,khu dân cư,Thôn 5\n");
	return db;
}

static void files_and_text(void **state)
{
	antt_db *db = fixture();
	(void)state;
	each_allocation_refused("csvtab_read", db, op_csvtab, NULL);
	each_allocation_refused("ydoc", db, op_ydoc, NULL);
	each_allocation_refused("layout_load", db, op_layout, NULL);
	each_allocation_refused("form_load_file", db, op_form, NULL);
	each_allocation_refused("text_clean", db, op_text, NULL);
	each_allocation_refused("text_key_of", db, op_text_key, NULL);
	tu_cleanup(db);
}

static void reads_of_the_database(void **state)
{
	antt_db *db = fixture();
	(void)state;
	each_allocation_refused("assess_load", db, op_assess_load, NULL);
	each_allocation_refused("count", db, op_count, NULL);
	each_allocation_refused("count_results_text", db, op_count_text, NULL);
	each_allocation_refused("progress", db, op_progress, NULL);
	each_allocation_refused("progress_communes", db, op_progress_communes, NULL);
	each_allocation_refused("tally_compute", db, op_tally, NULL);
	each_allocation_refused("tally_compute beside (report_twin)", db, op_twin, NULL);
	each_allocation_refused("register", db, op_register, NULL);
	each_allocation_refused("tree", db, op_tree, NULL);
	each_allocation_refused("tree_tally", db, op_tree_tally, NULL);
	each_allocation_refused("drift_scan", db, op_drift, NULL);
	each_allocation_refused("sync_export", db, op_export, NULL);
	tu_cleanup(db);
}

/* A search with an allocation refused lists what it lists with none:
 * find_hits out of memory leaves each row to be searched on its own
 * (tree_filter.c), the same units found; the search refused whole (its
 * key not made) is no search, and shown as none. One unit's key is
 * longer than a name can give (a database written by another program):
 * its last word is found too. */
static void searches_without_memory(void **state)
{
	static const char *const searches[] = { "thon", "w0099abcde", "hoa x1", "k 3", "w0000abcde w0099", "zz" };
	antt_db *db = fixture();
	char name[1200] = "";
	tree_view t;
	antt_err err = { "" };

	(void)state;
	for (int w = 0; w < 100; w++)
		snprintf(name + strlen(name), sizeof(name) - strlen(name), "%sw%04dabcde", w ? " " : "", w);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db->sql, "INSERT INTO units (uuid, code, name, name_key, type, parent_id)"
			" VALUES ('L1', 'L1', 'Thôn dài', ?1, 'khu-dan-cu', (SELECT id FROM units WHERE code = 'X1'))", -1, &st,
			NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
	}
	if (tree_load(db, 2024, &t, &err) != ANTT_OK)
		fail_msg("tree_load: %s", err.msg);
	for (size_t q = 0; q < sizeof(searches) / sizeof(*searches); q++) {
		uint32_t want[16];
		size_t n_want;
		long n;
		tree_filter(&t, NULL, -1, searches[q]);
		n_want = t.n_vis;
		assert_true(n_want <= 16);
		memcpy(want, t.vis, n_want * sizeof(*want));
		for (n = 1; n < 1000; n++) {
			for (int keep = 0; keep < 2; keep++) {
				tree_filter(&t, NULL, -1, "");   /* the next search is worked out again */
				refused = 0;
				persistent = keep;
				countdown = n;
				tree_filter(&t, NULL, -1, searches[q]);
				countdown = 0;
				persistent = 0;
				if (refused && !t.search[0]) {   /* the key not made: no search, none shown */
					assert_string_equal(t.typed, "");
					assert_int_equal(t.n_vis, t.n);
				} else if (t.n_vis != n_want || memcmp(t.vis, want, n_want * sizeof(*want)))
					fail_msg("\"%s\" with allocation %ld%s (asked at 0x%lx) refused: %zu units, %zu without",
						searches[q], n, keep ? " and every later one" : "", where(), t.n_vis, n_want);
			}
			if (!refused)
				break;
		}
		print_message("search \"%s\": %ld allocations, each refused alone and with every later one\n",
			searches[q], n - 1);
	}
	tree_free(&t);
	tu_cleanup(db);
}

static void writes_lose_nothing(void **state)
{
	antt_db *db = fixture();
	(void)state;
	each_allocation_refused("unit_import_csv", db, op_unit_import, "SELECT count(*) FROM units");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), 7);
	each_allocation_refused("answer_set", db, op_answer_set, "SELECT count(*) FROM answers");
	each_allocation_refused("answer_set (choice)", db, op_answer_choice, "SELECT count(*) FROM answers");
	tu_write(tu_path("a.csv"), "unit_code,year,criterion,value,note,exception\n"
		"K2,2024,1.1,có,,0\nK2,2024,4b,không,bất khả kháng: lũ,x\n");
	each_allocation_refused("answer_import_csv", db, op_answer_import, "SELECT count(*) FROM answers");
	each_allocation_refused("reg_model_add", db, op_reg_model, "SELECT count(*) FROM models");
	each_allocation_refused("reg_activity_add", db, op_reg_activity, "SELECT count(*) FROM activities");
	each_allocation_refused("reg_commendation_add", db, op_reg_commendation, "SELECT count(*) FROM commendations");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM activities WHERE kind = 'tuyen-truyen'"), 1);
	each_allocation_refused("assess_submit_under", db, op_submit_under,
		"SELECT count(*) FROM assessments WHERE status = 'submitted'");
	tu_write(tu_path("r.csv"), "unit_code,year,decision_no,date,authority\n"
		"K2,2024,15/QĐ-UBND,12/11/2024,Chủ tịch UBND xã Hòa Bình\n");
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'approved'"
		" WHERE unit_id = (SELECT id FROM units WHERE code = 'K2')", NULL, NULL, NULL), SQLITE_OK);
	tu_as_leader(db);
	each_allocation_refused("recognise_import_csv", db, op_recognise_import, "SELECT count(*) FROM recognitions");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM answers WHERE value = 'Không có lực lượng bảo vệ'"), 1);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(files_and_text),
		cmocka_unit_test(reads_of_the_database),
		cmocka_unit_test(searches_without_memory),
		cmocka_unit_test(writes_lose_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
