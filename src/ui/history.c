/* The history of one criterion (key l on the checklist): the audit rows of
 * its answers and of the assessment's status, oldest first. */
#include <curses.h>
#include "ui.h"
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
	char line[1400], **g = realloc(u->hist, (u->n_hist + 1) * sizeof(*g));

	if (!g)
		return 1;
	u->hist = g;
	snprintf(line, sizeof(line), "%s  %s  %s", e->at, e->who, e->what);
	if (!(u->hist[u->n_hist] = strdup(line)))
		return 1;
	u->n_hist++;
	return 0;
}

void ui_history_open(ui *ui, const char *unit, int year, const char *criterion)
{
	audit_filter f = { .unit = unit, .year = year, .criterion = criterion };
	antt_err err = { "" };

	ui_history_free(ui);
	if (audit_list(ui->db, &f, add_line, ui, &err) != ANTT_OK) {
		ui_message(ui, 1, "%s", err.msg);
		return;
	}
	snprintf(ui->pctx[3], sizeof(ui->pctx[3]), "%s", criterion);
	ui->htop = ui->n_hist > 5 ? (int)ui->n_hist - 5 : 0;
	ui_push(ui, &ui_history_screen);
}

static void draw_history(ui *ui)
{
	char title[512];
	int y = 2;

	snprintf(title, sizeof(title), "Lịch sử — %s, năm %d, tiêu chí %s", ui->chk.unit.name, ui->year, ui->pctx[3]);
	ui_draw_title(ui, title);
	if (ui->n_hist == 0)
		ui_put(y, 2, ui->cols - 4, "Chưa có thay đổi nào.", A_NORMAL);
	for (size_t i = (size_t)ui->htop; i < ui->n_hist && y < ui->rows - 2; i++) {
		const char *p = ui->hist[i];
		int first = 1;
		while (*p && y < ui->rows - 2) {
			size_t n = text_wrap_line(p, (size_t)ui->cols - (first ? 2 : 6));
			char line[1400];
			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			ui_put(y++, first ? 1 : 5, ui->cols - 6, line, first ? A_NORMAL : A_DIM);
			p += n;
			while (*p == ' ')
				p++;
			first = 0;
		}
	}
}

static int act_history(ui *ui, ui_action a)
{
	switch (a) {
	case ACT_BACK: ui_pop(ui); return R_REDRAW;
	case ACT_UP:   if (ui->htop > 0) ui->htop--; return R_REDRAW;
	case ACT_DOWN: if ((size_t)ui->htop + 1 < ui->n_hist) ui->htop++; return R_REDRAW;
	case ACT_HOME: ui->htop = 0; return R_REDRAW;
	case ACT_END:  ui->htop = ui->n_hist ? (int)ui->n_hist - 1 : 0; return R_REDRAW;
	default:       return R_NONE;
	}
}

const ui_screen ui_history_screen = { SC_HISTORY, draw_history, act_history };
