/* libFuzzer target: the CSV importers (units, answers) on arbitrary bytes.
 * Every 256 inputs the database goes back to its first state (two units),
 * copied in from a pristine one with the backup API: left to grow, it made
 * every run slower than the one before; restored every time, the schema is
 * parsed anew each run, which costs as much. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "assess.h"
#include "session.h"
#include "unit.h"

static antt_db *db;
static sqlite3 *pristine;
static char path[64];
static unsigned runs;

static void restore(void)
{
	sqlite3_backup *b = sqlite3_backup_init(db->sql, "main", pristine, "main");

	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	antt_err err;
	FILE *fp;
	int n;

	if (!db) {
		sqlite3_backup *b;

		setenv("ANTT_FORMS", "forms", 0);
		if (session_open(":memory:", DB_CREATE, &db, &err) != ANTT_OK)
			abort();
		snprintf(path, sizeof(path), "/tmp/antt-fuzz-csv-%d.csv", (int)getpid());
		unit_add(db, "X1", "xa", "Xã", NULL, &err);
		unit_add(db, "K1", "khu-dan-cu", "Thôn", "X1", &err);
		if (sqlite3_open(":memory:", &pristine) != SQLITE_OK ||
		    !(b = sqlite3_backup_init(pristine, "main", db->sql, "main")) ||
		    sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
			abort();
	} else if (++runs % 256 == 0) {
		restore();
	}
	if (!(fp = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	unit_import_csv(db, path, &n, &err);
	answer_import_csv(db, path, &n, &err);
	return 0;
}
