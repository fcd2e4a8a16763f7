/* Collecting the errors of a whole file, so an import reports every bad
 * line at once instead of one per try. Every line is kept (no cap): the
 * message holds the first ones whole, the full list goes to whoever asks
 * (the screens list it, the command line prints it). */
#ifndef ANTT_ERRLIST_H
#define ANTT_ERRLIST_H

#include "db.h"
#include "status.h"

typedef struct {
	char *all;      /* every line, each ending in '\n'; owned, errlist_free */
	size_t len;
	size_t room;    /* bytes allocated for all */
	int count;
	int nomem;      /* a line could not be kept: the count still holds it */
} errlist;

void errlist_add(errlist *l, const char *fmt, ...) __attribute__((format(ANTT_PRINTF, 2, 3)));
void errlist_free(errlist *l);

/* The list, handed to the caller (free() it); NULL when empty. */
char *errlist_take(errlist *l);

/* Copy the first lines, whole, into err under a heading, then how many
 * more; returns st. */
antt_status errlist_report(const errlist *l, antt_err *err, antt_status st, const char *heading);

/* The end of an all-or-nothing import inside a transaction: with errors,
 * roll back, set *count to 0 and report them under "PATH: WHAT có lỗi";
 * without, commit. */
antt_status errlist_finish(antt_db *db, const errlist *l, const char *path, const char *what,
                           int *count, antt_err *err);

#endif
