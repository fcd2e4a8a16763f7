/* o (sổ): the movement's registers under the selected unit for the year —
 * models kept and new, activities, commendations, tip-offs — with keys to
 * add each (a short dialog) and to import a CSV file. What it shows is read
 * when it opens and after each change, and drawn from its state. */
#include <curses.h>
#include "ui.h"
#include "num.h"
#include "register.h"
#include "text.h"
#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static antt_status model_kind(ui *ui, const char *text);
static antt_status activity_kind(ui *ui, const char *text);
static antt_status comm_level(ui *ui, const char *text);
static antt_status import_what(ui *ui, const char *text);
static void draw_pick(ui *ui, int y);

/* One line of the registers as shown, under its section. */
typedef struct {
	char *section, *text;
	long long id;
} shown_row;

/* The screen's own state: the unit shown and the selected row; what it
 * shows (the lists file, read at open; the rows and the figures line, read
 * at open and after each change, not on every key); and what the open
 * dialog has gathered, a whole field each. */
typedef struct {
	char unit[64], name[256];
	long sel;
	reg_lists *lists;       /* NULL: not readable, lists_st and lists_err say why */
	antt_status lists_st;
	antt_err lists_err;
	shown_row *rows;
	size_t n;
	char line[400];
	char got[3][LINEEDIT_MAX * 4 + 1];
} reg_state;

static reg_state *state(const ui *ui)
{
	return ui->priv;
}

static void rows_free(reg_state *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].section);
		free(r->rows[i].text);
	}
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

static int add_row(const char *section, long long id, const char *text, void *ctx)
{
	reg_state *r = ctx;
	shown_row *g = grow_one(r->rows, r->n, sizeof(*g));

	if (!g)
		return 1;
	r->rows = g;
	g[r->n] = (shown_row){ strdup(section), strdup(text), id };
	if (!g[r->n].section || !g[r->n].text) {
		free(g[r->n].section);
		free(g[r->n].text);
		return 1;
	}
	r->n++;
	return 0;
}

/* The rows and the figures line as stored now (a message when they cannot
 * be read). */
