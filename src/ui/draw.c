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

/* What ends a cut text: "…", or "~" where it may not be shown (the Linux
 * console, a terminal without UTF-8), one column either way so the layout
 * is the same. Set from the ui when a screen draws its title. */
static const char *cut_mark = "…";

/* Write s at (y, x) in cols display columns, never past the right edge.
 * Every text on the screens passes here, so here it is made safe
 * (text_make_safe): a name stored with a line break or an escape sequence,
 * from an old database or a package, shows as spaces and '?' and cannot
 * break the row. What does not fit ends in the cut mark (text_fit_cut),
 * so no screen shows a cut text as if it were whole. */
void ui_put(int y, int x, int cols, const char *s, int attr)
{
	size_t bytes;
	char *safe;
	int cut;

	if (x + cols > COLS)
		cols = COLS - x;
	if (cols <= 0)
		return;
	if (!(safe = strdup(s)))
		return;
	text_make_safe(safe);
	bytes = text_fit_cut(safe, (size_t)cols, 1, &cut);
	attron(attr);
	mvaddnstr(y, x, safe, (int)bytes);
	if (cut)
		addstr(cut_mark);
	attroff(attr);
	free(safe);
}

int ui_put_wrap(int y, int x, int cols, int rows, const char *s, int attr)
{
	int n = 0;

	while (*s && n < rows && cols > 0) {
		size_t len = n == rows - 1 ? strlen(s) : text_wrap_line(s, (size_t)cols);
		char *line = strndup(s, len);
		if (!line)
			break;
		ui_put(y + n++, x, cols, line, attr);
		free(line);
		for (s += len; *s == ' '; s++)
			;
	}
	return n;
}

char *ui_pad(char *buf, size_t n, const char *s, int cols)
{
	size_t w;
	text_cut(buf, n, s, cols > 0 ? (size_t)cols : 0, cut_mark);
	w = text_width(buf);
	for (size_t len = strlen(buf); (int)w < cols && len + 1 < n; w++)
		buf[len++] = ' ', buf[len] = '\0';
	return buf;
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

	{
		/* ASCII marks also stand for no colour; "…" only needs a glyph */
		const char *term = getenv("TERM");
		cut_mark = !ui->utf8 || (term && !strcmp(term, "linux")) ? "~" : "…";
	}
	ui_line(0, ui->cols, ui_attr(ui, UI_TITLE));
	if (ui->db->readonly) {
		/* a database on read-only media: say so on every screen */
		char banner[600];
		snprintf(banner, sizeof(banner), "[CHỈ ĐỌC] %s", left);
		ui_put(0, 1, ui->cols - 2, banner, ui_attr(ui, UI_TITLE));
		return;
	}
	/* the year keeps its place: a long name gives way */
	snprintf(right, sizeof(right), " năm %d ", ui->year);
	w = text_width(right);
	ui_put(0, 1, ui->cols - 2 - (int)w, left, ui_attr(ui, UI_TITLE));
	ui_put(0, ui->cols - (int)w, (int)w, right, ui_attr(ui, UI_TITLE));
}

void ui_draw_unit_title(ui *ui, const char *what, const char *name, const char *code)
{
	char title[600], cut[300];
	/* the room the year (" năm YYYY ") and "WHAT —  (CODE)" leave */
	int room = ui->cols - 12 - (int)text_width(what) - (int)text_width(" —  ()") - (int)text_width(code);

	if (room >= 10 && (int)text_width(name) > room)
		name = ui_pad(cut, sizeof(cut), name, room);
	snprintf(title, sizeof(title), "%s — %s (%s)", what, name, code);
	ui_draw_title(ui, title);
}

int ui_draw_choice(ui *ui, int y, int lc, const char *title, const char *what, int selected)
{
	int attr = selected ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL, rows = ui->rows - 2 - y < 2 ? ui->rows - 2 - y : 2;
	char buf[256];

	if (rows <= 0)
		return 0;
	if (selected)
		for (int k = 0; k < rows; k++)
			ui_line(y + k, ui->cols, attr);
	ui_put(y, 1, lc, ui_pad(buf, sizeof(buf), title, lc), attr | A_BOLD);
	return ui_put_wrap(y, lc + 2, ui->cols - lc - 3, rows, what, attr);
}

