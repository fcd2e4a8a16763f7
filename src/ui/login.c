/* The login screen, when the office uses accounts: the login, then the
 * password (shown as stars). A wrong password makes the next try wait
 * longer (auth_login says how long). */
#include <curses.h>
#include "ui.h"
#include "auth.h"

#include <stdio.h>
#include <string.h>

static antt_status login_submit(ui *ui, const char *text);

static void draw_login(ui *ui)
{
	ui_draw_title(ui, "antt — Đăng nhập");
	ui_put(3, 4, ui->cols - 8, "Máy này dùng chung: mỗi cán bộ đăng nhập bằng tài khoản của mình,", A_NORMAL);
	ui_put(4, 4, ui->cols - 8, "để biết ai đã nhập, ai đã duyệt từng phiếu.", A_NORMAL);
	ui_put(6, 4, ui->cols - 8, "Quên mật khẩu: nhờ người quản trị đặt lại (antt user passwd TÊN).", A_DIM);
	if (!ui->prompting)
		ui_put(8, 4, ui->cols - 8, "Bấm Enter để đăng nhập, F10 để thoát.", A_BOLD);
}

static antt_status password_submit(ui *ui, const char *text)
{
	antt_err err = { "" };
	int wait = 0;

	if (auth_login(ui->db, ui->pctx[0], text, &wait, &err) != ANTT_OK) {
		ui_message(ui, 1, "%s", err.msg);
		ui_prompt(ui, "Tên đăng nhập:", ui->pctx[0], login_submit);
		ui_message(ui, 1, "%s", err.msg);
		return ANTT_OK;
	}
	ui->screen = NULL;
	ui->depth = 0;
	ui_start(ui);
	ui_message(ui, 0, "Xin chào %s (%s).", ui->db->user, auth_role_name((auth_role)ui->db->role));
	return ANTT_OK;
}

static antt_status login_submit(ui *ui, const char *text)
{
	if (!*text) {
		ui_message(ui, 1, "Cần tên đăng nhập.");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", text);
	ui_prompt_secret(ui, "Mật khẩu:", password_submit);
	return ANTT_OK;
}

static int act_login(ui *ui, ui_action a)
{
	(void)a;
	if (!ui->prompting)
		ui_prompt(ui, "Tên đăng nhập:", "", login_submit);
	return R_REDRAW;
}

const ui_screen ui_login_screen = { SC_LOGIN, draw_login, act_login };
