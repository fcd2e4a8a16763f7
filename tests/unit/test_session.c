/* session: the application's open (storage, then backups, sets, accounts):
 * migrations, refusal of newer or broken files naming the last backup,
 * locks, read-only opening, damaged files marked and kept read-only,
 * restore under another connection, settings, the append-only audit
 * trail. Storage alone: test_db.c. */
#include "testutil.h"

#include <sys/stat.h>
#include "backup.h"

static void open_creates_and_migrates(void **state)
{
	antt_db *db = tu_open();
	(void)state;
	assert_int_equal(tu_int(db, "PRAGMA user_version"), db_schema_version());
	assert_true(db_schema_version() >= 1);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM unit_types WHERE code = 'khu-dan-cu'"), 1);
	assert_int_equal(tu_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tu_int(db, "PRAGMA synchronous"), 2); /* FULL */
	tu_cleanup(db);
}

static void missing_file_is_not_created_without_flag(void **state)
{
	antt_db *db = NULL;
	antt_err err = { "" };
	(void)state;
	tu_mkdir();
	assert_int_equal(session_open(tu_path("none.db"), 0, &db, &err), ANTT_ERR_NOT_FOUND);
	assert_null(db);
	assert_contains(err.msg, "none.db");
	assert_int_not_equal(access(tu_path("none.db"), F_OK), 0);
	tu_cleanup(NULL);
}

static long long file_size(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 ? (long long)sb.st_size : -1;
}

static void newer_database_is_refused_untouched(void **state)
{
	antt_db *db = tu_open(), *again = NULL;
	antt_err err = { "" };
	char path[512];
	long long before;
	(void)state;

	snprintf(path, sizeof(path), "%s", db->path);
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	db_close(db);
	before = file_size(path);
	assert_int_equal(session_open(path, 0, &again, &err), ANTT_ERR_DB_NEWER);
	assert_contains(err.msg, "99");
	assert_int_equal(file_size(path), before);
	assert_int_not_equal(access(tu_path("test.db-wal"), F_OK), 0); /* WAL never switched on */
	tu_cleanup(NULL);
}

static void garbage_file_is_reported_corrupt(void **state)
{
	antt_db *db = NULL;
	antt_err err = { "" };
	char junk[4096];
	(void)state;
	tu_mkdir();
	memset(junk, 'x', sizeof(junk) - 1);
	junk[sizeof(junk) - 1] = '\0';
	tu_write(tu_path("junk.db"), junk);
	assert_int_equal(session_open(tu_path("junk.db"), 0, &db, &err), ANTT_ERR_DB_CORRUPT);
	assert_contains(err.msg, "sao lưu");
	tu_cleanup(NULL);
}

static void locked_database_reports_busy(void **state)
{
	antt_db *db = tu_open(), *other = NULL;
	antt_err err = { "" };
	(void)state;
	assert_int_equal(session_open(db->path, 0, &other, &err), ANTT_OK);
	assert_int_equal(db_begin(other, &err), ANTT_OK);
	sqlite3_busy_timeout(db->sql, 50);
	assert_int_equal(db_setting_set(db, "office_name", "X", &err), ANTT_ERR_DB_BUSY);
	assert_contains(err.msg, "khóa");
	db_rollback(other);
	db_close(other);
	assert_int_equal(db_setting_set(db, "office_name", "X", &err), ANTT_OK);
	tu_cleanup(db);
}

static void readonly_open_refuses_writes(void **state)
{
	antt_db *db = tu_open(), *ro = NULL;
	antt_err err = { "" };
	(void)state;
	assert_int_equal(session_open(db->path, DB_READONLY, &ro, &err), ANTT_OK);
	assert_int_equal(db_setting_set(ro, "office_name", "X", &err), ANTT_ERR_DB_READONLY);
	assert_contains(err.msg, "chỉ đọc");
	db_close(ro);
	tu_cleanup(db);
}

static void damaged_database_refuses_writes_until_checked(void **state)
{
	antt_db *db = tu_open(), *again = NULL;
	antt_err err = { "" };
	char path[512], saved[1024], *v;
	(void)state;

	snprintf(path, sizeof(path), "%s", db->path);
	assert_int_equal(db_setting_set(db, "office_name", "X", &err), ANTT_OK);
	assert_int_equal(backup_now(db, NULL, saved, sizeof(saved), &err), ANTT_OK);
	db_set_damaged(db);
	assert_true(db->readonly && db->damaged);
	assert_int_equal(db_setting_set(db, "office_name", "Y", &err), ANTT_ERR_DB_CORRUPT);
	assert_contains(err.msg, "hỏng");
	assert_contains(err.msg, strrchr(saved, '/') + 1);   /* names the last backup */
	v = db_setting_get(db, "office_name", NULL);         /* reading still works */
	assert_string_equal(v, "X");
	free(v);
	assert_true(backup_damaged_marked(path));
	db_close(db);
	/* checked again on the next open: sound after all, so writable again */
	assert_int_equal(session_open(path, 0, &again, &err), ANTT_OK);
	assert_false(again->readonly || again->damaged);
	assert_false(backup_damaged_marked(path));
	assert_int_equal(db_setting_set(again, "office_name", "Y", &err), ANTT_OK);
	tu_cleanup(again);
}