int ui_list_height(const ui *ui, int top_rows)
{
	int h = ui->rows - top_rows - 2;
	return h > 1 ? h : 1;
}

/* Rows a long message may take, upward from its own line: room for any
 * message antt writes at 80 columns, so none loses its last words. */
#define MSG_ROWS 3

/* The message wrapped at spaces by display width, its last row at row
 * last; rows above the message line cover the screen's bottom rows until
 * the next key. What still does not fit ends in the cut mark. */
static void draw_message(ui *ui, int last)
{
	int attr = ui_attr(ui, ui->msg_error ? UI_ERROR : UI_DRAFT), n = 0;
	const char *p = ui->msg, *start[MSG_ROWS];
	size_t len[MSG_ROWS];
	char line[sizeof(ui->msg)];

	while (*p && n < MSG_ROWS) {
		start[n] = p;
		len[n] = text_wrap_line(p, (size_t)ui->cols);
		p += len[n++];
		while (*p == ' ')
			p++;
	}
	if (*p)
		len[n - 1] = strlen(start[n - 1]);   /* the rest, cut with the mark */
	for (int i = 0; i < n; i++) {
		int y = last - n + 1 + i;
		snprintf(line, sizeof(line), "%.*s", (int)len[i], start[i]);
		ui_line(y, ui->cols, ui->msg_error && (y < ui->rows - 2 || ui->prompting) ? attr : (int)A_NORMAL);
		ui_put(y, 0, ui->cols, line, attr);
	}
}

/* The first key of a binding's label: "c" of "c 1", "F10" of "F10 q". */
static void bar_key(const ui_key *k, char *buf, size_t n)
{
	snprintf(buf, n, "%.*s", (int)strcspn(k->label, " "), k->label);
}

static int bar_width(const ui_key *k, const char *word)
{
	char key[32];
	bar_key(k, key, sizeof(key));
	return (int)text_width(key) + 1 + (int)text_width(word);
}

static int bar_put(ui *ui, int x, const ui_key *k, const char *word)
{
	char key[32];
	int y = ui->rows - 1, kw;

	bar_key(k, key, sizeof(key));
	kw = (int)text_width(key);
	ui_put(y, x, kw, key, ui_attr(ui, UI_HINT) | A_BOLD);
	ui_put(y, x + kw + 1, (int)text_width(word), word, ui_attr(ui, UI_HINT));
	return x + bar_width(k, word) + 2;
}

/* The binding of action a on a screen (an action may have a row per screen). */
static const ui_key *key_of(ui_action a, int screen)
{
	for (int i = 0; i < ui_key_count; i++)
		if (ui_keys[i].action == a && (ui_keys[i].screens & screen))
			return &ui_keys[i];
	return NULL;
}

/* The hint bar: this screen's keys in the order they are used there
 * (ui_bar_order), then its other keys in the table's order, as many as fit
 * whole (a cut "F1" for "F10 Thoát" would mislead); F1 last, for the rest.
 * Esc is left out where there is no screen to go back to. A screen whose
 * state leaves only some keys working gives those (ui_screen.hints). */
