/* F4: what packages brought that was not applied (both sides had changed
 * it, or it was approved here). A reviewer chooses: keep this machine's
 * version (1) or take the package's (2). The choice is audited. */
#include <curses.h>
#include "ui.h"
#include "sync/sync.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

/* The screen's own state: the selected conflict, and the side chosen for
 * it while a leader logs in first. */
typedef struct {
	long sel;
	int incoming;
} conflicts_state;

typedef struct {
	ui *ui;
	int y;
	long i;
	long long chosen_id;    /* id of the selected conflict */
	int draw;               /* 0: only find the selected one (actions do not draw) */
} list_ctx;

static int row(const sync_conflict *c, void *ctx)
{
	list_ctx *l = ctx;
	ui *ui = l->ui;
	const conflicts_state *cs = ui->priv;
	char line[600];
	int sel = l->i == cs->sel, attr = sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL;

	if (sel)
		l->chosen_id = c->id;
	if (l->draw && l->y + 2 < ui->rows - 2 && l->i >= cs->sel - 4) {
		if (sel) {
			ui_line(l->y, ui->cols, attr);
			ui_line(l->y + 1, ui->cols, attr);
			ui_line(l->y + 2, ui->cols, attr);
		}
		snprintf(line, sizeof(line), "#%lld  %s — %s", c->id, c->label, c->why);
		ui_put(l->y++, 1, ui->cols - 2, line, attr | A_BOLD);
		snprintf(line, sizeof(line), "     máy này: %s", c->local ? c->local : "(chưa có)");
		ui_put(l->y++, 1, ui->cols - 2, line, attr);
		snprintf(line, sizeof(line), "     trong gói: %s", c->incoming);
		ui_put(l->y++, 1, ui->cols - 2, line, attr);
	}
	l->i++;
	return 0;
}

static long walk_list(ui *ui, int draw, long long *chosen)
{
	list_ctx l = { ui, 2, 0, 0, draw };
	antt_err err = { "" };
	antt_status st;

	if ((st = sync_conflicts(ui->db, 0, row, &l, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	if (chosen)
		*chosen = l.chosen_id;
	return l.i;
}

static void draw_conflicts(ui *ui)
{
	ui_draw_title(ui, "Xung đột khi nhập gói — chọn bản giữ lại");
	if (walk_list(ui, 1, NULL) == 0)
		ui_put(3, 2, ui->cols - 4, "Không có xung đột nào đang chờ.", A_NORMAL);
}

/* Settle the selected conflict with the side kept in the state, so a
 * leader's login can come first. */
static void resolve(ui *ui)
{
	conflicts_state *cs = ui->priv;
	long long id = 0;
	long n = walk_list(ui, 0, &id);
	int incoming = cs->incoming;
	antt_err err = { "" };
	antt_status st;

	if (n == 0 || !id)
		return;
	if ((st = sync_resolve(ui->db, id, incoming, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	else
		ui_message(ui, 0, "Xung đột #%lld: đã %s.", id, incoming ? "lấy bản trong gói" : "giữ bản ở máy này");
	if (cs->sel >= n - 1 && cs->sel > 0)
		cs->sel--;
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
	case ACT_DOWN: cs->sel++; return R_REDRAW;
	case ACT_KEEP_LOCAL: case ACT_TAKE_INCOMING:
		cs->incoming = a == ACT_TAKE_INCOMING;
		if (ui_leader_first(ui, "chọn bản khi có xung đột", resolve))
			resolve(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_conflicts_screen = { SC_CONFLICTS, draw_conflicts, act_conflicts, sizeof(conflicts_state),
	NULL, NULL };
