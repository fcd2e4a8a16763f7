/* Drawing helpers shared by the screens: clipped wide-character text,
 * colours (or attributes on a monochrome terminal), the title, the
 * message/prompt line and the hint bar drawn from the key table. */
#include <curses.h>
#include "ui.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ui_attr(const ui *ui, int kind)
{
	if (ui->color) {
		switch (kind) {
		case UI_TITLE:  return COLOR_PAIR(UI_TITLE) | A_BOLD;
		case UI_HINT:   return COLOR_PAIR(UI_HINT);
		case UI_PASS:   return COLOR_PAIR(UI_PASS) | A_BOLD;
		case UI_FAIL:   return COLOR_PAIR(UI_FAIL) | A_BOLD;
		case UI_DRAFT:  return COLOR_PAIR(UI_DRAFT);
		case UI_ERROR:  return COLOR_PAIR(UI_ERROR) | A_BOLD;
		case UI_SELECT: return A_REVERSE;
		}
		return A_NORMAL;
	}
	switch (kind) {
	case UI_TITLE: case UI_HINT: case UI_SELECT: return A_REVERSE;
	case UI_FAIL: case UI_ERROR: return A_BOLD;
	case UI_DRAFT: return A_UNDERLINE;
	}
	return A_NORMAL;
}

/* Write s at (y, x), cut to cols display columns. Every text on the
 * screens passes here, so here it is made safe (text_make_safe): a name
 * stored with a line break or an escape sequence, from an old database or
 * a package, shows as spaces and '?' and cannot break the row. */
void ui_put(int y, int x, int cols, const char *s, int attr)
{
	size_t bytes;
	char *safe;

	if (cols <= 0)
		return;
	if (!(safe = strdup(s)))
		return;
	text_make_safe(safe);
	bytes = text_fit(safe, (size_t)cols);
	attron(attr);
	mvaddnstr(y, x, safe, (int)bytes);
	attroff(attr);
	free(safe);
}

void ui_line(int y, int cols, int attr)
{
	attron(attr);
	mvhline(y, 0, ' ', cols);
	attroff(attr);
}

const char *ui_mark(const ui *ui, int state)
{
	if (ui->ascii)
		return state == RULE_PASS ? "[+]" : state == RULE_FAIL ? "[-]" : "[ ]";
	return state == RULE_PASS ? " ✓ " : state == RULE_FAIL ? " ✗ " : " · ";
}

void ui_draw_title(ui *ui, const char *left)
{
	char right[64];
	size_t w;

	ui_line(0, ui->cols, ui_attr(ui, UI_TITLE));
	if (ui->db->readonly) {
		/* a database on read-only media: say so on every screen */
		char banner[600];
		snprintf(banner, sizeof(banner), "[CHỈ ĐỌC] %s", left);
		ui_put(0, 1, ui->cols - 2, banner, ui_attr(ui, UI_TITLE));
		return;
	}
	ui_put(0, 1, ui->cols - 2, left, ui_attr(ui, UI_TITLE));
	snprintf(right, sizeof(right), " năm %d ", ui->year);
	w = text_width(right);
	if ((int)w + (int)text_width(left) + 2 < ui->cols)
		ui_put(0, ui->cols - (int)w, (int)w, right, ui_attr(ui, UI_TITLE));
}

int ui_list_height(const ui *ui, int top_rows)
{
	int h = ui->rows - top_rows - 2;
	return h > 1 ? h : 1;
}

