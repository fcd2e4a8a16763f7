/* A refused file's errors (which line, what is wrong), wrapped at the
 * screen's width and scrolled with the arrows, as the command line prints
 * them: an import from the screens (units on the welcome screen, the
 * registers) opens this list instead of squeezing it into the message
 * line. Esc goes back and says how to try again. */
#include <curses.h>
#include "ui.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One list at a time: the last refused file's (lines: owned, kept until
 * the next). */
static char heading[sizeof(((antt_err *)0)->msg)], *lines, again[160];
static long top;
static const char *title = "Tệp có lỗi — chưa ghi gì";
static char back[400];   /* said after Esc ("" : the file's sentence) */

/* Rows the lines take at the width; row want (when >= 0) drawn at y. */
static long rows_of(ui *ui, long want, int y)
{
	const char *p = lines ? lines : "";
	long row = 0;

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *line = strndup(p, len);   /* a line of any length, whole */
		const char *q = line;
		int first = 1;

		if (!line)
			return row;
		while (*q == ' ')
			q++;
		do {
			size_t n = text_wrap_line(q, (size_t)ui->cols - (first ? 4 : 8));
			if (row == want) {
				char *part = strndup(q, n);
				if (part)
					ui_put(y, first ? 2 : 6, ui->cols - (first ? 4 : 8), part, A_NORMAL);
				free(part);
			}
			row++;
			q += n;
			while (*q == ' ')
				q++;
			first = 0;
		} while (*q);
		free(line);
		p += len + (end != NULL);
	}
	return row;
}

static int height(const ui *ui)
{
	return ui->rows - 6;
}

static void draw_errors(ui *ui)
{
	int y = 4;

	ui_draw_title(ui, title);
	ui_put(1, 1, ui->cols - 2, heading, A_BOLD);
	ui_put(2, 1, ui->cols - 2, back[0] ? "↑ ↓ PgUp PgDn để xem hết; Esc để quay lại."
	                                   : "↑ ↓ PgUp PgDn để xem hết các lỗi; Esc để quay lại rồi sửa tệp.", A_DIM);
	for (long r = top; y < 4 + height(ui); r++, y++)
		rows_of(ui, r, y);
}

static int act_errors(ui *ui, ui_action a)
{
	long n = rows_of(ui, -1, 0), last = n > height(ui) ? n - height(ui) : 0;

	switch (a) {
	case ACT_BACK:
		ui_pop(ui);
		if (back[0])
			ui_message(ui, 1, "%s.", back);   /* still a refusal: typing after it is held */
		else
			ui_message(ui, 0, "Tệp chưa được nhập. Sửa các dòng có lỗi rồi %s.", again);
		return R_REDRAW;
	case ACT_UP:   top = top > 0 ? top - 1 : 0; return R_REDRAW;
	case ACT_DOWN: top = top < last ? top + 1 : last; return R_REDRAW;
	case ACT_PGUP: top = top > height(ui) ? top - height(ui) : 0; return R_REDRAW;
	case ACT_PGDN: top = top + height(ui) < last ? top + height(ui) : last; return R_REDRAW;
	case ACT_HOME: top = 0; return R_REDRAW;
	case ACT_END:  top = last; return R_REDRAW;
	default:       return R_NONE;
	}
}

const ui_screen ui_errors_screen = { SC_ERRORS, draw_errors, act_errors };

int ui_errors_show(ui *ui, const char *msg, const char *all, const char *how)
{
	const char *nl = strchr(msg, '\n');
	char *copy;

	if (!nl || !(copy = strdup(all ? all : nl + 1))) {
		ui_message(ui, 1, "%s", msg);
		return 0;
	}
	free(lines);
	lines = copy;
	snprintf(heading, sizeof(heading), "%.*s", (int)(nl - msg), msg);
	snprintf(again, sizeof(again), "%s", how);
	title = "Tệp có lỗi — chưa ghi gì";
	back[0] = '\0';
	top = 0;
	ui_push(ui, &ui_errors_screen);
	return 1;
}

int ui_errors_show_as(ui *ui, const char *t, const char *msg, const char *after)
{
	if (!ui_errors_show(ui, msg, NULL, ""))
		return 0;
	title = t;
	snprintf(back, sizeof(back), "%s", after);
	return 1;
}
