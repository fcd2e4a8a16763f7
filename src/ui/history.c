/* The history of one criterion (key l on the checklist): the audit rows of
 * its answers and of the assessment's status, newest first, wrapped to the
 * width of the screen. */
#include <curses.h>
#include "ui.h"
#include "date.h"
#include "audit.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_history_free(ui *ui)
{
	for (size_t i = 0; i < ui->n_hist; i++)
		free(ui->hist[i]);
	free(ui->hist);
	ui->hist = NULL;
	ui->n_hist = 0;
}

static int add_line(const audit_entry *e, void *ctx)
{
	ui *u = ctx;
	char line[1400], when[64], **g = realloc(u->hist, (u->n_hist + 1) * sizeof(*g));

	if (!g)
		return 1;
	u->hist = g;
	/* stored in UTC; shown as the officer's clock and calendar read */
	snprintf(line, sizeof(line), "%s  %s  %s", date_show_local(e->at, when, sizeof(when)), e->who, e->what);
	if (!(u->hist[u->n_hist] = strdup(line)))
		return 1;
	u->n_hist++;
	return 0;
}

void ui_history_open(ui *ui, const char *unit, int year, const char *criterion)
{
	audit_filter f = { .unit = unit, .year = year, .criterion = criterion };
	antt_err err = { "" };
	antt_status st;

	ui_history_free(ui);
	if ((st = audit_list(ui->db, &f, add_line, ui, &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return;
	}
	snprintf(ui->pctx[3], sizeof(ui->pctx[3]), "%s", criterion);
	ui->hist_top = 0;   /* the newest change first, at the top */
	ui_push(ui, &ui_history_screen);
}

/* Screen lines of the history, newest entry first, each wrapped at the
 * width it is drawn with (the first line from column 1, the rest indented
 * under it); drawn when their number is within [from, from + height).
 * Returns how many there are. */
static int history_lines(const ui *ui, int from, int height)
{
	int line = 0;

	for (size_t i = ui->n_hist; i-- > 0;) {
		const char *p = ui->hist[i];
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
	char title[sizeof(ui->pctx[3]) + 600];
	int total, height = history_height(ui);

	/* the criterion first: a long unit name is what gets cut at 80 columns */
	snprintf(title, sizeof(title), "Lịch sử tiêu chí %s — %s, năm %d (mới nhất ở trên)", ui->pctx[3],
		ui->chk.unit.name, ui->year);
	ui_draw_title(ui, title);
	if (ui->n_hist == 0) {
		ui_put(2, 2, ui->cols - 4, "Chưa có thay đổi nào.", A_NORMAL);
		return;
	}
	/* never scrolled past a full screen: no run of blank lines at the end */
	total = history_lines(ui, 0, 0);
	if (ui->hist_top > total - height)
		ui->hist_top = total - height;
	if (ui->hist_top < 0)
		ui->hist_top = 0;
	history_lines(ui, ui->hist_top, height);
}

static int act_history(ui *ui, ui_action a)
{
	int h = history_height(ui);

	switch (a) {
	case ACT_BACK: ui_pop(ui); return R_REDRAW;
	case ACT_UP:   ui->hist_top--; return R_REDRAW;
	case ACT_DOWN: ui->hist_top++; return R_REDRAW;
	case ACT_PGUP: ui->hist_top -= h; return R_REDRAW;
	case ACT_PGDN: ui->hist_top += h; return R_REDRAW;
	case ACT_HOME: ui->hist_top = 0; return R_REDRAW;
	case ACT_END:  ui->hist_top = 1 << 28; return R_REDRAW;   /* drawn at the last full screen */
	default:       return R_NONE;
	}
}

const ui_screen ui_history_screen = { SC_HISTORY, draw_history, act_history };
