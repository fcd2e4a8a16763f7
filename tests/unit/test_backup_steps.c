/* The screen's daily backup in steps (backup_daily_begin / backup_step):
 * the copy is the database as it was at the begin, whatever this or
 * another connection writes meanwhile; it is a plain rollback-journal
 * file that passes quick_check; given up half-way it leaves no temporary
 * file and no backup of today, and the earlier backups as they were; a
 * second begin the same day copies nothing. */
#include "testutil.h"
#include "backup.h"
#include "demo.h"
#include "unit.h"

#include <dirent.h>
#include <time.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static long long count_in(const char *path, const char *sql)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(c);
	return v;
}

/* Files in the backups folder whose name starts with prefix. */
static int files_starting(const char *prefix)
{
	DIR *d = opendir(tu_path("antt-backups"));
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += !strncmp(e->d_name, prefix, strlen(prefix));
	closedir(d);
	return n;
}

static void today_prefix(char *buf, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;
	char day[16];

	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	snprintf(buf, n, "test-%s-", day);
}

static void copy_is_the_state_at_begin(void **state)
{
	antt_db *db = tu_open(), *other = NULL;
	backup_job *job = NULL;
	char latest[4096], today[64];
	long long units;
	int made, done = 0, steps = 0, last = -1;
	(void)state;

	OK(demo_build(db, 0, &made, &err));
	units = tu_int(db, "SELECT count(*) FROM units");
	today_prefix(today, sizeof(today));
	OK(backup_daily_begin(db, &job, &err));
	assert_non_null(job);
	assert_int_equal(backup_progress(job), 0);
	/* a change through this connection, and one through another (the
	 * command line while the screen is open) */
	OK(unit_add(db, "MOI1", "khu-dan-cu", "Thôn Mới Một", NULL, &err));
	OK(session_open(tu_path("test.db"), 0, &other, &err));
	OK(unit_add(other, "MOI2", "khu-dan-cu", "Thôn Mới Hai", NULL, &err));
	db_close(other);
	while (!done) {
		OK(backup_step(job, 8, &done, &err));
		assert_true(backup_progress(job) >= last);
		last = backup_progress(job);
		steps++;
	}
	assert_true(steps > 2);   /* it went in steps */
	assert_int_equal(backup_progress(job), 100);
	backup_job_free(job);
	assert_int_equal(files_starting(today), 1);
	assert_int_equal(files_starting(".antt-backup-"), 0);
	assert_true(backup_latest(tu_path("test.db"), latest, sizeof(latest)));
	assert_int_equal(count_in(latest, "SELECT count(*) FROM units"), units);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), units + 2);
	assert_int_equal(count_in(latest, "SELECT quick_check = 'ok' FROM pragma_quick_check"), 1);
	{   /* header bytes 18 and 19: 1, a rollback-journal file */
		unsigned char h[20];
		FILE *f = fopen(latest, "rb");
		assert_non_null(f);
		assert_int_equal(fread(h, 1, sizeof(h), f), sizeof(h));
		fclose(f);
		assert_int_equal(h[18], 1);
		assert_int_equal(h[19], 1);
	}
	/* the day's backup exists: a second start copies nothing */
	OK(backup_daily_begin(db, &job, &err));
	assert_null(job);
	tu_cleanup(db);
}

/* The day's backup of the demo in steps, a unit added after its first
 * step when between; then whether an import would copy the database
 * first (backup_before_import's made), and the backup it would start from. */
static int import_copies_after_steps(antt_db *db, int between, char *from, size_t n)
{
	backup_job *job = NULL;
	char st[400];
	int made = 0, done = 0;

	OK(demo_build(db, 0, &made, &err));
	OK(backup_daily_begin(db, &job, &err));
	assert_non_null(job);
	OK(backup_step(job, 8, &done, &err));
	if (between)
		OK(unit_add(db, "MOI4", "khu-dan-cu", "Thôn Mới Bốn", NULL, &err));
	while (!done)
		OK(backup_step(job, 64, &done, &err));
	backup_job_free(job);
	OK(backup_before_import(db, from, n, &made, st, sizeof(st), &err));
	return made;
}

/* The day's backup in steps leaves the import mark antt backup leaves: an
 * import into the database still as it was then needs no copy first (at
 * 30 provinces a copy is 37 s); anything written since makes the import
 * copy, as the state named is the copy's. */
static void steps_leave_the_import_mark(void **state)
{
	antt_db *db = tu_open();
	char from[4096], latest[4096], st[400];
	int made;
	(void)state;

	assert_int_equal(import_copies_after_steps(db, 0, from, sizeof(from)), 0);
	assert_true(backup_latest(tu_path("test.db"), latest, sizeof(latest)));
	assert_string_equal(from, latest);   /* from the day's copy */
	OK(unit_add(db, "MOI3", "khu-dan-cu", "Thôn Mới Ba", NULL, &err));
	OK(backup_before_import(db, from, sizeof(from), &made, st, sizeof(st), &err));
	assert_int_equal(made, 1);
	tu_cleanup(db);
}

/* A change written while the copy goes on is not in the copy: the mark
 * names the state at its start, so the next import copies. */
static void a_change_during_the_steps_is_not_marked(void **state)
{
	antt_db *db = tu_open();
	char from[4096];
	(void)state;

	assert_int_equal(import_copies_after_steps(db, 1, from, sizeof(from)), 1);
	tu_cleanup(db);
}

static void given_up_leaves_nothing(void **state)
{
	antt_db *db = tu_open();
	backup_job *job = NULL;
	char old[600], today[64], cmd[1400];
	int made, done = 0;
	(void)state;

	OK(demo_build(db, 0, &made, &err));
	today_prefix(today, sizeof(today));
	/* an earlier day's backup, and nothing of today */
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/antt-backups && rm -f %s/antt-backups/*.db && "
		"cp %s %s/antt-backups/test-20200101-000000000.db", tu_dir, tu_dir, tu_path("test.db"), tu_dir);
	assert_int_equal(sqlite3_exec(db->sql, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(system(cmd), 0);
	snprintf(old, sizeof(old), "%s", tu_path("antt-backups/test-20200101-000000000.db"));
	OK(backup_daily_begin(db, &job, &err));
	assert_non_null(job);
	OK(backup_step(job, 2, &done, &err));
	assert_false(done);
	assert_int_equal(files_starting(".antt-backup-"), 1);   /* the copy so far, under its temporary name */
	backup_job_free(job);
	assert_int_equal(files_starting(".antt-backup-"), 0);
	assert_int_equal(files_starting(today), 0);
	assert_int_equal(count_in(old, "SELECT count(*) FROM units"), tu_int(db, "SELECT count(*) FROM units"));
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(copy_is_the_state_at_begin),
		cmocka_unit_test(given_up_leaves_nothing),
		cmocka_unit_test(steps_leave_the_import_mark),
		cmocka_unit_test(a_change_during_the_steps_is_not_marked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
