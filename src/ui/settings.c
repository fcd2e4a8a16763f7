/* The settings screen: the office's names, the signer, the report number
 * prefix, the current year and the targets per unit type. Values are
 * checked before they are stored; every change is audited. */
#include <curses.h>
#include "ui.h"
#include "auth.h"
#include "num.h"
#include "session.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *key, *label;
	int kind;   /* 0 text, 1 year, 2 percent, 3 yes/no (1/0), 4 a day (typed 15/11) */
} setting;

static const setting settings[] = {
	{ "office_name",   "Tên đơn vị (cơ quan ban hành)", 0 },
	{ "parent_agency", "Cơ quan chủ quản", 0 },
	{ "signer_title",  "Chức vụ người ký", 0 },
	{ "signer_name",   "Họ tên người ký", 0 },
	{ "report_prefix", "Ký hiệu số báo cáo (…/BC-…)", 0 },
	{ "place",         "Địa danh ghi ngày tháng", 0 },
	{ "recipients",    "Nơi nhận báo cáo (cách nhau bằng ;)", 0 },
	{ "current_year",  "Năm đang làm việc", 1 },
	{ "login_required", "Đăng nhập khi mở (1 có, 2 không)", 3 },
	{ "deadline_khu-dan-cu", "Hạn công nhận khu dân cư (ngày/tháng)", 4 },
	{ "deadline_others", "Hạn công nhận xã, cơ quan... (ngày/tháng)", 4 },
	{ "target_xa",     "Chỉ tiêu xã (%)", 2 },
	{ "target_phuong", "Chỉ tiêu phường (%)", 2 },
	{ "target_thi-tran", "Chỉ tiêu thị trấn (%)", 2 },
	{ "target_dac-khu", "Chỉ tiêu đặc khu (%)", 2 },
	{ "target_khu-dan-cu", "Chỉ tiêu khu dân cư (%)", 2 },
	{ "target_co-quan", "Chỉ tiêu cơ quan (%)", 2 },
	{ "target_doanh-nghiep", "Chỉ tiêu doanh nghiệp (%)", 2 },
	{ "target_co-so-giao-duc", "Chỉ tiêu cơ sở giáo dục (%)", 2 },
	{ "deadline_510_khu-dan-cu", "Hạn chấm điểm QĐ 510 khu dân cư (ngày/tháng)", 4 },
	{ "deadline_510_others", "Hạn chấm điểm QĐ 510 xã, cơ quan... (ngày/tháng)", 4 },
	{ "deadline_510_above", "Hạn cấp trên chấm điểm QĐ 510 (ngày/tháng)", 4 },
};
#define N_SETTINGS ((int)(sizeof(settings) / sizeof(*settings)))

/* The labels' column: as wide as the widest label, leaving the values at
 * least a third of the screen. */
static int label_cols(const ui *ui)
{
	int w = 0;

	for (int i = 0; i < N_SETTINGS; i++)
		if ((int)text_width(settings[i].label) > w)
			w = (int)text_width(settings[i].label);
	return w < ui->cols * 2 / 3 - 4 ? w : ui->cols * 2 / 3 - 4;
}

/* What the screen shows, read when it opens and after each change (not
 * on every key): a value per setting, NULL when it could not be read. */
typedef struct {
	int sel;
	char *values[N_SETTINGS];
} settings_state;

