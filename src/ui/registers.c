/* o (sổ): the movement's registers under the selected unit for the year —
 * models kept and new, activities, commendations, tip-offs — with keys to
 * add each (a short dialog) and to import a CSV file. */
#include <curses.h>
#include "ui.h"
#include "num.h"
#include "register.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	ui *ui;
	int y;
	long i;
	long long chosen;      /* id of the selected model, 0 otherwise */
	char section[32];
	int draw;
} rows_ctx;

static int row(const char *section, long long id, const char *text, void *ctx)
{
	rows_ctx *c = ctx;
	ui *ui = c->ui;
	int sel = c->i == ui->rsel;

	if (sel)
		c->chosen = !strcmp(section, "Mô hình") ? id : 0;
	if (c->draw && strcmp(c->section, section)) {
		snprintf(c->section, sizeof(c->section), "%s", section);
		if (c->y < ui->rows - 3)
			ui_put(c->y++, 1, ui->cols - 2, section, A_BOLD);
	}
	if (c->draw && c->y < ui->rows - 3 && c->i >= ui->rsel - 10) {
		if (sel)
			ui_line(c->y, ui->cols, ui_attr(ui, UI_SELECT));
		ui_put(c->y++, 3, ui->cols - 4, text, sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL);
	}
	c->i++;
	return 0;
}

static long walk(ui *ui, int draw, long long *chosen)
{
	rows_ctx c = { ui, 3, 0, 0, "", draw };
	antt_err err = { "" };

	if (reg_rows(ui->db, ui->reg_unit, ui->year, row, &c, &err) != ANTT_OK)
		ui_message(ui, 1, "%s", err.msg);
	if (chosen)
		*chosen = c.chosen;
	return c.i;
}

/* The figures line reads the lists file and counts the year: made when the
 * screen opens and after each change, not on every key. */
static void figures_line(ui *ui)
{
	reg_lists *l = NULL;
	reg_figures f;
	antt_err err = { "" };

	if (ui->reg_line[0] && ui->reg_line_year == ui->year)
		return;
	ui->reg_line[0] = '\0';
	if (reg_lists_load(&l, &err) == ANTT_OK && reg_year_figures(ui->db, l, ui->year, ui->reg_unit, &f, &err) == ANTT_OK) {
		snprintf(ui->reg_line, sizeof(ui->reg_line),
			"%lld cuộc phát động · %lld mô hình (%lld duy trì, %lld mới) · %lld khen thưởng · %lld tin báo",
			f.launches, f.models, f.models_kept, f.models_new, f.collective + f.individual, f.tipoffs);
		ui->reg_line_year = ui->year;
	} else {
		ui_message(ui, 1, "%s", err.msg);
	}
	reg_lists_free(l);
}

static void draw_registers(ui *ui)
{
	char title[200];

	snprintf(title, sizeof(title), "Sổ theo dõi phong trào — %s", ui->reg_unit);
	ui_draw_title(ui, title);
	figures_line(ui);
	ui_put(1, 1, ui->cols - 2, ui->reg_line, A_BOLD);
	if (walk(ui, 1, NULL) == 0)
		ui_put(3, 2, ui->cols - 4, "Chưa có gì trong sổ năm này. Bấm m, h, k để thêm, i để nhập từ CSV.", A_NORMAL);
}

/* --- dialogs: each step keeps what it gathered in pctx ---------------------- */

static antt_status done(ui *ui, antt_status s, antt_err *err, const char *what)
{
	if (s != ANTT_OK) {
		ui_message(ui, 1, "%s", err->msg);
		return s;
	}
	ui_message(ui, 0, "Đã ghi %s.", what);
	ui->reg_line[0] = '\0';
	return ANTT_OK;
}

static antt_status model_numbers(ui *ui, const char *text)
{
	static const char *const what[3] = { "số điểm", "số tổ", "số thành viên" };
	long long n[3] = { 0, 0, 0 };
	antt_err err = { "" };
	char buf[128], *tok, *save = NULL;
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
	if (num_year(ui->pctx[2], &year, &err) != ANTT_OK)
		return done(ui, ANTT_ERR_INVALID, &err, "mô hình");
	return done(ui, reg_model_add(ui->db, ui->reg_unit, ui->pctx[0], ui->pctx[1], year, n[0], n[1], n[2], &err), &err,
		"mô hình");
}

static antt_status model_year(ui *ui, const char *text)
{
	antt_err err = { "" };
	int y;

	if (num_year(text, &y, &err) != ANTT_OK) {
		ui_message(ui, 1, "Năm bắt đầu: %s.", err.msg);
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[2], sizeof(ui->pctx[2]), "%d", y);
	ui_prompt(ui, "Số điểm, số tổ, số thành viên:", "1 1 0", model_numbers);
	return ANTT_OK;
}

static antt_status model_kind(ui *ui, const char *text)
{
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", text);
	{
		char y[16];
		snprintf(y, sizeof(y), "%d", ui->year);
		ui_prompt(ui, "Năm bắt đầu:", y, model_year);
	}
	return ANTT_OK;
}

