/* libFuzzer target: the package importer (checks and merge, as a dry run)
 * on arbitrary bytes written to a file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "sync/sync.h"

static antt_db *db;
static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sync_result r;
	antt_err err;
	FILE *fp;

	if (!db) {
		setenv("ANTT_FORMS", "forms", 0);
		if (db_open(":memory:", DB_CREATE, &db, &err) != ANTT_OK)
			abort();
		snprintf(path, sizeof(path), "/tmp/antt-fuzz-pkg-%d.antt", (int)getpid());
	}
	if (!(fp = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	{ sync_import_opts o = { .dry_run = 1 }; sync_import(db, path, &o, &r, &err); }
	return 0;
}
