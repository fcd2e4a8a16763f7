/* The checklist screen's pieces shared by its files: checklist.c (opening,
 * drawing, moving, the workflow keys), check_answer.c (the keys that
 * change answers, and their prompts) and check_undo.c (the undo steps of
 * u / Ctrl-Z). */
#ifndef ANTT_UI_CHECKLIST_H
#define ANTT_UI_CHECKLIST_H

#include "ui.h"
#include "answer_undo.h"

/* The screen's own state (ui->priv while it is on the stack): the form as
 * stored, and where the officer is in it. */
typedef struct {
	assess_result chk;
	int loaded;          /* chk holds a form (a reload can fail) */
	int item, itop;      /* the selected criterion, the first shown */
} check_state;

/* One step of undo: what the answers of one key's change were before it. */
typedef struct ui_undo {
	char unit[64];
	int year;
	answer_prev *p;
	answer_prev *after;  /* the same criteria as this change left them: an undo
	                        puts p back only while they still hold that */
	size_t n;
	char what[200];     /* "tiêu chí 2b: trở lại «có»" */
} ui_undo;

/* The session's steps, newest last (ui->undo): they outlive a visit to a
 * form, so u still works after Esc and Enter on the same unit. */
typedef struct ui_undo_log {
	ui_undo *steps;
	size_t n;
} ui_undo_log;

/* Reload the open form from the database (a message when it fails). */
antt_status check_reload(ui *ui);
/* Remember the unit and criterion, to come back to them next time. */
void check_remember(ui *ui);

/* The keys that change answers (c k Enter e g Del *): R_* for those, or
 * -1 when a is not one of them (check_answer.c). */
int check_answer_act(ui *ui, ui_action a);

/* Every answer of the loaded form as it is now; NULL when memory is short
 * (the change goes on, without an undo step). */
answer_prev *check_take_all(const check_state *c);
/* After a change (the form reloaded): keep as one step the answers of
 * `before` that differ now, and return it (NULL: nothing changed). Frees
 * the rest of `before` in every case. */
ui_undo *check_push_step(ui *ui, answer_prev *before, const char *what);
/* What undoing a change of item k will say: its answer before the change. */
void check_undo_words(const check_state *c, int k, char *buf, size_t n);
/* u, Ctrl-Z: the newest step of the open form back, as an ordinary change. */
void check_undo(ui *ui);

#endif
