/* The year's figures counted on a second connection, on a thread of its
 * own, while the report's connection sorts the unit list (tally_order):
 * on a 30-province database each takes a quarter of a second, and the
 * second core of an office PC idled through both.
 *
 * Both connections must read the same state of the database, or the
 * figures of page 1 and the lists under them could disagree. A third
 * connection holds the write lock (BEGIN IMMEDIATE, a few hundred
 * microseconds) while the two begin to read: no commit can fall between
 * them. Whenever that cannot be had — a read-only file, another antt
 * writing at that moment, a transaction or a statement already reading,
 * no thread — nothing is started, and the figures are counted on the
 * report's connection as before. */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

static int run(antt_db *db, const char *sql)
{
	return sqlite3_exec(db->sql, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* A statement of db still reading (stepped, not reset): autocommit or
 * not, db then reads the state that statement began at, which in WAL may
 * be older than the one the twin would begin at. */
static int reading(antt_db *db)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->sql, NULL); st; st = sqlite3_next_stmt(db->sql, st))
		if (sqlite3_stmt_busy(st))
			return 1;
	return 0;
}

int report_twin_begin(report_twin *tw, antt_db *db)
{
	antt_db *lock = NULL;
	antt_err e2;
	int ok = 0;

	memset(tw, 0, sizeof(*tw));
	if (db->readonly || !db->path || !strcmp(db->path, ":memory:") || reading(db) ||
	    db_open(db->path, 0, NULL, &lock, &e2) != ANTT_OK)
		return 0;
	sqlite3_busy_timeout(lock->sql, 0);   /* another antt writing now: not waited for */
	if (lock->readonly || !run(lock, "BEGIN IMMEDIATE") || db_open(db->path, DB_READONLY, NULL, &tw->db, &e2) != ANTT_OK)
		goto out;
	/* a small cache: the count reads each table once, in order. The
	 * report's connection reads first here, its transaction open */
	ok = run(tw->db, "PRAGMA cache_size = -256") && run(tw->db, "BEGIN") &&
	     run(tw->db, "SELECT count(*) FROM sqlite_master") && run(db, "SELECT count(*) FROM sqlite_master");
out:
	if (lock)
		run(lock, "ROLLBACK");
	db_close(lock);
	if (!ok) {
		db_close(tw->db);
		tw->db = NULL;
	}
	return ok;
}

static void *count_main(void *arg)
{
	report_twin *tw = arg;

	tw->s = tally_compute(tw->db, tw->year, tw->under, tw->l, tw->t, &tw->err);
	return NULL;
}

int report_twin_count(report_twin *tw, int year, const char *under, const report_layout *l, tally *t)
{
	if (!tw->db)
		return 0;
	tw->year = year;
	tw->under = under;
	tw->l = l;
	tw->t = t;
	if (pthread_create(&tw->th, NULL, count_main, tw) != 0) {
		report_twin_end(tw, NULL);
		return 0;
	}
	tw->running = 1;
	return 1;
}

antt_status report_twin_end(report_twin *tw, antt_err *err)
{
	antt_status s = ANTT_OK;

	if (tw->running) {
		pthread_join(tw->th, NULL);
		tw->running = 0;
		s = tw->s;
		if (s != ANTT_OK && err)
			*err = tw->err;
	}
	if (tw->db) {
		run(tw->db, "ROLLBACK");
		db_close(tw->db);
		tw->db = NULL;
	}
	return s;
}
