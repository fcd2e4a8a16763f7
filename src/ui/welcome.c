/* First run: the database has no units yet. Offer to import the office's
 * units from a CSV file, to open the demo database beside it, or to
 * receive the office's package (a commune laptop set up from it). */
#include <curses.h>
#include "ui.h"
#include "unit_import.h"
#include "demo.h"
#include "num.h"
#include "session.h"
#include "platform.h"
#include "text.h"
#include "unit.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void draw_welcome(ui *ui)
{
	static const char *const lines[] = {
		"Chào mừng đến với antt.",
		"",
		"Cơ sở dữ liệu này chưa có đơn vị nào:",
		NULL,
		"",
		"  1  Nhập danh sách đơn vị từ tệp CSV (Excel: Lưu thành \"CSV UTF-8\")",
		"     các cột: code,parent_code,type,name[,excluded[,managed_above]]",
		"     excluded 1: không thuộc diện; managed_above 1: do cấp trên quản lý",
		"  2  Mở dữ liệu mẫu (một huyện giả định, để làm quen)",
		"  3  Nhận gói dữ liệu của công an cấp trên (tệp .antt trên USB)",
		"",
		"  F1 Trợ giúp · F10 Thoát",
	};
	ui_draw_title(ui, "antt — An toàn về an ninh, trật tự");
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		ui_put(3 + (int)i, 4, ui->cols - 8, lines[i] ? lines[i] : ui->db_path, lines[i] ? A_NORMAL : A_BOLD);
}

static antt_status import_submit(ui *ui, const char *path)
{
	antt_err err = { "" };
	char *all = NULL;
	int n = 0, listed;
	antt_status s = unit_import_csv_list(ui->db, path, &n, &all, &err);

	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", path);   /* offered again by 1 */
	if (s != ANTT_OK) {
		/* every bad line in a list; the field closes, nothing was written */
		listed = ui_errors_show(ui, err.msg, all, "bấm 1 để nhập lại");
		free(all);
		return listed ? ANTT_OK : s;
	}
	ui_units_reload(ui);
	ui_switch(ui, &ui_units_screen);
	ui_message(ui, 0, "Đã nhập %d đơn vị. Bấm Enter trên một đơn vị để đánh giá.", n);
	return ANTT_OK;
}

static antt_status open_demo(ui *ui)
{
	char *copy = strdup(ui->db_path), path[4096];
	antt_db *demo = NULL;
	antt_err err = { "" };
	antt_status s;
	int units;

	if (!copy)
		return ANTT_ERR_NOMEM;
	snprintf(path, sizeof(path), "%s/demo.db", dirname(copy));
	free(copy);
	if ((s = session_open(path, DB_CREATE, &demo, &err)) == ANTT_OK) {
		s = demo_build(demo, 0, &units, &err);
		if (s == ANTT_ERR_EXISTS)   /* made on an earlier visit */
			s = ANTT_OK;
	}
	if (s != ANTT_OK) {
		db_close(demo);
		ui_fail(ui, s, &err);
		return s;
	}
	db_close(*ui->dbp);
	*ui->dbp = ui->db = demo;
	ui_db_cache(demo);
	ui_progress_free(ui);   /* the figures kept were the other database's */
	free(ui->db_path);
	ui->db_path = strdup(path);
	{
		char *y = db_setting_get(demo, "current_year", NULL);
		antt_err e;
		if (y)
			num_year(y, &ui->year, &e);
		free(y);
	}
	ui_units_reload(ui);
	ui_switch(ui, &ui_units_screen);
	char shown[sizeof(path)];
	ui_message(ui, 0, "Đang mở dữ liệu mẫu %s. Bấm F1 để xem các phím.", platform_path_shown(path, shown, sizeof(shown)));
	return ANTT_OK;
}

static int act_welcome(ui *ui, ui_action a)
{
	switch (a) {
	case ACT_WELCOME_IMPORT:
		ui_prompt(ui, "Đường dẫn tệp CSV:", ui->pctx[0], import_submit);
		return R_REDRAW;
	case ACT_WELCOME_DEMO:
		open_demo(ui);
		return R_REDRAW;
	case ACT_WELCOME_PACKAGE:
		ui_exchange_open(ui, NULL);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_welcome_screen = { SC_WELCOME, draw_welcome, act_welcome, 0, NULL, NULL, NULL };
