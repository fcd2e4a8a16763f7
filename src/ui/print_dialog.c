/* i on the unit list: the blank checklists of the selected unit and of
 * every unit under it, printed into one workbook in the officer's home
 * folder under a name not yet taken (nothing is replaced), and where it
 * went said on the screen. */
#include <curses.h>
#include "ui.h"
#include "platform.h"
#include "report/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void ui_print_checklists(ui *ui, const char *code)
{
	char dir[4096], path[4300], shown[4300], name[80];
	doc_opts o = { .under = code, .year = ui->year, .path = path };
	doc_info info;
	antt_err err = { "" };

	/* a code may hold '/': not in a file name */
	snprintf(name, sizeof(name), "%s", code);
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '-';
	if (platform_documents_dir(dir, sizeof(dir)) != 0)
		snprintf(dir, sizeof(dir), ".");
	snprintf(path, sizeof(path), "%s/phieu-danh-gia-%s-%d.xlsx", dir, name, ui->year);
	for (int k = 2; access(path, F_OK) == 0 && k < 1000; k++)
		snprintf(path, sizeof(path), "%s/phieu-danh-gia-%s-%d-%d.xlsx", dir, name, ui->year, k);
	if (doc_checklist(ui->db, &o, &info, &err) != ANTT_OK) {
		ui_message(ui, 1, "Chưa in được phiếu: %s", err.msg);
		return;
	}
	ui_message(ui, 0, "Đã ghi phiếu đánh giá năm %d (%lld đơn vị) vào %s", ui->year, info.units,
	           platform_path_shown(path, shown, sizeof(shown)));
}
