/* db, storage alone (no session, no backups, no accounts): open and
 * create, migrate, newer files refused untouched, read-only handles and
 * files, a locked database, a corrupt file and the damage care, the
 * transactions, the statement cache, and how SQLite's codes are told. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

/* One folder for the group: each test names its own files. */
static int setup(void **state)
{
	(void)state;
	tu_mkdir();
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];
	(void)state;
	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", tu_dir, tu_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static antt_db *migrated(const char *name)
{
	antt_db *db = NULL;
	OK(db_open(tu_path(name), DB_CREATE, NULL, &db, &err));
	OK(db_migrate(db, &err));
	return db;
}

/* A fake of what session.c gives storage: counts what it is asked. */
static int marks, unmarks, is_marked;
static int fake_marked(const char *p) { (void)p; return is_marked; }
static void fake_mark(const char *p, int on) { (void)p; on ? marks++ : unmarks++; is_marked = on; }
static int fake_latest(const char *p, char *out, size_t n) { (void)p; snprintf(out, n, "/sao-luu/gia.db"); return 1; }
static const db_care fake = { fake_marked, fake_mark, fake_latest };

/* 1. Open creates, migrate brings the structure; opening alone does not. */
static void open_then_migrate(void **state)
{
	antt_db *db = NULL;
	(void)state;
	OK(db_open(tu_path("a.db"), DB_CREATE, NULL, &db, &err));
	assert_int_equal(db->version, 0);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM sqlite_master"), 0);
	OK(db_migrate(db, &err));
	assert_true(db_schema_version() >= 1);
	assert_int_equal(db->version, db_schema_version());
	assert_int_equal(tu_int(db, "PRAGMA user_version"), db_schema_version());
	assert_int_equal(tu_int(db, "SELECT count(*) FROM unit_types WHERE code = 'khu-dan-cu'"), 1);
	assert_int_equal(tu_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tu_int(db, "PRAGMA synchronous"), 2);   /* FULL */
	OK(db_migrate(db, &err));                               /* nothing left to do */
	db_close(db);
	OK(db_open(tu_path("a.db"), 0, NULL, &db, &err));
	assert_int_equal(db->version, db_schema_version());
	db_close(db);
}

/* 2. Without DB_CREATE a missing file is said, and not made. */
static void missing_file_is_not_created(void **state)
{
	antt_db *db = NULL;
	(void)state;
	assert_int_equal(db_open(tu_path("none.db"), 0, NULL, &db, &err), ANTT_ERR_NOT_FOUND);
	assert_null(db);
	assert_contains(err.msg, "none.db");
	assert_int_not_equal(access(tu_path("none.db"), F_OK), 0);
}

