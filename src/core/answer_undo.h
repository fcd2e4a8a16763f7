/* Undo for answers: what a criterion held before a change, taken from a
 * loaded assessment, and putting it back later as an ordinary change —
 * through answer_set_tx / answer_clear_tx, so it is checked (rights, a
 * form that is still editable) and audited like any answer. */
#ifndef ANTT_ANSWER_UNDO_H
#define ANTT_ANSWER_UNDO_H

#include "assess.h"

typedef struct {
	char *criterion;
	int answered;       /* 0: the criterion had no answer; undo removes it */
	char *value;        /* text answer_set reads back to the same value; NULL when unanswered */
	char *note;         /* "" for none */
	int exception;
} answer_prev;

/* Criterion k of r as it is now. The caller frees with answer_prev_free(). */
antt_status answer_prev_take(const assess_result *r, size_t k, answer_prev *out);
void answer_prev_free(answer_prev *p);

/* 1 when criterion k of r differs from p (value, note or exception). */
int answer_prev_differs(const assess_result *r, size_t k, const answer_prev *p);

/* Put the n answers back as they were, all in one transaction: nothing is
 * changed when one of them is refused (e.g. the form was submitted since). */
antt_status answer_restore(antt_db *db, const char *unit_code, int year, const answer_prev *p, size_t n,
                           antt_err *err);

/* The same, only when the n answers are still as after[i] (each as the
 * change being undone left p[i]'s criterion): checked inside the undo's
 * own write transaction, so a change made elsewhere (a package, a conflict
 * settled, the command line) cannot land between the check and the write
 * and be overwritten. A criterion changed since: ANTT_ERR_INVALID, *changed
 * its index and nothing written; otherwise *changed is n. */
antt_status answer_restore_unchanged(antt_db *db, const char *unit_code, int year, const answer_prev *p,
                                     const answer_prev *after, size_t n, size_t *changed, antt_err *err);

#endif
