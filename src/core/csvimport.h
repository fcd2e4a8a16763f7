/* The skeleton every all-or-nothing CSV import shares: read the file, skip
 * a header row, try each row inside one transaction, collect "dòng N: ..."
 * for every row refused, and commit only when none was. Each import gives
 * its own row reader. */
#ifndef ANTT_CSVIMPORT_H
#define ANTT_CSVIMPORT_H

#include "csvtab.h"
#include "db.h"

typedef struct {
	const char *const *header;   /* what a header row's first cell may say */
	const char *what;            /* the file in the message: "tệp điểm" */
	/* one row, written in the open transaction: ANTT_OK, or a refusal
	 * with e saying why (the line number is added) */
	antt_status (*row)(antt_db *db, const csvtab_row *r, void *ctx, antt_err *e);
	/* after the rows when none was refused, before the commit; may be NULL */
	antt_status (*done)(antt_db *db, void *ctx, antt_err *err);
	void *ctx;
	/* what a data row holds, for a file with none: "mỗi dòng dữ liệu gồm
	 * các cột ..." (may be NULL) */
	const char *columns;
} csv_import;

/* Run imp over the file at path. *count: rows written (0 when nothing
 * was). errors, when not NULL, receives every refused line (free() it). */
antt_status csv_import_run(antt_db *db, const char *path, const csv_import *imp, int *count, char **errors,
                           antt_err *err);

#endif
