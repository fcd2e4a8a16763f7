/* The day's backup on the screen: begun before the first screen, copied in
 * slices of a few milliseconds while no key waits, finished before quitting
 * (backup.h says what it guarantees and why the screen need not wait). */
#include <curses.h>
#include "ui.h"
#include "backup.h"

#include <stdlib.h>
#include <time.h>

/* One slice of copying: short enough that a key typed meanwhile is not
 * held up noticeably (keys are read between slices). */
#define SLICE_MS 3.0
#define PAGES_PER_STEP 16

double ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void ui_daily_begin(ui *ui)
{
	antt_err err = { "" };
	antt_status s;

	if ((s = backup_daily_begin(ui->db, &ui->daily, &err)) != ANTT_OK)
		ui_message(ui, 1, "Chưa sao lưu được hôm nay: %s", ui_err_text(s, &err));
}

/* A failed copy is given up (the next start of the day tries again) and
 * said; a damaged database is then only read, as after the commands'
 * daily check. */
static void failed(ui *ui, antt_status s, antt_err *err)
{
	backup_job_free(ui->daily);
	ui->daily = NULL;
	if (s == ANTT_ERR_DB_CORRUPT) {
		db_set_damaged(ui->db);
		ui_message(ui, 1, "Cơ sở dữ liệu bị hỏng: chỉ xem được, không lưu được gì. "
			"Hãy nhờ người quản trị khôi phục từ bản sao lưu mới nhất (%s).", ui_err_text(s, err));
	} else
		ui_message(ui, 1, "Chưa sao lưu được hôm nay: %s", ui_err_text(s, err));
}

int ui_daily_step(ui *ui)
{
	antt_err err = { "" };
	antt_status s = ANTT_OK;
	double t0 = ui_now_ms();
	int done = 0;

	if (!ui->daily)
		return R_NONE;
	while (!done && ui_now_ms() - t0 < SLICE_MS)
		if ((s = backup_step(ui->daily, PAGES_PER_STEP, &done, &err)) != ANTT_OK)
			break;
	if (s != ANTT_OK) {
		failed(ui, s, &err);
		return R_REDRAW;
	}
	if (done) {
		backup_job_free(ui->daily);
		ui->daily = NULL;
	}
	return R_NONE;
}

void ui_daily_finish(ui *ui)
{
	double shown = 0;

	nodelay(stdscr, TRUE);
	while (ui->daily) {
		wint_t ch;
		int got = get_wch(&ch);

		if (got == OK && ch == 27) {   /* Esc: leave now; the next start backs up again */
			backup_job_free(ui->daily);
			ui->daily = NULL;
			break;
		}
		if (ui_now_ms() - shown > 200) {
			ui_message(ui, 0, "Đang hoàn tất bản sao lưu hôm nay: %d%%. Bấm Esc để thoát ngay "
				"(lần mở sau sẽ sao lưu lại).", backup_progress(ui->daily));
			ui_draw_bottom(ui);
			refresh();
			shown = ui_now_ms();
		}
		if (ui_daily_step(ui) & R_REDRAW) {   /* failed: say so before leaving */
			ui_draw_bottom(ui);
			refresh();
			napms(3000);
		}
	}
	nodelay(stdscr, FALSE);
}