/* 3. A file of a newer antt: refused, not a byte changed, no WAL made. */
static void newer_file_is_refused_untouched(void **state)
{
	antt_db *db = migrated("new.db"), *again = NULL;
	struct stat before, after;
	(void)state;
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999",
		NULL, NULL, NULL), SQLITE_OK);
	db_close(db);
	assert_int_equal(stat(tu_path("new.db"), &before), 0);
	assert_int_equal(db_open(tu_path("new.db"), 0, NULL, &again, &err), ANTT_ERR_DB_NEWER);
	assert_null(again);
	assert_contains(err.msg, "999");
	assert_int_equal(stat(tu_path("new.db"), &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_not_equal(access(tu_path("new.db-wal"), F_OK), 0);
}

/* 4. A read-only handle reads, refuses writes, and refuses to migrate an
 * old file (which stays as it was). */
static void readonly_handle_reads_and_refuses(void **state)
{
	antt_db *db = migrated("ro.db"), *ro = NULL;
	char *v;
	(void)state;
	OK(db_setting_set(db, "office_name", "X", &err));
	db_close(db);
	OK(db_open(tu_path("ro.db"), DB_READONLY, NULL, &ro, &err));
	assert_true(ro->readonly);
	v = db_setting_get(ro, "office_name", NULL);
	assert_string_equal(v, "X");
	free(v);
	assert_int_equal(db_setting_set(ro, "office_name", "Y", &err), ANTT_ERR_DB_READONLY);
	assert_contains(err.msg, "chỉ đọc");
	db_close(ro);

	OK(db_open(tu_path("cu.db"), DB_CREATE, NULL, &db, &err));   /* version 0 */
	db_close(db);
	OK(db_open(tu_path("cu.db"), DB_READONLY, NULL, &ro, &err));
	assert_int_equal(db_migrate(ro, &err), ANTT_ERR_DB_READONLY);
	assert_contains(err.msg, "cần nâng cấp");
	assert_int_equal(tu_int(ro, "PRAGMA user_version"), 0);
	db_close(ro);
}

/* 5. A file this user may not write opens read-only by itself. */
static void readonly_file_opens_readonly(void **state)
{
	antt_db *db = migrated("khoa.db");
	(void)state;
	db_close(db);
	if (geteuid() == 0)
		skip();   /* root may write any file: nothing to see here */
	assert_int_equal(chmod(tu_path("khoa.db"), 0444), 0);
	OK(db_open(tu_path("khoa.db"), 0, NULL, &db, &err));
	assert_true(db->readonly);
	assert_int_equal(db_setting_set(db, "k", "v", &err), ANTT_ERR_DB_READONLY);
	db_close(db);
}

/* 6. A second writer waits, then is told who holds the lock; once the
 * first is done, it writes. */
static void locked_database_is_said(void **state)
{
	antt_db *db = migrated("lock.db"), *other = NULL;
	(void)state;
	OK(db_open(tu_path("lock.db"), 0, NULL, &other, &err));
	OK(db_begin(other, &err));
	sqlite3_busy_timeout(db->sql, 50);
	assert_int_equal(db_setting_set(db, "office_name", "X", &err), ANTT_ERR_DB_BUSY);
	assert_contains(err.msg, "khóa");
	db_rollback(other);
	db_close(other);
	OK(db_setting_set(db, "office_name", "X", &err));
	db_close(db);
}

/* 7. Not a database: refused as corrupt. Alone, storage says a backup is
 * needed; with a care it marks the file and names the newest backup. */
static void garbage_file_is_corrupt(void **state)
{
	antt_db *db = NULL;
	char junk[4096];
	(void)state;
	memset(junk, 'x', sizeof(junk));
	FILE *fp = fopen(tu_path("junk.db"), "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(junk, 1, sizeof(junk), fp), sizeof(junk));
	fclose(fp);
	assert_int_equal(db_open(tu_path("junk.db"), 0, NULL, &db, &err), ANTT_ERR_DB_CORRUPT);
	assert_null(db);
	assert_contains(err.msg, "cần khôi phục từ một bản sao lưu");
	marks = 0;
	is_marked = 0;
	assert_int_equal(db_open(tu_path("junk.db"), 0, &fake, &db, &err), ANTT_ERR_DB_CORRUPT);
	assert_contains(err.msg, "Bản sao lưu gần nhất: /sao-luu/gia.db");
	assert_int_equal(marks, 1);
}

/* 8. A file the care says is marked: checked on open; sound, the mark is
 * lifted; with a broken page, it opens read-only as damaged (and says so
 * on a write); DB_NO_CHECK skips the check. */
static void marked_file_is_checked_again(void **state)
{
	antt_db *db = migrated("mark.db");
	long long page;
	FILE *fp;
	(void)state;
	page = tu_int(db, "SELECT rootpage FROM sqlite_master WHERE name = 'audit'");
	assert_true(page > 1);
	db_close(db);
	is_marked = 1;
	unmarks = marks = 0;
	OK(db_open(tu_path("mark.db"), 0, &fake, &db, &err));
	assert_false(db->readonly || db->damaged);
	assert_int_equal(unmarks, 1);
	assert_false(is_marked);
	db_close(db);

	assert_non_null(fp = fopen(tu_path("mark.db"), "r+b"));
	assert_int_equal(fseek(fp, (page - 1) * 4096, SEEK_SET), 0);
	assert_int_equal(fwrite("\x42 garbage garbage garbage", 1, 24, fp), 24);
	fclose(fp);
	is_marked = 1;
	OK(db_open(tu_path("mark.db"), 0, &fake, &db, &err));
	assert_true(db->readonly && db->damaged);
	assert_int_equal(db_setting_set(db, "k", "v", &err), ANTT_ERR_DB_CORRUPT);
	assert_contains(err.msg, "/sao-luu/gia.db");
	db_close(db);
	OK(db_open(tu_path("mark.db"), DB_NO_CHECK, &fake, &db, &err));
	assert_false(db->damaged);
	db_close(db);
	is_marked = 0;
}

/* 9. A rolled-back transaction leaves nothing; a committed one stays. */
static void transactions_keep_or_leave_all(void **state)
{
	antt_db *db = migrated("tx.db");
	char *v;
	(void)state;
	OK(db_begin(db, &err));
	assert_int_equal(sqlite3_exec(db->sql, "INSERT INTO settings (key, value, updated_by) VALUES ('a', '1', 'x')",
		NULL, NULL, NULL), SQLITE_OK);
	db_rollback(db);
	assert_null(v = db_setting_get(db, "a", NULL));
	db_rollback(db);   /* none open: nothing happens */
	OK(db_begin(db, &err));
	assert_int_equal(sqlite3_exec(db->sql, "INSERT INTO settings (key, value, updated_by) VALUES ('a', '2', 'x')",
		NULL, NULL, NULL), SQLITE_OK);
	OK(db_commit(db, &err));
	v = db_setting_get(db, "a", NULL);
	assert_string_equal(v, "2");
	free(v);
	/* with a status: "not set" is ANTT_OK and NULL (or def), never a failure */
	OK(db_setting_read(db, "a", "d", &v, &err));
	assert_string_equal(v, "2");
	free(v);
	OK(db_setting_read(db, "b", NULL, &v, &err));
	assert_null(v);
	OK(db_setting_read(db, "b", "d", &v, &err));
	assert_string_equal(v, "d");
	free(v);
	/* a failed read is told apart: the table gone */
	assert_int_equal(sqlite3_exec(db->sql, "ALTER TABLE settings RENAME TO settings_x", NULL, NULL, NULL), SQLITE_OK);
	v = (char *)"x";
	assert_int_not_equal(db_setting_read(db, "a", "d", &v, &err), ANTT_OK);
	assert_null(v);
	v = db_setting_get(db, "a", "d");   /* the old call reads it as not set */
	assert_string_equal(v, "d");
	free(v);
	db_close(db);
}

/* 10. The statement cache gives the same statement for the same text,
 * reset and without bindings, and more texts than it holds still work. */
static void cached_statements_are_reused(void **state)
{
	static const char *const q[] = {
		"SELECT 1", "SELECT 2", "SELECT 3", "SELECT 4", "SELECT 5", "SELECT 6", "SELECT 7", "SELECT 8", "SELECT 9",
		"SELECT 10", "SELECT 11", "SELECT 12", "SELECT 13", "SELECT 14", "SELECT 15", "SELECT 16", "SELECT 17",
	};
	static const char bound[] = "SELECT ?";
	antt_db *db = migrated("cache.db");
	sqlite3_stmt *a, *b;
	(void)state;
	OK(db_cached(db, bound, &a, &err));
	sqlite3_bind_int(a, 1, 7);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	OK(db_cached(db, bound, &b, &err));
	assert_ptr_equal(a, b);
	assert_int_equal(sqlite3_step(b), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(b, 0), SQLITE_NULL);   /* bindings cleared */
	sqlite3_reset(b);
	for (size_t i = 0; i < sizeof(q) / sizeof(*q); i++) {
		OK(db_cached(db, q[i], &a, &err));
		assert_int_equal(sqlite3_step(a), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(a, 0), (int)i + 1);
		sqlite3_reset(a);
	}
	assert_int_equal(db_cached(db, "SELECT FROM", &a, &err), ANTT_ERR_DB);
	db_close(db);
}

/* 12. The screens' place (ui_state) is written only when it changed, and
 * on its own without a sync of its own (WAL, synchronous NORMAL for that
 * write alone): the connection is back to FULL after, and a write inside
 * a transaction leaves the setting alone. */
static int synchronous(antt_db *db)
{
	sqlite3_stmt *st;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->sql, "PRAGMA synchronous", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void the_place_is_written_when_it_changed(void **state)
{
	antt_db *db = migrated("place.db");
	long long total, quiet;
	char *v;
	(void)state;

	assert_true(db->wal);
	assert_int_equal(synchronous(db), 2);   /* FULL */
	OK(db_state_set(db, "unit", "X1-K1", &err));
	assert_int_equal(synchronous(db), 2);
	total = sqlite3_total_changes64(db->sql);
	quiet = db->quiet;
	OK(db_state_set(db, "unit", "X1-K1", &err));   /* the same: nothing written */
	assert_int_equal(sqlite3_total_changes64(db->sql), total);
	assert_int_equal(db->quiet, quiet);
	OK(db_state_set(db, "unit", "X1-K2", &err));
	assert_int_equal(sqlite3_total_changes64(db->sql), total + 1);
	assert_int_equal(db->quiet, quiet + 1);
	assert_non_null(v = db_state_get(db, "unit"));
	assert_string_equal(v, "X1-K2");
	free(v);
	OK(db_begin(db, &err));
	OK(db_state_set(db, "item", "1.1", &err));
	assert_int_equal(synchronous(db), 2);
	OK(db_commit(db, &err));
	assert_non_null(v = db_state_get(db, "item"));
	assert_string_equal(v, "1.1");
	free(v);
	db_close(db);
}

/* 11. Each SQLite code is told as the status a user can act on. */
static void codes_become_statuses(void **state)
{
	static const struct { int rc; antt_status s; const char *says; } map[] = {
		{ SQLITE_BUSY, ANTT_ERR_DB_BUSY, "khóa" },
		{ SQLITE_LOCKED, ANTT_ERR_DB_BUSY, "khóa" },
		{ SQLITE_READONLY, ANTT_ERR_DB_READONLY, "chỉ đọc" },
		{ SQLITE_FULL, ANTT_ERR_DB_FULL, "ổ đĩa đầy" },
		{ SQLITE_CORRUPT, ANTT_ERR_DB_CORRUPT, "hỏng" },
		{ SQLITE_NOTADB, ANTT_ERR_DB_CORRUPT, "hỏng" },
		{ SQLITE_CANTOPEN, ANTT_ERR_IO, "không mở được" },
		{ SQLITE_NOMEM, ANTT_ERR_NOMEM, "hết bộ nhớ" },
		{ SQLITE_ERROR, ANTT_ERR_DB, "lỗi cơ sở dữ liệu" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++) {
		assert_int_equal(db_fail(NULL, map[i].rc, &err, "thử"), map[i].s);
		assert_contains(err.msg, map[i].says);
	}
}

/* A uuid is what db_uuid writes, and nothing else: a package's rows are
 * refused on anything else (keys are built as "uuid/year/criterion"). */
static void uuids_are_what_db_uuid_writes(void **state)
{
	static const char *const bad[] = {
		"1C285B1D-99AB-41F7-8D40-71297474EE04", "1c285b1d99ab41f78d4071297474ee04",
		"1c285b1d-99ab-41f7-8d40-71297474ee0", "1c285b1d-99ab-41f7-8d40-71297474ee04x",
		"1c285b1d-99ab-41f7-8d40-71297474ee04/2024", "1c285b1d-99ab-41f7-8d4071297474ee04-",
		"1c285b1d_99ab-41f7-8d40-71297474ee04", "1c285b1g-99ab-41f7-8d40-71297474ee04", "",
	};
	antt_db *db = NULL;
	char u[37];
	(void)state;
	OK(db_open(":memory:", DB_CREATE, NULL, &db, &err));
	for (int i = 0; i < 100; i++) {
		db_uuid(db, u);
		assert_true(db_uuid_valid(u, strlen(u)));
	}
	db_close(db);
	assert_true(db_uuid_valid("1c285b1d-99ab-41f7-8d40-71297474ee04", 36));   /* made before 2/12/2026: version 4 */
	assert_true(db_uuid_valid("1c285b1d-0003-c1f7-8d40-71297474ee04", 36));   /* the demo's copies */
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(db_uuid_valid(bad[i], strlen(bad[i])));
	assert_false(db_uuid_valid(NULL, 36));
	assert_false(db_uuid_valid("1c285b1d-99ab-41f7-8d40-71297474e\0\04", 36));   /* a NUL inside */
	/* the answers' old form (a resolved conflict, before 1/12/2026) */
	assert_true(db_uuid_legacy("1c285b1d99ab41f78d4071297474ee04", 32));
	assert_false(db_uuid_legacy("1C285B1D99AB41F78D4071297474EE04", 32));
	assert_false(db_uuid_legacy("1c285b1d99ab41f78d4071297474ee0/", 32));
	assert_false(db_uuid_legacy("1c285b1d99ab41f78d4071297474ee0", 31));
	assert_false(db_uuid_legacy("1c285b1d-99ab-41f7-8d40-71297474ee04", 36));
	assert_false(db_uuid_legacy(NULL, 32));
}

/* db/018: a database's uuids begin with its origin, then the time and a
 * counter, so one database's rows sit together in a uuid index; another
 * database's begin otherwise; each is a version 8 uuid, and none repeats. */
static void uuids_begin_with_the_origin(void **state)
{
	antt_db *a = NULL, *b = NULL;
	char u[37], prev[37] = "", origin[13];
	size_t n = 20000;
	char (*all)[37] = malloc(n * sizeof(*all));
	time_t t0 = time(NULL);
	(void)state;
	assert_non_null(all);
	OK(db_open(tu_path("o1.db"), DB_CREATE, NULL, &a, &err));
	OK(db_migrate(a, &err));
	OK(db_open(tu_path("o2.db"), DB_CREATE, NULL, &b, &err));
	OK(db_migrate(b, &err));
	{
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(a->sql, "SELECT origin FROM uuid_origin", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(origin, sizeof(origin), "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	assert_int_equal(strlen(origin), 12);
	{
		char own[13];
		db_uuid_origin(a, own);
		assert_string_equal(own, origin);
	}
	for (size_t i = 0; i < n; i++) {
		db_uuid(a, all[i]);
		assert_true(db_uuid_valid(all[i], 36));
		assert_memory_equal(all[i], origin, 8);            /* the origin: 8-4 */
		assert_memory_equal(all[i] + 9, origin + 8, 4);
		assert_int_equal(all[i][14], '8');                  /* version 8 */
		assert_non_null(strchr("89ab", all[i][19]));        /* variant 10 */
		if (prev[0] && strcmp(all[i], prev) <= 0)   /* (the counter wraps at 2^42: 1 in 10^8 here) */
			fail_msg("%s after %s: not in order", all[i], prev);
		memcpy(prev, all[i], sizeof(prev));
	}
	qsort(all, n, sizeof(*all), (int (*)(const void *, const void *))strcmp);
	for (size_t i = 1; i < n; i++)
		assert_string_not_equal(all[i - 1], all[i]);
	/* the seconds since 2020 in bits 48.. (after the version and variant) */
	{
		unsigned long long t = 0;
		char h[13];
		snprintf(h, sizeof(h), "%.3s%.4s%.4s", all[0] + 15, all[0] + 19, all[0] + 24);
		t = strtoull(h, NULL, 16);   /* 12 + 16 (2 of variant) + 16 bits, top to bottom */
		t = ((t >> 32) << 20) | (((t >> 16) & 0x3fff) << 6) | ((t & 0xffff) >> 10);
		assert_true((long long)t >= (long long)(t0 - DB_UUID_EPOCH) - 1 && (long long)t <= (long long)(time(NULL) - DB_UUID_EPOCH));
	}
	db_uuid(b, u);
	assert_memory_not_equal(u, origin, 8);   /* another database: another origin (2^-32 the same) */
	/* the demo's communes: an origin given, then the database's own again;
	 * one that is not 12 lower-case hex digits changes nothing */
	assert_int_equal(db_uuid_origin_set(a, "0123456789ab"), 0);
	db_uuid(a, u);
	assert_memory_equal(u, "01234567-89ab-8", 15);
	assert_int_equal(db_uuid_origin_set(a, "0123456789AB"), -1);
	assert_int_equal(db_uuid_origin_set(a, "0123456789a"), -1);
	assert_int_equal(db_uuid_origin_set(a, "0123456789abc"), -1);
	db_uuid(a, u);
	assert_memory_equal(u, "01234567-89ab-8", 15);
	assert_int_equal(db_uuid_origin_set(a, NULL), 0);
	db_uuid(a, u);
	assert_memory_equal(u, origin, 8);
	/* the origin is the database's own: a second connection writes it too */
	db_close(a);
	OK(db_open(tu_path("o1.db"), 0, NULL, &a, &err));
	db_uuid(a, u);
	assert_memory_equal(u, origin, 8);
	/* and the table takes no other */
	assert_int_not_equal(sqlite3_exec(a->sql, "UPDATE uuid_origin SET origin = 'ABCDEF012345'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(a->sql, "INSERT INTO uuid_origin VALUES (2, '0123456789ab')", NULL, NULL, NULL), SQLITE_OK);
	db_close(a);
	db_close(b);
	free(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_then_migrate),
		cmocka_unit_test(missing_file_is_not_created),
		cmocka_unit_test(newer_file_is_refused_untouched),
		cmocka_unit_test(readonly_handle_reads_and_refuses),
		cmocka_unit_test(readonly_file_opens_readonly),
		cmocka_unit_test(locked_database_is_said),
		cmocka_unit_test(garbage_file_is_corrupt),
		cmocka_unit_test(marked_file_is_checked_again),
		cmocka_unit_test(transactions_keep_or_leave_all),
		cmocka_unit_test(cached_statements_are_reused),
		cmocka_unit_test(codes_become_statuses),
		cmocka_unit_test(the_place_is_written_when_it_changed),
		cmocka_unit_test(uuids_are_what_db_uuid_writes),
		cmocka_unit_test(uuids_begin_with_the_origin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
