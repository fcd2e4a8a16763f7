/* score sheets and registers: arithmetic with sub-items and deductions,
 * caps, class boundaries, "not xuất sắc unless đạt", refusals, kept and new
 * models across years, dates outside the year, and the candidates' list. */
#include "testutil.h"
#include "assess.h"
#include "recognise.h"
#include "register.h"
#include "score.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *setup_units(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "C1", "co-quan", "Trạm Y tế", "X1", &err));
	OK(unit_add(db, "C2", "co-quan", "Bưu điện", "X1", &err));
	return db;
}

static double total(antt_db *db, const char *code, int reviewer, int *cls)
{
	score_result r;
	double t;
	OK(score_load(db, code, 2024, &r, &err));
	t = reviewer ? r.reviewer_total : r.self_total;
	*cls = r.cls;
	score_result_free(&r);
	return t;
}

/* Score 0 on every item the unit has no self-score for: a complete sheet. */
static void zero_the_rest(antt_db *db, const char *code)
{
	score_result r;
	OK(score_load(db, code, 2024, &r, &err));
	for (size_t i = 0; i < r.sheet->n_items; i++)
		if (r.sheet->items[i].leaf && !r.e[i].has_self)
			OK(score_set(db, code, 2024, r.sheet->items[i].id, "0", NULL, &err));
	score_result_free(&r);
}

