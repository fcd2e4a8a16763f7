/* The application's state and the pieces the screens share. Only src/ui
 * includes curses.h; what the screens show comes from core functions
 * (tree_*, assess_*, progress_*, lineedit_*) that are tested without a
 * terminal. Actions change state and return a reaction; drawing happens
 * once per key, from the state. */
#ifndef ANTT_UI_H
#define ANTT_UI_H

#include "app.h"
#include "assess.h"
#include "db.h"
#include "keys.h"
#include "lineedit.h"
#include "progress.h"
#include "tree.h"

enum { R_NONE = 0, R_REDRAW = 1, R_QUIT = 2 };

/* Rows above the unit list: title, two lines of counts, filters, heads. */
#define UI_UNITS_TOP 5

struct ui;

/* A screen is an ops table, as tig's views are. Its own state (what it
 * shows, where its cursor is) is private_size bytes, zeroed and given to it
 * while it is on the stack: open loads it when the screen is pushed (arg is
 * the caller's: a unit's code, a criterion), close lets go of what it holds
 * before ui_pop frees it. draw and act find it in ui->priv; nothing of it
 * lives in struct ui, and no other screen touches it. Screens with no state
 * of their own leave the last three 0. */
/* One key of a hint bar a screen gives for its state (ui_screen.hints):
 * the word NULL is the key table's. */
typedef struct ui_hint {
	ui_action action;
	const char *word;
} ui_hint;

typedef struct ui_screen {
	int id;                                   /* SC_* */
	void (*draw)(struct ui *ui);
	int (*act)(struct ui *ui, ui_action a);   /* returns R_* */
	size_t private_size;
	antt_status (*open)(struct ui *ui, const void *arg);   /* NULL: nothing to load */
	void (*close)(struct ui *ui);   /* also after a failed open: frees only what is set */
	/* The hint bar where only some keys work (a locked form, an empty
	 * list): those keys, in order, to ACT_NONE; NULL (or no hook): the
	 * screen's keys from the table. */
	const ui_hint *(*hints)(struct ui *ui);
} ui_screen;

/* A prompt's submit handler: ANTT_OK closes the prompt; anything else keeps
 * it open with the text, and the message set by the handler is shown. */
typedef antt_status (*ui_submit)(struct ui *ui, const char *text);

/* The unit list's marks and what a decision for many units gathers
 * (recognise.c): the marked units' codes (owned), in the order they were
 * marked, kept across reloads, cleared by Esc in the list and after a
 * decision; the decision being typed; the unit F6 / F7 work below. */
typedef struct ui_marks {
	char **codes;
	size_t n;
	char number[256], day[11], authority[1024];
	char bulk_code[64], bulk_name[256];
} ui_marks;

/* The unit list's state. It is not a screen's priv: the list is the
 * screen under every other, its tree is read by Progress and updated
 * from the checklist (ui_units_changed), and the idle work (ui_units_idle)
 * runs while other screens are shown. */
typedef struct ui_units_state {
	tree_view tree;
	int tree_loaded;
	long sel, top;
	char want_unit[128];       /* select this unit when the tree reloads */
	int want_check;            /* and open its checklist once the first screen's rows
	                              are read whole (ui_start, ui_units_complete) */
	ui_marks marks;            /* Space's marks, c's decision, F6 / F7's unit */
	long long sets_below;      /* ui_units_idle's walk: the next criteria set has a lower
	                              id; 0: from the newest (set by each reload); -1: done */
} ui_units_state;

/* Progress's figures, loaded for p_year: kept in struct ui, not in the
 * screen's priv, so they are worked out ahead (ui_progress_warm) while
 * the unit list is shown and kept between visits. */
typedef struct ui_progress_state {
	progress_type *pt;
	size_t npt;
	progress_commune *pc;
	size_t npc;
	progress_deadline deadlines[2], movement_deadlines[3];   /* TT 124; QĐ 510 */
	int have_deadlines, have_movement_deadlines;
	int deadlines_due;         /* still being read, a piece at a time between keys */
	int p_year;
	int ptop;
	int page;              /* rows the list shows, for PgUp and PgDn */
	int packages;              /* the progress screen shows who sent packages */
	struct ui_progress_cache *cache;   /* the years' figures and deadlines kept (progress.c) */
} ui_progress_state;

enum { UI_TITLE = 1, UI_HINT, UI_PASS, UI_FAIL, UI_DRAFT, UI_ERROR, UI_SELECT };

