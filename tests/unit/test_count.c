/* count: the one counting model. Three figures kept apart (tự đánh giá
 * đạt, đã duyệt, được công nhận), excluded units out of the base, one rate,
 * and the summary, the progress figures and the report's tally reading the
 * same numbers. */
#include "testutil.h"
#include "assess.h"
#include "count.h"
#include "layout.h"
#include "progress.h"
#include "recognise.h"
#include "tally.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void approve(antt_db *db, const char *code, int year)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE assessments SET status = 'approved' WHERE year = %d"
		" AND unit_id = (SELECT id FROM units WHERE code = '%s')", year, code);
	assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void recognise(antt_db *db, const char *code, int year)
{
	int added = 0;
	approve(db, code, year);
	OK(recognise_record_tx(db, &(recognise_decision){ "7/QĐ-UBND", "12/11/2024", "Chủ tịch UBND xã Hòa Bình", NULL },
		year, &code, 1, &added, &err));
	assert_int_equal(added, 1);
}

/* H: X1 (K1, K2, G1 excluded), X2 (K3), CQ directly under H.
 * 2024: K1 đạt approved recognised, K2 đạt approved, K3 đạt being entered,
 * CQ chưa đạt. 2023: K1 đạt recognised. */
static antt_db *district(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "H", "huyen", "Huyện Sông Lam", NULL, &err));
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", "H", &err));
	OK(unit_add(db, "X2", "xa", "Xã Đồng Tâm", "H", &err));
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn Đoài", "X1", &err));
	OK(unit_add(db, "G1", "co-so-giao-duc", "Trường Tiểu học Hòa Bình", "X1", &err));
	OK(unit_add(db, "K3", "khu-dan-cu", "Thôn Hà", "X2", &err));
	OK(unit_add(db, "CQ", "co-quan", "Kho bạc huyện", "H", &err));
	OK(assess_set_excluded(db, "G1", 1, &err));
	OK(answer_set(db, "K1", 2023, "*", "đạt", NULL, -1, &err));
	recognise(db, "K1", 2023);
	for (const char *const *c = (const char *const[]){ "K1", "K2", "K3", "CQ", NULL }; *c; c++)
		OK(answer_set(db, *c, 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "CQ", 2024, "3d", "không", NULL, -1, &err));
	recognise(db, "K1", 2024);
	approve(db, "K2", 2024);
	approve(db, "CQ", 2024);
	return db;
}

static const count_row *type_row(const count_row *rows, size_t n, const char *type)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].type, type))
			return &rows[i];
	fail_msg("no row for %s", type);
	return NULL;
}

static void three_figures_stay_apart(void **state)
{
	antt_db *db = district();
	count_row *rows;
	const count_row *k, *c;
	size_t n;
	(void)state;
	OK(count_by_type(db, 2024, NULL, &rows, &n, &err));
	k = type_row(rows, n, "khu-dan-cu");
	assert_int_equal(k->total, 3);
	assert_int_equal(k->registered, 3);
	assert_int_equal(k->assessed, 3);
	assert_int_equal(k->passed, 3);       /* tự đánh giá đạt */
	assert_int_equal(k->approved, 2);     /* đã duyệt */
	assert_int_equal(k->recognised, 1);   /* được công nhận */
	assert_true(count_rate(k) > 33.3 && count_rate(k) < 33.4);
	c = type_row(rows, n, "co-quan");
	assert_int_equal(c->assessed, 1);
	assert_int_equal(c->passed, 0);
	assert_int_equal(c->approved, 0);     /* approved, but chưa đạt */
	c = type_row(rows, n, "co-so-giao-duc");
	assert_int_equal(c->total, 1);
	assert_int_equal(c->excluded, 1);
	assert_int_equal(count_in_scope(c), 0);
	assert_true(count_rate(c) < 0);       /* nothing to assess: no rate */
	/* types in their order: xa before khu-dan-cu before co-quan */
	assert_string_equal(rows[0].type, "xa");
	assert_string_equal(rows[1].type, "khu-dan-cu");
	free(rows);
	/* under a commune: itself and its units only */
	OK(count_by_type(db, 2024, "X1", &rows, &n, &err));
	assert_int_equal(type_row(rows, n, "xa")->total, 1);
	assert_int_equal(type_row(rows, n, "khu-dan-cu")->total, 2);
	assert_int_equal(type_row(rows, n, "khu-dan-cu")->recognised, 1);
	free(rows);
	/* last year */
	OK(count_by_type(db, 2023, NULL, &rows, &n, &err));
	assert_int_equal(type_row(rows, n, "khu-dan-cu")->recognised, 1);
	assert_int_equal(type_row(rows, n, "khu-dan-cu")->registered, 1);
	free(rows);
	assert_int_equal(count_by_type(db, 2024, "NOPE", &rows, &n, &err), ANTT_ERR_NOT_FOUND);
	tu_cleanup(db);
}

static void one_rate_function(void **state)
{
	count_row r = { .total = 10, .excluded = 2, .recognised = 6 };
	(void)state;
	assert_true(count_pct(1, 4) > 24.99 && count_pct(1, 4) < 25.01);
	assert_true(count_pct(0, 0) < 0);
	assert_true(count_rate(&r) > 74.99 && count_rate(&r) < 75.01);   /* 6 of the 8 to assess */
	assert_true(progress_pct(3, 4) == count_pct(3, 4));             /* the screen's name for it */
}

