/* g on the unit list: packages between offline machines (a USB stick from
 * the commune laptop to the office, the office to the province) without
 * the command line. Sending writes what `antt export --under CODE` writes
 * (the first row of the tree: everything) into a new file, in Documents or
 * a folder typed (the stick), never over a file; the officer reads the
 * SHA-256's first digits to the receiver by phone. Receiving checks the
 * package first (sync_import's dry run: who sent it, what would change),
 * and imports it only when the officer says so. Trusting a sender or a new
 * criteria set is an administrator's work on the command line, not here.
 * An empty database (the welcome screen's 3) only receives: a new commune
 * laptop is set up from its office's package, then shows its unit list. */
#include <curses.h>
#include "ui.h"
#include "auth.h"
#include "date.h"
#include "file.h"
#include "platform.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum { SEND_YEAR, SEND_ALL, RECEIVE, N_CHOICES };
enum { SHOW_CHOICES, SHOW_PREVIEW, SHOW_DONE, SHOW_REFUSED };

typedef struct {
	char code[64], name[256], docs[4300];   /* docs: the Documents folder, as shown */
	int everything;      /* the first row of the tree: the whole database */
	int receive_only;    /* opened from the welcome screen: nothing to send */
	int sel, show;
	int year;            /* of the package being sent: 0 for every year */
	char path[4200];     /* the package being received */
	sync_result r;       /* its dry run, then its import */
	char refusal[5400];  /* why it was refused: the path and core's words */
	char how[5000];      /* and what to do about it here */
} exchange_state;

static antt_status open_exchange(ui *ui, const void *arg)
{
	const tree_row *r = arg;
	const tree_view *t = &ui->units.tree;
	exchange_state *x = ui->priv;
	char dir[4096], shown[4300];

	if (r) {
		snprintf(x->code, sizeof(x->code), "%s", r->code);
		snprintf(x->name, sizeof(x->name), "%s", tree_name(ui->db, t, r));
		x->everything = t->n && r == &t->rows[t->order[0]];
	} else {
		x->receive_only = 1;
		x->sel = RECEIVE;
	}
	if (platform_documents_dir(dir, sizeof(dir)) != 0)
		snprintf(dir, sizeof(dir), ".");
	snprintf(x->docs, sizeof(x->docs), "%s", platform_path_shown(dir, shown, sizeof(shown)));
	return ANTT_OK;
}

/* What a package holds, said the same way in the list and after writing. */
static void scope(const exchange_state *x, int year, char *buf, size_t n)
{
	char y[32];

	if (year)
		snprintf(y, sizeof(y), "năm %d", year);
	else
		snprintf(y, sizeof(y), "mọi năm");
	if (x->everything)
		snprintf(buf, n, "toàn bộ dữ liệu của máy này, %s", y);
	else
		snprintf(buf, n, "%s và các đơn vị trực thuộc, %s", x->name, y);
}

/* The SHA-256's first 16 digits in groups of four, to read by phone. */
static char *sha_said(const char *sha, char *buf, size_t n)
{
	snprintf(buf, n, "%.4s %.4s %.4s %.4s", sha, sha + 4, sha + 8, sha + 12);
	return buf;
}

static void draw_choices(ui *ui, const exchange_state *x, int y)
{
	char title[64], what[600], sc[400];

	for (int i = x->receive_only ? RECEIVE : 0; i < N_CHOICES && y < ui->rows - 3; i++) {
		if (i == RECEIVE) {
			snprintf(title, sizeof(title), "Nhận gói");
			snprintf(what, sizeof(what), x->receive_only ? "một tệp .antt của công an cấp trên (trên USB): xem trước gói có "
				"gì, rồi mới nhập" : "một tệp .antt của máy khác: xem trước gói sẽ thay đổi gì, rồi mới nhập");
		} else {
			if (i == SEND_YEAR)
				snprintf(title, sizeof(title), "Ghi gói gửi đi, năm %d", ui->year);
			else
				snprintf(title, sizeof(title), "Ghi gói gửi đi, mọi năm");
			scope(x, i == SEND_YEAR ? ui->year : 0, sc, sizeof(sc));
			snprintf(what, sizeof(what), "%s: một tệp .antt mới để chép vào USB", sc);
		}
		y += ui_draw_choice(ui, y, 26, title, what, i == x->sel) + 1;
	}
}

