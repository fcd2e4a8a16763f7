/* F1: the key table, grouped by screen. Drawn from ui_keys, so it always
 * says what the keys do. */
#include <curses.h>
#include "ui.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

static const struct { int screen; const char *title; } groups[] = {
	{ SC_ALL, "Mọi màn hình" },
	{ SC_UNITS, "Danh sách đơn vị" },
	{ SC_CHECK, "Phiếu tiêu chí" },
	{ SC_PROGRESS, "Tiến độ" },
	{ SC_SETTINGS, "Thiết lập" },
	{ SC_HISTORY, "Lịch sử thay đổi" },
	{ SC_CONFLICTS, "Xung đột khi nhập gói" },
	{ SC_SCORE, "Phiếu chấm điểm phong trào" },
	{ SC_REGISTERS, "Sổ theo dõi phong trào" },
	{ SC_PRINT, "In hồ sơ" },
	{ SC_EXCHANGE, "Gói dữ liệu" },
	{ SC_WELCOME, "Lần đầu mở chương trình" },
	{ SC_LOGIN, "Đăng nhập" },
};

static int in_group(const ui_key *k, int screen)
{
	if (screen == SC_ALL)
		return k->screens == SC_ALL || k->screens == SC_LISTS;
	return k->screens != SC_ALL && k->screens != SC_LISTS && (k->screens & screen);
}

/* Walk the help text, a key's text wrapped under itself at the screen's
 * width (nothing cut): line want is written into buf when buf is not NULL.
 * Returns the number of lines or, when stop names a screen, the line where
 * its group starts (0 if none). */
static int help_walk(int want, char *buf, size_t n, int *bold, int stop)
{
	int line = 0, cols = COLS - 14 > 20 ? COLS - 14 : 20;
	char label[64];

	for (size_t g = 0; g < sizeof(groups) / sizeof(*groups); g++) {
		int keys = 0;

		for (int i = 0; i < ui_key_count; i++)
			keys += in_group(&ui_keys[i], groups[g].screen);
		if (groups[g].screen == stop)
			return keys ? line : 0;   /* a screen with only the common keys: those */
		if (!keys)
			continue;
		if (line == want && buf) {
			snprintf(buf, n, "%s", groups[g].title);
			*bold = 1;
		}
		line++;
		for (int i = 0; i < ui_key_count; i++) {
			const ui_key *k = &ui_keys[i];
			const char *p = k->help;

			if (!in_group(k, groups[g].screen))
				continue;
			for (int first = 1; first || *p; first = 0) {
				size_t len = text_wrap_line(p, (size_t)cols);
				if (line == want && buf) {
					snprintf(buf, n, "  %s  %.*s", first ? ui_pad(label, sizeof(label), k->label, 8) : "        ",
						(int)len, p);
					*bold = 0;
				}
				line++;
				for (p += len; *p == ' '; p++)
					;
			}
		}
		if (line == want && buf)
			buf[0] = '\0';
		line++;
	}
	return stop ? 0 : line;
}

typedef struct {
	int top;   /* the first line shown */
} help_state;

/* arg: the SC_* of the screen F1 was pressed on; its own keys come first. */
static antt_status open_help(ui *ui, const void *arg)
{
	help_state *h = ui->priv;

	h->top = arg ? help_walk(-1, NULL, 0, NULL, *(const int *)arg) : 0;
	return ANTT_OK;
}

void ui_help_open(ui *ui, int screen)
{
	ui_open(ui, &ui_help_screen, &screen);
}

static void draw_help(ui *ui)
{
	help_state *hs = ui->priv;
	int total = help_walk(-1, NULL, 0, NULL, 0), h = ui->rows - 3;
	char buf[2048];

	ui_draw_title(ui, "Trợ giúp — các phím (Esc để quay lại)");
	if (hs->top > total - h)
		hs->top = total - h > 0 ? total - h : 0;
	for (int i = 0; i < h && hs->top + i < total; i++) {
		int bold = 0;
		buf[0] = '\0';
		help_walk(hs->top + i, buf, sizeof(buf), &bold, 0);
		ui_put(1 + i, 1, ui->cols - 2, buf, bold ? A_BOLD : A_NORMAL);
	}
}

static int act_help(ui *ui, ui_action a)
{
	help_state *h = ui->priv;

	switch (a) {
	case ACT_BACK: ui_pop(ui); return R_REDRAW;
	case ACT_UP:   if (h->top > 0) h->top--; return R_REDRAW;
	case ACT_DOWN: h->top++; return R_REDRAW;
	case ACT_PGUP: h->top = h->top > 10 ? h->top - 10 : 0; return R_REDRAW;
	case ACT_PGDN: h->top += 10; return R_REDRAW;
	case ACT_HOME: h->top = 0; return R_REDRAW;
	case ACT_END:  h->top = 1 << 20; return R_REDRAW;
	default:       return R_NONE;
	}
}

const ui_screen ui_help_screen = { SC_HELP, draw_help, act_help, sizeof(help_state), open_help, NULL, NULL };
