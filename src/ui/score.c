/* F3 on a checklist: the unit's score sheet for the year — every item with
 * its maximum, the self-score and the reviewer's score, running totals,
 * their difference and the class reached. Each score is saved at once. */
#include <curses.h>
#include "ui.h"
#include "num.h"
#include "score.h"
#include "text.h"

#include <stdio.h>
#include <string.h>

/* One row of the sheet: the id and text left, the three figures right, each
 * cell padded by display width ("Tự chấm", "7,5 vụ" take fewer columns than
 * bytes, so printf's widths would shift the columns). */
static void score_row(char *line, size_t n, int cols, const char *id, const char *text, const char *c,
                      const char *a, const char *b)
{
	char cid[64], ctext[1024];
	const char *fig[3] = { c, a, b };
	int w[3] = { 7, 9, 9 };
	size_t len;

	snprintf(line, n, " %s %s", text_pad(cid, sizeof(cid), id, 5), text_pad(ctext, sizeof(ctext), text, (size_t)cols - 37));
	for (int i = 0; i < 3; i++) {
		int pad = w[i] - (int)text_width(fig[i]);
		len = strlen(line);
		snprintf(line + len, n - len, " %*s%s", pad > 0 ? pad : 0, "", fig[i]);
	}
}

/* The unit's sheet as stored: read when the screen opens and after each
 * score saved, not on every key. When it cannot be read the screen says
 * why (st, err) instead of the sheet. */
typedef struct {
	char code[64], name[256];
	long sel, top;          /* the selected item, the first shown */
	score_result r;
	int loaded;
	antt_status st;
	antt_err err;
} score_state;

static void close_score(ui *ui)
{
	score_state *sc = ui->priv;

	if (sc->loaded)
		score_result_free(&sc->r);
	sc->loaded = 0;
}

static void load(ui *ui)
{
	score_state *sc = ui->priv;

	close_score(ui);
	sc->err.msg[0] = '\0';
	sc->st = score_load(ui->db, sc->code, ui->year, &sc->r, &sc->err);
	sc->loaded = sc->st == ANTT_OK;
}

/* arg: the unit (its code and name). */
static antt_status open_score(ui *ui, const void *arg)
{
	const unit_row *u = arg;
	score_state *sc = ui->priv;

	snprintf(sc->code, sizeof(sc->code), "%s", u->code);
	snprintf(sc->name, sizeof(sc->name), "%s", u->name);
	load(ui);
	return ANTT_OK;   /* a sheet that cannot be read is said on the screen */
}

void ui_score_open(ui *ui, const unit_row *u)
{
	ui_open(ui, &ui_score_screen, u);
}

