/* Collecting the errors of a whole file, so an import reports every bad
 * line at once instead of one per try. */
#ifndef ANTT_ERRLIST_H
#define ANTT_ERRLIST_H

#include "db.h"
#include "status.h"

typedef struct {
	char text[900];
	int count;
} errlist;

void errlist_add(errlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copy the list into err under a heading; returns st. */
antt_status errlist_report(const errlist *l, antt_err *err, antt_status st, const char *heading);

/* The end of an all-or-nothing import inside a transaction: with errors,
 * roll back, set *count to 0 and report them under "PATH: WHAT có lỗi";
 * without, commit. */
antt_status errlist_finish(antt_db *db, const errlist *l, const char *path, const char *what,
                           int *count, antt_err *err);

#endif