/* The dry run or the import, as `antt import` says it. */
static void draw_result(ui *ui, const exchange_state *x, int y)
{
	const sync_result *r = &x->r;
	char line[700], when[64], sha[32];
	long long conflicts = r->conflicts[0] + r->conflicts[1] + r->conflicts[2];
	int w = ui->cols - 2, bottom = ui->rows - 3;

	snprintf(line, sizeof(line), "Gói của: %s%s%s, %s%s, tạo lúc %s%s", r->sender, r->under[0] ? ", đơn vị " : "",
		r->under, r->years[0] ? "năm " : "mọi năm", r->years, date_show_local(r->created, when, sizeof(when)),
		r->seen_before ? " (đã nhập gói này trước đây)" : "");
	y += ui_put_wrap(y, 1, w, 2, line, A_NORMAL);
	snprintf(line, sizeof(line), "Mã nhận dạng máy gửi: %s", r->fingerprint);
	ui_put(y++, 1, w, line, A_NORMAL);
	snprintf(line, sizeof(line), "SHA-256: %s… (so với số nơi gửi đọc qua điện thoại)", sha_said(r->sha256, sha, sizeof(sha)));
	ui_put(y++, 1, w, line, A_NORMAL);
	y++;
	ui_put(y++, 1, w, x->show == SHOW_PREVIEW ? "Nếu nhập sẽ:" : "Đã nhập:", A_BOLD);
	for (int i = 0; y < bottom && sync_result_line(r, i, line, sizeof(line)); i++)
		ui_put(y++, 3, w - 2, line, A_NORMAL);
	y++;
	/* the first package enrols its sender: from now on its packages are
	 * taken here, so its code is compared by phone first (as antt import
	 * says) */
	if (r->enrolled && y < bottom) {
		snprintf(line, sizeof(line), "%s: từ nay nhận gói của \"%s\" (mã nhận dạng ở trên). %s gọi điện so mã nhận "
			"dạng với cán bộ máy gửi.", x->show == SHOW_PREVIEW ? "Máy này sẽ được lập từ gói này" :
			"Máy này được lập từ gói này", r->sender, x->show == SHOW_PREVIEW ? "Trước khi nhập, hãy" : "Hãy");
		y += ui_put_wrap(y, 1, w, bottom - y, line, A_BOLD);
	}
	if (r->withheld && y < bottom) {
		snprintf(line, sizeof(line), "Lưu ý: không nhận trạng thái duyệt hay trả lại của %lld phiếu (máy gửi không được "
			"ghi nhận quyền duyệt ở máy này); câu trả lời vẫn được nhập.", r->withheld);
		y += ui_put_wrap(y, 1, w, bottom - y, line, A_NORMAL);
	}
	if (r->stays_withdrawn && y < bottom) {
		snprintf(line, sizeof(line), "Lưu ý: %lld công nhận trong gói đã bị rút ở máy này: giữ nguyên đã rút.",
			r->stays_withdrawn);
		y += ui_put_wrap(y, 1, w, bottom - y, line, A_NORMAL);
	}
	if (r->own_kept && y < bottom) {
		snprintf(line, sizeof(line), "Lưu ý: gói rút %lld công nhận do chính máy này ghi: không nhận; nếu quyết định đã "
			"bị thu hồi, lãnh đạo rút công nhận ở máy này.", r->own_kept);
		y += ui_put_wrap(y, 1, w, bottom - y, line, A_NORMAL);
	}
	if (conflicts && y < bottom) {
		snprintf(line, sizeof(line), "%lld thay đổi %s vì xung đột: bấm F4 trên danh sách đơn vị để xem và chọn bản giữ lại.",
			conflicts, x->show == SHOW_PREVIEW ? "sẽ chưa được áp dụng" : "chưa áp dụng");
		y += ui_put_wrap(y, 1, w, bottom - y, line, ui_attr(ui, UI_ERROR));
	}
	if (r->kept[0] && x->show == SHOW_DONE && y < bottom) {
		char shown[4300];
		snprintf(line, sizeof(line), "Gói được giữ lại để có đường lui: %s",
			platform_path_shown(r->kept, shown, sizeof(shown)));
		ui_put_wrap(y, 1, w, bottom - y, line, A_DIM);
	}
}

