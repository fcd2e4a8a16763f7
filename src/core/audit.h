/* Reading the audit trail as sentences: who changed what, when, from what
 * to what — for `antt audit` and the history key of the checklist. */
#ifndef ANTT_AUDIT_H
#define ANTT_AUDIT_H

#include "db.h"

typedef struct {
	const char *unit;       /* unit code, or NULL for all */
	int year;               /* 0: every year */
	const char *criterion;  /* NULL: every criterion */
	const char *since;      /* YYYY-MM-DD, or NULL */
} audit_filter;

typedef struct {
	const char *at;         /* YYYY-MM-DD HH:MM:SS (UTC) */
	const char *who;
	const char *what;       /* the change, in Vietnamese */
} audit_entry;

/* Oldest first. fn returns non-zero to stop. */
antt_status audit_list(antt_db *db, const audit_filter *f, int (*fn)(const audit_entry *e, void *ctx),
                       void *ctx, antt_err *err);

#endif
