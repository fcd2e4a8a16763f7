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

/* The file c reads was renamed over or deleted since c opened it (unix;
 * Windows does not say, nor lets an open file be replaced). */
static int moved(sqlite3 *c)
{
	int m = 0;

	return sqlite3_file_control(c, "main", SQLITE_FCNTL_HAS_MOVED, &m) == SQLITE_OK && m;
}

int report_twin_begin(report_twin *tw, antt_db *db)
{
	/* the name SQLite resolved when db was opened (absolute, links
	 * followed): db->path as typed may be relative to another folder by
	 * now, or a link that points at another file; "" in memory */
	const char *path = sqlite3_db_filename(db->sql, "main");
	sqlite3 *lock = NULL;
	antt_err e2;
	int ok = 0;

	memset(tw, 0, sizeof(*tw));
	if (db->readonly || !path || !*path || reading(db) || moved(db->sql))
		return 0;
	/* the lock's connection bare, its busy timeout 0 before it reads:
	 * db_open reads with 5 s of it (a writer's EXCLUSIVE lock in a rollback
	 * journal was waited for, then the report waited as much again) and
	 * would turn a rollback journal into WAL */
	if (sqlite3_open_v2(path, &lock, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(lock, 0);   /* another antt writing now: not waited for */
	if (sqlite3_db_readonly(lock, "main") != 0 || sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
	    db_open(path, DB_READONLY, NULL, &tw->db, &e2) != ANTT_OK)
		goto out;
	/* a small cache: the count reads each table once, in order. The
	 * report's connection reads first here, its transaction open; then
	 * the three are known to be on the one file now named path (a file
	 * put in its place since db was opened: db reads the old one) */
	ok = run(tw->db, "PRAGMA cache_size = -256") && run(tw->db, "BEGIN") &&
	     run(tw->db, "SELECT count(*) FROM sqlite_master") && run(db, "SELECT count(*) FROM sqlite_master") &&
	     !moved(db->sql) && !moved(lock) && !moved(tw->db->sql);
out:
	if (lock)   /* set even when the open failed */
		sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close_v2(lock);
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
