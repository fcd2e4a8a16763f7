/* What merge.c (row by row) and merge_new.c (the rows new here, in bulk)
 * share while they merge one package. */
#ifndef ANTT_MERGE_INT_H
#define ANTT_MERGE_INT_H

#include "sync.h"
#include "sync_int.h"
#include "form.h"

/* the kinds of row, and sync_result's added[]/changed[] index for each */
enum { K_UNIT, K_ASSESSMENT, K_ANSWER };

typedef struct {
	antt_db *db;
	sync_result *r;
	antt_err *err;
	sqlite3_stmt *base, *conflict, *clash, *up, *uid;
	sqlite3_int64 attach_id;
	const sync_trust *t;
	form **sets;      /* the criteria sets checked so far, parsed once each: */
	size_t n_sets;    /* a province's assessments switch between a dozen */
	sqlite3_int64 scope_unit; /* the last unit found in scope (rows come unit by unit) */
} merger;

/* ?1: the signer may approve. If not, an approval state in the package
 * (approved, returned) is not taken: the status here stays; a new
 * assessment arrives as submitted (or draft) for this office to decide. */
#define WITHHELD "(NOT ?1 AND p.status IN ('approved', 'returned'))"
#define EFFECTIVE_STATUS "CASE WHEN NOT " WITHHELD " THEN p.status WHEN a.id IS NOT NULL THEN a.status" \
	" WHEN p.status = 'approved' THEN 'submitted' ELSE 'draft' END"
#define EFFECTIVE_REASON "CASE WHEN NOT " WITHHELD " THEN p.reason WHEN a.id IS NOT NULL THEN a.reason ELSE '' END"

/* A column's text, NULL when NULL. */
const char *merge_col(sqlite3_stmt *st, int i);
/* "code (name)" of a unit here, for messages. */
void merge_unit_words(merger *m, sqlite3_int64 id, char *buf, size_t n);
/* An assessment or answer of unit_id: the unit in the signer's scope, or
 * the package refused. */
antt_status merge_check_unit_of(merger *m, sqlite3_int64 unit_id, int year);
/* A criteria set given to a form of a unit of type in year: one this
 * machine assesses that type by (known: already here). */
antt_status merge_check_set_of(merger *m, const char *sha, int known, const char *type, int year,
                               sqlite3_int64 unit_id);

/* The forms and the answers new here, added in a few statements each
 * (merge_new.c), after merge_rows has taken those already here. */
antt_status merge_add_assessments(merger *m);
antt_status merge_add_answers(merger *m);

#endif
