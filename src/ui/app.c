/* The application loop: terminal set-up (colours or none, UTF-8 check),
 * one action per key, one redraw per key, resize, the too-small notice,
 * and the prompt that every dialog uses. The terminal is restored on
 * every way out. */
#include <curses.h>
#include "ui.h"
#include "num.h"
#include "text.h"
#include "auth.h"
#include "backup.h"
#include "platform.h"

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <unistr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIN_COLS 80
#define MIN_ROWS 24

void ui_message(ui *ui, int error, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(ui->msg)) {
		/* longer than the message holds: cut at a character, with the mark */
		size_t end = sizeof(ui->msg) - sizeof("…");
		while (end > 0 && (ui->msg[end] & 0xC0) == 0x80)
			end--;
		memcpy(ui->msg + end, "…", sizeof("…"));
	}
	ui->msg_error = error;
}

const char *ui_err_text(antt_status s, const antt_err *err)
{
	return err && err->msg[0] ? err->msg : antt_strerror(s);
}

char *ui_err_sentence(antt_status s, const antt_err *err, char *buf, size_t n)
{
	size_t len;

	snprintf(buf, n, "%s", ui_err_text(s, err));
	for (len = strlen(buf); len && buf[len - 1] == '.'; )
		buf[--len] = '\0';
	return buf;
}

void ui_fail(ui *ui, antt_status s, const antt_err *err)
{
	ui_message(ui, 1, "%s", ui_err_text(s, err));
}

/* The screen on top lets go of its state (it stays on top, stateless). */
static void close_top(ui *ui)
{
	if (ui->screen && ui->screen->close && ui->priv)
		ui->screen->close(ui);
	free(ui->priv);
	ui->priv = NULL;
}

antt_status ui_open(ui *ui, const ui_screen *s, const void *arg)
{
	void *priv = NULL;
	antt_status st = ANTT_OK;

	if (s->private_size && !(priv = calloc(1, s->private_size))) {
		ui_fail(ui, ANTT_ERR_NOMEM, NULL);
		return ANTT_ERR_NOMEM;
	}
	if (ui->screen && ui->depth < (int)(sizeof(ui->stack) / sizeof(*ui->stack))) {
		ui->stack[ui->depth] = ui->screen;
		ui->stack_priv[ui->depth++] = ui->priv;
	} else {
		close_top(ui);   /* no room below: the top screen is replaced, as before */
	}
	ui->screen = s;
	ui->priv = priv;
	/* refused (nothing to show, or the load failed): back where the key
	 * was pressed; the first screen stays, as its open left it */
	if (s->open && (st = s->open(ui, arg)) != ANTT_OK)
		ui_pop(ui);
	return st;
}

void ui_push(ui *ui, const ui_screen *s)
{
	ui_open(ui, s, NULL);
}

void ui_pop(ui *ui)
{
	if (ui->depth == 0)
		return;
	close_top(ui);
	ui->depth--;
	ui->screen = ui->stack[ui->depth];
	ui->priv = ui->stack_priv[ui->depth];
}

void ui_switch(ui *ui, const ui_screen *s)
{
	close_top(ui);
	ui->screen = NULL;
	ui_open(ui, s, NULL);
}

void ui_close_all(ui *ui)
{
	while (ui->depth > 0)
		ui_pop(ui);
	close_top(ui);
	ui->screen = NULL;
}

int ui_year_step(ui *ui, int delta)
{
	int y = ui->year + delta;

	if (y < NUM_YEAR_MIN || y > NUM_YEAR_MAX) {
		ui_message(ui, 1, "Năm chỉ từ %d đến %d.", NUM_YEAR_MIN, NUM_YEAR_MAX);
		return 0;
	}
	ui->year = y;
	return 1;
}

