/* Answering on the checklist: the keys that change answers (c k Enter e g
 * Del *), the prompts they open, and saving. Each confirmed answer is
 * saved at once in its own transaction (answer_set) with what it held kept
 * as an undo step; then the form reloads, so the screen shows what is
 * stored. */
#include <curses.h>
#include "checklist.h"
#include "answer.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const form_item *item(const ui *ui)
{
	const check_state *c = ui->priv;

	return &c->chk.f->items[c->item];
}

/* Save the selected criterion (value NULL: remove its answer), keeping
 * what it held as an undo step. */
static antt_status save(ui *ui, const char *value, const char *note, int exception)
{
	check_state *c = ui->priv;
	antt_err err = { "" };
	answer_prev *before = check_take_all(c);
	char what[200];
	antt_status s;

	check_undo_words(c, c->item, what, sizeof(what));
	s = value ? answer_set(ui->db, c->chk.unit.code, ui->year, item(ui)->id, value, note, exception, &err)
	          : answer_clear(ui->db, c->chk.unit.code, ui->year, item(ui)->id, &err);
	if (s != ANTT_OK) {
		if (before)
			check_push_step(ui, before, what);   /* nothing differs: only frees */
		/* core says what is wrong; the screen adds the key that goes on */
		ui_message(ui, 1, "%s%s", ui_err_text(s, &err), s != ANTT_ERR_LOCKED ? "" :
			!strcmp(c->chk.status, "approved") ? " (F8: mở lại)" : " (F8: trả lại)");
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
	const check_state *c = ui->priv;
	answer_prev p;
	char *v;

	if (answer_prev_take(&c->chk, (size_t)c->item, &p) != ANTT_OK)
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
	const check_state *c = ui->priv;

	/* a locked form first: on a group row the officer heard how to
	 * answer its items, then, on an item, that nothing can be changed */
	if (!strcmp(c->chk.status, "approved") || !strcmp(c->chk.status, "submitted")) {
		ui_message(ui, 1, !strcmp(c->chk.status, "approved") ? "Phiếu của %s năm %d đã được duyệt, không sửa được nữa "
			"(F8: mở lại)." : "Phiếu của %s năm %d đã trình lãnh đạo nên không sửa được. Lãnh đạo trả lại (có lý do) "
			"thì mới sửa tiếp (F8: trả lại).", c->chk.unit.name, c->chk.year);
		return 0;
	}
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
	check_state *c = ui->priv;
	const form_item *it = item(ui);
	char v[LINEEDIT_MAX * 4 + 1], label[200];   /* a text answer offered back whole */

	if (!leaf_ok(ui))
		return;
	if (it->type == FORM_YESNO || it->type == FORM_CHOICE) {
		ask_option(ui, it);
		return;
	}
	v[0] = '\0';
	if (c->chk.items[c->item].answered)
		form_format_value(it, &c->chk.items[c->item].value, v, sizeof(v));
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
	check_state *c = ui->priv;
	antt_err err = { "" };
	antt_status st;
	answer_prev *before = check_take_all(c);
	ui_undo *step;
	char filled[2048] = "";

	if ((st = answer_set(ui->db, c->chk.unit.code, ui->year, "*", "đạt", NULL, -1, &err)) != ANTT_OK) {
		check_push_step(ui, before, "");       /* nothing changed: only frees */
		ui_fail(ui, st, &err);
		return;
	}
	check_reload(ui);
	check_remember(ui);
	if ((step = check_push_step(ui, before, "")) != NULL)
		snprintf(step->what, sizeof(step->what), "«Đạt hết»: %zu tiêu chí trở lại như trước", step->n);
	for (size_t i = 0; step && i < step->n; i++) {
		int k = form_find(c->chk.f, step->p[i].criterion);
		size_t used = strlen(filled);
		char v[160];

		if (k < 0 || c->chk.f->items[k].type == FORM_YESNO || !c->chk.items[k].answered)
			continue;
		form_format_value(&c->chk.f->items[k], &c->chk.items[k].value, v, sizeof(v));
		snprintf(filled + used, sizeof(filled) - used, "%s%s = %s", used ? ", " : "", c->chk.f->items[k].id, v);
	}
	if (filled[0])
		ui_message(ui, 0, "Mọi tiêu chí đạt. Đã điền: %s — hãy kiểm tra.", filled);
	else
		ui_message(ui, 0, "Đã lưu: mọi tiêu chí đạt. Chỉ cần sửa các tiêu chí có ngoại lệ.");
}

int check_answer_act(ui *ui, ui_action a)
{
	check_state *c = ui->priv;
	const form_item *it = item(ui);

	switch (a) {
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
		if (c->chk.items[c->item].exception) {
			char *v = current_value(ui);
			save(ui, v ? v : "không", NULL, 0);
			free(v);
			return R_REDRAW;
		}
		ui_prompt(ui, "Ngoại lệ — ghi chú sự việc:", c->chk.items[c->item].note, exception_submit);
		return R_REDRAW;
	case ACT_NOTE:
		if (!leaf_ok(ui))
			return R_REDRAW;
		if (!c->chk.items[c->item].answered) {
			ui_message(ui, 1, "Hãy trả lời tiêu chí %s trước, rồi ghi chú.", it->id);
			return R_REDRAW;
		}
		ui_prompt(ui, "Ghi chú:", c->chk.items[c->item].note, note_submit);
		return R_REDRAW;
	case ACT_CLEAR:
		if (!leaf_ok(ui) || !c->chk.items[c->item].answered)
			return R_REDRAW;
		save(ui, NULL, NULL, -1);
		return R_REDRAW;
	default:
		return -1;
	}
}
