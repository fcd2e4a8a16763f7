/* Answers: one criterion's answer of a unit's assessment for a year, saved
 * or cleared one by one (each in its own transaction, audited), or
 * imported from a CSV file all or nothing. */
#ifndef ANTT_ANSWER_H
#define ANTT_ANSWER_H

#include "db.h"
#include "unit.h"

/* Save one answer in its own transaction. criterion "*" with value "đạt"
 * answers every criterion so that it holds. note NULL keeps the old note;
 * exception -1 keeps the old flag. */
antt_status answer_set(antt_db *db, const char *unit_code, int year, const char *criterion,
                       const char *value, const char *note, int exception, antt_err *err);

/* The same inside the caller's transaction, for bulk work: verdicts are
 * not recomputed; call assess_recompute_year() before committing. */
antt_status answer_set_tx(antt_db *db, const unit_row *u, int year, const char *criterion,
                          const char *value, const char *note, int exception, antt_err *err);

/* unit_code,year,criterion,value[,note[,exception]]: all or nothing. */
antt_status answer_import_csv(antt_db *db, const char *path, int *count, antt_err *err);

/* Remove one answer (audited), in its own transaction. */
antt_status answer_clear(antt_db *db, const char *unit_code, int year, const char *criterion, antt_err *err);
/* The same inside the caller's transaction; then assess_recompute_up(). */
antt_status answer_clear_tx(antt_db *db, const unit_row *u, int year, const char *criterion, antt_err *err);

#endif
