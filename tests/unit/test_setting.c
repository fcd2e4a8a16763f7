/* setting: the one list of the settings antt reads. A key in it is set as
 * before; a mistyped key, a target for a type that is not assessed or a
 * class that does not exist is refused, the message naming every key, and
 * nothing is stored. */
#include "testutil.h"
#include "session.h"
#include "setting.h"

static void known_keys_are_set(void **state)
{
	static const char *const keys[] = { "office_name", "current_year", "backup_keep", "deadline_510_above",
		"target_khu-dan-cu", "target_co-so-giao-duc", "class_min_xuat-sac", "class_min_yeu" };
	antt_db *db = tu_open();
	antt_err err = { "" };
	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		assert_int_equal(setting_check(db, keys[i], &err), ANTT_OK);
		assert_int_equal(session_setting_set(db, keys[i], "thử", &err), ANTT_OK);
	}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM settings WHERE value = 'thử'"), 8);
	tu_cleanup(db);
}

static void unknown_keys_are_refused_with_the_list(void **state)
{
	static const char *const keys[] = { "ofice_name", "target_tinh", "target_", "target_xyz", "class_min_gioi",
		"office_name_", "deadline_xa" };
	antt_db *db = tu_open();
	antt_err err = { "" };
	long long before = tu_int(db, "SELECT count(*) FROM settings");
	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		assert_int_equal(session_setting_set(db, keys[i], "1", &err), ANTT_ERR_INVALID);
		assert_non_null(strstr(err.msg, "không có thiết lập \""));
		assert_non_null(strstr(err.msg, keys[i]));
		assert_non_null(strstr(err.msg, "office_name, parent_agency"));
		assert_non_null(strstr(err.msg, "target_xa, target_phuong"));
		assert_non_null(strstr(err.msg, "class_min_kha"));
		assert_null(strstr(err.msg, "target_tinh,"));
		assert_null(strstr(err.msg, "antt settings"));   /* how to type it is the CLI's */
	}
	assert_int_equal(tu_int(db, "SELECT count(*) FROM settings"), before);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_keys_are_set),
		cmocka_unit_test(unknown_keys_are_refused_with_the_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