static antt_status model_name(ui *ui, const char *text)
{
	if (!*text) {
		ui_message(ui, 1, "Cần tên mô hình.");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", text);
	ui_prompt(ui, "Loại (tổ nhân dân tự quản, camera giám sát an ninh, hội quán, ...):", "", model_kind);
	return ANTT_OK;
}

static antt_status activity_people(ui *ui, const char *text)
{
	antt_err err = { "" };
	long long n = 0;

	if (*text && num_count(text, "số người tham gia", &n, &err) != ANTT_OK) {
		ui_message(ui, 1, "%s.", err.msg);
		return ANTT_ERR_INVALID;
	}
	return done(ui, reg_activity_add(ui->db, ui->reg_unit, ui->year, ui->pctx[0], ui->pctx[1], n, "", &err),
		&err, "hoạt động");
}

static antt_status activity_date(ui *ui, const char *text)
{
	antt_err err = { "" };

	if (reg_check_date(text, ui->year, &err) != ANTT_OK) {
		ui_message(ui, 1, "%s", err.msg);
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", text);
	ui_prompt(ui, "Số người tham gia:", "0", activity_people);
	return ANTT_OK;
}

static antt_status activity_kind(ui *ui, const char *text)
{
	char d[32];
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", *text ? text : "phat-dong");
	snprintf(d, sizeof(d), "%d-", ui->year);
	ui_prompt(ui, "Ngày (NĂM-THÁNG-NGÀY):", d, activity_date);
	return ANTT_OK;
}

static antt_status comm_date(ui *ui, const char *text)
{
	antt_err err = { "" };
	/* no person's name: the unit itself is commended */
	return done(ui, reg_commendation_add(ui->db, ui->reg_unit, ui->year, ui->pctx[0], ui->pctx[1][0] == '\0',
		ui->pctx[1], "", ui->pctx[2], text, &err), &err, "khen thưởng");
}

static antt_status comm_number(ui *ui, const char *text)
{
	snprintf(ui->pctx[2], sizeof(ui->pctx[2]), "%s", text);
	ui_prompt(ui, "Ngày quyết định (NĂM-THÁNG-NGÀY, có thể để trống):", "", comm_date);
	return ANTT_OK;
}

static antt_status comm_recipient(ui *ui, const char *text)
{
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", text);
	ui_prompt(ui, "Số quyết định:", "", comm_number);
	return ANTT_OK;
}

static antt_status comm_level(ui *ui, const char *text)
{
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", text);
	ui_prompt(ui, "Họ tên cá nhân được khen (để trống nếu khen tập thể):", "", comm_recipient);
	return ANTT_OK;
}

static antt_status import_path(ui *ui, const char *text)
{
	antt_err err = { "" };
	int n = 0;
	antt_status s = reg_import_csv(ui->db, ui->pctx[0], text, &n, &err);

	if (s != ANTT_OK) {
		ui_message(ui, 1, "%s", err.msg);
		return s;
	}
	ui_message(ui, 0, "Đã nhập %d dòng vào sổ %s.", n, ui->pctx[0]);
	ui->reg_line[0] = '\0';
	return ANTT_OK;
}

static antt_status import_what(ui *ui, const char *text)
{
	if (strcmp(text, "models") && strcmp(text, "activities") && strcmp(text, "commendations") && strcmp(text, "tipoffs")) {
		ui_message(ui, 1, "Gõ một trong: models, activities, commendations, tipoffs.");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", text);
	ui_prompt(ui, "Đường dẫn tệp CSV:", "", import_path);
	return ANTT_OK;
}

static int act_registers(ui *ui, ui_action a)
{
	long long id = 0;
	long n;
	antt_err err = { "" };

	switch (a) {
	case ACT_BACK:
		ui_pop(ui);
		return R_REDRAW;
	case ACT_UP: if (ui->rsel > 0) ui->rsel--; return R_REDRAW;
	case ACT_DOWN:
		n = walk(ui, 0, NULL);
		if (ui->rsel + 1 < n)
			ui->rsel++;
		return R_REDRAW;
	case ACT_ADD_MODEL:
		ui_prompt(ui, "Tên mô hình:", "", model_name);
		return R_REDRAW;
	case ACT_ADD_ACTIVITY:
		ui_prompt(ui, "Loại hoạt động (phat-dong, dien-dan, tuyen-truyen):", "phat-dong", activity_kind);
		return R_REDRAW;
	case ACT_ADD_COMMENDATION:
		ui_prompt(ui, "Cấp khen (bang-khen-bo-truong, giay-khen-giam-doc, ...):", "", comm_level);
		return R_REDRAW;
	case ACT_IMPORT:
		ui_prompt(ui, "Sổ nào (models, activities, commendations, tipoffs):", "", import_what);
		return R_REDRAW;
	case ACT_END_MODEL:
		walk(ui, 0, &id);
		if (!id) {
			ui_message(ui, 0, "Chọn một mô hình trước.");
			return R_REDRAW;
		}
		if (reg_model_end(ui->db, id, ui->year, &err) != ANTT_OK)
			ui_message(ui, 1, "%s", err.msg);
		else
			ui_message(ui, 0, "Mô hình dừng sau năm %d.", ui->year);
		ui->reg_line[0] = '\0';
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_registers_screen = { SC_REGISTERS, draw_registers, act_registers };
