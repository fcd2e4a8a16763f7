/* F4: what packages brought that was not applied (both sides had changed
 * it, or it was approved here). A reviewer chooses: keep this machine's
 * version (1) or take the package's (2). The choice is audited. */
#include <curses.h>
#include "ui.h"
#include "sync/sync.h"
#include "text.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One conflict as shown: its three lines. */
typedef struct {
	long long id;
	char *line[3];
} shown_conflict;

/* The screen's own state: the open conflicts, read when it opens and after
 * each choice (not on every key); the selected one; and the side chosen
 * for it while a leader logs in first. */
typedef struct {
	shown_conflict *list;
	size_t n;
	long sel;
	int incoming;
} conflicts_state;

static void list_free(conflicts_state *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		for (int k = 0; k < 3; k++)
			free(cs->list[i].line[k]);
	free(cs->list);
	cs->list = NULL;
	cs->n = 0;
}

static void close_conflicts(ui *ui)
{
	list_free(ui->priv);
}

static int add(const sync_conflict *c, void *ctx)
{
	conflicts_state *cs = ctx;
	shown_conflict *g = grow_one(cs->list, cs->n, sizeof(*g)), *r;
	char line[3][600];
	int k;

	if (!g)
		return 1;
	cs->list = g;
	r = &g[cs->n];
	snprintf(line[0], sizeof(line[0]), "#%lld  %s — %s", c->id, c->label, c->why);
	snprintf(line[1], sizeof(line[1]), "     máy này: %s", c->local ? c->local : "(chưa có)");
	snprintf(line[2], sizeof(line[2]), "     trong gói: %s", c->incoming);
	r->id = c->id;
	for (k = 0; k < 3 && (r->line[k] = strdup(line[k])) != NULL; k++)
		;
	if (k < 3) {
		while (k-- > 0)
			free(r->line[k]);
		return 1;
	}
	cs->n++;
	return 0;
}

/* The open conflicts as stored now (a message when they cannot be read). */
static antt_status load(ui *ui)
{
	conflicts_state *cs = ui->priv;
	antt_err err = { "" };
	antt_status st;

	list_free(cs);
	if ((st = sync_conflicts(ui->db, 0, add, cs, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	if (cs->sel >= (long)cs->n)
		cs->sel = cs->n ? (long)cs->n - 1 : 0;
	return ANTT_OK;   /* the screen opens all the same, and says why it is empty */
}

static antt_status open_conflicts(ui *ui, const void *arg)
{
	(void)arg;
	return load(ui);
}

static void draw_conflicts(ui *ui)
{
	const conflicts_state *cs = ui->priv;
	int y = 2;

	ui_draw_title(ui, "Xung đột khi nhập gói — chọn bản giữ lại");
	if (cs->n == 0)
		ui_put(3, 2, ui->cols - 4, "Không có xung đột nào đang chờ.", A_NORMAL);
	for (long i = cs->sel > 4 ? cs->sel - 4 : 0; i < (long)cs->n && y + 2 < ui->rows - 2; i++) {
		int sel = i == cs->sel, attr = sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL;

		for (int k = 0; k < 3; k++) {
			if (sel)
				ui_line(y, ui->cols, attr);
			ui_put(y++, 1, ui->cols - 2, cs->list[i].line[k], k == 0 ? attr | (int)A_BOLD : attr);
		}
	}
}

/* Settle the selected conflict with the side kept in the state, so a
 * leader's login can come first. */
static void resolve(ui *ui)
{
	conflicts_state *cs = ui->priv;
	antt_err err = { "" };
	antt_status st;
	long long id;

	if (cs->sel < 0 || (size_t)cs->sel >= cs->n)
		return;
	id = cs->list[cs->sel].id;
	if ((st = sync_resolve(ui->db, id, cs->incoming, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	else
		ui_message(ui, 0, "Xung đột #%lld: đã %s.", id, cs->incoming ? "lấy bản trong gói" : "giữ bản ở máy này");
	load(ui);
}

static int act_conflicts(ui *ui, ui_action a)
{
	conflicts_state *cs = ui->priv;

	switch (a) {
	case ACT_BACK:
		ui_pop(ui);
		if (ui->screen == &ui_units_screen)
			ui_units_reload(ui);
		return R_REDRAW;
	case ACT_UP: if (cs->sel > 0) cs->sel--; return R_REDRAW;
	case ACT_DOWN: if (cs->sel + 1 < (long)cs->n) cs->sel++; return R_REDRAW;
	case ACT_KEEP_LOCAL: case ACT_TAKE_INCOMING:
		cs->incoming = a == ACT_TAKE_INCOMING;
		if (ui_leader_first(ui, "chọn bản khi có xung đột", resolve))
			resolve(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

/* No conflict to choose for: only the way back. */
static const ui_hint *conflicts_hints(ui *ui)
{
	static const ui_hint none[] = { { ACT_BACK, NULL }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	const conflicts_state *cs = ui->priv;

	return cs && cs->n == 0 ? none : NULL;
}

const ui_screen ui_conflicts_screen = { SC_CONFLICTS, draw_conflicts, act_conflicts, sizeof(conflicts_state),
	open_conflicts, close_conflicts, conflicts_hints };
