/* The checklist screen's pieces shared by its files: checklist.c (drawing,
 * answering, workflow) and check_undo.c (the undo steps of u / Ctrl-Z). */
#ifndef ANTT_UI_CHECKLIST_H
#define ANTT_UI_CHECKLIST_H

#include "ui.h"
#include "answer_undo.h"

/* One step of undo: what the answers of one key's change were before it. */
typedef struct ui_undo {
	char unit[64];
	int year;
	answer_prev *p;
	size_t n;
	char what[200];     /* "tiêu chí 2b: trở lại «có»" */
} ui_undo;

/* Reload the open form from the database (a message when it fails). */
antt_status check_reload(ui *ui);
/* Remember the unit and criterion, to come back to them next time. */
void check_remember(ui *ui);

/* Every answer of the loaded form as it is now; NULL when memory is short
 * (the change goes on, without an undo step). */
answer_prev *check_take_all(const ui *ui);
/* After a change (the form reloaded): keep as one step the answers of
 * `before` that differ now, and return it (NULL: nothing changed). Frees
 * the rest of `before` in every case. */
ui_undo *check_push_step(ui *ui, answer_prev *before, const char *what);
/* What undoing a change of item k will say: its answer before the change. */
void check_undo_words(const ui *ui, int k, char *buf, size_t n);
/* u, Ctrl-Z: the newest step of the open form back, as an ordinary change. */
void check_undo(ui *ui);

#endif
