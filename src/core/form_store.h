/* Criteria sets as the database sees them: the set for a new assessment is
 * taken from forms/ and stored whole (with its hash) on first use; an
 * existing assessment is always evaluated with the set it was made with. */
#ifndef ANTT_FORM_STORE_H
#define ANTT_FORM_STORE_H

#include "db.h"
#include "form.h"

/* The set that applies to this unit type and year, from forms/, stored in
 * the database if it is not there yet. Must run inside a transaction.
 * The form belongs to the database handle. With set_id NULL the set is
 * only looked up, not stored. */
antt_status form_for_new(antt_db *db, const char *type, int year,
                         const form **f, sqlite3_int64 *set_id, antt_err *err);

/* The stored set with this id. The form belongs to the database handle. */
antt_status form_for_set(antt_db *db, sqlite3_int64 set_id, const form **f, antt_err *err);

/* SQL functions that need the criteria sets, registered on every handle
 * by session_open: antt_answer_words(set_id, criterion, value) writes a stored
 * answer as the checklist shows it ("có", "97,5 %"). Returns a SQLite code. */
int form_sql_functions(antt_db *db);

#endif
