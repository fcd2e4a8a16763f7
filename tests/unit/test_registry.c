/* The one registry of sets (registry.c): one rule for which file applies,
 * for criteria sets and score sheets alike (two that both apply are
 * refused, naming both, and nothing is stored); a bad file is refused every
 * time, never skipped; stored sets come back by their row. */
#include "testutil.h"
#include "form_store.h"
#include "score.h"
#include "unit.h"

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

/* A copy of forms/ in the test folder, changed by a shell command (run in
 * that copy), and ANTT_FORMS pointing at it. */
static void forms_copy(const char *change)
{
	char cmd[1200];

	snprintf(cmd, sizeof(cmd), "cp -R forms '%s/forms' && cd '%s/forms' && %s", tu_dir, tu_dir, change);
	assert_int_equal(system(cmd), 0);
	setenv("ANTT_FORMS", tu_path("forms"), 1);
}

static antt_db *units(void)
{
	antt_db *db = tu_open();
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "C1", "co-quan", "Trạm Y tế", "X1", &err));
	return db;
}

static void done(antt_db *db)
{
	setenv("ANTT_FORMS", "forms", 1);
	tu_cleanup(db);
}

/* 1. Two score sheets for the same type and year: refused, naming both,
 * and no sheet stored (the old registry silently took the last one). */
static void two_score_sheets_are_refused(void **state)
{
	antt_db *db = units();
	score_result r;
	(void)state;
	forms_copy("cp qd510-2022/co-quan-doanh-nghiep-giao-duc.yaml qd510-2022/ban-sao.yaml && "
		"echo '# ban sao' >> qd510-2022/ban-sao.yaml");
	assert_int_equal(score_set(db, "C1", 2024, "1", "3", NULL, &err), ANTT_ERR_FORM);
	assert_contains(err.msg, "hai phiếu chấm điểm cùng áp dụng cho loại co-quan năm 2024");
	assert_contains(err.msg, "ban-sao.yaml");
	assert_contains(err.msg, "co-quan-doanh-nghiep-giao-duc.yaml");
	assert_int_equal(score_load(db, "C1", 2024, &r, &err), ANTT_ERR_FORM);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM criteria_sets"), 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM scores"), 0);
	done(db);
}

/* 2. The same rule for criteria sets. */
static void two_criteria_sets_are_refused(void **state)
{
	antt_db *db = units();
	const form *f;
	sqlite3_int64 id = 0;
	(void)state;
	forms_copy("cp tt124-2021/co-quan-doanh-nghiep.yaml tt124-2021/ban-sao.yaml && "
		"echo '# ban sao' >> tt124-2021/ban-sao.yaml");
	assert_int_equal(form_for_new(db, "co-quan", 2024, &f, &id, &err), ANTT_ERR_FORM);
	assert_contains(err.msg, "hai bộ tiêu chí cùng áp dụng cho loại co-quan năm 2024");
	assert_contains(err.msg, "ban-sao.yaml");
	assert_null(f);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM criteria_sets"), 0);
	done(db);
}

/* 3. None applies: said for either kind, with the kind's name. */
static void none_applies_is_said(void **state)
{
	antt_db *db = units();
	score_result r;
	(void)state;
	forms_copy("rm qd510-2022/co-quan-doanh-nghiep-giao-duc.yaml");
	assert_int_equal(score_load(db, "C1", 2024, &r, &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "không có phiếu chấm điểm nào cho loại đơn vị co-quan năm 2024");
	done(db);
}

/* 4. A bad sheet is refused on every call, not only the first. */
static void bad_file_is_refused_every_time(void **state)
{
	antt_db *db = units();
	score_result r;
	(void)state;
	forms_copy("echo 'kind: score-sheet' > qd510-2022/hong.yaml");
	for (int i = 0; i < 2; i++) {
		assert_int_not_equal(score_load(db, "C1", 2024, &r, &err), ANTT_OK);
		assert_contains(err.msg, "hong.yaml");
	}
	done(db);
}

/* 5. A stored set comes back by its row, the same object while the handle
 * lives; a row that is not there is said. */
static void stored_sets_come_back_by_row(void **state)
{
	antt_db *db = units();
	const form *f, *again;
	sqlite3_int64 id = 0;
	(void)state;
	OK(db_begin(db, &err));
	OK(form_for_new(db, "co-quan", 2024, &f, &id, &err));
	OK(db_commit(db, &err));
	assert_true(id > 0);
	OK(form_for_set(db, id, &again, &err));
	assert_ptr_equal(f, again);
	assert_int_equal(form_for_set(db, id + 99, &again, &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "không có trong cơ sở dữ liệu");
	done(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_score_sheets_are_refused),
		cmocka_unit_test(two_criteria_sets_are_refused),
		cmocka_unit_test(none_applies_is_said),
		cmocka_unit_test(bad_file_is_refused_every_time),
		cmocka_unit_test(stored_sets_come_back_by_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
