/* i on the unit list: the recognition dossier of the selected unit, as
 * the command line's `antt print` makes it — blank checklists for the
 * meeting, the biên bản, the movement's score sheet, the tờ trình, the
 * draft decision, the certificates. The officer picks one; it goes into
 * the Documents folder (the home folder on Linux) under a name not yet
 * taken when the file is done (nothing is replaced, not even a file made
 * meanwhile by another officer on a shared folder), and the list says
 * where it went. A document that has nothing to print yet (no form
 * approved, no decision recorded) says so and which key does that step. */
#include <curses.h>
#include "ui.h"
#include "platform.h"
#include "report/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef antt_status (*doc_fn)(antt_db *, const doc_opts *, doc_info *, antt_err *);

enum { BY_UNIT, BY_UNDER, BY_SELF_AND_UNDER };

static const struct document {
	const char *title, *what, *said, *file;
	doc_fn make;
	int by;
	const char *how;    /* when there is nothing to print yet: the step on the screens */
} documents[] = {
	{ "Phiếu đánh giá để trống", "in ra giấy để họp: của đơn vị này và mọi đơn vị trực thuộc",
	  "phiếu đánh giá để trống", "phieu-danh-gia", doc_checklist, BY_UNDER, NULL },
	{ "Biên bản họp đánh giá", "của đơn vị này: kết quả từng tiêu chí và kết luận như đã nhập",
	  "biên bản họp đánh giá", "bien-ban", doc_minutes, BY_UNIT,
	  "Mở phiếu của đơn vị bằng Enter trên danh sách đơn vị rồi nhập kết quả" },
	{ "Phiếu chấm điểm phong trào", "của đơn vị này (QĐ 510): điểm tự chấm và cấp trên chấm",
	  "phiếu chấm điểm phong trào", "cham-diem", doc_score_sheet, BY_UNIT, NULL },
	{ "Tờ trình đề nghị công nhận", "các đơn vị đã được duyệt đạt của một xã, hoặc của cả đơn vị khi chọn dòng trên cùng",
	  "tờ trình đề nghị công nhận", "to-trinh", doc_proposal, BY_UNDER, "Lãnh đạo duyệt các phiếu đã trình bằng F7 trên danh sách đơn vị" },
	{ "Dự thảo quyết định công nhận", "và danh sách kèm theo: cùng các đơn vị như tờ trình",
	  "dự thảo quyết định công nhận", "quyet-dinh", doc_decision, BY_UNDER, "Lãnh đạo duyệt các phiếu đã trình bằng F7 trên danh sách đơn vị" },
	{ "Giấy công nhận", "đơn vị này và các đơn vị trực thuộc đã được công nhận, mỗi đơn vị một trang A4 ngang",
	  "giấy công nhận", "giay-cong-nhan", doc_certificate, BY_SELF_AND_UNDER,
	  "Ghi quyết định công nhận bằng phím c trên danh sách đơn vị (lãnh đạo)" },
};
#define N_DOCUMENTS ((int)(sizeof(documents) / sizeof(*documents)))

typedef struct {
	char code[64], name[256], type_name[256], dir[4300];   /* dir: where the files go, as shown */
	int sel, status;   /* status: the unit's (unit_status) */
} print_state;

static antt_status open_print(ui *ui, const void *arg)
{
	const tree_row *r = arg;
	print_state *p = ui->priv;
	char dir[4096], shown[4300];

	snprintf(p->code, sizeof(p->code), "%s", r->code);
	snprintf(p->name, sizeof(p->name), "%s", tree_name(ui->db, &ui->units.tree, r));
	snprintf(p->type_name, sizeof(p->type_name), "%s", tree_type_of(&ui->units.tree, r)->name);
	p->status = r->status;
	if (platform_documents_dir(dir, sizeof(dir)) != 0)
		snprintf(dir, sizeof(dir), ".");
	snprintf(p->dir, sizeof(p->dir), "%s", platform_path_shown(dir, shown, sizeof(shown)));
	return ANTT_OK;
}

static void draw_print(ui *ui)
{
	const print_state *p = ui->priv;
	char where[4400];
	/* a blank row between the documents when the screen has room */
	int lc = 30, y = 4, gap = ui->rows >= 4 + 3 * N_DOCUMENTS + 2;

	ui_draw_unit_title(ui, "In hồ sơ", p->name, p->code);
	snprintf(where, sizeof(where), "Chọn tài liệu rồi bấm Enter: một tệp Excel khổ A4 mới trong %s", p->dir);
	ui_put_wrap(1, 1, ui->cols - 2, 2, where, A_DIM);
	/* two rows each: the screens are at least 80 columns (app.c) */
	for (int i = 0; i < N_DOCUMENTS && y < ui->rows - 2; i++)
		y += ui_draw_choice(ui, y, lc, documents[i].title, documents[i].what, i == p->sel) + gap;
}

