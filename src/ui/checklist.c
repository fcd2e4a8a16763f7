/* The checklist screen: one unit, one year. Every criterion with its full
 * label, its answer and a live mark; the verdict at the bottom. The form is
 * the screen's own state, loaded when it opens and again after each change
 * (check_answer.c saves answers, check_undo.c takes them back); this file
 * opens, draws and moves, and holds the workflow keys. */
#include <curses.h>
#include "checklist.h"
#include "workflow.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSWER_COLS 22
#define REASON_LINES(ui) ((ui)->rows >= 30 ? 6 : 4)

/* The form of code for the year, into the screen's state. */
static antt_status load(ui *ui, const char *code)
{
	check_state *c = ui->priv;
	antt_err err = { "" };
	char keep[64];
	antt_status s;

	snprintf(keep, sizeof(keep), "%s", code);   /* code may be the form's own */
	if (c->loaded)
		assess_result_free(&c->chk);
	c->loaded = 0;
	s = assess_load(ui->db, keep, ui->year, &c->chk, &err);
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return s;
	}
	c->loaded = 1;
	return ANTT_OK;
}

antt_status check_reload(ui *ui)
{
	check_state *c = ui->priv;

	return load(ui, c->chk.unit.code);
}

void check_remember(ui *ui)
{
	const check_state *c = ui->priv;

	if (!c->loaded)
		return;
	db_state_set(ui->db, "unit", c->chk.unit.code, NULL);
	db_state_set(ui->db, "item", c->chk.f->items[c->item].id, NULL);
	db_state_set(ui->db, "screen", "checklist", NULL);
}

static void close_check(ui *ui)
{
	check_state *c = ui->priv;

	if (c->loaded)
		assess_result_free(&c->chk);
	c->loaded = 0;
}

/* arg: the unit's code. */
static antt_status open_check(ui *ui, const void *arg)
{
	const char *code = arg;
	check_state *c = ui->priv;
	antt_status s;

	if ((s = load(ui, code)) != ANTT_OK)
		return s;
	{
		/* back where the officer was on this unit, else on the first
		 * criterion still to answer */
		char *last = db_state_get(ui->db, "unit"), *item = db_state_get(ui->db, "item");
		int k = last && item && !strcmp(last, code) ? form_find(c->chk.f, item) : -1;

		for (size_t i = 0; k < 0 && i < c->chk.f->n_items; i++)
			if (c->chk.f->items[i].leaf && c->chk.items[i].state == RULE_MISSING)
				k = (int)i;
		c->item = k >= 0 ? k : 0;
		free(last);
		free(item);
	}
	check_remember(ui);
	return ANTT_OK;
}

antt_status ui_check_open(ui *ui, const char *code)
{
	char keep[64];

	snprintf(keep, sizeof(keep), "%s", code);
	if (ui->screen == &ui_check_screen)
		ui_pop(ui);   /* another unit's form in its place */
	return ui_open(ui, &ui_check_screen, keep);
}

/* The leader's reason on a returned (or reopened) form: the officer reads
 * it where the work is, not only in the history. */
static const char *reason_head(const ui *ui)
{
	const check_state *c = ui->priv;

	if (!c->chk.reason)
		return NULL;
	if (!strcmp(c->chk.status, "returned"))
		return "Lãnh đạo trả lại phiếu — lý do: ";
	if (!strcmp(c->chk.status, "draft"))
		return "Lãnh đạo mở lại phiếu — lý do: ";
	return NULL;
}

/* s wrapped at cols from row y, at most max lines, the last ending in "…"
 * and where to read the rest when s goes on; draws only when draw is set.
 * Returns the lines. */
