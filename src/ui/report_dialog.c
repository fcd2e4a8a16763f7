/* F5: the report from the application. Asks the year and the file, asks
 * before replacing a file, and says where the file went. */
#include <curses.h>
#include "ui.h"
#include "num.h"
#include "platform.h"
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static antt_status overwrite_submit(ui *ui, const char *text);

static antt_status write_report(ui *ui, int force)
{
	report_opts o = { .year = atoi(ui->pctx[0]), .path = ui->pctx[1], .force = force };
	report_info info;
	antt_err err = { "" };
	antt_status s = report_write(ui->db, &o, &info, &err);

	if (s == ANTT_ERR_EXISTS && !force) {   /* made since the path was typed */
		ui_prompt(ui, "Tệp đã có. Ghi đè? (c = có, k = không):", "", overwrite_submit);
		return ANTT_OK;
	}
	if (s == ANTT_ERR_IO) {   /* the prompt stays open with the path */
		ui_message(ui, 1, "%s. Sửa đường dẫn cho một thư mục khác rồi Enter; Esc: thôi.", ui_err_text(s, &err));
		return s;
	}
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return s;
	}
	char shown[4200];
	ui_message(ui, 0, "Đã ghi báo cáo năm %d vào %s (%lld đơn vị)%s%s", o.year,
		platform_path_shown(o.path, shown, sizeof(shown)), info.units,
		info.orphans ? "; có đơn vị không thuộc xã nào, tính vào dòng \"Trực thuộc\"" : "",
		info.unsigned_page ? "; chữ ký ở trang đầu để trống: F9 Thiết lập, điền chức vụ và họ tên người ký." : ".");
	return ANTT_OK;
}

static antt_status overwrite_submit(ui *ui, const char *text)
{
	if (text[0] == 'c' || text[0] == 'C' || !strncmp(text, "có", 3))
		return write_report(ui, 1);
	ui_message(ui, 0, "Chưa ghi. Bấm F5 để chọn tên tệp khác.");
	return ANTT_OK;
}

static antt_status path_submit(ui *ui, const char *text)
{
	if (!*text) {
		ui_message(ui, 1, "Cần tên tệp, ví dụ /home/canbo/bao-cao-2024.xlsx");
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[1], sizeof(ui->pctx[1]), "%s", text);
	if (access(text, F_OK) == 0) {
		ui_prompt(ui, "Tệp đã có. Ghi đè? (c = có, k = không):", "", overwrite_submit);
		return ANTT_OK;
	}
	/* a refused report keeps the prompt open with the path, to correct it */
	return write_report(ui, 0);
}

static antt_status year_submit(ui *ui, const char *text)
{
	char dir[4096], path[4200], shown[4200];
	antt_err err = { "" };
	antt_status st;
	int y;

	if ((st = num_year(text, &y, &err)) != ANTT_OK) {
		ui_message(ui, 1, "Báo cáo: %s.", ui_err_text(st, &err));
		return ANTT_ERR_INVALID;
	}
	snprintf(ui->pctx[0], sizeof(ui->pctx[0]), "%d", y);
	if (platform_documents_dir(dir, sizeof(dir)) != 0)
		snprintf(dir, sizeof(dir), ".");
	snprintf(path, sizeof(path), "%s/bao-cao-antt-%d.xlsx", dir, y);
	ui_prompt(ui, "Lưu vào tệp:", platform_path_shown(path, shown, sizeof(shown)), path_submit);
	return ANTT_OK;
}

void ui_report_dialog(ui *ui)
{
	char year[16];

	snprintf(year, sizeof(year), "%d", ui->year);
	ui_prompt(ui, "Báo cáo năm:", year, year_submit);
}
