/* register: the movement's registers. Rows are checked as they are added
 * (kinds from the lists file, dates in the year, counts in range) and a
 * refused one writes nothing; a year's figures add them up under a unit;
 * CSV import is all or nothing; rows read back as lines for a screen. */
#include "testutil.h"
#include "register.h"

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void rows_add_up_to_the_year(void **state)
{
	antt_db *db = tu_commune(2);
	reg_lists *l;
	reg_figures f;
	(void)state;
	OK(reg_lists_load(&l, &err));
	assert_true(l->n_levels >= 1 && l->n_levels <= REG_LEVELS_MAX);
	OK(reg_model_add(db, "K1", "Tổ tự quản 1", "Tổ nhân dân tự quản", 2023, 2, 1, 12, &err));
	OK(reg_model_add(db, "K2", "Camera xóm", "Camera giám sát an ninh", 2024, 5, 0, 0, &err));
	OK(reg_activity_add(db, "K1", 2024, "phat-dong", "15/03/2024", 120, NULL, &err));
	OK(reg_activity_add(db, "K2", 2024, "Cuộc phát động", "2024-04-01", 80, "đêm hội", &err));
	OK(reg_tipoff_set(db, "K1", 2024, 7, 3, NULL, &err));
	OK(reg_commendation_add(db, "X1", 2024, l->level_codes[0], 1, NULL, NULL, "5/QĐ", "01/12/2024", &err));
	OK(reg_year_figures(db, l, 2024, NULL, &f, &err));
	assert_int_equal(f.launches, 2);
	assert_int_equal(f.launch_participants, 200);
	assert_int_equal(f.models, 2);
	assert_int_equal(f.models_kept, 1);
	assert_int_equal(f.models_new, 1);
	assert_int_equal(f.places, 7);
	assert_int_equal(f.tipoffs, 7);
	assert_int_equal(f.tipoffs_valuable, 3);
	assert_int_equal(f.commendations[0], 1);
	assert_int_equal(f.collective, 1);
	OK(reg_year_figures(db, l, 2024, "K2", &f, &err));
	assert_int_equal(f.launches, 1);
	assert_int_equal(f.models, 1);
	assert_int_equal(f.tipoffs, 0);
	OK(reg_year_figures(db, l, 2023, NULL, &f, &err));
	assert_int_equal(f.models, 1);
	assert_int_equal(f.launches, 0);
	reg_lists_free(l);
	tu_cleanup(db);
}

static void refused_rows_write_nothing(void **state)
{
	antt_db *db = tu_commune(1);
	char iso[11];
	(void)state;
	assert_int_equal(reg_activity_add(db, "K1", 2024, "phat-dong", "31/02/2024", 10, NULL, &err), ANTT_ERR_INVALID);
	assert_int_equal(reg_check_date("15/03/2023", 2024, iso, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không thuộc năm 2024");
	OK(reg_check_date("15/03/2024", 2024, iso, &err));
	assert_string_equal(iso, "2024-03-15");
	assert_int_not_equal(reg_activity_add(db, "K1", 2024, "hop-chi-bo", "15/03/2024", 10, NULL, &err), ANTT_OK);
	assert_int_equal(reg_tipoff_set(db, "K1", 2024, 2, 3, NULL, &err), ANTT_ERR_INVALID);
	assert_int_equal(reg_model_add(db, "K1", "", "Hội quán", 2024, 1, 1, 1, &err), ANTT_ERR_INVALID);
	assert_int_equal(reg_model_add(db, "K1", "M", "Hội quán", 1999, 1, 1, 1, &err), ANTT_ERR_INVALID);
	assert_int_not_equal(reg_commendation_add(db, "K1", 2024, "khong-co", 0, "A", NULL, "1/QĐ", NULL, &err), ANTT_OK);
	assert_int_equal(reg_model_add(db, "KHONG", "M", "Hội quán", 2024, 1, 1, 1, &err), ANTT_ERR_NOT_FOUND);
	assert_int_equal(tu_int(db, "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM tipoffs)"
		" + (SELECT count(*) FROM models) + (SELECT count(*) FROM commendations)"), 0);
	tu_cleanup(db);
}

static void import_is_all_or_nothing(void **state)
{
	antt_db *db = tu_commune(2);
	int n = -1;
	(void)state;
	tu_write(tu_path("a.csv"), "unit_code,year,kind,date,participants,note\n"
		"K1,2024,phat-dong,15/03/2024,10,\nK2,2024,dien-dan,16/03/2024,20,\n");
	OK(reg_import_csv(db, "activities", tu_path("a.csv"), &n, &err));
	assert_int_equal(n, 2);
	tu_write(tu_path("b.csv"), "K1,2024,phat-dong,17/03/2024,10\nK2,2024,phat-dong,30/02/2024,20\n");
	assert_int_equal(reg_import_csv(db, "activities", tu_path("b.csv"), &n, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "dòng 2");
	assert_int_equal(tu_int(db, "SELECT count(*) FROM activities"), 2);
	assert_int_equal(reg_import_csv(db, "meetings", tu_path("a.csv"), &n, &err), ANTT_ERR_USAGE);
	tu_cleanup(db);
}

static int count_section(const char *section, long long id, const char *text, void *ctx)
{
	(void)id;
	if (!strcmp(section, "Mô hình") && strstr(text, "Thôn 1 — Tổ tự quản 1"))
		(*(int *)ctx)++;
	if (!strcmp(section, "Tin báo") && strstr(text, "7 tin, 3 có giá trị"))
		(*(int *)ctx) += 10;
	return 0;
}

static void rows_read_as_lines(void **state)
{
	antt_db *db = tu_commune(1);
	int found = 0;
	(void)state;
	OK(reg_model_add(db, "K1", "Tổ tự quản 1", "Tổ nhân dân tự quản", 2023, 2, 1, 12, &err));
	OK(reg_tipoff_set(db, "K1", 2024, 7, 3, NULL, &err));
	OK(reg_rows(db, "X1", 2024, count_section, &found, &err));
	assert_int_equal(found, 11);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_add_up_to_the_year),
		cmocka_unit_test(refused_rows_write_nothing),
		cmocka_unit_test(import_is_all_or_nothing),
		cmocka_unit_test(rows_read_as_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
