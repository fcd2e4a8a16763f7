/* The checklist screen: one unit, one year. Every criterion with its full
 * label, its answer and a live mark; the verdict at the bottom. Each
 * confirmed answer is saved at once in its own transaction (answer_set),
 * then the screen reloads from the database, so what it shows is what is
 * stored. */
#include <curses.h>
#include "checklist.h"
#include "answer.h"
#include "workflow.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSWER_COLS 22
#define REASON_LINES(ui) ((ui)->rows >= 30 ? 6 : 4)

antt_status check_reload(ui *ui)
{
	antt_err err = { "" };
	char code[64];
	antt_status s;

	snprintf(code, sizeof(code), "%s", ui->chk.unit.code);
	if (ui->chk_loaded)
		assess_result_free(&ui->chk);
	ui->chk_loaded = 0;
	s = assess_load(ui->db, code, ui->year, &ui->chk, &err);
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return s;
	}
	ui->chk_loaded = 1;
	return ANTT_OK;
}

void check_remember(ui *ui)
{
	if (!ui->chk_loaded)
		return;
	db_state_set(ui->db, "unit", ui->chk.unit.code, NULL);
	db_state_set(ui->db, "item", ui->chk.f->items[ui->item].id, NULL);
	db_state_set(ui->db, "screen", "checklist", NULL);
}

antt_status ui_check_open(ui *ui, const char *code)
{
	antt_err err = { "" };
	antt_status s;

	if (ui->chk_loaded)
		assess_result_free(&ui->chk);
	ui->chk_loaded = 0;
	s = assess_load(ui->db, code, ui->year, &ui->chk, &err);
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return s;
	}
	ui->chk_loaded = 1;
	ui->item = ui->itop = 0;
	{
		/* back where the officer was on this unit, else on the first
		 * criterion still to answer */
		char *last = db_state_get(ui->db, "unit"), *item = db_state_get(ui->db, "item");
		int k = last && item && !strcmp(last, code) ? form_find(ui->chk.f, item) : -1;

		for (size_t i = 0; k < 0 && i < ui->chk.f->n_items; i++)
			if (ui->chk.f->items[i].leaf && ui->chk.items[i].state == RULE_MISSING)
				k = (int)i;
		ui->item = k >= 0 ? k : 0;
		free(last);
		free(item);
	}
	if (ui->screen != &ui_check_screen)
		ui_push(ui, &ui_check_screen);
	check_remember(ui);
	return ANTT_OK;
}

/* The leader's reason on a returned (or reopened) form: the officer reads
 * it where the work is, not only in the history. */
static const char *reason_head(const ui *ui)
{
	if (!ui->chk.reason)
		return NULL;
	if (!strcmp(ui->chk.status, "returned"))
		return "Lãnh đạo trả lại phiếu — lý do: ";
	if (!strcmp(ui->chk.status, "draft"))
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
	const char *head = reason_head(ui);

	reason[0] = '\0';
	if (!head)
		return 2;
	snprintf(reason, n, "%s%s", head, ui->chk.reason);
	return 2 + put_wrapped(0, 0, ui->cols - 2, reason, REASON_LINES(ui), 0, 0);
}

static int label_cols(const ui *ui)
{
	return ui->cols - 3 - 1 - 6 - 2 - ANSWER_COLS - 1;
}

/* Lines an item takes: its wrapped label, plus the note and the computed
 * counts when it is the selected one. */