void ui_prompt(ui *ui, const char *label, const char *initial, ui_submit submit)
{
	size_t n = initial ? u8_mbsnlen((const uint8_t *)initial, strlen(initial)) : 0;

	/* text longer than the field holds (a note or an answer from a CSV,
	 * the command line or a package) is not opened in it: the field would
	 * keep its first part, and Enter would save that part over the whole */
	if (n > LINEEDIT_MAX) {
		int len = (int)strlen(label);
		while (len > 0 && (label[len - 1] == ':' || label[len - 1] == ' '))
			len--;
		ui_message(ui, 1, "%.*s: dài %zu ký tự, quá %d ký tự ô gõ chứa được, nên không mở ở đây để khỏi mất "
			"phần sau. Xem cả ở lịch sử (l); sửa bằng dòng lệnh antt.", len, label, n, LINEEDIT_MAX);
		return;
	}
	snprintf(ui->prompt_label, sizeof(ui->prompt_label), "%s", label);
	lineedit_init(&ui->prompt, initial ? initial : "", ui->telex);
	lineedit_text(&ui->prompt, ui->prompt_initial, sizeof(ui->prompt_initial));
	ui->submit = submit;
	ui->prompting = 1;
	ui->prompt_mask = 0;
	ui->msg[0] = '\0';
}

void ui_prompt_secret(ui *ui, const char *label, ui_submit submit)
{
	char keep[sizeof(ui->msg)];

	snprintf(keep, sizeof(keep), "%s", ui->msg);
	ui_prompt(ui, label, "", submit);
	ui->prompt.telex = 0;
	ui->prompt_mask = 1;
	snprintf(ui->msg, sizeof(ui->msg), "%s", keep);
}

static void prompt_key(ui *ui, int is_code, wint_t ch)
{
	char text[LINEEDIT_MAX * 4 + 1];

	if (is_code) {
		switch (ch) {
		case KEY_LEFT:      lineedit_left(&ui->prompt); return;
		case KEY_RIGHT:     lineedit_right(&ui->prompt); return;
		case KEY_HOME:      lineedit_home(&ui->prompt); return;
		case KEY_END:       lineedit_end(&ui->prompt); return;
		case KEY_DC:        lineedit_delete(&ui->prompt); return;
		case KEY_BACKSPACE: lineedit_backspace(&ui->prompt); return;
		case KEY_F(2):
			if (!ui->prompt_mask)
				ui->telex = ui->prompt.telex = !ui->telex;
			return;
		case KEY_ENTER:
			break;
		default:   /* F10 and the like do nothing here: say what does */
			ui_message(ui, 0, "Đang gõ: Enter để ghi, Esc để thôi.");
			return;
		}
	} else if (ch == 27) {
		/* nothing typed is thrown away without a word: a note begun
		 * and left with Esc is not saved, and the screen says so */
		lineedit_text(&ui->prompt, text, sizeof(text));
		ui->prompting = 0;
		if (strcmp(text, ui->prompt_initial))
			ui_message(ui, 0, "Đã thôi: điều vừa gõ không được lưu (muốn ghi thì gõ lại rồi bấm Enter).");
		else
			ui->msg[0] = '\0';
		return;
	} else if (ch == 127 || ch == 8) {
		lineedit_backspace(&ui->prompt);
		return;
	} else if (ch == 21) { /* ^U */
		lineedit_clear(&ui->prompt);
		return;
	} else if (ch != '\n' && ch != '\r') {
		/* a full field takes nothing more, and says so: a key dropped
		 * without a word is a letter the officer thinks was typed */
		if (ui->prompt.len >= LINEEDIT_MAX)
			ui_message(ui, 0, "Ô gõ đã đủ %d ký tự: chữ gõ thêm không được nhận. Enter để ghi phần đã gõ, "
				"Esc để thôi.", LINEEDIT_MAX);
		else
			lineedit_insert(&ui->prompt, (uint32_t)ch);
		return;
	}
	lineedit_text(&ui->prompt, text, sizeof(text));
	ui->prompting = 0;
	ui->msg[0] = '\0';
	if (ui->submit(ui, text) != ANTT_OK && !ui->prompting) {
		/* refused: the field keeps its text and the focus */
		ui->prompting = 1;
	}
}

