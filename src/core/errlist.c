/* Error lists: the first lines in full, then how many more. */
#include "errlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ERRLIST_SHOWN 8

void errlist_add(errlist *l, const char *fmt, ...)
{
	size_t used = strlen(l->text);
	va_list ap;

	if (l->count++ >= ERRLIST_SHOWN || used + 2 >= sizeof(l->text))
		return;
	l->text[used++] = '\n';
	l->text[used] = '\0';
	strcat(l->text, "  ");
	used += 2;
	va_start(ap, fmt);
	vsnprintf(l->text + used, sizeof(l->text) - used, fmt, ap);
	va_end(ap);
}

antt_status errlist_report(const errlist *l, antt_err *err, antt_status st, const char *heading)
{
	if (l->count > ERRLIST_SHOWN)
		return err_set(err, st, "%s (%d lỗi, chưa ghi gì):%s\n  ... và %d lỗi khác",
			heading, l->count, l->text, l->count - ERRLIST_SHOWN);
	return err_set(err, st, "%s (%d lỗi, chưa ghi gì):%s", heading, l->count, l->text);
}

antt_status errlist_finish(antt_db *db, const errlist *l, const char *path, const char *what,
                           int *count, antt_err *err)
{
	char heading[600];

	if (!l->count)
		return db_commit(db, err);
	db_rollback(db);
	*count = 0;
	snprintf(heading, sizeof(heading), "%s: %s có lỗi", path, what);
	return errlist_report(l, err, ANTT_ERR_CSV, heading);
}
