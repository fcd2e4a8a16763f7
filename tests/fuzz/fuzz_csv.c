/* libFuzzer target: the CSV importers (units, answers) on arbitrary bytes,
 * against one in-memory database kept across inputs. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "assess.h"
#include "unit.h"

static antt_db *db;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	antt_err err;
	FILE *fp;
	int n;

	if (!db) {
		setenv("ANTT_FORMS", "forms", 0);
		if (db_open(":memory:", DB_CREATE, &db, &err) != ANTT_OK)
			abort();
		snprintf(path, sizeof(path), "/tmp/antt-fuzz-csv-%d.csv", (int)getpid());
		unit_add(db, "X1", "xa", "Xã", NULL, &err);
		unit_add(db, "K1", "khu-dan-cu", "Thôn", "X1", &err);
	}
	if (!(fp = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	unit_import_csv(db, path, &n, &err);
	answer_import_csv(db, path, &n, &err);
	return 0;
}
