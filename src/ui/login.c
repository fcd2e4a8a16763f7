/* The login screen, when the office uses accounts: the login, then the
 * password (shown as stars). A wrong password makes the next try wait
 * longer (auth_login says how long). Where login is off, a leader still
 * logs in to approve: the same two prompts, asked on the spot, for that
 * one action only. */
#include <curses.h>
#include "ui.h"
#include "auth.h"

#include <stdio.h>
#include <string.h>

static antt_status login_submit(ui *ui, const char *text);

/* A login is plain ASCII: Telex, left on from typing Vietnamese, would
 * turn "quantris" into "quánti" and the login would fail. */
static void ask_login(ui *ui, const char *label, const char *initial, ui_submit submit)
{
	ui_prompt(ui, label, initial, submit);
	ui->prompt.telex = 0;
}

static void draw_login(ui *ui)
{
	ui_draw_title(ui, "antt — Đăng nhập");
	ui_put(3, 4, ui->cols - 8, "Máy này dùng chung: mỗi cán bộ đăng nhập bằng tài khoản của mình,", A_NORMAL);
	ui_put(4, 4, ui->cols - 8, "để biết ai đã nhập, ai đã duyệt từng phiếu.", A_NORMAL);
	ui_put(6, 4, ui->cols - 8, "Quên mật khẩu: hãy nhờ người quản trị của đơn vị đặt lại mật khẩu mới.", A_DIM);
	if (!ui->prompting)
		ui_put(8, 4, ui->cols - 8, "Bấm Enter để đăng nhập, F1 để xem trợ giúp, F10 để thoát.", A_BOLD);
	else
		ui_put(8, 4, ui->cols - 8, "Tên, Enter, mật khẩu, Enter. Esc: thôi · F1: trợ giúp · F10: thoát.", A_DIM);
}

static antt_status password_submit(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;
	int wait = 0;

	if ((st = auth_login(ui->db, ui->pctx[0], text, &wait, &err)) != ANTT_OK) {
		ui_fail(ui, st, &err);
		ask_login(ui, "Tên đăng nhập:", ui->pctx[0], login_submit);
		ui_fail(ui, st, &err);
		return ANTT_OK;
	}
	ui_close_all(ui);
	ui_start(ui);
	ui_message(ui, 0, "Xin chào %s (%s).", ui->db->user, auth_role_name((auth_role)ui->db->role));
	return ANTT_OK;
}

/* The login typed: keep it, ask the password. */
static antt_status ask_password(ui *ui, const char *login, ui_submit next)
{
	if (!*login) {
		ui_message(ui, 1, "Cần tên đăng nhập.");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%s", login);
	ui_prompt_secret(ui, "Mật khẩu:", next);
	return ANTT_OK;
}

static antt_status login_submit(ui *ui, const char *text)
{
	return ask_password(ui, text, password_submit);
}

static int act_login(ui *ui, ui_action a)
{
	(void)a;
	if (!ui->prompting)
		ask_login(ui, "Tên đăng nhập:", "", login_submit);
	return R_REDRAW;
}

const ui_screen ui_login_screen = { SC_LOGIN, draw_login, act_login, 0, NULL, NULL, NULL };

static antt_status leader_login_submit(ui *ui, const char *text);

static antt_status leader_password_submit(ui *ui, const char *text)
{
	antt_err err = { "" };
	antt_status st;
	void (*then)(struct ui *) = ui->then;
	int wait = 0;

	if ((st = auth_login(ui->db, ui->pctx[0], text, &wait, &err)) != ANTT_OK) {
		ask_login(ui, "Lãnh đạo duyệt đăng nhập — tên đăng nhập:", ui->pctx[0], leader_login_submit);
		ui_fail(ui, st, &err);
		return ANTT_OK;
	}
	ui->then = NULL;
	if (ui->db->role != ROLE_REVIEWER) {
		ui_message(ui, 1, "%s (%s) không phải lãnh đạo duyệt.", ui->db->user,
			auth_role_name((auth_role)ui->db->role));
		return ANTT_OK;
	}
	ui->prompting = 0;
	if (then)
		then(ui);
	return ANTT_OK;
}

static antt_status leader_login_submit(ui *ui, const char *text)
{
	return ask_password(ui, text, leader_password_submit);
}

int ui_leader_first(ui *ui, const char *what, void (*then)(struct ui *))
{
	antt_err err = { "" };

	if (auth_require(ui->db, CAN_REVIEW, what, &err) == ANTT_OK)
		return 1;
	if (ui->db->role == ROLE_OPEN && auth_accounts(ui->db, ROLE_REVIEWER)) {
		ui->then = then;
		ui->leader_once = 1;
		snprintf(ui->open_user, sizeof(ui->open_user), "%s", ui->db->user);
		ask_login(ui, "Lãnh đạo duyệt đăng nhập — tên đăng nhập:", "", leader_login_submit);
		ui_message(ui, 0, "Việc này cần lãnh đạo duyệt đăng nhập (Esc: thôi).");
		return 0;
	}
	if (ui->db->role == ROLE_OPEN)
		ui_message(ui, 1, "%s. Hãy nhờ người quản trị tạo tài khoản lãnh đạo duyệt.", ui_err_text(ANTT_ERR_DENIED, &err));
	else if (ui->db->role == ROLE_NONE)
		ui_message(ui, 1, "%s.", ui_err_text(ANTT_ERR_DENIED, &err));
	else   /* short enough for one line at 80 columns */
		ui_message(ui, 1, "Việc %s dành cho lãnh đạo duyệt: hãy nhờ lãnh đạo làm.", what);
	return 0;
}

void ui_leader_end(ui *ui)
{
	if (!ui->leader_once || ui->prompting)
		return;
	ui->leader_once = 0;
	ui->then = NULL;
	snprintf(ui->db->user, sizeof(ui->db->user), "%s", ui->open_user);
	ui->db->role = ROLE_OPEN;
}