static void reload(ui *ui)
{
	reg_state *r = state(ui);
	reg_figures f;
	antt_err err = { "" };
	antt_status st;

	rows_free(r);
	if ((st = reg_rows(ui->db, r->unit, ui->year, add_row, r, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	if (r->sel >= (long)r->n)
		r->sel = r->n ? (long)r->n - 1 : 0;
	r->line[0] = '\0';
	if (!r->lists)
		ui_fail(ui, r->lists_st, &r->lists_err);
	else if ((st = reg_year_figures(ui->db, r->lists, ui->year, r->unit, &f, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	else
		snprintf(r->line, sizeof(r->line),
			"%lld cuộc phát động · %lld mô hình (%lld duy trì, %lld mới) · %lld khen thưởng · %lld tin báo",
			f.launches, f.models, f.models_kept, f.models_new, f.collective + f.individual, f.tipoffs);
}

/* The selected row's model, 0 when it is not a model. */
static long long chosen_model(const reg_state *r)
{
	if (r->sel < 0 || (size_t)r->sel >= r->n || strcmp(r->rows[r->sel].section, "Mô hình"))
		return 0;
	return r->rows[r->sel].id;
}

static void draw_rows(ui *ui)
{
	const reg_state *r = state(ui);
	const char *section = "";
	int y = 3;

	for (size_t i = 0; i < r->n; i++) {
		int sel = (long)i == r->sel;

		if (strcmp(section, r->rows[i].section)) {
			section = r->rows[i].section;
			if (y < ui->rows - 3)
				ui_put(y++, 1, ui->cols - 2, section, A_BOLD);
		}
		if (y < ui->rows - 3 && (long)i >= r->sel - 10) {
			/* the selected row whole, on up to three lines: its figures
			 * come last and a cut at 80 columns would hide them */
			int want = !sel ? 1 : ui->rows - 3 - y < 3 ? ui->rows - 3 - y : 3, used;
			for (int k = 0; sel && k < want; k++)
				ui_line(y + k, ui->cols, ui_attr(ui, UI_SELECT));
			used = ui_put_wrap(y, 3, ui->cols - 4, want, r->rows[i].text,
				sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL);
			for (int k = used > 0 ? used : 1; k < want; k++)
				ui_line(y + k, ui->cols, A_NORMAL);   /* lines the text did not need */
			y += used > 0 ? used : 1;
		}
	}
}

static void draw_registers(ui *ui)
{
	const reg_state *r = state(ui);
	char title[600];

	/* the unit by its name, as the checklist is */
	if (r->name[0])
		snprintf(title, sizeof(title), "Sổ theo dõi phong trào — %s (%s)", r->name, r->unit);
	else
		snprintf(title, sizeof(title), "Sổ theo dõi phong trào — %s", r->unit);
	ui_draw_title(ui, title);
	ui_put(1, 1, ui->cols - 2, r->line, A_BOLD);
	if (ui->prompting && (ui->submit == model_kind || ui->submit == activity_kind || ui->submit == comm_level ||
	                      ui->submit == import_what)) {
		ui_put(3, 1, ui->cols - 2, "Chọn một dòng: gõ số thứ tự rồi Enter (Esc: thôi).", A_BOLD);
		draw_pick(ui, 4);
		return;
	}
	if (r->n == 0)
		ui_put(3, 2, ui->cols - 4, "Chưa có gì trong sổ năm này. Bấm m, h, k để thêm, i để nhập từ CSV.", A_NORMAL);
	else
		draw_rows(ui);
}

/* --- dialogs: each step keeps what it gathered in the state's got ----------- */

static antt_status done(ui *ui, antt_status s, antt_err *err, const char *what)
{
	if (s != ANTT_OK) {
		ui_fail(ui, s, err);
		return s;
	}
	ui_message(ui, 0, "Đã ghi %s.", what);
	reload(ui);
	return ANTT_OK;
}

static antt_status model_numbers(ui *ui, const char *text)
{
	static const char *const what[3] = { "số điểm", "số tổ", "số thành viên" };
	long long n[3] = { 0, 0, 0 };
	antt_err err = { "" };
	char buf[LINEEDIT_MAX * 4 + 1], *tok, *save = NULL;   /* the whole line: a shorter copy cut the last number */
	int k = 0, year;

	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save), k++)
		if (k >= 3 || num_count(tok, what[k], &n[k], &err) != ANTT_OK)
			break;
	if (*text && (k != 3 || tok)) {
		ui_message(ui, 1, "%s%sGõ ba số cách nhau bởi dấu cách: số điểm, số tổ, số thành viên (ví dụ 2 1 15).",
			err.msg, *err.msg ? ". " : "");
		return ANTT_ERR_INVALID;
	}
	if (num_year(state(ui)->got[2], &year, &err) != ANTT_OK)
		return done(ui, ANTT_ERR_INVALID, &err, "mô hình");
	return done(ui, reg_model_add(ui->db, state(ui)->unit, state(ui)->got[0], state(ui)->got[1], year, n[0], n[1], n[2], &err), &err,
		"mô hình");
}

static antt_status model_year(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;
	int y;

	if ((st = num_year(text, &y, &err)) != ANTT_OK) {
		ui_message(ui, 1, "Năm bắt đầu: %s.", ui_err_text(st, &err));
		return ANTT_ERR_INVALID;
	}
	snprintf(state(ui)->got[2], sizeof(state(ui)->got[2]), "%d", y);
	ui_prompt(ui, "Số điểm, số tổ, số thành viên:", "1 1 0", model_numbers);
	return ANTT_OK;
}

/* --- pick lists: the options by number on the screen, a number (or a
 * name, any accents) typed into the field ----------------------------------- */

static const char *const reg_names[] = { "Mô hình", "Hoạt động (phát động, diễn đàn, tuyên truyền)",
	"Khen thưởng", "Tin báo" };
static const char *const reg_codes[] = { "models", "activities", "commendations", "tipoffs" };


/* The options of the pick list the prompt asks for (none: 0); also while
 * its answer is being submitted, when the prompt is already closed. */
static size_t pick_options(const ui *ui, const reg_lists *l, char *const **names, char *const **codes)
{
	*codes = NULL;
	*names = NULL;
	if (ui->submit == import_what) {
		*names = (char *const *)reg_names;
		*codes = (char *const *)reg_codes;
		return 4;
	}
	if (!l)
		return 0;
	if (ui->submit == model_kind) {
		*names = l->model_kinds;
		return l->n_model_kinds;
	}
	if (ui->submit == activity_kind) {
		*names = l->activity_names;
		*codes = l->activity_codes;
		return l->n_activities;
	}
	if (ui->submit == comm_level) {
		*names = l->level_names;
		*codes = l->level_codes;
		return l->n_levels;
	}
	return 0;
}

static void draw_pick(ui *ui, int y)
{
	char *const *names, *const *codes, line[400];
	size_t n = pick_options(ui, state(ui)->lists, &names, &codes);

	for (size_t i = 0; i < n && y < ui->rows - 3; i++) {
		snprintf(line, sizeof(line), "%3zu  %s", i + 1, names[i]);
		ui_put(y++, 2, ui->cols - 4, line, A_NORMAL);
	}
}

/* The option typed (its number, name or code), as its code (or name when
 * the list has no codes); NULL with a message when there is none. */
static const char *picked(ui *ui, const reg_lists *l, const char *text, char *out, size_t n)
{
	char *const *names, *const *codes, *end, *k = text_key(text);
	size_t count = pick_options(ui, l, &names, &codes);
	long i = *text ? strtol(text, &end, 10) : 0;
	const char *hit = NULL;

	if (*text && !*end && i >= 1 && (size_t)i <= count)
		hit = codes ? codes[i - 1] : names[i - 1];
	for (size_t j = 0; !hit && k && *k && j < count; j++) {
		char *a = text_key(names[j]), *b = codes ? text_key(codes[j]) : NULL;
		if ((a && !strcmp(a, k)) || (b && !strcmp(b, k)))
			hit = codes ? codes[j] : names[j];
		free(a);
		free(b);
	}
	free(k);
	if (!hit) {
		ui_message(ui, 1, "Gõ số thứ tự của một dòng trong danh sách (từ 1 đến %zu).", count);
		return NULL;
	}
	snprintf(out, n, "%s", hit);
	return out;
}

/* Run picked() on the lists of the open pick list. */
static int pick(ui *ui, const char *text, char *out, size_t n)
{
	const reg_state *r = state(ui);

	if (ui->submit != import_what && !r->lists) {
		ui_fail(ui, r->lists_st, &r->lists_err);
		return 0;
	}
	return picked(ui, r->lists, text, out, n) != NULL;
}

static antt_status model_kind(ui *ui, const char *text)
{
	char y[16];

	if (!pick(ui, text, state(ui)->got[1], sizeof(state(ui)->got[1])))
		return ANTT_ERR_INVALID;
	snprintf(y, sizeof(y), "%d", ui->year);
	ui_prompt(ui, "Năm bắt đầu:", y, model_year);
	return ANTT_OK;
}

static antt_status model_name(ui *ui, const char *text)
{
	if (!*text) {
		ui_message(ui, 1, "Cần tên mô hình.");
		return ANTT_ERR_INVALID;
	}
	snprintf(state(ui)->got[0], sizeof(state(ui)->got[0]), "%s", text);
	ui_prompt(ui, "Loại mô hình (gõ số trong danh sách):", "", model_kind);
	return ANTT_OK;
}

static antt_status activity_people(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;
	long long n = 0;

	if (*text && (st = num_count(text, "số người tham gia", &n, &err)) != ANTT_OK) {
		ui_message(ui, 1, "%s.", ui_err_text(st, &err));
		return ANTT_ERR_INVALID;
	}
	return done(ui, reg_activity_add(ui->db, state(ui)->unit, ui->year, state(ui)->got[0], state(ui)->got[1], n, "", &err),
		&err, "hoạt động");
}

static antt_status activity_date(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;

	if ((st = reg_check_date(text, ui->year, state(ui)->got[1], &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return ANTT_ERR_INVALID;
	}
	ui_prompt(ui, "Số người tham gia:", "0", activity_people);
	return ANTT_OK;
}

static antt_status activity_kind(ui *ui, const char *text)
{
	if (!pick(ui, text, state(ui)->got[0], sizeof(state(ui)->got[0])))
		return ANTT_ERR_INVALID;
	ui_prompt(ui, "Ngày (ngày/tháng/năm, ví dụ 26/03/2024):", "", activity_date);
	return ANTT_OK;
}

static antt_status comm_date(ui *ui, const char *text)
{
	antt_err err = { "" };
	/* no person's name: the unit itself is commended */
	return done(ui, reg_commendation_add(ui->db, state(ui)->unit, ui->year, state(ui)->got[0], state(ui)->got[1][0] == '\0',
		state(ui)->got[1], "", state(ui)->got[2], text, &err), &err, "khen thưởng");
}

static antt_status comm_number(ui *ui, const char *text)
{
	snprintf(state(ui)->got[2], sizeof(state(ui)->got[2]), "%s", text);
	ui_prompt(ui, "Ngày quyết định (ngày/tháng/năm, có thể để trống):", "", comm_date);
	return ANTT_OK;
}

static antt_status comm_recipient(ui *ui, const char *text)
{
	snprintf(state(ui)->got[1], sizeof(state(ui)->got[1]), "%s", text);
	ui_prompt(ui, "Số quyết định:", "", comm_number);
	return ANTT_OK;
}

static antt_status comm_level(ui *ui, const char *text)
{
	if (!pick(ui, text, state(ui)->got[0], sizeof(state(ui)->got[0])))
		return ANTT_ERR_INVALID;
	ui_prompt(ui, "Họ tên cá nhân được khen (để trống nếu khen tập thể):", "", comm_recipient);
	return ANTT_OK;
}

static antt_status import_path(ui *ui, const char *text)
{
	antt_err err = { "" };
	char *all = NULL;
	int n = 0, listed;
	antt_status s = reg_import_csv_list(ui->db, state(ui)->got[0], text, &n, &all, &err);

	if (s != ANTT_OK) {
		listed = ui_errors_show(ui, err.msg, all, "bấm i để nhập lại");
		free(all);
		return listed ? ANTT_OK : s;
	}
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(state(ui)->got[0], reg_codes[i]))
			ui_message(ui, 0, "Đã nhập %d dòng vào sổ %s.", n, reg_names[i]);
	reload(ui);
	return ANTT_OK;
}

static antt_status import_what(ui *ui, const char *text)
{
	if (!pick(ui, text, state(ui)->got[0], sizeof(state(ui)->got[0])))
		return ANTT_ERR_INVALID;
	ui_prompt(ui, "Đường dẫn tệp CSV:", "", import_path);
	return ANTT_OK;
}

static int act_registers(ui *ui, ui_action a)
{
	long long id = 0;
	antt_err err = { "" };
	antt_status st;

	switch (a) {
	case ACT_BACK:
		ui_pop(ui);
		return R_REDRAW;
	case ACT_UP: if (state(ui)->sel > 0) state(ui)->sel--; return R_REDRAW;
	case ACT_DOWN:
		if (state(ui)->sel + 1 < (long)state(ui)->n)
			state(ui)->sel++;
		return R_REDRAW;
	case ACT_ADD_MODEL:
		ui_prompt(ui, "Tên mô hình:", "", model_name);
		return R_REDRAW;
	case ACT_ADD_ACTIVITY:
		ui_prompt(ui, "Loại hoạt động (gõ số trong danh sách):", "1", activity_kind);
		return R_REDRAW;
	case ACT_ADD_COMMENDATION:
		ui_prompt(ui, "Cấp khen thưởng (gõ số trong danh sách):", "", comm_level);
		return R_REDRAW;
	case ACT_IMPORT:
		ui_prompt(ui, "Nhập vào sổ nào (gõ số trong danh sách):", "", import_what);
		return R_REDRAW;
	case ACT_END_MODEL:
		if (!(id = chosen_model(state(ui)))) {
			ui_message(ui, 0, "Chọn một mô hình trước.");
			return R_REDRAW;
		}
		if ((st = reg_model_end(ui->db, id, ui->year, &err)) != ANTT_OK)
			ui_fail(ui, st, &err);
		else
			ui_message(ui, 0, "Mô hình dừng sau năm %d.", ui->year);
		reload(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

typedef struct {
	const char *code, *name;
} reg_arg;

static void close_registers(ui *ui)
{
	rows_free(state(ui));
	reg_lists_free(state(ui)->lists);
}

/* A list that cannot be read is said at once, and again at a key that
 * needs it; the screen opens all the same. */
static antt_status open_registers(ui *ui, const void *arg)
{
	const reg_arg *a = arg;
	reg_state *r = state(ui);

	snprintf(r->unit, sizeof(r->unit), "%s", a->code);
	snprintf(r->name, sizeof(r->name), "%s", a->name ? a->name : "");
	r->lists_st = reg_lists_load(&r->lists, &r->lists_err);
	reload(ui);
	return ANTT_OK;
}

void ui_registers_open(ui *ui, const char *code, const char *name)
{
	reg_arg a = { code, name };

	ui_open(ui, &ui_registers_screen, &a);
}

const ui_screen ui_registers_screen = { SC_REGISTERS, draw_registers, act_registers, sizeof(reg_state),
	open_registers, close_registers, NULL };