static void draw_score(ui *ui)
{
	score_state *sc = ui->priv;
	const score_result *r = &sc->r;
	char title[400], line[1600], label[400], a[32], b[32], c[32];
	int y = 3, h = ui->rows - 9;   /* two rows under the list: the chosen item whole */

	snprintf(title, sizeof(title), "Chấm điểm — %s (%s)", sc->name, sc->code);
	ui_draw_title(ui, title);
	if (!sc->loaded) {
		ui_put(2, 1, ui->cols - 2, ui_err_text(sc->st, &sc->err), ui_attr(ui, UI_ERROR));
		return;
	}
	ui_put(1, 1, ui->cols - 2, r->sheet->title, A_DIM);
	score_row(line, sizeof(line), ui->cols, "Mục", "Nội dung", "Chuẩn", "Tự chấm", "Cấp trên");
	ui_put(2, 0, ui->cols, line, A_BOLD);
	if (sc->sel >= (long)r->sheet->n_items)
		sc->sel = (long)r->sheet->n_items - 1;
	if (sc->sel < sc->top)
		sc->top = sc->sel;
	if (sc->sel >= sc->top + h)
		sc->top = sc->sel - h + 1;
	for (long i = sc->top; i < (long)r->sheet->n_items && y < 3 + h; i++, y++) {
		const score_item *it = &r->sheet->items[i];
		char dec[32];
		int sel = i == sc->sel, attr = sel ? ui_attr(ui, UI_SELECT) : (it->leaf ? (int)A_NORMAL : (int)A_BOLD);

		snprintf(c, sizeof(c), it->deduct > 0 ? "-%g" : "%g", it->max);
		snprintf(a, sizeof(a), "%s", "");
		snprintf(b, sizeof(b), "%s", "");
		if (it->leaf && r->e[i].has_self)
			snprintf(a, sizeof(a), "%s%s", num_show_decimal(dec, sizeof(dec), r->e[i].self),
				it->deduct > 0 ? " vụ" : "");   /* 7,5 */
		if (it->leaf && r->e[i].has_reviewer)
			snprintf(b, sizeof(b), "%s%s", num_show_decimal(dec, sizeof(dec), r->e[i].reviewer),
				it->deduct > 0 ? " vụ" : "");   /* 7,5 */
		score_row(line, sizeof(line), ui->cols, it->id, it->label, c, a, b);
		if (sel)
			ui_line(y, ui->cols, attr);
		ui_put(y, 0, ui->cols, line, attr);
		if (sel) {
			char whole[600];
			snprintf(whole, sizeof(whole), "Mục %s: %s", it->id, it->label);
			ui_put_wrap(ui->rows - 6, 1, ui->cols - 2, 2, whole, A_DIM);
		}
	}
	snprintf(line, sizeof(line), "Tổng: tự chấm %s · cấp trên chấm %s · chênh lệch %s",
		r->has_self ? text_fmt_pct(a, sizeof(a), r->self_total) : "-",
		r->has_reviewer ? text_fmt_pct(b, sizeof(b), r->reviewer_total) : "-",
		r->has_self && r->has_reviewer ? text_fmt_pct(c, sizeof(c), r->reviewer_total - r->self_total) : "-");
	ui_put(ui->rows - 4, 1, ui->cols - 2, line, A_BOLD);
	/* a class only for a complete sheet: a half-scored one would read Yếu */
	if (!r->has_self && !r->has_reviewer)
		snprintf(label, sizeof(label), "chưa chấm");
	else if (r->cls < 0)
		snprintf(label, sizeof(label), "%schưa chấm xong (còn %d mục)", r->has_reviewer ? "cấp trên " : "", r->missing);
	else
		snprintf(label, sizeof(label), "%s", score_class_name(r->cls));
	snprintf(line, sizeof(line), "Xếp loại: %s%s  (khá từ %g, xuất sắc từ %g điểm)", label,
		r->capped ? " — chưa đạt tiêu chuẩn nên không xếp xuất sắc" : "", r->cut[CLASS_KHA], r->cut[CLASS_XUAT_SAC]);
	ui_put(ui->rows - 3, 1, ui->cols - 2, line, r->cls >= CLASS_KHA ? ui_attr(ui, UI_PASS) : (int)A_NORMAL);
}

static antt_status save(ui *ui, const char *text, int reviewer)
{
	score_state *sc = ui->priv;
	antt_err err = { "" };
	antt_status st;
	char id[64];

	if (!sc->loaded) {
		ui_fail(ui, sc->st, &sc->err);
		return ANTT_ERR_INVALID;
	}
	snprintf(id, sizeof(id), "%s", sc->r.sheet->items[sc->sel].id);
	if ((st = score_set(ui->db, sc->code, ui->year, id, reviewer ? NULL : text, reviewer ? text : NULL, &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return ANTT_ERR_INVALID;
	}
	load(ui);   /* the totals and the class as stored now */
	ui_message(ui, 0, "Đã lưu điểm mục %s.", id);
	return ANTT_OK;
}

static antt_status self_submit(ui *ui, const char *text) { return save(ui, text, 0); }
static antt_status reviewer_submit(ui *ui, const char *text) { return save(ui, text, 1); }

static void ask_reviewer(ui *ui)
{
	ui_prompt(ui, "Điểm cấp trên chấm (trống để xóa):", "", reviewer_submit);
}

static int act_score(ui *ui, ui_action a)
{
	score_state *sc = ui->priv;
	long top = 0;

	switch (a) {
	case ACT_BACK:
		ui_pop(ui);
		return R_REDRAW;
	case ACT_UP: case ACT_DOWN: case ACT_HOME: case ACT_END: case ACT_PGUP: case ACT_PGDN:
		ui_scroll(&sc->sel, &top, sc->loaded ? (long)sc->r.sheet->n_items : 0, 10, a);
		return R_REDRAW;
	case ACT_SELF_SCORE:
		ui_prompt(ui, "Điểm tự chấm (mục trừ điểm: số vụ việc; trống để xóa):", "", self_submit);
		return R_REDRAW;
	case ACT_REVIEWER:
		if (ui_leader_first(ui, "chấm điểm của cấp trên", ask_reviewer))
			ask_reviewer(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_score_screen = { SC_SCORE, draw_score, act_score, sizeof(score_state), open_score, close_score,
	NULL };
