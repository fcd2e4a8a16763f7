/* Undo on the checklist (u, Ctrl-Z): each change of answers keeps what
 * they were before as one step; a step is put back through answer_restore,
 * so an undo is checked and audited like any answer. Steps belong to the
 * session and to one unit and year. */
#include <curses.h>
#include "checklist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void step_free(ui_undo *u)
{
	for (size_t i = 0; i < u->n; i++)
		answer_prev_free(&u->p[i]);
	free(u->p);
	u->p = NULL;
	u->n = 0;
}

void ui_check_free(ui *ui)
{
	for (size_t i = 0; i < ui->n_undo; i++)
		step_free(&ui->undo[i]);
	free(ui->undo);
	ui->undo = NULL;
	ui->n_undo = 0;
}

/* Every answer of the loaded form as it is now; NULL when memory is short
 * (the change goes on, without an undo step). */
answer_prev *check_take_all(const ui *ui)
{
	size_t n = ui->chk.f->n_items;
	answer_prev *p = calloc(n ? n : 1, sizeof(*p));

	for (size_t k = 0; p && k < n; k++)
		if (answer_prev_take(&ui->chk, k, &p[k]) != ANTT_OK) {
			while (k-- > 0)
				answer_prev_free(&p[k]);
			free(p);
			return NULL;
		}
	return p;
}

/* After a change (the form reloaded): keep as one step the answers of
 * `before` that differ now; the others are freed, and so is `before`. */
ui_undo *check_push_step(ui *ui, answer_prev *before, const char *what)
{
	size_t total = ui->chk.f->n_items, n = 0;
	ui_undo *g, *u;

	if (!before)
		return NULL;
	for (size_t k = 0; k < total; k++) {
		if (ui->chk_loaded && ui->chk.f->items[k].leaf && !ui->chk.f->items[k].computed &&
		    answer_prev_differs(&ui->chk, k, &before[k]))
			before[n++] = before[k];        /* moved down: each kept once */
		else
			answer_prev_free(&before[k]);
	}
	if (n == 0 || !(g = realloc(ui->undo, (ui->n_undo + 1) * sizeof(*g)))) {
		for (size_t k = 0; k < n; k++)
			answer_prev_free(&before[k]);
		free(before);
		return NULL;
	}
	ui->undo = g;
	u = &ui->undo[ui->n_undo++];
	snprintf(u->unit, sizeof(u->unit), "%s", ui->chk.unit.code);
	u->year = ui->year;
	u->p = before;
	u->n = n;
	snprintf(u->what, sizeof(u->what), "%s", what);
	return u;
}

/* What undoing the change of item k will say: its answer before. */
void check_undo_words(const ui *ui, int k, char *buf, size_t n)
{
	const assess_item *a = &ui->chk.items[k];
	char v[160] = "chưa trả lời";

	if (a->answered)
		form_format_value(&ui->chk.f->items[k], &a->value, v, sizeof(v));
	snprintf(buf, n, "tiêu chí %s: trở lại «%s»%s", ui->chk.f->items[k].id, v, a->exception ? " (ngoại lệ)" : "");
}

/* u, Ctrl-Z: the newest step of this form back, as an ordinary change. */
void check_undo(ui *ui)
{
	antt_err err = { "" };
	antt_status st;
	ui_undo *u = NULL;
	size_t i;

	for (i = ui->n_undo; i-- > 0;)
		if (!strcmp(ui->undo[i].unit, ui->chk.unit.code) && ui->undo[i].year == ui->year) {
			u = &ui->undo[i];
			break;
		}
	if (!u) {
		ui_message(ui, 1, "Chưa sửa gì trên phiếu này: không có gì để hoàn tác.");
		return;
	}
	if ((st = answer_restore(ui->db, u->unit, u->year, u->p, u->n, &err)) != ANTT_OK) {
		ui_message(ui, 1, "Không hoàn tác được: %s", ui_err_text(st, &err));
		return;
	}
	if (u->n == 1) {
		int k = form_find(ui->chk.f, u->p[0].criterion);
		if (k >= 0)
			ui->item = k;
	}
	ui_message(ui, 0, "Đã hoàn tác %s.", u->what);
	step_free(u);
	memmove(u, u + 1, (ui->n_undo - i - 1) * sizeof(*u));
	ui->n_undo--;
	check_reload(ui);
	check_remember(ui);
}
