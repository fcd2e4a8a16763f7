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
	for (size_t i = 0; i < u->n; i++) {
		answer_prev_free(&u->p[i]);
		if (u->after)
			answer_prev_free(&u->after[i]);
	}
	free(u->p);
	free(u->after);
	u->p = u->after = NULL;
	u->n = 0;
}

/* Step i leaves the log (undone, or no longer safe to undo). */
static void drop_step(ui_undo_log *log, size_t i)
{
	step_free(&log->steps[i]);
	memmove(&log->steps[i], &log->steps[i + 1], (log->n - i - 1) * sizeof(*log->steps));
	log->n--;
}

void ui_check_free(ui *ui)
{
	if (!ui->undo)
		return;
	for (size_t i = 0; i < ui->undo->n; i++)
		step_free(&ui->undo->steps[i]);
	free(ui->undo->steps);
	free(ui->undo);
	ui->undo = NULL;
}

/* Every answer of the loaded form as it is now; NULL when memory is short
 * (the change goes on, without an undo step). */
answer_prev *check_take_all(const check_state *c)
{
	size_t n = c->chk.f->n_items;
	answer_prev *p = calloc(n ? n : 1, sizeof(*p));

	for (size_t k = 0; p && k < n; k++)
		if (answer_prev_take(&c->chk, k, &p[k]) != ANTT_OK) {
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
	const check_state *c = ui->priv;
	size_t total = c->chk.f->n_items, n = 0, m = 0;
	ui_undo *g = NULL, *u;
	answer_prev *after;

	if (!before)
		return NULL;
	for (size_t k = 0; k < total; k++) {
		if (c->loaded && c->chk.f->items[k].leaf && !c->chk.f->items[k].computed &&
		    answer_prev_differs(&c->chk, k, &before[k]))
			before[n++] = before[k];        /* moved down: each kept once */
		else
			answer_prev_free(&before[k]);
	}
	after = calloc(n ? n : 1, sizeof(*after));
	for (; after && m < n; m++) {
		int k = form_find(c->chk.f, before[m].criterion);
		if (k < 0 || answer_prev_take(&c->chk, (size_t)k, &after[m]) != ANTT_OK)
			break;
	}
	if (n > 0 && !ui->undo)
		ui->undo = calloc(1, sizeof(*ui->undo));
	if (n == 0 || m < n || !ui->undo || !(g = realloc(ui->undo->steps, (ui->undo->n + 1) * sizeof(*g)))) {
		for (size_t k = 0; k < n; k++)
			answer_prev_free(&before[k]);
		for (size_t k = 0; after && k < m; k++)
			answer_prev_free(&after[k]);
		free(before);
		free(after);
		return NULL;
	}
	ui->undo->steps = g;
	u = &g[ui->undo->n++];
	snprintf(u->unit, sizeof(u->unit), "%s", c->chk.unit.code);
	u->year = ui->year;
	u->p = before;
	u->after = after;
	u->n = n;
	snprintf(u->what, sizeof(u->what), "%s", what);
	return u;
}

/* What undoing the change of item k will say: its answer before. */
void check_undo_words(const check_state *c, int k, char *buf, size_t n)
{
	const assess_item *a = &c->chk.items[k];
	char v[160] = "chưa trả lời";

	if (a->answered)
		form_format_value(&c->chk.f->items[k], &a->value, v, sizeof(v));
	snprintf(buf, n, "tiêu chí %s: trở lại «%s»%s", c->chk.f->items[k].id, v, a->exception ? " (ngoại lệ)" : "");
}

/* u, Ctrl-Z: the newest step of this form back, as an ordinary change. */
void check_undo(ui *ui)
{
	check_state *c = ui->priv;
	ui_undo_log *log = ui->undo;
	antt_err err = { "" };
	antt_status st;
	ui_undo *u = NULL;
	size_t i, changed;

	for (i = log ? log->n : 0; i-- > 0;)
		if (!strcmp(log->steps[i].unit, c->chk.unit.code) && log->steps[i].year == ui->year) {
			u = &log->steps[i];
			break;
		}
	if (!u) {
		ui_message(ui, 1, "Không còn gì để hoàn tác trên phiếu này: chỉ hoàn tác được những lần sửa "
			"từ khi mở chương trình.");
		return;
	}
	/* changed since by someone else (a package, a conflict settled, the
	 * CLI): putting the old answer back would lose that change. Checked
	 * inside the undo's own transaction, so a change landing at that
	 * moment is kept too. */
	if ((st = answer_restore_unchanged(ui->db, u->unit, u->year, u->p, u->after, u->n, &changed, &err)) != ANTT_OK) {
		if (changed < u->n) {
			ui_message(ui, 1, "Không hoàn tác được: tiêu chí %s đã được sửa ở nơi khác (gói dữ liệu, "
				"chọn bản khi xung đột, dòng lệnh) sau lần sửa này. Bản hiện có được giữ nguyên; cần thì sửa tay.",
				u->after[changed].criterion);
			drop_step(log, i);
			check_reload(ui);
		} else
			ui_message(ui, 1, "Không hoàn tác được: %s", ui_err_text(st, &err));
		return;
	}
	if (u->n == 1) {
		int k = form_find(c->chk.f, u->p[0].criterion);
		if (k >= 0)
			c->item = k;
	}
	ui_message(ui, 0, "Đã hoàn tác %s.", u->what);
	drop_step(log, i);
	check_reload(ui);
	check_remember(ui);
}