/* Message or prompt on the line above the hint bar; hints from the table. */
void ui_draw_bottom(ui *ui)
{
	int y = ui->rows - 2, x = 0;
	char hint[256];

	move(y, 0);
	clrtoeol();
	if (ui->prompting && ui->msg[0]) {
		/* a refused value: the reason above the field that keeps the focus */
		ui_line(y - 1, ui->cols, ui_attr(ui, ui->msg_error ? UI_ERROR : UI_DRAFT));
		ui_put(y - 1, 0, ui->cols, ui->msg, ui_attr(ui, ui->msg_error ? UI_ERROR : UI_DRAFT));
	}
	if (ui->prompting) {
		char text[LINEEDIT_MAX * 4 + 1];
		size_t lw = text_width(ui->prompt_label), cur = lineedit_cursor_col(&ui->prompt);
		int room = ui->cols - (int)lw - 2;
		size_t skip = cur >= (size_t)room ? cur - (size_t)room + 1 : 0;
		const char *t;

		ui_put(y, 0, ui->cols, ui->prompt_label, A_BOLD);
		lineedit_text(&ui->prompt, text, sizeof(text));
		if (ui->prompt_mask) {
			size_t n = ui->prompt.len < sizeof(text) - 1 ? ui->prompt.len : sizeof(text) - 1;
			memset(text, '*', n);
			text[n] = '\0';
		}
		t = text + text_fit(text, skip);
		ui_put(y, (int)lw + 1, room, t, A_NORMAL);
		move(y, (int)lw + 1 + (int)(cur - skip));
	} else if (ui->msg[0]) {
		ui_put(y, 0, ui->cols, ui->msg, ui_attr(ui, ui->msg_error ? UI_ERROR : UI_DRAFT));
	}

	y = ui->rows - 1;
	ui_line(y, ui->cols, ui_attr(ui, UI_HINT));
	/* F1 first, then this screen's own keys, then the global ones; a hint
	 * that does not fit whole is left out rather than cut ("F1" for "F10
	 * Thoát" would mislead): F1 lists them all. */
	{
		const char *tx = ui->telex ? " Telex:bật " : " Telex:tắt ";
		int tw = (int)text_width(tx), room = ui->cols - tw;

		if (ui->latched) {
			/* a refusal holds typed letters: say so where keys are shown */
			ui_put(y, 0, room, "Esc", ui_attr(ui, UI_HINT) | A_BOLD);
			ui_put(y, 3, room - 3, " Tiếp tục (chữ gõ tiếp bị bỏ qua sau khi bị từ chối)", ui_attr(ui, UI_HINT));
			x = room;
		}
		for (int pass = 0; pass < 3 && x < room; pass++)
			for (int i = 0; i < ui_key_count; i++) {
				const ui_key *k = &ui_keys[i];
				int global = k->screens == SC_ALL, lw, w;
				if (!k->bar || !(k->screens & ui->screen->id))
					continue;
				if ((pass == 0) != (k->action == ACT_HELP) || (pass == 1 && global) || (pass == 2 && !global))
					continue;
				snprintf(hint, sizeof(hint), " %s  ", k->bar);
				lw = (int)text_width(k->label);
				w = lw + (int)text_width(hint);
				if (x + w - 2 > room)   /* the two trailing spaces may fall off */
					continue;
				ui_put(y, x, room - x, k->label, ui_attr(ui, UI_HINT) | A_BOLD);
				ui_put(y, x + lw, room - x - lw, hint, ui_attr(ui, UI_HINT));
				x += w;
			}
		if (tw <= ui->cols)
			ui_put(y, room, tw, tx, ui_attr(ui, UI_HINT) | (ui->telex ? A_BOLD : 0));
	}
}

void ui_scroll(long *sel, long *top, long n, int height, ui_action a)
{
	switch (a) {
	case ACT_UP:   (*sel)--; break;
	case ACT_DOWN: (*sel)++; break;
	case ACT_PGUP: *sel -= height; break;
	case ACT_PGDN: *sel += height; break;
	case ACT_HOME: *sel = 0; break;
	case ACT_END:  *sel = n - 1; break;
	default: break;
	}
	if (*sel >= n)
		*sel = n - 1;
	if (*sel < 0)
		*sel = 0;
	if (*sel < *top)
		*top = *sel;
	if (*sel >= *top + height)
		*top = *sel - height + 1;
	if (*top < 0)
		*top = 0;
}