/* The document's name in the Documents folder: FILE-CODE-YEAR.xlsx; the
 * writer takes -2, -3 … instead when it is taken by the time the file is
 * done (doc_opts.next_free). 0, or -1 when it does not fit in path. */
static int first_path(char *path, size_t n, const char *file, const char *code, int year)
{
	char dir[4096], name[80];

	/* a code may hold '/': not in a file name */
	snprintf(name, sizeof(name), "%s", code);
	for (char *q = name; *q; q++)
		if (*q == '/' || *q == '\\')
			*q = '-';
	if (platform_documents_dir(dir, sizeof(dir)) != 0)
		snprintf(dir, sizeof(dir), ".");
	return snprintf(path, n, "%s/%s-%s-%d.xlsx", dir, file, name, year) < (int)n ? 0 : -1;
}

/* A document of the unit itself that it cannot have, said as the unit list
 * says it (Enter there): 1 when refused. */
static int not_assessed(ui *ui, const print_state *p, const struct document *d)
{
	if (d->by != BY_UNIT)
		return 0;
	if (p->status == STATUS_NA)
		ui_message(ui, 1, "%s không đánh giá theo tiêu chuẩn nên không có %s; chọn một đơn vị bên dưới rồi bấm i.",
		           p->type_name, d->said);
	else if (p->status == STATUS_EXCLUDED)
		ui_message(ui, 1, "Đơn vị này không thuộc diện đánh giá nên không có %s (bấm x trên danh sách đơn vị "
		           "để bỏ đánh dấu).", d->said);
	else
		return 0;
	return 1;
}

/* A refusal with its full stop once; a folder that cannot be written says
 * where this screen saves and whom to ask (this screen has no choice of
 * place: the command line's -o and F5's path have). */
static void refuse(ui *ui, const print_state *p, const struct document *d, antt_status s, const antt_err *err)
{
	char text[sizeof(err->msg) + 1];

	ui_err_sentence(s, err, text, sizeof(text));
	if (s == ANTT_ERR_IO)
		ui_message(ui, 1, "Chưa in được: %s. Màn hình này lưu vào %s: nhờ người quản trị máy kiểm tra thư mục đó "
		           "(có quyền ghi, còn chỗ trống) rồi in lại.", text, p->dir);
	else if (s == ANTT_ERR_NOT_FOUND && d->how)
		ui_message(ui, 1, "Chưa in được: %s. %s.", text, d->how);
	else
		ui_message(ui, 1, "Chưa in được: %s.", text);
}

static void print_one(ui *ui)
{
	const print_state *p = ui->priv;
	const struct document *d = &documents[p->sel];
	char path[4300], landed[4400], shown[4400];
	doc_opts o = { .year = ui->year, .path = path, .next_free = 1, .landed = landed, .landed_n = sizeof(landed) };
	doc_info info;
	antt_err err = { "" };
	antt_status s;

	if (not_assessed(ui, p, d))
		return;
	if (first_path(path, sizeof(path), d->file, p->code, ui->year) != 0) {
		ui_message(ui, 1, "Chưa in được: đường dẫn thư mục %s quá dài.", p->dir);
		return;
	}
	if (d->by == BY_UNIT)
		o.unit = p->code;   /* p lives until the ui_pop below */
	else
		o.under = p->code;
	o.self = d->by == BY_SELF_AND_UNDER;
	if ((s = d->make(ui->db, &o, &info, &err)) != ANTT_OK) {
		refuse(ui, p, d, s, &err);
		return;
	}
	ui_pop(ui);   /* frees p */
	ui_message(ui, 0, "Đã ghi %s năm %d (%lld đơn vị) vào %s", d->said, ui->year, info.units,
	           platform_path_shown(landed, shown, sizeof(shown)));
}

static int act_print(ui *ui, ui_action a)
{
	print_state *p = ui->priv;

	if (ui_choice_move(&p->sel, N_DOCUMENTS, a))
		return R_REDRAW;
	switch (a) {
	case ACT_PRINT_DOC:
		print_one(ui);
		return R_REDRAW;
	case ACT_BACK:
		ui_pop(ui);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

static const ui_screen print_screen = { SC_PRINT, draw_print, act_print, sizeof(print_state), open_print, NULL, NULL };

void ui_print_open(ui *ui, const tree_row *r)
{
	ui_open(ui, &print_screen, r);
}