static int item_lines(const ui *ui, int k)
{
	const form_item *it = &ui->chk.f->items[k];
	const char *p = it->label;
	int n = 0, cols = label_cols(ui) - (it->parent >= 0 ? 2 : 0);

	while (*p) {
		p += text_wrap_line(p, (size_t)cols);
		while (*p == ' ')
			p++;
		n++;
	}
	if (k == ui->item) {
		if (ui->chk.items[k].note && *ui->chk.items[k].note)
			n++;
		if (it->computed || it->article)
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
	int n = (int)ui->chk.f->n_items, used = 0;

	if (ui->item >= n)
		ui->item = n - 1;
	if (ui->itop > ui->item)
		ui->itop = ui->item;
	if (ui->itop < 0)
		ui->itop = 0;
	for (;;) {
		used = 0;
		for (int k = ui->itop; k <= ui->item; k++)
			used += item_lines(ui, k);
		if (used <= height || ui->itop >= ui->item)
			break;
		ui->itop++;
	}
	for (int k = ui->item + 1; k < n && used <= height; k++)
		used += item_lines(ui, k);
	while (ui->itop > 0 && used + item_lines(ui, ui->itop - 1) <= height)
		used += item_lines(ui, --ui->itop);
	return ui->itop > 0 && used < height ? height - used : 0;
}

static int state_attr(const ui *ui, int state)
{
	return ui_attr(ui, state == RULE_PASS ? UI_PASS : state == RULE_FAIL ? UI_FAIL : UI_DRAFT);
}

static const char *status_words(const char *s)
{
	if (!*s)                      return "chưa đăng ký";
	if (!strcmp(s, "registered")) return "đã đăng ký";
	if (!strcmp(s, "draft"))      return "đang nhập";
	if (!strcmp(s, "submitted"))  return "đã trình";
	if (!strcmp(s, "approved"))   return "đã duyệt";
	if (!strcmp(s, "returned"))   return "trả lại";
	return s;
}

static void draw_check(ui *ui)
{
	char buf[1024], answer[160], reason[1200], verdict[4096], vtext[4200];
	const assess_result *r = &ui->chk;
	int top, height, y, lc = label_cols(ui), vrows, gap, first_k, skip;

	if (!ui->chk_loaded)
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
	snprintf(buf, sizeof(buf), "%s%s · %s · %s — %s", status_words(r->status),
		!strcmp(r->status, "approved") || !strcmp(r->status, "submitted") ? " (khóa)" : "",
		r->unit.type_name, r->f->regulation, r->f->title);
	ui_put(1, 1, ui->cols - 2, buf, A_DIM);
	if (reason[0])
		put_wrapped(2, 1, ui->cols - 2, reason, REASON_LINES(ui), ui_attr(ui, UI_FAIL) | A_BOLD, 1);

	gap = keep_visible(ui, height);
	first_k = ui->itop - (gap > 0);
	skip = gap > 0 ? item_lines(ui, first_k) - gap : 0;   /* the top item's first rows, off the screen */
	for (int k = first_k; k < (int)r->f->n_items && y < top + height; k++) {
		const form_item *it = &r->f->items[k];
		const assess_item *a = &r->items[k];
		const char *p = it->label;
		int sel = k == ui->item, indent = it->parent >= 0 ? 2 : 0, first = 1;
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
		if (sel && y < top + height && (it->computed || it->article)) {
			if (it->computed)
				/* only a decision counts here, not the units' own verdict */
				snprintf(buf, sizeof(buf), "Tự tính: %lld đơn vị, %lld đăng ký, %lld có kết quả, "
					"%lld được công nhận", a->counts.total, a->counts.registered, a->counts.assessed,
					a->counts.recognised);
			else
				snprintf(buf, sizeof(buf), "%s%s", it->article, it->exception ? " · có thể đánh dấu ngoại lệ (e)" : "");
			ui_put(y++, 11 + indent, ui->cols - 12 - indent, buf, A_DIM);
		}
		if (sel && y < top + height && a->note && *a->note) {
			snprintf(buf, sizeof(buf), "Ghi chú: %s", a->note);
			ui_put(y++, 11 + indent, ui->cols - 12 - indent, buf, A_NORMAL);
		}
	}

	for (int i = 0; i < vrows; i++)
		ui_line(ui->rows - 2 - vrows + i, ui->cols, A_NORMAL);
	ui_put_wrap(ui->rows - 2 - vrows, 1, ui->cols - 2, vrows, vtext, state_attr(ui, r->verdict));
}

/* --- saving ------------------------------------------------------------- */

static const form_item *item(const ui *ui)
{
	return &ui->chk.f->items[ui->item];
}

/* Save the selected criterion (value NULL: remove its answer), keeping
 * what it held as an undo step. */
static antt_status save(ui *ui, const char *value, const char *note, int exception)
{
	antt_err err = { "" };
	answer_prev *before = check_take_all(ui);
	char what[200];
	antt_status s;

	check_undo_words(ui, ui->item, what, sizeof(what));
	s = value ? answer_set(ui->db, ui->chk.unit.code, ui->year, item(ui)->id, value, note, exception, &err)
	          : answer_clear(ui->db, ui->chk.unit.code, ui->year, item(ui)->id, &err);
	if (s != ANTT_OK) {
		if (before)
			check_push_step(ui, before, what);   /* nothing differs: only frees */
		/* core says what is wrong; the screen adds the key that goes on */
		ui_message(ui, 1, "%s%s", ui_err_text(s, &err), s != ANTT_ERR_LOCKED ? "" :
			!strcmp(ui->chk.status, "approved") ? " (F8: mở lại)" : " (F8: trả lại)");
		return s;
	}
	check_reload(ui);
	check_remember(ui);
	check_push_step(ui, before, what);
	if (value)
		ui_message(ui, 0, "Đã lưu tiêu chí %s.", item(ui)->id);
	else
		ui_message(ui, 0, "Đã xóa câu trả lời của tiêu chí %s.", item(ui)->id);
	return ANTT_OK;
}

/* The selected answer exactly as stored (not as shown: "92,3 %" read back
 * could round), for a change of its note or flag; NULL when unanswered. */
static char *current_value(const ui *ui)
{
	answer_prev p;
	char *v;

	if (answer_prev_take(&ui->chk, (size_t)ui->item, &p) != ANTT_OK)
		return NULL;
	v = p.value;
	p.value = NULL;
	answer_prev_free(&p);
	return v;
}

static antt_status value_submit(ui *ui, const char *text)
{
	return save(ui, text, NULL, -1);
}

static antt_status note_submit(ui *ui, const char *text)
{
	char *v = current_value(ui);
	antt_status s = save(ui, v ? v : "", text, -1);

	free(v);
	return s;
}

static antt_status exception_submit(ui *ui, const char *text)
{
	char *v;
	antt_status s;

	if (!*text) {
		ui_message(ui, 1, "Ngoại lệ cần ghi chú nói rõ sự việc (bất khả kháng gì, hoặc đã phát hiện, xử lý ra sao).");
		return ANTT_ERR_INVALID;
	}
	v = current_value(ui);
	s = save(ui, v ? v : "không", text, 1);
	free(v);
	return s;
}

static int leaf_ok(ui *ui)
{
	if (item(ui)->computed) {
		ui_message(ui, 1, "Tiêu chí %s được tính tự động từ các đơn vị trực thuộc.", item(ui)->id);
		return 0;
	}
	if (!item(ui)->leaf) {
		ui_message(ui, 1, "Tiêu chí %s gồm các ý bên dưới: chọn từng ý để trả lời.", item(ui)->id);
		return 0;
	}
	return 1;
}

/* The options of a yes/no or a choice by number: "1 Đạt · 2 Không đạt". */
static void options_text(const form_item *it, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	if (it->type == FORM_YESNO) {
		snprintf(buf, n, "1 có · 2 không");
		return;
	}
	for (size_t i = 0; i < it->n_options && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%zu %s", i ? " · " : "", i + 1, it->options[i]);
}

/* A yes/no or a choice: the options by number, typed into a field, so
 * Enter (an Excel habit: "move down") changes nothing by itself. */
static antt_status option_submit(ui *ui, const char *text)
{
	const form_item *it = item(ui);
	char *end, opts[2048];
	long k = strtol(text, &end, 10);

	if (!*text) {
		ui_message(ui, 0, "Không đổi gì.");
		return ANTT_OK;
	}
	if (*end == '\0') {
		size_t n = it->type == FORM_YESNO ? 2 : it->n_options;
		if (k < 1 || (size_t)k > n) {
			options_text(it, opts, sizeof(opts));
			ui_message(ui, 1, "Chọn số từ 1 đến %zu: %s.", n, opts);
			return ANTT_ERR_INVALID;
		}
		return save(ui, it->type == FORM_YESNO ? (k == 1 ? "có" : "không") : it->options[k - 1], NULL, -1);
	}
	return save(ui, text, NULL, -1);
}

/* Every option is shown: on the field's line when they fit, else on the
 * message rows above it (wrapped, up to three rows). */
static void ask_option(ui *ui, const form_item *it)
{
	char label[2200], opts[2048];

	options_text(it, opts, sizeof(opts));
	snprintf(label, sizeof(label), "%s: %s (Esc: thôi)", it->id, opts);
	if ((int)text_width(label) <= ui->cols - 20 && strlen(label) < sizeof(ui->prompt_label)) {
		ui_prompt(ui, label, "", option_submit);
		return;
	}
	snprintf(label, sizeof(label), "%s: gõ số của lựa chọn (Esc: thôi)", it->id);
	ui_prompt(ui, label, "", option_submit);
	ui_message(ui, 0, "%s", opts);
}

static void answer(ui *ui)
{
	const form_item *it = item(ui);
	char v[LINEEDIT_MAX * 4 + 1], label[200];   /* a text answer offered back whole */

	if (!leaf_ok(ui))
		return;
	if (it->type == FORM_YESNO || it->type == FORM_CHOICE) {
		ask_option(ui, it);
		return;
	}
	v[0] = '\0';
	if (ui->chk.items[ui->item].answered)
		form_format_value(it, &ui->chk.items[ui->item].value, v, sizeof(v));
	snprintf(label, sizeof(label), "%s %s:", it->id,
		it->type == FORM_COUNT ? "(số)" : it->type == FORM_PERCENT ? "(%)" :
		it->type == FORM_DATE ? "(ngày/tháng/năm)" : "(chữ)");
	ui_prompt(ui, label, v, value_submit);
}

/* *: every criterion that can hold, held — one undo step. Values that are
 * more than a plain "có" (100 %, a count of 1) are named, since the
 * officer has not seen them typed. */
static void all_hold(ui *ui)
{
	antt_err err = { "" };
	antt_status st;
	answer_prev *before = check_take_all(ui);
	ui_undo *step;
	char filled[2048] = "";

	if ((st = answer_set(ui->db, ui->chk.unit.code, ui->year, "*", "đạt", NULL, -1, &err)) != ANTT_OK) {
		check_push_step(ui, before, "");       /* nothing changed: only frees */
		ui_fail(ui, st, &err);
		return;
	}
	check_reload(ui);
	check_remember(ui);
	if ((step = check_push_step(ui, before, "")) != NULL)
		snprintf(step->what, sizeof(step->what), "«Đạt hết»: %zu tiêu chí trở lại như trước", step->n);
	for (size_t i = 0; step && i < step->n; i++) {
		int k = form_find(ui->chk.f, step->p[i].criterion);
		size_t used = strlen(filled);
		char v[160];

		if (k < 0 || ui->chk.f->items[k].type == FORM_YESNO || !ui->chk.items[k].answered)
			continue;
		form_format_value(&ui->chk.f->items[k], &ui->chk.items[k].value, v, sizeof(v));
		snprintf(filled + used, sizeof(filled) - used, "%s%s = %s", used ? ", " : "", ui->chk.f->items[k].id, v);
	}
	if (filled[0])
		ui_message(ui, 0, "Mọi tiêu chí đạt. Đã điền: %s — hãy kiểm tra.", filled);
	else
		ui_message(ui, 0, "Đã lưu: mọi tiêu chí đạt. Chỉ cần sửa các tiêu chí có ngoại lệ.");
}

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
	char *want = code_key(text);
	int found = -1;

	if (!want || !*want) {
		free(want);
		ui_message(ui, 0, "Không đổi gì.");
		return ANTT_OK;
	}
	for (size_t k = 0; k < ui->chk.f->n_items && found < 0; k++) {
		char *id = code_key(ui->chk.f->items[k].id);
		if (id && !strcmp(id, want))
			found = (int)k;
		free(id);
	}
	free(want);
	if (found < 0) {
		ui_message(ui, 1, "Không có tiêu chí «%s» trong phiếu này. Sửa mã rồi bấm Enter, hoặc Esc để thôi.", text);
		return ANTT_ERR_NOT_FOUND;
	}
	ui->item = found;
	check_remember(ui);
	return ANTT_OK;
}

static void next_missing(ui *ui)
{
	size_t n = ui->chk.f->n_items;

	for (size_t k = 1; k <= n; k++) {
		size_t i = ((size_t)ui->item + k) % n;
		if (ui->chk.f->items[i].leaf && ui->chk.items[i].state == RULE_MISSING) {
			ui->item = (int)i;
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
	antt_err err = { "" };
	int reopen = !strcmp(ui->chk.status, "approved");
	antt_status s = reopen ? assess_reopen(ui->db, ui->chk.unit.code, ui->year, text, &err)
	                       : assess_return(ui->db, ui->chk.unit.code, ui->year, text, &err);

	if (s != ANTT_OK && s != ANTT_ERR_DENIED && s != ANTT_ERR_INVALID) {
		ui_fail(ui, s, &err);
		return s;
	}
	workflow(ui, s, &err, reopen ? "Đã mở lại phiếu để sửa." : "Đã trả lại phiếu.");
	return ANTT_OK;
}

static void approve(ui *ui)
{
	antt_err err = { "" };

	workflow(ui, assess_approve(ui->db, ui->chk.unit.code, ui->year, &err), &err,
		"Đã duyệt kết luận; phiếu không sửa được nữa.");
}

static void ask_reason(ui *ui)
{
	ui_prompt(ui, !strcmp(ui->chk.status, "approved") ? "Mở lại phiếu đã duyệt — lý do:" : "Trả lại — lý do:",
		"", reason_submit);
}

static int act_check(ui *ui, ui_action a)
{
	antt_err err = { "" };
	long sel = ui->item, top = 0;
	const form_item *it;

	if (!ui->chk_loaded)
		return R_NONE;
	it = item(ui);
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_HOME: case ACT_END: case ACT_PGUP: case ACT_PGDN:
		ui_scroll(&sel, &top, (long)ui->chk.f->n_items, 6, a);
		ui->item = (int)sel;
		return R_REDRAW;
	case ACT_BACK:
		check_remember(ui);
		db_state_set(ui->db, "screen", "units", NULL);
		ui_pop(ui);
		{
			antt_err e2 = { "" };
			antt_status st;
			long keep = ui->sel;
			/* only this unit and those above it can have changed */
			if ((st = tree_update(ui->db, &ui->tree, ui->chk.unit.code, &e2)) != ANTT_OK)
				ui_fail(ui, st, &e2);
			keep = tree_find(&ui->tree, ui->chk.unit.code);
			ui->sel = keep >= 0 ? keep : ui->sel;
			ui_scroll(&ui->sel, &ui->top, (long)ui->tree.n_vis, ui_list_height(ui, UI_UNITS_TOP), ACT_NONE);
		}
		return R_REDRAW;
	case ACT_ALL_HOLD:
		all_hold(ui);
		return R_REDRAW;
	case ACT_YES: case ACT_NO:
		if (!leaf_ok(ui))
			return R_REDRAW;
		if (it->type != FORM_YESNO) {
			ui_message(ui, 1, "Tiêu chí %s không phải câu có/không: bấm Enter để nhập.", it->id);
			return R_REDRAW;
		}
		save(ui, a == ACT_YES ? "có" : "không", NULL, -1);
		return R_REDRAW;
	case ACT_ANSWER:
		answer(ui);
		return R_REDRAW;
	case ACT_EXCEPTION:
		if (!leaf_ok(ui))
			return R_REDRAW;
		if (!it->exception) {
			ui_message(ui, 1, "Tiêu chí %s không có trường hợp ngoại lệ.", it->id);
			return R_REDRAW;
		}
		if (ui->chk.items[ui->item].exception) {
			char *v = current_value(ui);
			save(ui, v ? v : "không", NULL, 0);
			free(v);
			return R_REDRAW;
		}
		ui_prompt(ui, "Ngoại lệ — ghi chú sự việc:", ui->chk.items[ui->item].note, exception_submit);
		return R_REDRAW;
	case ACT_NOTE:
		if (!leaf_ok(ui))
			return R_REDRAW;
		if (!ui->chk.items[ui->item].answered) {
			ui_message(ui, 1, "Hãy trả lời tiêu chí %s trước, rồi ghi chú.", it->id);
			return R_REDRAW;
		}
		ui_prompt(ui, "Ghi chú:", ui->chk.items[ui->item].note, note_submit);
		return R_REDRAW;
	case ACT_CLEAR:
		if (!leaf_ok(ui) || !ui->chk.items[ui->item].answered)
			return R_REDRAW;
		save(ui, NULL, NULL, -1);
		return R_REDRAW;
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
		ui->ssel_item = ui->stop = 0;
		ui_push(ui, &ui_score_screen);
		return R_REDRAW;
	case ACT_HISTORY:
		ui_history_open(ui, ui->chk.unit.code, ui->year, it->id);
		return R_REDRAW;
	case ACT_SUBMIT:
		workflow(ui, assess_submit(ui->db, ui->chk.unit.code, ui->year, &err), &err, "Đã trình lãnh đạo.");
		return R_REDRAW;
	case ACT_APPROVE:
		if (ui_leader_first(ui, "duyệt", approve))
			approve(ui);
		return R_REDRAW;
	case ACT_RETURN:
		if (ui_leader_first(ui, !strcmp(ui->chk.status, "approved") ? "mở lại phiếu" : "trả lại phiếu", ask_reason))
			ask_reason(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_check_screen = { SC_CHECK, draw_check, act_check };
