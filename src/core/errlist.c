/* Error lists: every line kept; in a message, the first lines whole, then
 * how many more. */
#include "errlist.h"
#include "grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERRLIST_SHOWN 8

void errlist_add(errlist *l, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *g;

	l->count++;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(g = grow_bytes(l->all, &l->room, l->len + (size_t)n + 2))) {
		l->nomem = 1;
		return;
	}
	l->all = g;
	va_start(ap, fmt);
	vsnprintf(l->all + l->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	l->len += (size_t)n;
	l->all[l->len++] = '\n';
	l->all[l->len] = '\0';
}

void errlist_free(errlist *l)
{
	free(l->all);
	l->all = NULL;
	l->len = l->room = 0;
}

char *errlist_take(errlist *l)
{
	char *all = l->all;

	l->all = NULL;
	l->len = l->room = 0;
	return all;
}

antt_status errlist_report(const errlist *l, antt_err *err, antt_status st, const char *heading)
{
	char msg[sizeof(err->msg)], more[80];
	const char *p = l->all ? l->all : "";
	int shown = 0;
	size_t used;

	snprintf(msg, sizeof(msg), "%s (%d lỗi, chưa ghi gì):", heading, l->count);
	used = strlen(msg);
	/* whole lines only, leaving room for the count of the others */
	while (*p && shown < ERRLIST_SHOWN) {
		const char *end = strchr(p, '\n');
		size_t n = (size_t)(end - p);
		if (used + 3 + n + sizeof(more) >= sizeof(msg))
			break;
		used += (size_t)snprintf(msg + used, sizeof(msg) - used, "\n  %.*s", (int)n, p);
		shown++;
		p = end + 1;
	}
	more[0] = '\0';
	if (l->count > shown)
		snprintf(more, sizeof(more), "\n  ... và %d lỗi khác", l->count - shown);
	return err_set(err, st, "%s%s", msg, more);
}

antt_status errlist_finish(antt_db *db, const errlist *l, const char *path, const char *what,
                           int *count, antt_err *err)
{
	char heading[600];

	if (!l->count)
		return db_commit(db, err);
	db_rollback(db);
	*count = 0;
	if (l->nomem)
		return ANTT_ERR_NOMEM;
	snprintf(heading, sizeof(heading), "%s: %s có lỗi", path, what);
	return errlist_report(l, err, ANTT_ERR_CSV, heading);
}