typedef struct ui {
	antt_db *db;
	antt_db **dbp;             /* the caller's handle: the welcome screen may switch it */
	char *db_path;
	int year;
	int rows, cols;
	int color;                 /* colours in use */
	int ascii;                 /* ASCII marks: no colour, or the Linux console */
	int telex;
	int utf8;                  /* the locale is UTF-8 */
	const ui_screen *screen;
	void *priv;                /* the screen's own state (ui_screen.private_size) */
	const ui_screen *stack[8];
	void *stack_priv[8];       /* ... and each one's below it, kept while covered */
	int depth;
	char msg[600];
	int msg_error;
	int redraw;                /* work done between keys changed what is shown */
	int latched;               /* an action was refused: typed letters are swallowed
	                              until Esc or Enter, so a sentence meant for a prompt
	                              that did not open never runs as commands */

	/* the prompt on the line above the hint bar */
	int prompting;
	char prompt_label[160];
	char prompt_initial[LINEEDIT_MAX * 4 + 1];   /* what the field opened with: Esc says when more was typed */
	lineedit prompt;
	ui_submit submit;
	int prompt_mask;           /* a password: drawn as stars, no Telex */
	char pctx[4][LINEEDIT_MAX * 4 + 1]; /* what a multi-step dialog has gathered: a whole field */
	void (*then)(struct ui *ui); /* what a leader's login was asked for */
	int leader_once;           /* login off: a leader logged in for one action */
	char open_user[64];        /* ... and the session's own name, given back after it */

	ui_units_state units;      /* the unit list (units.c), under every screen */

	/* the checklist's undo steps: the session's, kept between visits to a
	 * form (check_undo.c); every screen's own state is in priv */
	struct ui_undo_log *undo;

	ui_progress_state progress; /* Progress's figures (progress.c) */
	struct backup_job *daily;  /* the day's backup while it is copied (daily.c) */
} ui;

extern const ui_screen ui_units_screen, ui_check_screen, ui_progress_screen,
	ui_settings_screen, ui_help_screen, ui_welcome_screen, ui_login_screen, ui_history_screen,
	ui_conflicts_screen, ui_score_screen, ui_registers_screen, ui_errors_screen;

/* A refused file's message (err.msg: a heading line, then one line per
 * error) and, when the import gives it, every error (all, else NULL):
 * opens the list of errors and returns 1; a one-line message is only
 * shown (0). how completes "Sửa ... rồi ...": the key that tries again. */
int ui_errors_show(ui *ui, const char *msg, const char *all, const char *how);
/* The same for a refusal that is not a file's (a decision's units): the
 * screen's title, and the whole message shown after Esc. */
int ui_errors_show_as(ui *ui, const char *title, const char *msg, const char *back);

/* The unit list's marks and decisions for many units (recognise.c):
 * Space marks, c records one recognition decision for the marked units,
 * F6 / F7 submit / approve every complete form below a unit. */
int ui_marked(const ui *ui, const char *code);
size_t ui_marks_clear(ui *ui);    /* returns how many were marked */
void ui_mark_toggle(ui *ui);
void ui_recognise_start(ui *ui);
void ui_bulk_start(ui *ui, int approve);

/* The first screen after start (and after logging in): the welcome screen
 * on an empty database, else the units, or the checklist left open. */
void ui_start(ui *ui);
void ui_prompt_secret(ui *ui, const char *label, ui_submit submit);

/* Before a leader's action (approve, return, reopen, a reviewer's score,
 * choosing in a conflict): 1 when the session may do it now. Otherwise 0,
 * and where login is off it asks for a leader's login and password and
 * runs then() once the leader is proven; else it says who may and how. */
int ui_leader_first(ui *ui, const char *what, void (*then)(struct ui *));
/* Once the prompts of that action are closed (done, refused or Esc), the
 * session is nobody's again: the next approval asks again, and what is
 * entered afterwards is not recorded under the leader's name. */
void ui_leader_end(ui *ui);

/* Screens: ui_open pushes s with its state zeroed and runs its open hook
 * with arg; when that fails the screen is popped again, its message stays,
 * and the status is returned. ui_push is ui_open with no argument. ui_pop
 * closes the screen on top and frees its state; ui_switch puts s in its
 * place; ui_close_all closes every screen (a new login, the exit). */
antt_status ui_open(ui *ui, const ui_screen *s, const void *arg);
void ui_push(ui *ui, const ui_screen *s);
void ui_pop(ui *ui);
void ui_switch(ui *ui, const ui_screen *s);
void ui_close_all(ui *ui);

/* The screens opened with what they show (each loads it in its open). */
void ui_history_open(ui *ui, const char *unit, const char *name, int year, const char *criterion);
void ui_registers_open(ui *ui, const char *code, const char *name);
void ui_score_open(ui *ui, const unit_row *u);
/* F1: the key table, at the group of the screen `screen` (an SC_*). */
void ui_help_open(ui *ui, int screen);
void ui_message(ui *ui, int error, const char *fmt, ...) __attribute__((format(ANTT_PRINTF, 3, 4)));
/* Before work that takes seconds in one call (a province's package): what
 * is being done, shown at once, so the screen does not look stuck. */
void ui_busy(ui *ui, const char *what);
/* A text field at the bottom, opened with initial; not opened (and said
 * why) when initial is longer than a field holds. */
void ui_prompt(ui *ui, const char *label, const char *initial, ui_submit submit);
/* A failure as the screens say it: core's detail, or the status's own
 * words when there is none (an empty red line says nothing). */