static int collect(size_t top, const count_row *r, void *ctx)
{
	long long *per_top = ctx;
	per_top[top] += r->total;
	return 0;
}

static void communes_and_tops(void **state)
{
	antt_db *db = district();
	count_commune *c;
	sqlite3_int64 tops[2];
	long long per_top[2] = { 0, 0 };
	size_t n;
	(void)state;
	OK(count_by_commune(db, 2024, &c, &n, &err));
	assert_int_equal(n, 2);
	assert_string_equal(c[0].code, "X1");
	assert_int_equal(c[0].units.total, 3);          /* K1, K2, G1; not X1 itself */
	assert_int_equal(c[0].units.total - c[0].units.excluded, 2);
	assert_int_equal(c[0].units.approved, 2);
	assert_int_equal(c[0].units.recognised, 1);
	assert_int_equal(c[0].verdict, -2);             /* X1 did not register */
	assert_int_equal(c[1].units.passed, 1);
	assert_int_equal(c[1].units.approved, 0);
	free(c);
	tops[0] = tu_int(db, "SELECT id FROM units WHERE code = 'X2'");
	tops[1] = tu_int(db, "SELECT id FROM units WHERE code = 'X1'");
	OK(count_below(db, 2024, tops, 2, 0, collect, per_top, &err));
	assert_int_equal(per_top[0], 1);
	assert_int_equal(per_top[1], 3);
	per_top[0] = per_top[1] = 0;
	OK(count_below(db, 2024, tops, 2, 1, collect, per_top, &err));
	assert_int_equal(per_top[0], 2);                /* with the tops themselves */
	assert_int_equal(per_top[1], 4);
	tu_cleanup(db);
}

/* The summary, the progress screen and the report's tally are one model:
 * the same numbers for the same year. */
static void summary_progress_and_report_agree(void **state)
{
	antt_db *db = district();
	report_layout *l = NULL;
	count_row *rows;
	progress_type *pt;
	tally t;
	size_t n, np;
	(void)state;
	OK(count_by_type(db, 2024, NULL, &rows, &n, &err));
	OK(progress_types(db, 2024, &pt, &np, &err));
	assert_int_equal(n, np);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(pt[i].now.type, rows[i].type);
		assert_memory_equal(&pt[i].now, &rows[i], sizeof(rows[i]));
	}
	OK(layout_load("forms/reports/tong-hop.yaml", NULL, NULL, &l, &err));
	OK(tally_compute(db, 2024, NULL, l, &t, &err));
	for (size_t g = 0; g < l->n_groups; g++)
		if (!strcmp(l->groups[g].types[0], "khu-dan-cu")) {
			const count_row *k = type_row(rows, n, "khu-dan-cu");
			assert_int_equal(count_in_scope(&t.totals[g]), count_in_scope(k));
			assert_int_equal(t.totals[g].recognised, k->recognised);
			assert_int_equal(t.totals[g].approved, k->approved);
			assert_int_equal(t.prev[g].recognised, 1);
		}
	tally_free(&t);
	layout_free(l);
	free(pt);
	free(rows);
	tu_cleanup(db);
}

static void no_scores_no_classes(void **state)
{
	antt_db *db = district();
	count_class *rows, *tot;
	size_t n, nt;
	(void)state;
	OK(count_classes(db, 2024, NULL, &rows, &n, &tot, &nt, &err));
	assert_int_equal(n, 0);
	assert_int_equal(nt, 0);
	free(rows);
	free(tot);
	tu_cleanup(db);
}

/* The paragraph provinces write, from the same figures, word for word. */
static void results_paragraph(void **state)
{
	antt_db *db = district();
	char *t = NULL;
	(void)state;
	OK(count_results_text(db, 2024, NULL, &t, &err));
	assert_string_equal(t, "Năm 2024, toàn huyện có 1/3 khu dân cư, 0/2 xã và 0/1 cơ quan được công nhận đạt tiêu chuẩn "
		"\"An toàn về an ninh, trật tự\" (tỷ lệ chung 16,7 %); so với năm 2023 (16,7 %), tỷ lệ không đổi; so với chỉ tiêu: "
		"khu dân cư 33,3 %/95 % (chưa đạt), xã 0,0 %/95 % (chưa đạt), cơ quan 0,0 %/90 % (chưa đạt).");
	free(t);
	OK(db_setting_set(db, "target_khu-dan-cu", "30", &err));
	OK(count_results_text(db, 2022, "X1", &t, &err));
	/* under a commune the paragraph names it (review 10b) */
	assert_string_equal(t, "Năm 2022, toàn xã Hòa Bình có 0/2 khu dân cư và 0/1 xã được công nhận đạt tiêu chuẩn "
		"\"An toàn về an ninh, trật tự\" (tỷ lệ chung 0,0 %); năm 2021 chưa có số liệu để so sánh; so với chỉ tiêu: "
		"khu dân cư 0,0 %/30 % (chưa đạt), xã 0,0 %/95 % (chưa đạt).");
	free(t);
	OK(count_results_text(db, 2024, "X2", &t, &err));
	assert_non_null(strstr(t, "toàn xã Đồng Tâm có 0/1 khu dân cư và 0/1 xã"));
	free(t);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_figures_stay_apart),
		cmocka_unit_test(one_rate_function),
		cmocka_unit_test(communes_and_tops),
		cmocka_unit_test(summary_progress_and_report_agree),
		cmocka_unit_test(no_scores_no_classes),
		cmocka_unit_test(results_paragraph),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
