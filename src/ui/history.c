/* The history of one criterion (key l on the checklist): the audit rows of
 * its answers and of the assessment's status, newest first, wrapped to the
 * width of the screen. */
#include <curses.h>
#include "ui.h"
#include "date.h"
#include "audit.h"
#include "text.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char **lines;      /* audit rows, oldest first */
	size_t n;
	int top;           /* first screen line shown */
	char *title;
} history_state;

typedef struct {
	const char *unit, *name, *criterion;
	int year;
} history_arg;

static void close_history(ui *ui)
{
	history_state *h = ui->priv;

	for (size_t i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h->title);
}

static int add_line(const audit_entry *e, void *ctx)
{
	history_state *h = ctx;
	char line[1400], when[64], **g = grow_one(h->lines, h->n, sizeof(*g));

	if (!g)
		return 1;
	h->lines = g;
	/* stored in UTC; shown as the officer's clock and calendar read */
	snprintf(line, sizeof(line), "%s  %s  %s", date_show_local(e->at, when, sizeof(when)), e->who, e->what);
	if (!(h->lines[h->n] = strdup(line)))
		return 1;
	h->n++;
	return 0;
}

static antt_status open_history(ui *ui, const void *arg)
{
	const history_arg *a = arg;
	history_state *h = ui->priv;
	audit_filter f = { .unit = a->unit, .year = a->year, .criterion = a->criterion };
	antt_err err = { "" };
	antt_status st;
	char title[1200];

	if ((st = audit_list(ui->db, &f, add_line, h, &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return st;
	}
	/* the criterion first: a long unit name is what gets cut at 80 columns;
	 * the title bar shows the screens' year on the right: said here only
	 * when the history is of another year */
	if (a->year == ui->year)
		snprintf(title, sizeof(title), "Lịch sử tiêu chí %s — %s (mới nhất ở trên)", a->criterion, a->name);
	else
		snprintf(title, sizeof(title), "Lịch sử tiêu chí %s — %s, năm %d (mới nhất ở trên)", a->criterion, a->name,
		         a->year);
	if (!(h->title = strdup(title))) {
		ui_fail(ui, ANTT_ERR_NOMEM, NULL);
		return ANTT_ERR_NOMEM;
	}
	return ANTT_OK;   /* top 0: the newest change first, at the top */
}

void ui_history_open(ui *ui, const char *unit, const char *name, int year, const char *criterion)
{
	history_arg a = { unit, name, criterion, year };

	ui_open(ui, &ui_history_screen, &a);
}

/* Screen lines of the history, newest entry first, each wrapped at the
 * width it is drawn with (the first line from column 1, the rest indented
 * under it); drawn when their number is within [from, from + height).
 * Returns how many there are. */
static int history_lines(const ui *ui, int from, int height)
{
	const history_state *h = ui->priv;
	int line = 0;

	for (size_t i = h->n; i-- > 0;) {
		const char *p = h->lines[i];
		int first = 1;

		while (*p) {
			int x = first ? 1 : 5, cols = ui->cols - x - 1;
			size_t n = text_wrap_line(p, (size_t)cols);

			if (line >= from && line < from + height) {
				char buf[1400];
				snprintf(buf, sizeof(buf), "%.*s", (int)n, p);
				ui_put(2 + line - from, x, cols, buf, first ? A_NORMAL : A_DIM);
			}
			line++;
			p += n;
			while (*p == ' ')
				p++;
			first = 0;
		}
	}
	return line;
}

static int history_height(const ui *ui)
{
	return ui->rows - 4;
}

static void draw_history(ui *ui)
{
	history_state *h = ui->priv;
	int total, height = history_height(ui);

	ui_draw_title(ui, h->title);
	if (h->n == 0) {
		ui_put(2, 2, ui->cols - 4, "Chưa có thay đổi nào.", A_NORMAL);
		return;
	}
	/* never scrolled past a full screen: no run of blank lines at the end */
	total = history_lines(ui, 0, 0);
	if (h->top > total - height)
		h->top = total - height;
	if (h->top < 0)
		h->top = 0;
	history_lines(ui, h->top, height);
}

static int act_history(ui *ui, ui_action a)
{
	history_state *hs = ui->priv;
	int h = history_height(ui);

	switch (a) {
	case ACT_BACK: ui_pop(ui); return R_REDRAW;
	case ACT_UP:   hs->top--; return R_REDRAW;
	case ACT_DOWN: hs->top++; return R_REDRAW;
	case ACT_PGUP: hs->top -= h; return R_REDRAW;
	case ACT_PGDN: hs->top += h; return R_REDRAW;
	case ACT_HOME: hs->top = 0; return R_REDRAW;
	case ACT_END:  hs->top = 1 << 28; return R_REDRAW;   /* drawn at the last full screen */
	default:       return R_NONE;
	}
}

const ui_screen ui_history_screen = { SC_HISTORY, draw_history, act_history, sizeof(history_state),
	open_history, close_history, NULL };
