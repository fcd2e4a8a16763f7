/* The journal for one large write: an import of a province adds hundreds
 * of megabytes of pages, and through the WAL each is written twice (into
 * the log, then back into the database at the checkpoint that follows the
 * commit); through a rollback journal the pages past the old end of the
 * file are written once and only the pages changed in place are copied
 * first (2.5 s of a province's 15 s at 3 provinces). Leaving WAL needs the
 * database to be open nowhere else, so this is tried, never waited for:
 * with the screens open in another window the write stays in the WAL, as
 * before. */
#include "db.h"

#include <string.h>

/* Run a journal_mode pragma; 1 when the mode is then want. */
static int journal_set(antt_db *db, const char *sql, const char *want)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		ok = mode && !strcmp(mode, want);
	}
	sqlite3_finalize(st);
	return ok;
}

int db_journal_alone(antt_db *db)
{
	int ok;

	if (!db->wal || db->readonly || !sqlite3_get_autocommit(db->sql))
		return 0;
	sqlite3_busy_timeout(db->sql, 0);
	ok = journal_set(db, "PRAGMA main.journal_mode = DELETE", "delete");
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);
	if (!ok)
		return 0;
	/* the journal's removal is the commit: synced too (EXTRA), so a
	 * committed write survives a power cut, and one cut off rolls back
	 * when the file is next opened (SQLite's hot journal) */
	db->wal = 0;
	sqlite3_exec(db->sql, "PRAGMA synchronous = EXTRA", NULL, NULL, NULL);
	return 1;
}

void db_journal_wal(antt_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		return;
	sqlite3_exec(db->sql, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	/* waits as any write does for a reader that came meanwhile; if it
	 * still cannot, the next db_open puts the WAL back */
	db->wal = journal_set(db, "PRAGMA main.journal_mode = WAL", "wal");
}