static void draw_exchange(ui *ui)
{
	const exchange_state *x = ui->priv;
	int y;

	if (x->receive_only)
		ui_draw_title(ui, "antt — Nhận gói dữ liệu");
	else
		ui_draw_unit_title(ui, "Gói dữ liệu", x->name, x->code);
	switch (x->show) {
	case SHOW_CHOICES:
		ui_put_wrap(1, 1, ui->cols - 2, 2, x->receive_only ? "Máy mới: nhận gói của công an cấp trên để có danh sách "
			"đơn vị, bộ tiêu chí và phiếu. Bấm Enter." : "Chép dữ liệu giữa các máy bằng USB, không cần mạng. Chọn việc "
			"rồi bấm Enter.", A_DIM);
		draw_choices(ui, x, 3);
		break;
	case SHOW_PREVIEW: case SHOW_DONE:
		draw_result(ui, x, 2);
		break;
	case SHOW_REFUSED:
		ui_put(2, 1, ui->cols - 2, "Chưa nhận được gói: máy này không thay đổi gì.", ui_attr(ui, UI_ERROR) | A_BOLD);
		y = 4 + ui_put_wrap(4, 1, ui->cols - 2, ui->rows - 8, x->refusal, A_NORMAL);
		if (y < ui->rows - 4)
			ui_put_wrap(y + 1, 1, ui->cols - 2, ui->rows - 4 - y, x->how, A_NORMAL);
		break;
	}
}

/* The package's name in the folder dir: goi-CODE-YEAR-YYYYMMDD.antt, with
 * -2, -3 … from try 2 on. 0, or -1 when it does not fit in path. */
static int package_path(char *path, size_t n, const char *dir, const char *code, int year, int try)
{
	char name[80], day[16], y[16], num[16] = "";
	const char *sep = "/";
	size_t len = strlen(dir);
	time_t now = time(NULL);
	struct tm tm;

	snprintf(name, sizeof(name), "%s", code);   /* a code may hold '/': not in a file name */
	for (char *q = name; *q; q++)
		if (*q == '/' || *q == '\\' || *q == ':')
			*q = '-';
	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y%m%d", &tm);
	if (year)
		snprintf(y, sizeof(y), "%d", year);
	else
		snprintf(y, sizeof(y), "moi-nam");
	if (try > 1)
		snprintf(num, sizeof(num), "-%d", try);
	if (len && (dir[len - 1] == '/' || dir[len - 1] == '\\'))
		sep = "";
	return snprintf(path, n, "%s%sgoi-%s-%s-%s%s.antt", dir, sep, name, y, day, num) < (int)n ? 0 : -1;
}

static int ends_antt(const char *s)
{
	size_t n = strlen(s);
	return n >= 5 && !strcasecmp(s + n - 5, ".antt");
}

/* The path typed after the folder the prompt starts with: a drive typed
 * anywhere after it ("C:\Users\…\DocumentsE:\goi.antt") or a second
 * '/' ("/home/cb/Documents//media/usb/goi.antt") starts the path again, as
 * in Emacs' minibuffer: the officer types the USB's path without first
 * clearing the line (Ctrl-U does that too). */
