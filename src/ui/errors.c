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

/* The screen's own state: the refused file's heading and error lines
 * (owned), how to try again, and what Esc says ("" : the file's sentence). */
typedef struct {
	char heading[sizeof(((antt_err *)0)->msg)], *lines, again[160], title[200], back[400];
	long top;
} errors_state;

typedef struct {
	const char *heading;   /* its length is heading_len */
	size_t heading_len;
	const char *lines, *again, *title, *back;
} errors_arg;

static void close_errors(ui *ui)
{
	errors_state *e = ui->priv;

	free(e->lines);
	e->lines = NULL;
}

static antt_status open_errors(ui *ui, const void *arg)
{
	const errors_arg *a = arg;
	errors_state *e = ui->priv;

	if (!(e->lines = strdup(a->lines))) {
		ui_fail(ui, ANTT_ERR_NOMEM, NULL);
		return ANTT_ERR_NOMEM;
	}
	snprintf(e->heading, sizeof(e->heading), "%.*s", (int)a->heading_len, a->heading);
	snprintf(e->again, sizeof(e->again), "%s", a->again);
	snprintf(e->back, sizeof(e->back), "%s", a->back);
	snprintf(e->title, sizeof(e->title), "%s", a->title);
	return ANTT_OK;
}

/* Rows the lines take at the width; row want (when >= 0) drawn at y. */
static long rows_of(ui *ui, long want, int y)
{
	const errors_state *e = ui->priv;
	const char *p = e->lines ? e->lines : "";
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
	const errors_state *e = ui->priv;
	int y = 4;

	ui_draw_title(ui, e->title);
	ui_put(1, 1, ui->cols - 2, e->heading, A_BOLD);
	ui_put(2, 1, ui->cols - 2, e->back[0] ? "↑ ↓ PgUp PgDn để xem hết; Esc để quay lại."
	                                   : "↑ ↓ PgUp PgDn để xem hết các lỗi; Esc để quay lại rồi sửa tệp.", A_DIM);
	for (long r = e->top; y < 4 + height(ui); r++, y++)
		rows_of(ui, r, y);
}

static int act_errors(ui *ui, ui_action a)
{
	errors_state *e = ui->priv;
	long n = rows_of(ui, -1, 0), last = n > height(ui) ? n - height(ui) : 0;
	char said[sizeof(e->back) + sizeof(e->again)];
	int refusal;

	switch (a) {
	case ACT_BACK:
		refusal = e->back[0] != '\0';
		snprintf(said, sizeof(said), "%s", refusal ? e->back : e->again);
		ui_pop(ui);   /* frees e */
		if (refusal)
			ui_message(ui, 1, "%s.", said);   /* still a refusal: typing after it is held */
		else
			ui_message(ui, 0, "Tệp chưa được nhập. Sửa các dòng có lỗi rồi %s.", said);
		return R_REDRAW;
	case ACT_UP:   e->top = e->top > 0 ? e->top - 1 : 0; return R_REDRAW;
	case ACT_DOWN: e->top = e->top < last ? e->top + 1 : last; return R_REDRAW;
	case ACT_PGUP: e->top = e->top > height(ui) ? e->top - height(ui) : 0; return R_REDRAW;
	case ACT_PGDN: e->top = e->top + height(ui) < last ? e->top + height(ui) : last; return R_REDRAW;
	case ACT_HOME: e->top = 0; return R_REDRAW;
	case ACT_END:  e->top = last; return R_REDRAW;
	default:       return R_NONE;
	}
}

const ui_screen ui_errors_screen = { SC_ERRORS, draw_errors, act_errors, sizeof(errors_state), open_errors,
	close_errors, NULL };

/* The list opened (1), or the message only shown (0): a one-line message,
 * or no memory for the list. */
static int show(ui *ui, const char *msg, const char *all, const char *how, const char *title, const char *back)
{
	const char *nl = strchr(msg, '\n');
	errors_arg a;

	if (!nl) {
		ui_message(ui, 1, "%s", msg);
		return 0;
	}
	a = (errors_arg){ msg, (size_t)(nl - msg), all ? all : nl + 1, how, title, back };
	if (ui_open(ui, &ui_errors_screen, &a) != ANTT_OK) {
		ui_message(ui, 1, "%s", msg);
		return 0;
	}
	return 1;
}

int ui_errors_show(ui *ui, const char *msg, const char *all, const char *how)
{
	return show(ui, msg, all, how, "Tệp có lỗi — chưa ghi gì", "");
}

int ui_errors_show_as(ui *ui, const char *t, const char *msg, const char *after)
{
	return show(ui, msg, NULL, "", t, after);
}
