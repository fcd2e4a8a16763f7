/* backup: copies beside the database, found again as the newest, and a
 * restore that brings back what the copy held while keeping the state it
 * replaces. Hostile and half-written files are test_restore_hostile.sh's
 * and test_backup.sh's concern. */
#include "testutil.h"
#include "backup.h"
#include "session.h"

#include <sys/stat.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void backup_is_found_and_restored(void **state)
{
	antt_db *db = tu_commune(1);
	char path[4096], latest[4096], saved[4096];
	struct stat sb;
	int made = -1;
	(void)state;
	assert_int_equal(backup_latest(tu_path("test.db"), latest, sizeof(latest)), 0);
	OK(backup_daily(db, &made, &err));
	assert_int_equal(made, 1);
	OK(backup_daily(db, &made, &err));
	assert_int_equal(made, 0);
	OK(backup_now(db, "truoc-khi-thu", path, sizeof(path), &err));
	assert_int_equal(stat(path, &sb), 0);
	assert_contains(path, "antt-backups/test-");
	assert_contains(path, "-truoc-khi-thu.db");
	assert_int_equal(backup_latest(tu_path("test.db"), latest, sizeof(latest)), 1);
	assert_string_equal(latest, path);

	OK(unit_add(db, "K2", "khu-dan-cu", "Thôn 2", "X1", &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), 3);
	db_close(db);
	OK(backup_restore(tu_path("test.db"), path, saved, sizeof(saved), &err));
	assert_int_equal(stat(saved, &sb), 0);
	db = NULL;
	OK(session_open(tu_path("test.db"), 0, &db, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), 2);
	assert_true(backup_same_machine(tu_path("test.db"), path));
	tu_cleanup(db);
}

static void a_file_not_a_database_is_refused(void **state)
{
	antt_db *db = tu_commune(1);
	char saved[4096];
	(void)state;
	tu_write(tu_path("not-a-db.db"), "không phải cơ sở dữ liệu");
	db_close(db);
	assert_int_not_equal(backup_restore(tu_path("test.db"), tu_path("not-a-db.db"), saved, sizeof(saved), &err), ANTT_OK);
	db = NULL;
	OK(session_open(tu_path("test.db"), 0, &db, &err));
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), 2);
	tu_cleanup(db);
}

static void damaged_mark_comes_and_goes(void **state)
{
	(void)state;
	tu_mkdir();
	backup_damaged_mark(tu_path("x.db"), 1);
	assert_false(backup_damaged_marked(tu_path("x.db")));   /* never used by antt: no mark */
	assert_int_equal(mkdir(tu_path("antt-backups"), 0700), 0);
	backup_damaged_mark(tu_path("x.db"), 1);
	assert_true(backup_damaged_marked(tu_path("x.db")));
	backup_damaged_mark(tu_path("x.db"), 0);
	assert_false(backup_damaged_marked(tu_path("x.db")));
	tu_cleanup(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backup_is_found_and_restored),
		cmocka_unit_test(a_file_not_a_database_is_refused),
		cmocka_unit_test(damaged_mark_comes_and_goes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