static const char *typed_path(const char *text)
{
	const char *from = text;

	for (const char *p = text + 1; *p; p++) {
		if (((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) && p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
			from = p;
		else if (*p == '/' && p[-1] == '/')
			from = p;
	}
	return from;
}

/* A package written into a folder takes the first name not taken (the
 * writer never replaces a file, not even one made meanwhile); a name
 * typed is written as typed or refused. */
static antt_status send_submit(ui *ui, const char *typed)
{
	const char *text = typed_path(typed);
	exchange_state *x = ui->priv;
	char path[4400], shown[4400], sha[32], sc[400], why[sizeof(((antt_err *)0)->msg) + 1];
	sync_export_opts o = { .under = x->everything ? NULL : x->code, .year = x->year, .path = path };
	sync_counts c;
	antt_err err = { "" };
	antt_status s = ANTT_OK;

	if (!*text) {
		ui_message(ui, 1, "Cần thư mục (ví dụ ổ USB E:\\ hay /media/usb) hoặc tên tệp .antt.");
		return ANTT_ERR_INVALID;
	}
	ui_busy(ui, "Đang ghi gói, xin chờ…");
	if (ends_antt(text) && !file_is_dir(text)) {
		snprintf(path, sizeof(path), "%s", text);
		s = sync_export(ui->db, &o, &c, &err);
	} else {
		for (int try = 1; ; try++) {
			if (package_path(path, sizeof(path), text, x->code, x->year, try) != 0) {
				ui_message(ui, 1, "Đường dẫn thư mục quá dài: hãy chọn thư mục khác.");
				return ANTT_ERR_INVALID;
			}
			if ((s = sync_export(ui->db, &o, &c, &err)) != ANTT_ERR_EXISTS || try >= 999)
				break;
			err.msg[0] = '\0';
		}
	}
	/* the prompt stays open with the path, to correct it */
	if (s == ANTT_ERR_DB_FULL) {
		ui_message(ui, 1, "Chưa ghi được gói: %s. Xóa bớt tệp không cần trên USB hay dùng USB khác, rồi Enter; "
			"Esc: thôi.", ui_err_sentence(s, &err, why, sizeof(why)));
		return s;
	}
	if (s == ANTT_ERR_IO) {
		ui_message(ui, 1, "Chưa ghi được gói: %s. Kiểm tra USB đã cắm và tên ổ (ví dụ E:\\), hoặc ghi thư mục khác "
			"rồi Enter; Esc: thôi.", ui_err_sentence(s, &err, why, sizeof(why)));
		return s;
	}
	if (s == ANTT_ERR_EXISTS || s == ANTT_ERR_INVALID) {
		ui_message(ui, 1, "Chưa ghi gói: %s. Sửa tên tệp, hoặc chỉ ghi thư mục để antt đặt tên mới; Esc: thôi.",
			ui_err_sentence(s, &err, why, sizeof(why)));
		return s;
	}
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return ANTT_OK;
	}
	scope(x, x->year, sc, sizeof(sc));
	ui_pop(ui);   /* frees x */
	ui_message(ui, 0, "Đã ghi gói (%s) vào %s: %lld đơn vị, %lld phiếu, %lld câu trả lời. SHA-256: %s… — đọc cho nơi "
		"nhận để so.", sc, platform_path_shown(path, shown, sizeof(shown)), c.units, c.assessments, c.answers,
		sha_said(c.sha256, sha, sizeof(sha)));
	return ANTT_OK;
}

/* A refused package: core's words (a damaged or missing file says its own
 * what-to-do), and for the refusals only an administrator can lift, what
 * the officer does about them from here (the command line's own "how" is
 * cmd_sync.c's). */
static void refuse_import(ui *ui, exchange_state *x, antt_status s, const antt_err *err)
{
	char buf[4300];
	const char *shown = platform_path_shown(x->path, buf, sizeof(buf));
	char text[sizeof(err->msg) + 1];
	antt_err mine = { "" };

	x->how[0] = '\0';
	if (x->r.untrusted)
		snprintf(x->how, sizeof(x->how), "Máy này chỉ nhận gói của những máy quản trị viên đã ghi nhận. Nếu gói đúng "
			"là của máy đó: quản trị viên gọi điện cho cán bộ máy gửi, cùng so mã nhận dạng, rồi ghi nhận máy gửi "
			"trên dòng lệnh: antt trust add \"%s\" --under MÃ_ĐƠN_VỊ_CỦA_MÁY_GỬI; sau đó nhận gói lại ở đây.", shown);
	else if (x->r.unknown_set[0])
		snprintf(x->how, sizeof(x->how), "Quản trị viên xem bộ tiêu chí đó; nếu đồng ý dùng, quản trị viên nhập gói "
			"trên dòng lệnh: antt import \"%s\" --accept-set %s. Màn hình này không nhận bộ tiêu chí mới.", shown,
			x->r.unknown_set);
	/* this session's rights (a sender's scope is refused as DENIED too) */
	else if (s == ANTT_ERR_DENIED && auth_require(ui->db, CAN_ENTER, "nhập gói dữ liệu", &mine) != ANTT_OK)
		snprintf(x->how, sizeof(x->how), "Hãy nhờ người có quyền đăng nhập rồi nhận gói.");
	/* core's message names the file already, or not: the path first, once */
	ui_err_sentence(s, err, text, sizeof(text));
	if (strstr(text, x->path))
		snprintf(x->refusal, sizeof(x->refusal), "%s.", text);
	else
		snprintf(x->refusal, sizeof(x->refusal), "%s: %s.", shown, text);
	x->show = SHOW_REFUSED;
	ui_message(ui, 1, "Chưa nhận được gói. Esc: quay lại%s.", x->receive_only ? "" : " danh sách đơn vị");
}

static antt_status confirm_submit(ui *ui, const char *text)
{
	exchange_state *x = ui->priv;
	sync_import_opts o = { 0 };
	antt_err err = { "" };
	antt_status s;
	long long conflicts;
	char other[160] = "";

	if (!ui_said_yes(text)) {
		x->show = SHOW_CHOICES;
		ui_message(ui, 0, "Chưa nhập gì.");
		return ANTT_OK;
	}
	ui_busy(ui, "Đang nhập gói, xin chờ (gói của cả một tỉnh: khoảng nửa phút)…");
	if ((s = sync_import(ui->db, x->path, &o, &x->r, &err)) != ANTT_OK) {
		refuse_import(ui, x, s, &err);
		return ANTT_OK;
	}
	x->show = SHOW_DONE;
	conflicts = x->r.conflicts[0] + x->r.conflicts[1] + x->r.conflicts[2];
	ui_units_reload(ui);
	/* a package of one year other than the one shown: say where its forms are */
	if (x->r.years[0] && !strchr(x->r.years, ',') && atoi(x->r.years) != ui->year)
		snprintf(other, sizeof(other), " Phiếu trong gói là của năm %s: đổi năm bằng [ ] trên danh sách.", x->r.years);
	if (conflicts)
		ui_message(ui, 0, "Đã nhập gói; %lld thay đổi chờ chọn: F4 trên danh sách đơn vị.%s Esc: quay lại.", conflicts,
			other);
	else
		ui_message(ui, 0, "Đã nhập gói.%s Esc: %s danh sách đơn vị.", other, x->receive_only ? "mở" : "quay lại");
	return ANTT_OK;
}

/* The package checked, nothing changed: what it would do, then asked. */
static antt_status receive_submit(ui *ui, const char *typed)
{
	const char *text = typed_path(typed);
	exchange_state *x = ui->priv;
	sync_import_opts o = { .dry_run = 1 };
	antt_err err = { "" };
	antt_status s;

	if (!*text || file_is_dir(text)) {
		ui_message(ui, 1, "%sCần tên tệp gói, ví dụ E:\\goi-X01-2024-20241115.antt hay /media/usb/goi-X01-2024.antt "
			"(gõ tiếp tên tệp sau thư mục).", *text ? "Đó là một thư mục. " : "");
		return ANTT_ERR_INVALID;
	}
	snprintf(x->path, sizeof(x->path), "%s", text);
	ui_busy(ui, "Đang kiểm tra gói, xin chờ…");
	if ((s = sync_import(ui->db, x->path, &o, &x->r, &err)) != ANTT_OK) {
		refuse_import(ui, x, s, &err);
		return ANTT_OK;
	}
	x->show = SHOW_PREVIEW;
	ui_prompt(ui, "Nhập thật? (c/k)", "", confirm_submit);
	ui_message(ui, 0, "Chưa thay đổi gì. Gõ c rồi Enter để nhập; k hay Esc: thôi.");
	return ANTT_OK;
}

static void start(ui *ui, exchange_state *x)
{
	char initial[4400];
	size_t n;

	if (x->sel == RECEIVE) {
		n = strlen(x->docs);
		snprintf(initial, sizeof(initial), "%s%s", x->docs, n && x->docs[n - 1] != '/' && x->docs[n - 1] != '\\' ?
			(strchr(x->docs, '\\') ? "\\" : "/") : "");
		ui_prompt(ui, "Tệp gói cần nhận:", initial, receive_submit);
		ui_message(ui, 0, "Gõ đường dẫn tệp .antt (USB: ví dụ E:\\goi-X01-2024.antt; Ctrl-U xóa ô), Enter để kiểm tra "
			"trước; Esc: thôi.");
		return;
	}
	x->year = x->sel == SEND_YEAR ? ui->year : 0;
	ui_prompt(ui, "Ghi gói vào:", x->docs, send_submit);
	ui_message(ui, 0, "Enter: ghi vào thư mục này; hoặc gõ thư mục khác (USB: E:\\ hay /media/…; Ctrl-U xóa ô) hay tên "
		"tệp .antt.");
}

static int act_exchange(ui *ui, ui_action a)
{
	exchange_state *x = ui->priv;

	if (x->show == SHOW_CHOICES && !x->receive_only && ui_choice_move(&x->sel, N_CHOICES, a))
		return R_REDRAW;
	/* set up from its first package: the database has units now */
	if (x->receive_only && x->show == SHOW_DONE && (a == ACT_BACK || a == ACT_EXCHANGE_DO)) {
		ui_pop(ui);   /* frees x */
		ui_switch(ui, &ui_units_screen);
		ui_message(ui, 0, "Đã nhận gói. Bấm Enter trên một đơn vị để đánh giá; F1: các phím.");
		return R_REDRAW;
	}
	switch (a) {
	case ACT_EXCHANGE_DO:
		/* after a result: the choices again; receiving only, its one
		 * choice at once ("Nhận gói khác") */
		if (x->show != SHOW_CHOICES && !x->receive_only)
			x->show = SHOW_CHOICES;
		else {
			x->show = SHOW_CHOICES;
			start(ui, x);
		}
		return R_REDRAW;
	case ACT_BACK:
		ui_pop(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

/* After a result or a refusal, Enter is not "choose" but the list again. */
static const ui_hint *exchange_hints(ui *ui)
{
	static const ui_hint after[] = { { ACT_BACK, "Danh sách đơn vị" }, { ACT_EXCHANGE_DO, "Việc khác" },
		{ ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	static const ui_hint first[] = { { ACT_BACK, "Danh sách đơn vị" }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	static const ui_hint again[] = { { ACT_BACK, "Quay lại" }, { ACT_EXCHANGE_DO, "Nhận gói khác" },
		{ ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	static const ui_hint back[] = { { ACT_BACK, "Quay lại" }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	const exchange_state *x = ui->priv;

	if (!x || x->show == SHOW_CHOICES)
		return NULL;
	if (x->receive_only)
		return x->show == SHOW_DONE ? first : x->show == SHOW_REFUSED ? again : back;
	return after;
}

static const ui_screen exchange_screen = { SC_EXCHANGE, draw_exchange, act_exchange, sizeof(exchange_state),
	open_exchange, NULL, exchange_hints };

/* r: the unit chosen on the list; NULL from the welcome screen (receive
 * only). */
void ui_exchange_open(ui *ui, const tree_row *r)
{
	ui_open(ui, &exchange_screen, r);
}