static void corrupt_page_keeps_the_mark_on_open(void **state)
{
	antt_db *db = tu_open(), *again = NULL;
	antt_err err = { "" };
	char path[512], good[1024], kept[1024];
	long long page;
	FILE *fp;
	(void)state;

	snprintf(path, sizeof(path), "%s", db->path);
	assert_int_equal(backup_now(db, NULL, good, sizeof(good), &err), ANTT_OK);
	page = tu_int(db, "SELECT rootpage FROM sqlite_master WHERE name = 'audit'");
	assert_true(page > 1);
	assert_int_equal(db_fail(db, SQLITE_CORRUPT, &err, "đọc"), ANTT_ERR_DB_CORRUPT);   /* marks it */
	db_close(db);
	assert_non_null(fp = fopen(path, "r+b"));
	assert_int_equal(fseek(fp, (page - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite("\x42 garbage garbage garbage", 1, 24, fp), 24);
	fclose(fp);
	assert_int_equal(session_open(path, 0, &again, &err), ANTT_OK);
	assert_true(again->damaged && again->readonly);
	assert_true(backup_damaged_marked(path));
	db_close(again);
	/* restore opens it all the same, and clears the mark */
	assert_int_equal(backup_restore(path, good, kept, sizeof(kept), &err), ANTT_OK);
	assert_false(backup_damaged_marked(path));
	assert_int_equal(session_open(path, 0, &again, &err), ANTT_OK);
	assert_false(again->damaged);
	tu_cleanup(again);
}

/* restore writes into the live file: a connection opened before goes on in
 * the restored database, and what it writes afterwards is kept */
static void restore_reaches_other_connections(void **state)
{
	antt_db *db = tu_open(), *other = NULL, *again = NULL;
	antt_err err = { "" };
	char path[512], good[1024], saved[1024], *v;
	(void)state;

	snprintf(path, sizeof(path), "%s", db->path);
	assert_int_equal(backup_now(db, NULL, good, sizeof(good), &err), ANTT_OK);
	assert_int_equal(session_open(path, 0, &other, &err), ANTT_OK);
	assert_int_equal(db_setting_set(other, "office_name", "trước khi khôi phục", &err), ANTT_OK);
	db_close(db);
	assert_int_equal(backup_restore(path, good, saved, sizeof(saved), &err), ANTT_OK);
	v = db_setting_get(other, "office_name", NULL);
	assert_null(v);                                        /* sees the restored state */
	assert_int_equal(db_setting_set(other, "office_name", "sau khi khôi phục", &err), ANTT_OK);
	db_close(other);
	assert_int_equal(session_open(path, 0, &again, &err), ANTT_OK);
	v = db_setting_get(again, "office_name", NULL);
	assert_string_equal(v, "sau khi khôi phục");
	free(v);
	tu_cleanup(again);
}

static void settings_are_kept_and_audited(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	char *v;
	(void)state;
	assert_int_equal(db_setting_set(db, "office_name", "Công an xã Hòa Bình", &err), ANTT_OK);
	assert_int_equal(db_setting_set(db, "office_name", "Công an xã An Phú", &err), ANTT_OK);
	v = db_setting_get(db, "office_name", NULL);
	assert_string_equal(v, "Công an xã An Phú");
	free(v);
	v = db_setting_get(db, "nothing", "mặc định");
	assert_string_equal(v, "mặc định");
	free(v);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'settings' AND who LIKE '(không đăng nhập) %'"), 2);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE action = 'update'"
		" AND old_value = 'Công an xã Hòa Bình' AND new_value = 'Công an xã An Phú'"), 1);
	tu_cleanup(db);
}

static void audit_refuses_update_and_delete(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	(void)state;
	assert_int_equal(db_setting_set(db, "k", "v", &err), ANTT_OK);
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE audit SET who = 'ke gian'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(sqlite3_exec(db->sql, "DELETE FROM audit", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE who LIKE '(không đăng nhập) %'"), 1);
	tu_cleanup(db);
}

static void uuids_are_version_8_and_distinct(void **state)
{
	antt_db *db = tu_open();
	char a[37], b[37];
	(void)state;
	db_uuid(db, a);
	db_uuid(db, b);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '8');
	assert_true(strchr("89ab", a[19]) != NULL);
	assert_string_not_equal(a, b);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_creates_and_migrates),
		cmocka_unit_test(missing_file_is_not_created_without_flag),
		cmocka_unit_test(newer_database_is_refused_untouched),
		cmocka_unit_test(garbage_file_is_reported_corrupt),
		cmocka_unit_test(locked_database_reports_busy),
		cmocka_unit_test(readonly_open_refuses_writes),
		cmocka_unit_test(damaged_database_refuses_writes_until_checked),
		cmocka_unit_test(corrupt_page_keeps_the_mark_on_open),
		cmocka_unit_test(restore_reaches_other_connections),
		cmocka_unit_test(settings_are_kept_and_audited),
		cmocka_unit_test(audit_refuses_update_and_delete),
		cmocka_unit_test(uuids_are_version_8_and_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