void ui_fail(ui *ui, antt_status s, const antt_err *err);
/* The page cache the screens want, on each database they open. */
void ui_db_cache(antt_db *db);
const char *ui_err_text(antt_status s, const antt_err *err);
/* The same without its full stop, to go on a sentence ("Chưa in được:
 * %s. Hãy …"): into buf, which it returns. */
char *ui_err_sentence(antt_status s, const antt_err *err, char *buf, size_t n);

/* [ and ]: the year before or after, within the years antt knows; 0
 * (with a message) at either end. */
int ui_year_step(ui *ui, int delta);

/* Units and checklist hooks used across screens */
antt_status ui_units_reload(ui *ui);
/* The first load of a session: on a large database only the rows the
 * first screen shows (tree_preview), so it comes at once; the rest is
 * read by ui_units_complete before any key or other work. */
antt_status ui_units_first(ui *ui);
/* The whole tree after ui_units_first's rows, the cursor kept on its
 * unit; 0 when there was nothing to read, 1 when read (draw again), -1
 * when it cannot be read (ui->msg says why: the session ends, as a start
 * whose tree cannot be read does). */
int ui_units_complete(ui *ui);
/* The same, only when the year or the database changed since the load
 * (back from a screen that only reads, such as Progress). */
antt_status ui_units_refresh(ui *ui);
/* After a unit's form changed on another screen (the checklist): that
 * unit and those above it read again, and the unit selected (units.c). */
void ui_units_changed(ui *ui, const char *code);
/* The units editor's keys (add, rename, move, retire, exclude, managed
 * above) on the selected row r, NULL when none (unit_edit.c): R_*. */
int ui_unit_edit(ui *ui, ui_action a, const tree_row *r);
/* The unit list's selected row, NULL when none is shown. */
const tree_row *ui_units_current(const ui *ui);
/* A confirmation field's answer is yes: c or có (unit_edit.c). */
int ui_said_yes(const char *t);
/* A piece of the work done while the officer reads the screen (the
 * criteria sets parsed, so the first Enter opens a form at once); 1 while
 * there is more. */
int ui_units_idle(ui *ui);
antt_status ui_check_open(ui *ui, const char *code);
void ui_check_free(ui *ui);   /* the checklist's undo steps, at exit */

/* The day's backup in steps (daily.c): begun before the first screen,
 * one slice per idle moment (returns R_*), finished before quitting. */
void ui_daily_begin(ui *ui);
int ui_daily_step(ui *ui);
void ui_daily_finish(ui *ui);
double ui_now_ms(void);   /* a monotonic clock, in milliseconds: for slices of work between keys */

/* Progress's state and the figures kept between visits (progress.c), let
 * go at exit and when another database is opened. */
void ui_progress_free(ui *ui);
/* A piece of Progress's figures for the year worked out ahead (while the
 * officer reads the units): 1 when a piece was done, 0 when none is due. */
int ui_progress_warm(ui *ui);

/* F5: ask the year and the file, then write the Excel report. */
void ui_report_dialog(ui *ui);
/* i: the recognition dossier of the selected unit r: the officer picks a
 * document, it goes to a new file in the Documents folder (print_dialog.c). */
void ui_print_open(ui *ui, const tree_row *r);
/* g: packages for the selected unit r (the first row of the tree: the
 * whole database) written into a new file, or a package received: checked
 * first, then imported when the officer says so (exchange_dialog.c). */
void ui_exchange_open(ui *ui, const tree_row *r);

/* Drawing (draw.c) */
int ui_attr(const ui *ui, int kind);
void ui_put(int y, int x, int cols, const char *s, int attr);
/* s wrapped at spaces into at most rows rows from (y, x), the last one cut
 * with the mark; returns the rows used. */
int ui_put_wrap(int y, int x, int cols, int rows, const char *s, int attr);
/* s padded or cut (with the screen's cut mark) to cols columns into buf. */
char *ui_pad(char *buf, size_t n, const char *s, int cols);
void ui_line(int y, int cols, int attr);
const char *ui_mark(const ui *ui, int state);
void ui_draw_title(ui *ui, const char *left);
/* "WHAT — NAME (CODE)" as a dialog's title: a long name is cut with the
 * mark so the code stays whole. */
void ui_draw_unit_title(ui *ui, const char *what, const char *name, const char *code);
/* One entry of a dialog's choice list at row y: its title in lc columns,
 * what it does wrapped on its right in at most two rows (above the message
 * line), highlighted when selected. Returns the rows used. */
int ui_draw_choice(ui *ui, int y, int lc, const char *title, const char *what, int selected);
/* A dialog's list of n choices: an arrow, Home, End or a page key moves
 * *sel (1); any other action is not the list's (0). */
int ui_choice_move(int *sel, int n, ui_action a);
void ui_draw_bottom(ui *ui);
int ui_list_height(const ui *ui, int top_rows);
void ui_scroll(long *sel, long *top, long n, int height, ui_action a);

#endif