static void draw_hints(ui *ui, int room)
{
	int id = ui->screen->id;
	const ui_key *help = key_of(ACT_HELP, id), *shown[ACT_COUNT];
	const char *words[ACT_COUNT];
	const ui_action *order = ui_bar_order(id);
	const ui_hint *own = ui->screen->hints ? ui->screen->hints(ui) : NULL;
	int n = 0, x = 0, end = room - (help ? bar_width(help, help->bar) + 1 : 0);

	for (int i = 0; own && own[i].action != ACT_NONE && n < ACT_COUNT; i++) {
		const ui_key *k = key_of(own[i].action, id);
		if (k && (own[i].word || k->bar))
			shown[n] = k, words[n++] = own[i].word ? own[i].word : k->bar;
	}
	for (int i = 0; !own && order && order[i] != ACT_NONE; i++) {
		const ui_key *k = key_of(order[i], id);
		if (k && k->bar)
			shown[n] = k, words[n++] = k->bar;
	}
	for (int i = 0; !own && i < ui_key_count; i++) {
		const ui_key *k = &ui_keys[i];
		int dup = 0;
		if (!k->bar || !(k->screens & id) || k->action == ACT_HELP)
			continue;
		if (k->action == ACT_BACK && ui->depth == 0)
			continue;   /* the first screen: Esc has nothing to go back to */
		for (int j = 0; j < n; j++)
			dup |= shown[j] == k;
		if (!dup && n < ACT_COUNT)
			shown[n] = k, words[n++] = k->bar;
	}
	for (int i = 0; i < n && x + bar_width(shown[i], words[i]) <= end; i++)
		x = bar_put(ui, x, shown[i], words[i]);
	if (help && x + bar_width(help, help->bar) <= room)
		bar_put(ui, x, help, help->bar);
}

/* Message or prompt on the line above the hint bar; hints from the table.
 * The cursor ends where the officer types, visible only while prompting
 * (app.c shows it), never left after the hint bar. */
void ui_draw_bottom(ui *ui)
{
	int y = ui->rows - 2, cy = -1, cx = 0;

	move(y, 0);
	clrtoeol();
	if (ui->prompting && ui->msg[0])
		draw_message(ui, y - 1);   /* a refused value: the reason above the field */
	if (ui->prompting) {
		char text[LINEEDIT_MAX * 4 + 1];
		size_t lw = text_width(ui->prompt_label), cur = lineedit_cursor_col(&ui->prompt), skip = 0;
		int room;

		if ((int)lw > ui->cols - 12)   /* a long label leaves the field ten columns */
			lw = (size_t)ui->cols - 12;
		ui_put(y, 0, (int)lw, ui->prompt_label, A_BOLD);
		room = ui->cols - (int)lw - 2;
		lineedit_text(&ui->prompt, text, sizeof(text));
		if (ui->prompt_mask) {
			size_t n = ui->prompt.len < sizeof(text) - 1 ? ui->prompt.len : sizeof(text) - 1;
			memset(text, '*', n);
			text[n] = '\0';
		}
		if (cur >= (size_t)room)   /* scrolled: the mark says text is hidden on the left */
			skip = cur - (size_t)room + 2;
		if (skip) {
			ui_put(y, (int)lw + 1, 1, cut_mark, A_NORMAL);
			ui_put(y, (int)lw + 2, room - 1, text + text_fit(text, skip), A_NORMAL);
		} else
			ui_put(y, (int)lw + 1, room, text, A_NORMAL);
		cy = y;
		cx = (int)lw + 1 + (int)(cur - skip + (skip ? 1 : 0));
	} else if (ui->msg[0]) {
		draw_message(ui, y);
	}

	y = ui->rows - 1;
	ui_line(y, ui->cols, ui_attr(ui, UI_HINT));
	{
		const char *tx = ui->telex ? " Telex:bật " : " Telex:tắt ";
		int tw = (int)text_width(tx), room = ui->cols - tw;

		if (ui->latched) {
			/* a refusal holds typed letters: say so where keys are shown */
			ui_put(y, 0, room, "Esc", ui_attr(ui, UI_HINT) | A_BOLD);
			ui_put(y, 3, room - 3, " Tiếp tục (chữ gõ tiếp bị bỏ qua sau khi bị từ chối)", ui_attr(ui, UI_HINT));
		} else
			draw_hints(ui, room);
		if (tw <= ui->cols)
			ui_put(y, room, tw, tx, ui_attr(ui, UI_HINT) | (ui->telex ? A_BOLD : 0));
	}
	if (cy >= 0)
		move(cy, cx);
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

int ui_choice_move(int *sel, int n, ui_action a)
{
	long at = *sel, top = 0;

	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_HOME: case ACT_END: case ACT_PGUP: case ACT_PGDN:
		ui_scroll(&at, &top, n, n, a);
		*sel = (int)at;
		return 1;
	default:
		return 0;
	}
}