static int put_wrapped(int y, int x, int cols, const char *s, int max, int attr, int draw)
{
	static const char more[] = "… (đọc đủ: l)";
	int n = 0;

	while (*s && n < max) {
		size_t k = text_wrap_line(s, (size_t)cols);
		char line[1024];

		if (n == max - 1 && s[k])
			snprintf(line, sizeof(line), "%.*s%s", (int)text_fit(s, (size_t)cols - text_width(more)), s, more);
		else
			snprintf(line, sizeof(line), "%.*s", (int)k, s);
		if (draw)
			ui_put(y + n, x, cols, line, attr);
		n++;
		s += k;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* Title, status, and the leader's reason when there is one. */
static int top_rows(const ui *ui, char *reason, size_t n)
{
	const check_state *c = ui->priv;
	const char *head = reason_head(ui);

	reason[0] = '\0';
	if (!head)
		return 2;
	snprintf(reason, n, "%s%s", head, c->chk.reason);
	return 2 + put_wrapped(0, 0, ui->cols - 2, reason, REASON_LINES(ui), 0, 0);
}

static int label_cols(const ui *ui)
{
	return ui->cols - 3 - 1 - 6 - 2 - ANSWER_COLS - 1;
}

/* The selected item's note takes up to NOTE_ROWS rows under it, the last
 * cut with the cut mark (g opens it in its editor, l shows it whole in the
 * history): cut to one row, a note of two sentences lost its second on an
 * 80-column screen. The rows it takes, as ui_put_wrap draws them. */
#define NOTE_ROWS 3

static int note_rows(const ui *ui, const char *note, int indent)
{
	char buf[1024];
	const char *p = buf;
	int rows = 0, cols = ui->cols - 12 - indent;

	snprintf(buf, sizeof(buf), "Ghi chú: %s", note);
	for (; *p && rows < NOTE_ROWS && cols > 0; rows++) {
		p += text_wrap_line(p, (size_t)cols);
		while (*p == ' ')
			p++;
	}
	return rows;
}

/* Lines an item takes: its wrapped label, plus the note and the computed
 * counts when it is the selected one. */
static int item_lines(const ui *ui, int k)
{
	const check_state *c = ui->priv;
	const form_item *it = &c->chk.f->items[k];
	const char *p = it->label;
	int n = 0, cols = label_cols(ui) - (it->parent >= 0 ? 2 : 0);

	while (*p) {
		p += text_wrap_line(p, (size_t)cols);
		while (*p == ' ')
			p++;
		n++;
	}
	if (k == c->item) {
		char need[96];
		if (c->chk.items[k].note && *c->chk.items[k].note)
			n += note_rows(ui, c->chk.items[k].note, it->parent >= 0 ? 2 : 0);
		if (it->computed || it->article || form_rule_words(it, need, sizeof(need)))
			n++;
	}
	return n ? n : 1;
}

/* The selected item on screen, and the screen full: after a resize (or a
 * jump near the end) the first item shown moves up while the items below
 * leave room, so no run of blank lines stays under the last one. Returns
 * the rows still free at the end of the form (fewer than the item above
 * the first one takes: the screen shows that item's last rows there). */
static int keep_visible(ui *ui, int height)
{
	check_state *c = ui->priv;
	int n = (int)c->chk.f->n_items, used = 0;

	if (c->item >= n)
		c->item = n - 1;
	if (c->itop > c->item)
		c->itop = c->item;
	if (c->itop < 0)
		c->itop = 0;
	for (;;) {
		used = 0;
		for (int k = c->itop; k <= c->item; k++)
			used += item_lines(ui, k);
		if (used <= height || c->itop >= c->item)
			break;
		c->itop++;
	}
	for (int k = c->item + 1; k < n && used <= height; k++)
		used += item_lines(ui, k);
	while (c->itop > 0 && used + item_lines(ui, c->itop - 1) <= height)
		used += item_lines(ui, --c->itop);
	return c->itop > 0 && used < height ? height - used : 0;
}

static int state_attr(const ui *ui, int state)
{
	return ui_attr(ui, state == RULE_PASS ? UI_PASS : state == RULE_FAIL ? UI_FAIL : UI_DRAFT);
}

static void draw_check(ui *ui)
{
	check_state *c = ui->priv;
	char buf[1024], answer[160], reason[1200], verdict[4096], vtext[4200];
	const assess_result *r = &c->chk;
	int top, height, y, lc = label_cols(ui), vrows, gap, first_k, skip;
	char need[96] = "";

	if (!c->loaded)
		return;
	top = top_rows(ui, reason, sizeof(reason));
	/* the verdict's list of missing or failed criteria wraps onto a second
	 * row when it is long (the list gives that row up) */
	assess_verdict_text(r, verdict, sizeof(verdict));
	snprintf(vtext, sizeof(vtext), "Kết luận: %s", verdict);
	vrows = (int)text_width(vtext) > ui->cols - 2 ? 2 : 1;
	height = ui->rows - top - 2 - vrows;
	y = top;
	snprintf(buf, sizeof(buf), "Phiếu tiêu chí — %s (%s)", r->unit.name, r->unit.code);
	ui_draw_title(ui, buf);
	snprintf(buf, sizeof(buf), "%s%s · %s · %s — %s", assess_status_name(r->status),
		!strcmp(r->status, "approved") || !strcmp(r->status, "submitted") ? " (khóa)" : "",
		r->unit.type_name, r->f->regulation, r->f->title);
	ui_put(1, 1, ui->cols - 2, buf, A_DIM);
	if (reason[0])
		put_wrapped(2, 1, ui->cols - 2, reason, REASON_LINES(ui), ui_attr(ui, UI_FAIL) | A_BOLD, 1);

	gap = keep_visible(ui, height);
	first_k = c->itop - (gap > 0);
	skip = gap > 0 ? item_lines(ui, first_k) - gap : 0;   /* the top item's first rows, off the screen */
	for (int k = first_k; k < (int)r->f->n_items && y < top + height; k++) {
		const form_item *it = &r->f->items[k];
		const assess_item *a = &r->items[k];
		const char *p = it->label;
		int sel = k == c->item, indent = it->parent >= 0 ? 2 : 0, first = 1;
		int base = sel ? ui_attr(ui, UI_SELECT) : (it->leaf ? (int)A_NORMAL : (int)A_BOLD);

		answer[0] = '\0';
		if (it->computed)
			snprintf(answer, sizeof(answer), "%lld/%lld được công nhận", a->counts.recognised, a->counts.total);
		else if (it->leaf && a->answered)
			form_format_value(it, &a->value, answer, sizeof(answer));
		else if (it->leaf)
			snprintf(answer, sizeof(answer), it->required ? "(chưa trả lời)" : "(không bắt buộc)");
		if (a->exception)
			strncat(answer, " ngoại lệ", sizeof(answer) - strlen(answer) - 1);

		while ((*p || first) && y < top + height) {
			size_t n = text_wrap_line(p, (size_t)(lc - indent));
			char line[512];

			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			p += n;
			while (*p == ' ')
				p++;
			if (skip > 0) {
				skip--;
				first = 0;
				continue;
			}
			if (sel)
				ui_line(y, ui->cols, base);
			if (first) {
				ui_put(y, 0, 3, ui_mark(ui, a->state), sel ? base : state_attr(ui, a->state));
				ui_put(y, 4 + indent, 6, it->id, base | A_BOLD);
				text_rpad(buf, sizeof(buf), answer, ANSWER_COLS);
				ui_put(y, ui->cols - ANSWER_COLS - 1, ANSWER_COLS, buf,
					sel ? base : (a->answered || it->computed ? (int)A_BOLD : (int)A_DIM));
			}
			ui_put(y, 11 + indent, lc - indent, line, base);
			first = 0;
			y++;
		}
		if (sel && y < top + height && (it->computed || it->article || form_rule_words(it, need, sizeof(need)))) {
			if (it->computed)
				/* only a decision counts here, not the units' own verdict */
				snprintf(buf, sizeof(buf), "Tự tính: %lld đơn vị, %lld đăng ký, %lld có kết quả, "
					"%lld được công nhận", a->counts.total, a->counts.registered, a->counts.assessed,
					a->counts.recognised);
			else   /* what a number needs, first: a failed 95 % said no why */
				snprintf(buf, sizeof(buf), "%s%s%s%s", form_rule_words(it, need, sizeof(need)) ? need : "",
					need[0] && it->article ? " · " : "", it->article ? it->article : "",
					it->exception ? " · có thể đánh dấu ngoại lệ (e)" : "");
			ui_put(y++, 11 + indent, ui->cols - 12 - indent, buf,
				need[0] && a->state == RULE_FAIL ? ui_attr(ui, UI_FAIL) : (int)A_DIM);
		}
		if (sel && y < top + height && a->note && *a->note) {
			snprintf(buf, sizeof(buf), "Ghi chú: %s", a->note);
			y += ui_put_wrap(y, 11 + indent, ui->cols - 12 - indent, NOTE_ROWS < top + height - y ? NOTE_ROWS
				: top + height - y, buf, A_NORMAL);
		}
	}

	for (int i = 0; i < vrows; i++)
		ui_line(ui->rows - 2 - vrows + i, ui->cols, A_NORMAL);
	ui_put_wrap(ui->rows - 2 - vrows, 1, ui->cols - 2, vrows, vtext, state_attr(ui, r->verdict));
}

/* --- moving and the workflow ------------------------------------------------ */

/* A code as an officer types it: no accents, case or spaces; "3đ" is 3dd. */
static char *code_key(const char *s)
{
	char buf[256], *k, *o;
	size_t n = 0;

	for (; *s && n + 3 < sizeof(buf); s++) {
		if (!strncmp(s, "đ", strlen("đ")) || !strncmp(s, "Đ", strlen("Đ"))) {
			buf[n++] = 'd';
			buf[n++] = 'd';
			s += strlen("đ") - 1;
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = '\0';
	if (!(k = text_key(buf)))
		return NULL;
	for (o = k, s = k; *s; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
	return k;
}

/* : then a code: the criterion, wherever it is. */
static antt_status jump_submit(ui *ui, const char *text)
{
	check_state *c = ui->priv;
	char *want = code_key(text);
	int found = -1;

	if (!want || !*want) {
		free(want);
		ui_message(ui, 0, "Không đổi gì.");
		return ANTT_OK;
	}
	for (size_t k = 0; k < c->chk.f->n_items && found < 0; k++) {
		char *id = code_key(c->chk.f->items[k].id);
		if (id && !strcmp(id, want))
			found = (int)k;
		free(id);
	}
	free(want);
	if (found < 0) {
		ui_message(ui, 1, "Không có tiêu chí «%s» trong phiếu này. Sửa mã rồi bấm Enter, hoặc Esc để thôi.", text);
		return ANTT_ERR_NOT_FOUND;
	}
	c->item = found;
	check_remember(ui);
	return ANTT_OK;
}

static void next_missing(ui *ui)
{
	check_state *c = ui->priv;
	size_t n = c->chk.f->n_items;

	for (size_t k = 1; k <= n; k++) {
		size_t i = ((size_t)c->item + k) % n;
		if (c->chk.f->items[i].leaf && c->chk.items[i].state == RULE_MISSING) {
			c->item = (int)i;
			return;
		}
	}
	ui_message(ui, 0, "Không còn tiêu chí nào chưa trả lời.");
}

static void workflow(ui *ui, antt_status s, antt_err *err, const char *done)
{
	if (s != ANTT_OK)
		ui_fail(ui, s, err);
	else
		ui_message(ui, 0, "%s", done);
	check_reload(ui);
}

static antt_status reason_submit(ui *ui, const char *text)
{
	check_state *c = ui->priv;
	antt_err err = { "" };
	int reopen = !strcmp(c->chk.status, "approved");
	antt_status s = reopen ? assess_reopen(ui->db, c->chk.unit.code, ui->year, text, &err)
	                       : assess_return(ui->db, c->chk.unit.code, ui->year, text, &err);

	if (s != ANTT_OK && s != ANTT_ERR_DENIED && s != ANTT_ERR_INVALID) {
		ui_fail(ui, s, &err);
		return s;
	}
	workflow(ui, s, &err, reopen ? "Đã mở lại phiếu để sửa." : "Đã trả lại phiếu.");
	return ANTT_OK;
}

static void approve(ui *ui)
{
	const check_state *c = ui->priv;
	antt_err err = { "" };

	workflow(ui, assess_approve(ui->db, c->chk.unit.code, ui->year, &err), &err,
		"Đã duyệt kết luận; phiếu không sửa được nữa.");
}

static void ask_reason(ui *ui)
{
	const check_state *c = ui->priv;

	ui_prompt(ui, !strcmp(c->chk.status, "approved") ? "Mở lại phiếu đã duyệt — lý do:" : "Trả lại — lý do:",
		"", reason_submit);
}

static int act_check(ui *ui, ui_action a)
{
	check_state *c = ui->priv;
	antt_err err = { "" };
	long sel = c->item, top = 0;
	const form_item *it;
	int r;

	if (!c->loaded)
		return R_NONE;
	if ((r = check_answer_act(ui, a)) >= 0)
		return r;
	it = &c->chk.f->items[c->item];
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_HOME: case ACT_END: case ACT_PGUP: case ACT_PGDN:
		ui_scroll(&sel, &top, (long)c->chk.f->n_items, 6, a);
		c->item = (int)sel;
		return R_REDRAW;
	case ACT_BACK: {
		char code[sizeof(c->chk.unit.code)];

		check_remember(ui);
		db_state_set(ui->db, "screen", "units", NULL);
		snprintf(code, sizeof(code), "%s", c->chk.unit.code);
		ui_pop(ui);   /* frees c */
		ui_units_changed(ui, code);
		return R_REDRAW;
	}
	case ACT_UNDO:
		check_undo(ui);
		return R_REDRAW;
	case ACT_JUMP:
		ui_prompt(ui, "Đến tiêu chí — mã (Esc: thôi):", "", jump_submit);
		return R_REDRAW;
	case ACT_NEXT:
		next_missing(ui);
		return R_REDRAW;
	case ACT_SCORE:
		ui_score_open(ui, &c->chk.unit);
		return R_REDRAW;
	case ACT_HISTORY:
		ui_history_open(ui, c->chk.unit.code, c->chk.unit.name, ui->year, it->id);
		return R_REDRAW;
	case ACT_SUBMIT:
		workflow(ui, assess_submit(ui->db, c->chk.unit.code, ui->year, &err), &err, "Đã trình lãnh đạo.");
		return R_REDRAW;
	case ACT_APPROVE:
		if (ui_leader_first(ui, "duyệt", approve))
			approve(ui);
		return R_REDRAW;
	case ACT_RETURN:
		if (ui_leader_first(ui, !strcmp(c->chk.status, "approved") ? "mở lại phiếu" : "trả lại phiếu", ask_reason))
			ask_reason(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

/* A submitted or approved form is locked: its bar shows the leader's
 * key for it and the keys that only read, not c k e g that are refused. */
static const ui_hint *check_hints(ui *ui)
{
	static const ui_hint submitted[] = { { ACT_APPROVE, "Duyệt" }, { ACT_RETURN, "Trả lại" }, { ACT_HISTORY, NULL },
		{ ACT_BACK, NULL }, { ACT_SCORE, NULL }, { ACT_NEXT, NULL }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	static const ui_hint approved[] = { { ACT_RETURN, "Mở lại" }, { ACT_HISTORY, NULL }, { ACT_BACK, NULL },
		{ ACT_SCORE, NULL }, { ACT_NEXT, NULL }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	const check_state *c = ui->priv;

	if (!c || !c->loaded)
		return NULL;
	return !strcmp(c->chk.status, "submitted") ? submitted : !strcmp(c->chk.status, "approved") ? approved : NULL;
}

const ui_screen ui_check_screen = { SC_CHECK, draw_check, act_check, sizeof(check_state), open_check, close_check,
	check_hints };