static void setup_colors(ui *ui)
{
	const char *term = getenv("TERM");
	const char *nc = getenv("NO_COLOR");

	ui->color = has_colors() && !(nc && *nc);
	ui->ascii = !ui->color || (term && !strcmp(term, "linux")) || !ui->utf8;
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(UI_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(UI_HINT, COLOR_BLACK, COLOR_CYAN);
	init_pair(UI_PASS, COLOR_GREEN, -1);
	init_pair(UI_FAIL, COLOR_RED, -1);
	init_pair(UI_DRAFT, COLOR_YELLOW, -1);
	init_pair(UI_ERROR, COLOR_WHITE, COLOR_RED);
}

static void draw_too_small(ui *ui)
{
	char line[160];

	erase();
	snprintf(line, sizeof(line), "Cửa sổ quá nhỏ: cần ít nhất %d×%d, hiện có %d×%d.", MIN_COLS, MIN_ROWS, ui->cols, ui->rows);
	ui_put(ui->rows / 2 - 1, 0, ui->cols, line, A_BOLD);
	ui_put(ui->rows / 2, 0, ui->cols, "Hãy phóng to cửa sổ, hoặc bấm F10 để thoát.", A_NORMAL);
	ui_put(ui->rows / 2 + 1, 0, ui->cols, "Mọi câu trả lời đã được lưu.", A_NORMAL);
	/* keys are not taken here (handle): said, so none is typed in vain */
	ui_put(ui->rows / 2 + 2, 0, ui->cols, "Phím gõ lúc này không được dùng.", A_DIM);
	refresh();
}

static void draw(ui *ui)
{
	getmaxyx(stdscr, ui->rows, ui->cols);
	if (ui->rows < MIN_ROWS || ui->cols < MIN_COLS) {
		draw_too_small(ui);
		return;
	}
	erase();
	curs_set(0);
	ui->screen->draw(ui);
	ui_draw_bottom(ui);
	if (ui->prompting)
		curs_set(1);
	refresh();
}

void ui_busy(ui *ui, const char *what)
{
	ui_message(ui, 0, "%s", what);
	draw(ui);
}

/* The screens need UTF-8 to show and read Vietnamese. Under LANG=C or
 * another 8-bit locale, switch the character type to an installed UTF-8
 * locale (C.UTF-8 is part of Debian's libc; ANTT_UTF8_LOCALES, names
 * separated by spaces, overrides the list). 1 when UTF-8 is in use, with
 * the name switched to in used ("" when nothing changed); 0 when none is
 * installed. */
static int utf8_locale(char *used, size_t n)
{
	const char *list = getenv("ANTT_UTF8_LOCALES");
	char names[256], *name, *save = NULL;

	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return 1;
	snprintf(names, sizeof(names), "%s", list && *list ? list : "C.UTF-8 C.utf8 vi_VN.UTF-8 en_US.UTF-8");
	for (name = strtok_r(names, " ", &save); name; name = strtok_r(NULL, " ", &save))
		if (setlocale(LC_CTYPE, name) && !strcmp(nl_langinfo(CODESET), "UTF-8")) {
			snprintf(used, n, "%s", name);
			return 1;
		}
	setlocale(LC_CTYPE, "");
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time of the process: on a shared machine the wall time of a key
 * includes waiting for a core; the bench shows both. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* ANTT_TIMING=FILE, for make bench (bench/ui.sh): the time to the first
 * screen, from exec when the bench gives ANTT_T0 (nanoseconds of the real
 * clock just before exec), else from ui_run; then one line per key, the
 * time from reading it to the screen drawn after it; when the day's
 * backup was done, and when the first work ahead was (with its longest
 * piece: what a key typed meanwhile may wait). Lines are written as they
 * happen. */
static FILE *timing_open(void)
{
	const char *path = getenv("ANTT_TIMING");
	return path && *path ? fopen(path, "w") : NULL;
}

/* The CPU time of a step of the start, as "cpu_ms STEP N". */
static void timing_step(FILE *fp, const char *step, double *c0)
{
	double c = cpu_ms();

	if (fp)
		fprintf(fp, "cpu_ms %s %.2f\n", step, c - *c0);
	*c0 = c;
}

static void timing_first(FILE *fp, double since_run)
{
	const char *t0 = getenv("ANTT_T0");
	struct timespec ts;

	if (!fp)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (t0 && *t0)
		fprintf(fp, "first_screen_ms %.2f\n", (ts.tv_sec * 1e9 + ts.tv_nsec - strtod(t0, NULL)) / 1e6);
	fprintf(fp, "startup_ms %.2f\nfirst_screen_cpu_ms %.2f\n", since_run, cpu_ms());
	fflush(fp);
}

static void timing_key(FILE *fp, int is_code, wint_t ch, double ms, double cpu)
{
	const char *kn = is_code || ch < 256 ? keyname((int)ch) : NULL;

	if (!fp)
		return;
	fprintf(fp, "key %s %.3f %.3f\n", kn ? kn : "?", ms, cpu);
	fflush(fp);
}

static int handle(ui *ui, int is_code, wint_t ch)
{
	ui_action a;

	if (is_code && ch == KEY_RESIZE)
		return R_REDRAW;
	if (ui->rows < MIN_ROWS || ui->cols < MIN_COLS) {
		if ((is_code && ch == KEY_F(10)) || (!is_code && ch == 'q'))
			return R_QUIT;
		return R_NONE;
	}
	if (ui->prompting && ui->screen == &ui_login_screen && is_code && (ch == KEY_F(1) || ch == KEY_F(10))) {
		/* the login screen is all prompt: its F1 and F10 work there too */
		ui->prompting = 0;
		if (ch == KEY_F(10))
			return R_QUIT;
		ui_help_open(ui, SC_LOGIN);
		return R_REDRAW;
	}
	if (ui->prompting) {
		prompt_key(ui, is_code, ch);
		ui_leader_end(ui);
		return R_REDRAW;
	}
	if (ui->latched) {
		int ends = is_code ? ch == KEY_ENTER : ch == 27 || ch == '\n' || ch == '\r';
		if (!is_code && !ends)
			return R_NONE;               /* typing after a refusal: dropped */
		ui->latched = 0;                 /* a function or arrow key goes on as usual */
		if (ends) {
			ui->msg[0] = '\0';
			return R_REDRAW;             /* Esc or Enter only ends the refusal */
		}
	}
	a = ui_key_action(ui->screen->id, is_code, ch);
	switch (a) {
	case ACT_QUIT:
		return R_QUIT;
	case ACT_HELP:
		if (ui->screen != &ui_help_screen)
			ui_help_open(ui, ui->screen->id);
		return R_REDRAW;
	case ACT_TELEX:
		ui->telex = !ui->telex;
		ui_message(ui, 0, ui->telex ? "Bộ gõ Telex có sẵn: BẬT (aa=â, dd=đ, s f r x j = dấu)"
		                            : "Bộ gõ Telex có sẵn: TẮT (dùng bộ gõ của máy)");
		return R_REDRAW;
	case ACT_NONE:
		return R_NONE;
	default: {
		int r;
		ui->msg[0] = '\0';
		r = ui->screen->act(ui, a);
		if (ui->msg_error && ui->msg[0] && !ui->prompting)
			ui->latched = 1;
		return r;
	}
	}
}

void ui_start(ui *u)
{
	if (u->units.tree.n == 0) {
		ui_push(u, &ui_welcome_screen);
	} else {
		char *last = db_state_get(u->db, "unit"), *scr = db_state_get(u->db, "screen");
		ui_push(u, &ui_units_screen);
		if (last && u->units.tree.partial) {   /* the cursor goes there when the rest is read */
			snprintf(u->units.want_unit, sizeof(u->units.want_unit), "%s", last);
			/* and its checklist opens then, when not among the first rows */
			u->units.want_check = scr && !strcmp(scr, "checklist") && tree_find(&u->units.tree, last) < 0;
		}
		if (last && tree_find(&u->units.tree, last) >= 0) {
			u->units.sel = tree_find(&u->units.tree, last);
			if (scr && !strcmp(scr, "checklist"))
				ui_check_open(u, last);
		}
		free(last);
		free(scr);
	}
}

/* The screens read a few rows a key; SQLite's own 2 MiB of pages were a
 * tenth of a national session's memory, 512 KiB costs no key a
 * millisecond (bench/ui.sh at 30×: p99 8.6 ms, the slowest keys the
 * year's, CPU-bound). An import run from a screen takes more for its
 * transaction and gives it back. */
void ui_db_cache(antt_db *db)
{
	sqlite3_exec(db->sql, "PRAGMA cache_size = -512", NULL, NULL, NULL);
}

int ui_run(antt_db **dbp, const char *db_path)
{
	antt_db *db = *dbp;
	ui u = { .db = db, .dbp = dbp };
	FILE *timing = timing_open();
	double t0 = now_ms(), c0 = cpu_ms();
	char switched[64] = "";
	int rc = 0, idle = 1, warmed = 0;
	double piece = 0;   /* the longest piece of work ahead, for ANTT_TIMING */
	double since = 0, since_cpu = 0;   /* when the last piece began, while no key has been read after it */

	if (!utf8_locale(switched, sizeof(switched))) {
		/* ASCII only: this terminal cannot show anything else */
		fprintf(stderr, "antt: man hinh can bang ma UTF-8 nhung may nay khong co locale UTF-8 nao "
			"(LANG=%s). Hay nho quan tri cai dat: apt-get install locales (roi chon vi_VN.UTF-8), "
			"hoac dat ANTT_UTF8_LOCALES=TEN_LOCALE. Cac lenh (vi du: antt summary 2024) van dung duoc.\n",
			getenv("LANG") ? getenv("LANG") : "");
		return 1;
	}
	u.utf8 = 1;
	u.db_path = strdup(db_path);
	ui_db_cache(db);
	u.year = assess_start_year(db);

	timing_step(timing, "before_ui", &c0);
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	/* Esc acts at once: ncurses waits ESCDELAY after an Esc for the rest
	 * of an arrow key's sequence, but a terminal sends a sequence in one
	 * write, so what is not already there is not coming (0: only what
	 * is there is read). 25 ms was added to every Esc, unseen by the key
	 * timing below, which starts when ncurses gives the key. Over a slow
	 * remote link, ESCDELAY=25 in the environment brings the wait back. */
	if (!getenv("ESCDELAY") || !*getenv("ESCDELAY"))   /* set empty, ncurses would wait its 1 s */
		set_escdelay(0);
	setup_colors(&u);
	getmaxyx(stdscr, u.rows, u.cols);   /* the first screen's rows: ui_units_first */

	timing_step(timing, "curses", &c0);
	/* before anything this session writes (even where the screen was
	 * left, ui_state): the backup's snapshot is the state at start */
	ui_daily_begin(&u);
	timing_step(timing, "backup_begin", &c0);
	if (ui_units_first(&u) != ANTT_OK) {
		rc = 1;
		goto out;
	}
	if (u.db->role == ROLE_NONE) {
		ui_push(&u, &ui_login_screen);
		ui_login_screen.act(&u, ACT_NONE);   /* asks for the login at once */
	} else
		ui_start(&u);
	if (switched[0])
		ui_message(&u, 0, "Máy không đặt bảng mã UTF-8 (LANG=%s): antt dùng %s để hiện tiếng Việt.",
			getenv("LANG") ? getenv("LANG") : "", switched);
	if (db->damaged) {   /* found by the daily check: only reading until restored */
		char latest[4200], shown[4200];
		if (backup_latest(db_path, latest, sizeof(latest)))
			ui_message(&u, 1, "Cơ sở dữ liệu bị hỏng: chỉ xem được, không lưu được gì. "
				"Hãy nhờ người quản trị khôi phục từ bản sao lưu mới nhất: %s",
				platform_path_shown(latest, shown, sizeof(shown)));
		else
			ui_message(&u, 1, "Cơ sở dữ liệu bị hỏng: chỉ xem được, không lưu được gì. Chưa có bản sao lưu nào.");
	}

	timing_step(timing, "tree", &c0);
	draw(&u);
	timing_step(timing, "draw", &c0);
	timing_first(timing, now_ms() - t0);
	for (;;) {
		wint_t ch;
		int got, r, done;
		double k0, c0;

		/* while the day's backup is copied, or work ahead is due, keys
		 * are looked for between its pieces; then the loop waits for
		 * keys again. A key that came during a piece waited for it: its
		 * time counts from the piece's start (an upper bound). */
		timeout(u.daily || idle || since ? 0 : -1);
		got = get_wch(&ch);
		k0 = now_ms();
		c0 = cpu_ms();
		if ((done = ui_units_complete(&u)) < 0) {   /* no session without its units */
			rc = 1;
			goto out;
		}
		if (done) {   /* before any key, piece of work or backup step */
			draw(&u);
			if (timing) {
				fprintf(timing, "tree_done_ms %.1f\n", now_ms() - t0);
				fflush(timing);
			}
			if (got == ERR)
				continue;   /* not a piece of work ahead: those are timed alone */
		}
		if (got == ERR) {
			since = 0;   /* no key came during the last piece */
			if (!u.daily && !idle)
				continue;
			since = k0;
			since_cpu = c0;
		}
		if (got == ERR && (idle || !u.daily)) {
			/* a piece of work ahead, before the day's backup goes on:
			 * it is short (a third of a second at 30 provinces, the
			 * backup a minute) and what the screen shows may wait for
			 * it (Progress's deadlines) */
			idle = ui_units_idle(&u);
			if (now_ms() - k0 > piece)
				piece = now_ms() - k0;
			if (u.redraw) {   /* e.g. Progress's deadlines, read between keys */
				u.redraw = 0;
				draw(&u);
			}
			if (!idle && timing && !warmed++) {
				fprintf(timing, "idle_done_ms %.1f\nidle_piece_max_ms %.1f\n", now_ms() - t0, piece);
				fflush(timing);
			}
			continue;
		}
		if (got == ERR) {
			int copying = u.daily != NULL;
			if (ui_daily_step(&u) & R_REDRAW)
				draw(&u);
			if (copying && !u.daily && timing) {
				fprintf(timing, "backup_done_ms %.1f\n", now_ms() - t0);
				fflush(timing);
			}
			continue;
		}
		if (since) {
			k0 = since;
			c0 = since_cpu;
			since = 0;
		}
		r = handle(&u, got == KEY_CODE_YES, ch);
		if (r & R_QUIT)
			break;
		draw(&u);
		idle = 1;   /* the key may have left work to do ahead */
		timing_key(timing, got == KEY_CODE_YES, ch, now_ms() - k0, cpu_ms() - c0);
	}
	ui_daily_finish(&u);
out:
	backup_job_free(u.daily);   /* when the units cannot be read: today's backup is left for later */
	endwin();
	if (timing)
		fclose(timing);
	ui_close_all(&u);
	ui_check_free(&u);
	ui_marks_clear(&u);
	ui_progress_free(&u);
	tree_free(&u.units.tree);
	free(u.db_path);
	if (rc)
		fprintf(stderr, "antt: %s\n", u.msg);
	return rc;
}