static void arithmetic_with_groups_and_deductions(void **state)
{
	antt_db *db = setup_units();
	int cls;
	(void)state;
	tu_as_leader(db);   /* the reviewer's scores */
	OK(score_set(db, "C1", 2024, "1", "3", "2,5", &err));
	OK(score_set(db, "C1", 2024, "4a", "1", NULL, &err));
	OK(score_set(db, "C1", 2024, "4b", "4", NULL, &err));
	OK(score_set(db, "C1", 2024, "8", "2", "1", &err));       /* 2 incidents × 5 = -10 */
	assert_true(total(db, "C1", 0, &cls) == 0);              /* 3 + 1 + 4 - 10, clamped at 0 */
	OK(score_set(db, "C1", 2024, "6", "34", "34", &err));
	assert_true(total(db, "C1", 0, &cls) == 3 + 1 + 4 + 34 - 10);
	assert_true(total(db, "C1", 1, &cls) == 2.5 + 34 - 5);
	/* refusals name the field */
	assert_int_equal(score_set(db, "C1", 2024, "1", "4", NULL, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "vượt điểm chuẩn 3");
	assert_int_equal(score_set(db, "C1", 2024, "1", "-1", NULL, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không được âm");
	assert_int_equal(score_set(db, "C1", 2024, "8", "5", NULL, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "vượt mức trừ tối đa 20");
	assert_int_equal(score_set(db, "C1", 2024, "8", "1,5", NULL, &err), ANTT_ERR_INVALID);
	assert_int_equal(score_set(db, "C1", 2024, "4", "1", NULL, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từng ý");
	assert_int_equal(score_set(db, "C1", 2024, "99", "1", NULL, &err), ANTT_ERR_NOT_FOUND);
	tu_cleanup(db);
}

static void classes_and_the_standard_rule(void **state)
{
	antt_db *db = setup_units();
	int cls;
	(void)state;
	OK(score_set(db, "C2", 2024, "6", "34", NULL, &err));
	OK(score_set(db, "C2", 2024, "7", "30", NULL, &err));
	OK(score_set(db, "C2", 2024, "5", "5", NULL, &err));       /* 69 */
	{
		/* a half-scored sheet is no class yet (issue 13, item 17) */
		score_result r;
		OK(score_load(db, "C2", 2024, &r, &err));
		assert_int_equal(r.cls, -1);
		assert_int_equal(r.missing, 6);                         /* 1, 2, 3, 4a, 4b, 8 */
		score_result_free(&r);
	}
	OK(score_set(db, "C2", 2024, "1", "0", NULL, &err));
	OK(score_set(db, "C2", 2024, "2", "0", NULL, &err));
	OK(score_set(db, "C2", 2024, "3", "0", NULL, &err));
	OK(score_set(db, "C2", 2024, "4a", "0", NULL, &err));
	OK(score_set(db, "C2", 2024, "4b", "0", NULL, &err));
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, -1);                                  /* one left: 8 */
	OK(score_set(db, "C2", 2024, "8", "0", NULL, &err));       /* complete: 69 */
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, CLASS_TRUNG_BINH);
	OK(score_set(db, "C2", 2024, "1", "1", NULL, &err));       /* 70 */
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, CLASS_KHA);
	OK(score_set(db, "C2", 2024, "5", "20", NULL, &err));      /* 85 */
	OK(score_set(db, "C2", 2024, "3", "5", NULL, &err));       /* 90 */
	{
		score_result r;
		OK(score_load(db, "C2", 2024, &r, &err));
		assert_true(r.self_total == 90);
		assert_int_equal(r.cls, CLASS_KHA);                     /* not assessed: no xuất sắc */
		assert_true(r.capped);
		score_result_free(&r);
	}
	OK(answer_set(db, "C2", 2024, "*", "đạt", NULL, -1, &err));
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, CLASS_XUAT_SAC);
	/* the office moves the cut-offs; a list that does not increase is ignored */
	OK(db_setting_set(db, "class_min_xuat-sac", "95", &err));
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, CLASS_KHA);
	OK(db_setting_set(db, "class_min_kha", "96", &err));
	total(db, "C2", 0, &cls);
	assert_int_equal(cls, CLASS_XUAT_SAC);
	tu_cleanup(db);
}

static void sheet_cutoffs_must_increase(void **state)
{
	const char *bad = "kind: score-sheet\nregulation: R\nversion: \"1\"\ntitle: T\nunit_types: [co-quan]\n"
		"classes:\n  - {class: yeu, min: 0}\n  - {class: trung-binh, min: 50}\n  - {class: kha, min: 40}\n"
		"  - {class: xuat-sac, min: 90}\nitems:\n  - {id: \"1\", label: L, max: 100}\n";
	score_sheet *s = NULL;
	(void)state;
	assert_int_equal(score_sheet_load_text("bad.yaml", bad, strlen(bad), &s, &err), ANTT_ERR_FORM);
	assert_null(s);
	assert_contains(err.msg, "bad.yaml:9:");
	assert_contains(err.msg, "phải tăng dần");
}

static void models_kept_and_new_across_years(void **state)
{
	antt_db *db = setup_units();
	reg_lists *l;
	reg_figures f;
	(void)state;
	OK(reg_lists_load(&l, &err));
	OK(reg_model_add(db, "X1", "Tổ tự quản 1", "Tổ nhân dân tự quản", 2023, 1, 1, 10, &err));
	OK(reg_model_add(db, "X1", "Camera thôn Đông", "camera giam sat an ninh", 2024, 4, 1, 6, &err));
	OK(reg_model_add(db, "X1", "Hội quán cũ", "Hội quán", 2022, 1, 1, 20, &err));
	OK(reg_model_end(db, 3, 2023, &err));                          /* stopped after 2023 */
	OK(reg_year_figures(db, l, 2024, NULL, &f, &err));
	assert_int_equal(f.models, 2);
	assert_int_equal(f.models_kept, 1);
	assert_int_equal(f.models_new, 1);
	assert_int_equal(f.members, 16);
	OK(reg_year_figures(db, l, 2023, NULL, &f, &err));
	assert_int_equal(f.models, 2);
	assert_int_equal(f.models_new, 1);
	assert_int_equal(reg_model_add(db, "X1", "M", "Máy bay", 2024, 0, 0, 0, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "loại mô hình");
	assert_int_equal(reg_activity_add(db, "X1", 2024, "phat-dong", "2023-12-31", 10, "", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không thuộc năm 2024");
	OK(reg_activity_add(db, "X1", 2024, "Cuộc phát động", "2024-03-01", 120, "", &err));
	assert_int_equal(reg_tipoff_set(db, "X1", 2024, 3, 5, "", &err), ANTT_ERR_INVALID);
	assert_int_equal(reg_commendation_add(db, "X9", 2024, "giay-khen-giam-doc", 1, "", "", "", "", &err), ANTT_ERR_NOT_FOUND);
	OK(reg_year_figures(db, l, 2024, NULL, &f, &err));
	assert_int_equal(f.launches, 1);
	assert_int_equal(f.launch_participants, 120);
	reg_lists_free(l);
	tu_cleanup(db);
}

static void import_refuses_unknown_units_whole(void **state)
{
	antt_db *db = setup_units();
	int n;
	(void)state;
	tu_write(tu_path("m.csv"), "unit_code,name,kind,year_started,places,teams,members\n"
		"X1,Tổ 1,Tổ nhân dân tự quản,2024,1,1,9\nX9,Tổ 2,Tổ nhân dân tự quản,2024,1,1,9\n");
	assert_int_equal(reg_import_csv(db, "models", tu_path("m.csv"), &n, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "dòng 3");
	assert_contains(err.msg, "\"X9\"");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM models"), 0);
	{   /* the full list for the screens: every bad line */
		char *all = NULL;
		assert_int_equal(reg_import_csv_list(db, "models", tu_path("m.csv"), &n, &all, &err), ANTT_ERR_CSV);
		assert_non_null(all);
		assert_contains(all, "dòng 3: ");
		free(all);
	}
	tu_cleanup(db);
}

/* As with criteria sets: a sheet stored by an import that was rolled back
 * gives its row id back; the next sheet stored must not be read as it. */
static void rolled_back_sheet_is_not_remembered_by_id(void **state)
{
	antt_db *db = setup_units();
	score_result r;
	int n;
	(void)state;
	OK(unit_add(db, "K1", "khu-dan-cu", "Thôn 1", "X1", &err));
	tu_write(tu_path("s.csv"), "C1,2024,1,3\nZZ,2024,1,1\n");
	assert_int_equal(score_import_csv(db, tu_path("s.csv"), &n, &err), ANTT_ERR_CSV);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM criteria_sets"), 0);
	OK(score_set(db, "K1", 2024, "1", "1", NULL, &err));
	OK(score_load(db, "K1", 2024, &r, &err));
	assert_string_equal(r.sheet->unit_types[0], "khu-dan-cu");
	score_result_free(&r);
	tu_cleanup(db);
}

static int count_candidates(const reg_candidate *c, void *ctx)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

/* Candidates are units được công nhận (a decision) and classed khá or above. */
static void candidates_met_the_standard_and_khá(void **state)
{
	antt_db *db = setup_units();
	int n = 0;
	(void)state;
	/* C1: đạt, 80 points; C2: đạt, 60 points; X1: not assessed */
	OK(answer_set(db, "C1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "C2", 2024, "*", "đạt", NULL, -1, &err));
	OK(score_set(db, "C1", 2024, "6", "34", NULL, &err));
	OK(score_set(db, "C1", 2024, "7", "30", NULL, &err));
	OK(score_set(db, "C1", 2024, "5", "16", NULL, &err));
	OK(score_set(db, "C2", 2024, "6", "34", NULL, &err));
	OK(score_set(db, "C2", 2024, "7", "26", NULL, &err));
	OK(reg_candidates(db, 2024, NULL, count_candidates, &n, &err));
	assert_int_equal(n, 0);                                     /* half-scored sheets: no class */
	zero_the_rest(db, "C1");
	zero_the_rest(db, "C2");
	OK(reg_candidates(db, 2024, NULL, count_candidates, &n, &err));
	assert_int_equal(n, 0);   /* đạt by its own verdict: not yet a candidate */
	{
		/* approved (the rights are test_auth's concern) and recognised */
		const char *const both[] = { "C1", "C2" };
		int added;
		assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'approved'", NULL, NULL, NULL), SQLITE_OK);
		OK(recognise_record_tx(db, &(recognise_decision){ "45/QĐ-UBND", "10/11/2024", "Chủ tịch UBND xã Hòa Bình", NULL },
			2024, both, 2, &added, &err));
	}
	n = 0;
	OK(reg_candidates(db, 2024, NULL, count_candidates, &n, &err));
	assert_int_equal(n, 1);   /* C1 with 80 points; C2 has 60 */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE assessments SET status = 'draft' WHERE unit_id ="
		" (SELECT id FROM units WHERE code = 'C1')", NULL, NULL, NULL), SQLITE_OK);   /* reopened: withdrawn */
	n = 0;
	OK(reg_candidates(db, 2024, NULL, count_candidates, &n, &err));
	assert_int_equal(n, 0);
	OK(reg_propose(db, "C2", 2024, 1, &err));
	assert_int_equal(tu_int(db, "SELECT proposed FROM candidates"), 1);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arithmetic_with_groups_and_deductions),
		cmocka_unit_test(classes_and_the_standard_rule),
		cmocka_unit_test(sheet_cutoffs_must_increase),
		cmocka_unit_test(models_kept_and_new_across_years),
		cmocka_unit_test(import_refuses_unknown_units_whole),
		cmocka_unit_test(rolled_back_sheet_is_not_remembered_by_id),
		cmocka_unit_test(candidates_met_the_standard_and_khá),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
