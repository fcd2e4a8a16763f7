/* report_twin: the figures counted on a second connection read the state
 * of the database the report's connection reads, even when another antt
 * commits right after both began; none is started (and none waited for)
 * while another antt holds the write lock, on a database in memory, or
 * with a transaction or a statement already reading; and the report is the same workbook
 * either way, its temporary tables gone after. */
#include "testutil.h"
#include "demo.h"
#include "report/report.h"
#include "report/report_int.h"

#include <sys/stat.h>
#include <time.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *province(report_layout **l)
{
	antt_db *db = tu_open();
	int units = 0;

	OK(demo_build_scaled(db, 0, 2, &units, &err));
	OK(layout_load("forms/reports/tong-hop.yaml", tu_any_type, NULL, l, &err));
	return db;
}

static antt_db *other(void)
{
	antt_db *db = NULL;

	OK(db_open(tu_path("test.db"), 0, NULL, &db, &err));
	return db;
}

static long long registered(const tally *t)
{
	long long n = 0;

	for (size_t g = 0; g < t->n_groups; g++)
		n += t->totals[g].registered;
	return n;
}

static void both_read_the_state_they_began_at(void **state)
{
	report_layout *l;
	antt_db *db = province(&l), *o = other();
	report_twin tw;
	tally mine, twins;
	long long before;
	(void)state;

	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(report_twin_begin(&tw, db), 1);
	/* another antt takes every village out of the assessment now: the
	 * lock is free again, and neither reader sees its commit */
	assert_int_equal(sqlite3_exec(o->sql, "UPDATE units SET excluded = 1 WHERE type = 'khu-dan-cu'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_true(sqlite3_changes(o->sql) > 0);
	assert_int_equal(report_twin_count(&tw, 2024, NULL, l, &twins), 1);
	OK(tally_compute(db, 2024, NULL, l, &mine, &err));
	OK(report_twin_end(&tw, &err));
	assert_null(tw.db);
	before = registered(&mine);
	assert_true(before > 0);
	assert_int_equal(registered(&twins), before);
	assert_int_equal(twins.n_rows, mine.n_rows);
	assert_int_equal(twins.units, mine.units);
	tally_free(&mine);
	tally_free(&twins);
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	/* read again, the commit is there */
	OK(tally_compute(db, 2024, NULL, l, &mine, &err));
	assert_true(registered(&mine) < before);
	tally_free(&mine);
	db_close(o);
	layout_free(l);
	tu_cleanup(db);
}

/* The twin, when begun on db (in a savepoint), counts what db counts. */
static void twin_counts_as_db(antt_db *db, const report_layout *l)
{
	report_twin tw;
	tally mine, twins;

	if (!report_twin_begin(&tw, db))
		return;
	assert_int_equal(report_twin_count(&tw, 2024, NULL, l, &twins), 1);
	OK(tally_compute(db, 2024, NULL, l, &mine, &err));
	OK(report_twin_end(&tw, &err));
	assert_int_equal(registered(&twins), registered(&mine));
	assert_int_equal(twins.units, mine.units);
	tally_free(&mine);
	tally_free(&twins);
}

/* A statement of the report's connection left stepped (not reset) keeps
 * its read open, autocommit or not: db reads the state from before
 * another antt's commit, and a twin begun now would read the state after
 * it (506 registered against 198). */
static void none_while_a_read_is_open(void **state)
{
	report_layout *l;
	antt_db *db = province(&l), *o = other();
	sqlite3_stmt *st;
	(void)state;

	assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT id FROM units", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_get_autocommit(db->sql), 1);
	assert_int_equal(sqlite3_exec(o->sql, "UPDATE units SET excluded = 1 WHERE type = 'khu-dan-cu'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	twin_counts_as_db(db, l);
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_finalize(st);
	db_close(o);
	layout_free(l);
	tu_cleanup(db);
}

static void none_while_another_writes(void **state)
{
	report_layout *l;
	antt_db *db = province(&l), *o = other();
	report_twin tw;
	struct timespec a, b;
	(void)state;

	assert_int_equal(sqlite3_exec(o->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(report_twin_begin(&tw, db), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_null(tw.db);
	/* not waited for: the busy timeout is 5 s */
	assert_true(b.tv_sec - a.tv_sec < 2);
	assert_int_equal(report_twin_count(&tw, 2024, NULL, l, NULL), 0);
	OK(report_twin_end(&tw, &err));
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(o->sql, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	db_close(o);
	layout_free(l);
	tu_cleanup(db);
}

/* A copy of the database (test.db) at name, with every village taken out
 * of the assessment: the same schema, other figures. */
static void changed_copy(antt_db *db, const char *name)
{
	char sql[700];
	antt_db *c = NULL;

	snprintf(sql, sizeof(sql), "VACUUM INTO '%s'", name);
	assert_int_equal(sqlite3_exec(db->sql, sql, NULL, NULL, NULL), SQLITE_OK);
	OK(db_open(name, 0, NULL, &c, &err));
	assert_int_equal(sqlite3_exec(c->sql, "UPDATE units SET excluded = 1 WHERE type = 'khu-dan-cu'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_true(sqlite3_changes(c->sql) > 0);
	db_close(c);
}

/* The file renamed over while the report's connection has it open (a
 * copy put in its place): that connection reads the old file, a twin
 * opened by its name would count the new one. */
static void none_on_a_file_put_in_its_place(void **state)
{
	report_layout *l;
	antt_db *db = province(&l);
	(void)state;

	changed_copy(db, tu_path("copy.db"));
	/* its log emptied first: the new file read alone */
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(rename(tu_path("copy.db"), tu_path("test.db")), 0);
	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	twin_counts_as_db(db, l);
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	layout_free(l);
	tu_cleanup(db);
}

static char home[1024];   /* the folder the tests run in (forms/ there) */

static int back_home(void **state)
{
	(void)state;
	return chdir(home);
}

/* Opened by a relative name, then the process moved to a folder holding
 * another test.db; opened through a link that points elsewhere since:
 * the twin reads the report's file all the same. */
static void the_file_whatever_its_name_says_now(void **state)
{
	report_layout *l;
	antt_db *db = province(&l), *rel = NULL, *linked = NULL;
	report_twin tw;
	(void)state;

	assert_non_null(getcwd(home, sizeof(home)));
	assert_int_equal(mkdir(tu_path("elsewhere"), 0700), 0);
	changed_copy(db, tu_path("elsewhere/test.db"));
	changed_copy(db, tu_path("other.db"));
	assert_int_equal(chdir(tu_dir), 0);
	OK(db_open("test.db", 0, NULL, &rel, &err));
	assert_int_equal(chdir("elsewhere"), 0);
	assert_int_equal(sqlite3_exec(rel->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(report_twin_begin(&tw, rel), 1);
	OK(report_twin_end(&tw, &err));
	twin_counts_as_db(rel, l);
	assert_int_equal(sqlite3_exec(rel->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(back_home(NULL), 0);
	db_close(rel);

	assert_int_equal(symlink(tu_path("test.db"), tu_path("link.db")), 0);
	OK(db_open(tu_path("link.db"), 0, NULL, &linked, &err));
	assert_int_equal(unlink(tu_path("link.db")), 0);
	assert_int_equal(symlink(tu_path("other.db"), tu_path("link.db")), 0);
	assert_int_equal(sqlite3_exec(linked->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	/* SQLite opened the file the link named then: not "moved" */
	assert_int_equal(report_twin_begin(&tw, linked), 1);
	OK(report_twin_end(&tw, &err));
	twin_counts_as_db(linked, l);
	assert_int_equal(sqlite3_exec(linked->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	db_close(linked);
	layout_free(l);
	tu_cleanup(db);
}

/* A rollback journal (a database another program set so): another antt
 * in the middle of a commit (or a large transaction) holds the EXCLUSIVE
 * lock, and reading waits for it. The twin's lock is asked for at once
 * and given up; with no other writer the twin is begun, and the journal
 * left as it was (not turned into WAL by the lock's connection). */
static void a_rollback_journal(void **state)
{
	report_layout *l;
	antt_db *db = province(&l);
	sqlite3 *o;
	report_twin tw;
	struct timespec a, b;
	(void)state;

	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_open(tu_path("test.db"), &o), SQLITE_OK);   /* db_open would make it WAL */
	assert_int_equal(sqlite3_exec(o, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(report_twin_begin(&tw, db), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	/* 5 s (db_open's busy timeout) before */
	assert_true(b.tv_sec - a.tv_sec < 3);
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(o, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(o);

	assert_int_equal(sqlite3_exec(db->sql, "SAVEPOINT r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(report_twin_begin(&tw, db), 1);
	OK(report_twin_end(&tw, &err));
	twin_counts_as_db(db, l);
	assert_int_equal(sqlite3_exec(db->sql, "RELEASE r", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(tu_int(db, "SELECT journal_mode = 'delete' FROM pragma_journal_mode"), 1);
	layout_free(l);
	tu_cleanup(db);
}

static void none_in_memory(void **state)
{
	antt_db *db = NULL;
	report_twin tw;
	(void)state;

	OK(session_open(":memory:", DB_CREATE, &db, &err));
	assert_int_equal(report_twin_begin(&tw, db), 0);
	OK(report_twin_end(&tw, &err));
	db_close(db);
}

/* The workbook counted beside (a second connection) and counted here
 * (another antt holds the write lock: no twin) is the same, byte for
 * byte, and no temporary table is left either way. */
static void the_same_workbook_either_way(void **state)
{
	report_layout *l;
	antt_db *db = province(&l), *o = other();
	report_opts twin = { .year = 2024, .path = tu_path("beside.xlsx"), .date = "2024-11-20" };
	report_opts here = { .year = 2024, .path = tu_path("here.xlsx"), .date = "2024-11-20" };
	report_info i1, i2;
	(void)state;

	OK(report_write(db, &twin, &i1, &err));
	assert_int_equal(sqlite3_exec(o->sql, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	OK(report_write(db, &here, &i2, &err));
	assert_int_equal(sqlite3_exec(o->sql, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(i1.units, i2.units);
	assert_int_equal(i1.beside, 1);
	assert_int_equal(i2.beside, 0);
	assert_true(tu_same_files(twin.path, here.path) > 10000);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master"), 0);
	db_close(o);
	layout_free(l);
	tu_cleanup(db);
}

/* A temporary order another report left (its drop refused while a
 * statement read: SQLite will not drop a table then) is not taken for
 * this one's: a report counted here (one thread) lists its own units. */
static void an_order_left_behind_is_not_read(void **state)
{
	report_layout *l;
	antt_db *db = province(&l);
	report_opts clean = { .year = 2024, .path = tu_path("clean.xlsx"), .date = "2024-11-20", .one_thread = 1 };
	report_opts after = { .year = 2024, .path = tu_path("after.xlsx"), .date = "2024-11-20", .one_thread = 1 };
	report_info i1, i2;
	(void)state;

	OK(report_write(db, &clean, &i1, &err));
	OK(tally_order(db, 2023, "KHONG-CO", l, &err));   /* no unit: an empty list */
	OK(report_write(db, &after, &i2, &err));
	tu_same_files(clean.path, after.path);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master"), 0);
	layout_free(l);
	tu_cleanup(db);
}

/* The connection as the screens keep it after F5, whatever became of the
 * report: no transaction, no temporary table of the report's, and its
 * page caches as they were (main's the screens' 512 KiB, temp's 1,000). */
static void connection_as_it_was(antt_db *db, int views)
{
	assert_int_equal(sqlite3_get_autocommit(db->sql), 1);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master"), views);
	assert_int_equal(tu_int(db, "PRAGMA main.cache_size"), -512);
	assert_int_equal(tu_int(db, "PRAGMA temp.cache_size"), -1000);
}

/* Every way the report fails with the twin begun: the layout refused, the
 * count on the twin failing (a commune no one has; its words are the
 * report's), the order failing while the twin counts. */
static void failures_with_the_twin_begun(void **state)
{
	report_layout *l;
	antt_db *db = province(&l);
	report_opts o = { .year = 2024, .path = tu_path("r.xlsx"), .date = "2024-11-20" };
	report_info info;
	(void)state;

	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA main.cache_size = -512; PRAGMA temp.cache_size = -1000",
		NULL, NULL, NULL), SQLITE_OK);
	OK(report_write(db, &o, &info, &err));
	assert_int_equal(info.beside, 1);
	connection_as_it_was(db, 0);
	o.force = 1;

	o.layout = tu_path("khong-co.yaml");
	assert_int_not_equal(report_write(db, &o, &info, &err), ANTT_OK);
	connection_as_it_was(db, 0);
	o.layout = NULL;

	o.under = "KHONG-CO";
	err.msg[0] = '\0';
	assert_int_equal(report_write(db, &o, &info, &err), ANTT_ERR_NOT_FOUND);
	assert_int_equal(info.beside, 1);
	assert_non_null(strstr(err.msg, "KHONG-CO"));
	connection_as_it_was(db, 0);
	o.under = NULL;

	/* a view by the order's name: DROP TABLE refuses it */
	assert_int_equal(sqlite3_exec(db->sql, "CREATE TEMP VIEW tally_order AS SELECT 1", NULL, NULL, NULL), SQLITE_OK);
	err.msg[0] = '\0';
	assert_int_not_equal(report_write(db, &o, &info, &err), ANTT_OK);
	assert_int_equal(info.beside, 1);
	assert_non_null(strstr(err.msg, "xếp danh sách"));
	connection_as_it_was(db, 1);
	layout_free(l);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(both_read_the_state_they_began_at),
		cmocka_unit_test(none_while_a_read_is_open),
		cmocka_unit_test(none_while_another_writes),
		cmocka_unit_test(none_on_a_file_put_in_its_place),
		cmocka_unit_test_teardown(the_file_whatever_its_name_says_now, back_home),
		cmocka_unit_test(a_rollback_journal),
		cmocka_unit_test(none_in_memory),
		cmocka_unit_test(the_same_workbook_either_way),
		cmocka_unit_test(an_order_left_behind_is_not_read),
		cmocka_unit_test(failures_with_the_twin_begun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