static void close_settings(ui *ui)
{
	settings_state *st = ui->priv;

	for (int i = 0; i < N_SETTINGS; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static antt_status open_settings(ui *ui, const void *arg)
{
	settings_state *st = ui->priv;

	(void)arg;
	close_settings(ui);
	for (int i = 0; i < N_SETTINGS; i++)
		st->values[i] = db_setting_get(ui->db, settings[i].key, "");
	return ANTT_OK;
}

static void draw_settings(ui *ui)
{
	settings_state *st = ui->priv;
	char buf[512];
	int lc = label_cols(ui), fit = ui->rows - 5 > 1 ? ui->rows - 5 : 1;
	int top = st->sel >= fit ? st->sel - fit + 1 : 0;   /* more settings than rows: the chosen one stays in view */

	ui_draw_title(ui, "Thiết lập");
	ui_put(1, 1, ui->cols - 2, "Chọn dòng rồi bấm Enter để sửa. Mọi thay đổi được ghi vào nhật ký.", A_DIM);
	for (int i = top; i < N_SETTINGS && 3 + i - top < ui->rows - 2; i++) {
		const char *v = st->values[i];
		char shown[SETTING_VALUE_SIZE];
		int attr = i == st->sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL, y = 3 + i - top;

		if (i == st->sel)
			ui_line(y, ui->cols, attr);
		ui_put(y, 1, lc, ui_pad(buf, sizeof(buf), settings[i].label, lc), attr | A_BOLD);
		if (settings[i].kind == 3 && v && *v)   /* yes/no in words, not its stored 1/0 */
			/* with no account yet there is no one to log in: said */
			snprintf(shown, sizeof(shown), "%s", !strcmp(v, "0") ? "không" : auth_accounts(ui->db, ROLE_NONE) ? "có"
				: "có (chưa có tài khoản)");
		else
			num_setting_show(settings[i].key, v ? v : "", shown, sizeof(shown));
		ui_put(y, lc + 3, ui->cols - lc - 4, v && *v ? shown : "(chưa đặt)", attr);
	}
}
static antt_status setting_submit(ui *ui, const char *text)
{
	const setting *s = &settings[((settings_state *)ui->priv)->sel];
	antt_err err = { "" };
	antt_status st;
	char stored[SETTING_VALUE_SIZE];
	double v = strtod(text, NULL);

	/* a yes/no is picked as a checklist answer is: 1 có, 2 không (or the word) */
	if (s->kind == 3) {
		char *key = text_key(text);
		const char *v01 = !key ? NULL : !strcmp(key, "1") || !strcmp(key, "co") ? "1"
		                : !strcmp(key, "2") || !strcmp(key, "khong") ? "0" : NULL;
		free(key);
		if (!v01) {
			ui_message(ui, 1, "Gõ 1 (có) hoặc 2 (không) rồi Enter; Esc: thôi.");
			return ANTT_ERR_INVALID;
		}
		text = v01;
	}
	/* the same bounds and forms as the command line: "92,5" is stored
	 * 92.5, "15/11" as 11-15 */
	if ((st = num_setting_value(s->key, text, stored, sizeof(stored), &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return ANTT_ERR_INVALID;
	}
	if ((st = session_setting_set(ui->db, s->key, stored, &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		return ANTT_ERR_DB;
	}
	if (s->kind == 1)
		ui->year = (int)v;
	open_settings(ui, NULL);   /* what is stored now, as stored */
	ui_message(ui, 0, "Đã lưu: %s.", s->label);
	return ANTT_OK;
}

static int act_settings(ui *ui, ui_action a)
{
	settings_state *st = ui->priv;
	long sel = st->sel, top = 0;

	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_HOME: case ACT_END: case ACT_PGUP: case ACT_PGDN:
		ui_scroll(&sel, &top, N_SETTINGS, N_SETTINGS, a);
		st->sel = (int)sel;
		return R_REDRAW;
	case ACT_EDIT: {
		const char *v = st->values[st->sel];
		char shown[SETTING_VALUE_SIZE];
		if (settings[st->sel].kind == 3)   /* a pick: the field starts empty, the label lists both */
			shown[0] = '\0';
		else
			num_setting_show(settings[st->sel].key, v ? v : "", shown, sizeof(shown));
		ui_prompt(ui, settings[st->sel].label, shown, setting_submit);
	}
		return R_REDRAW;
	case ACT_BACK:
		ui_pop(ui);
		if (ui->screen == &ui_units_screen)
			ui_units_reload(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_settings_screen = { SC_SETTINGS, draw_settings, act_settings, sizeof(settings_state),
	open_settings, close_settings, NULL };
