/* The progress screen: per unit type, this year beside last year and the
 * target; then per commune, how its units are doing. */
#include <curses.h>
#include "ui.h"
#include "date.h"
#include "text.h"
#include "unit.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void pct(char *buf, size_t n, double p)
{
	char t[32];
	if (p < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%s %%", text_fmt_pct(t, sizeof(t), p));
}

static void row(int y, const ui *ui, const char *const cells[], const int widths[], int n, int attr)
{
	int x = 1;
	char buf[256];

	for (int i = 0; i < n && x < ui->cols; i++) {
		if (i == 0)
			ui_pad(buf, sizeof(buf), cells[i], widths[i]);
		else
			text_rpad(buf, sizeof(buf), cells[i], (size_t)widths[i]);
		ui_put(y, x, ui->cols - x, buf, attr);
		x += widths[i] + 1;
	}
}

typedef struct {
	ui *ui;
	int y, skip;
} pk_ctx;

static int package_row(const sync_sender *s, void *ctx)
{
	pk_ctx *c = ctx;
	char line[400], name[300], when[64];

	if (c->skip > 0) {
		c->skip--;
		return 0;
	}
	if (c->y >= c->ui->rows - 2)
		return 1;
	snprintf(line, sizeof(line), "%s  %s", ui_pad(name, sizeof(name), s->name, 28),
		s->last ? date_show_local(s->last, when, sizeof(when)) : "chưa gửi gói nào");
	if (s->last && !s->this_year)
		strncat(line, "  — chưa gửi dữ liệu năm này", sizeof(line) - strlen(line) - 1);
	ui_put(c->y++, 1, c->ui->cols - 2, line, !s->this_year ? ui_attr(c->ui, UI_FAIL) : (int)A_NORMAL);
	return 0;
}

static void draw_packages(ui *ui, int y)
{
	pk_ctx c = { ui, y + 1, ui->progress.ptop };
	antt_err err = { "" };

	ui_put(y, 1, ui->cols - 2, "Xã / phường / thị trấn        Gói dữ liệu gần nhất đã nhận", A_BOLD);
	if (sync_senders(ui->db, ui->year, package_row, &c, &err) != ANTT_OK)
		ui_message(ui, 1, "%s", err.msg);
}

/* Approved đạt but with no decision yet: what still waits for the
 * Chủ tịch UBND, for the deadline of khu dân cư (group 0) or the others. */
static long long undecided(const ui *ui, int group)
{
	const ui_progress_state *ps = &ui->progress;
	long long n = 0;

	for (size_t i = 0; i < ps->npt; i++)
		if (!strcmp(ps->pt[i].now.type, "khu-dan-cu") == !group)
			n += ps->pt[i].now.approved - ps->pt[i].now.recognised;
	return n;
}

/* The figures of a year (tree_tally), kept while the database is
 * unchanged: one slot per parity, so a year and the one before both stay,
 * and [ or ] here counts one year more, not two. */
struct tally {
	int year;
	long long stamp;
	count_row *types;
	size_t n_types;
	count_commune *communes;
	size_t n_communes;
};

/* A year's deadlines: what is due, read in steps (a pass over its forms)
 * and kept while the database is as at stamp, or changed only by the
 * checklist (tree_update: those forms counted again); formatted for day. */
struct dues {
	int year;
	long long stamp;
	progress_due *due;
	int have;
	char day[16];
	progress_deadline deadlines[2], movement[3];
};

/* What is kept between visits, for the database open now: in ui->progress,
 * let go with it (ui_progress_free) when another database is opened, as a
 * stamp means nothing across databases. */
struct ui_progress_cache {
	struct tally tallies[2];
	struct dues dues[2];
	tree_tally_job *job;   /* a year's figures being counted between keys */
	int job_year;
};

static struct ui_progress_cache *cache_of(ui *ui, antt_err *err)
{
	ui_progress_state *ps = &ui->progress;

	if (!ps->cache && !(ps->cache = calloc(1, sizeof(*ps->cache))))
		err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
	return ps->cache;
}

void ui_progress_free(ui *ui)
{
	ui_progress_state *ps = &ui->progress;

	for (int i = 0; ps->cache && i < 2; i++) {
		free(ps->cache->tallies[i].types);
		free(ps->cache->tallies[i].communes);
		progress_due_free(ps->cache->dues[i].due);
	}
	if (ps->cache)
		tree_tally_drop(ps->cache->job);
	free(ps->cache);
	free(ps->pt);
	free(ps->pc);
	memset(ps, 0, sizeof(*ps));
}

/* From the units screen's tree when it is current: its own states for its
 * year, another year's read for the same units (tree_states); else from a
 * tree loaded for the year and let go at once. */
static struct tally *tally_of(ui *ui, int year, antt_err *err)
{
	ui_units_state *us = &ui->units;
	struct ui_progress_cache *pc = cache_of(ui, err);
	struct tally *t = pc ? &pc->tallies[year & 1] : NULL;
	long long stamp = tree_stamp(ui->db);
	tree_view own, *tv = &us->tree;
	tree_state *states = NULL;
	const tree_state *use = NULL;
	antt_status s;

	if (!t)
		return NULL;
	if (t->year == year && t->stamp == stamp && t->types)
		return t;
	free(t->types);
	free(t->communes);
	memset(t, 0, sizeof(*t));
	/* another year's states: those the tree keeps, read (and kept) when
	 * it has none, no copy held beside them */
	if (us->tree_loaded && us->tree.stamp == stamp && us->tree.year != year &&
	    !(use = tree_kept(ui->db, &us->tree, year))) {
		if (tree_states(ui->db, &us->tree, year, &states, err) != ANTT_OK)
			return NULL;
		if (states && (use = tree_kept(ui->db, &us->tree, year))) {
			free(states);
			states = NULL;
		} else
			use = states;
	}
	if (!us->tree_loaded || us->tree.stamp != stamp || (us->tree.year != year && !use)) {
		if (tree_load(ui->db, year, &own, err) != ANTT_OK)
			return NULL;
		tv = &own;
	}
	s = tree_tally(tv, tv == &own ? NULL : use, &t->types, &t->n_types, &t->communes, &t->n_communes);
	free(states);
	if (tv == &own)
		tree_free(&own);
	if (s != ANTT_OK) {
		err_set(err, s, "%s", antt_strerror(s));
		return NULL;
	}
	t->year = year;
	t->stamp = stamp;
	return t;
}

/* The year's deadlines into dues, unless they are there for today: at
 * most rows forms read (-1: all); 1 while more are to read. */
static int deadlines_of(ui *ui, int year, long rows, antt_err *err)
{
	ui_units_state *us = &ui->units;
	struct ui_progress_cache *pc = cache_of(ui, err);
	struct dues *d = pc ? &pc->dues[year & 1] : NULL;
	long long stamp = tree_stamp(ui->db);
	/* SQLite's day ('now', UTC), as the deadlines are worked out in */
	char day[16] = "";
	time_t now = time(NULL);
	struct tm tm;
	int done = 0;

	if (!d)
		return 0;
	if (gmtime_r(&now, &tm))
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (d->year != year) {
		progress_due_free(d->due);
		memset(d, 0, sizeof(*d));
		d->year = year;
	}
	if (d->due && d->stamp != stamp) {
		antt_err e2 = { "" };
		int follows = us->tree_loaded && us->tree.year == year && us->tree.stamp == stamp &&
			us->tree.last.from == d->stamp && us->tree.last.to == stamp &&
			progress_due_follow(ui->db, d->due, &us->tree, &e2) == ANTT_OK;
		if (!follows) {   /* read again */
			progress_due_free(d->due);
			d->due = NULL;
		}
		d->have = 0;
	}
	d->stamp = stamp;
	if (d->have && !strcmp(d->day, day))
		return 0;
	if (progress_due_step(ui->db, &d->due, year, rows, &done, err) == ANTT_OK && !done)
		return 1;
	d->have = done && progress_due_deadlines(ui->db, d->due, NULL, d->deadlines, d->movement, err) == ANTT_OK;
	if (!d->have) {
		progress_due_free(d->due);
		d->due = NULL;
	}
	snprintf(d->day, sizeof(d->day), "%s", day);
	return 0;
}

/* Work ahead in pieces of about PIECE_MS (keys are read between them),
 * STEP_ROWS rows at a time until then: a row's time varies with what
 * the disk cache holds. */
#define PIECE_MS 3.0
#define STEP_ROWS 100
#define TALLY_ROWS 2048   /* a tree's rows counted a step (tree_tally_step) */

static int tally_current(const struct tally *t, int year, long long stamp)
{
	return t->year == year && t->stamp == stamp && t->types;
}

/* A year's figures from the units screen's tree, current (its own states
 * or those it keeps for year), counted in pieces of about PIECE_MS: a
 * national tree takes 5-10 ms in one go, a key typed meanwhile waiting.
 * 1 while more are to count, 0 when they are there, -1 when they could
 * not be counted (Progress says why when shown). */
static int tally_ahead(ui *ui, int year, antt_err *err)
{
	ui_units_state *us = &ui->units;
	struct ui_progress_cache *pc = ui->progress.cache;
	struct tally *t = &pc->tallies[year & 1];
	const tree_state *use = year == us->tree.year ? NULL : tree_kept(ui->db, &us->tree, year);
	antt_status s;
	int r = 1;

	if (year != us->tree.year && !use)   /* its units differ: a tree loaded for it, at once */
		return tally_of(ui, year, err) ? 0 : -1;
	if (pc->job && pc->job_year != year) {
		tree_tally_drop(pc->job);
		pc->job = NULL;
	}
	if (!pc->job && !(pc->job = tree_tally_start(&us->tree, use))) {
		err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
		return -1;
	}
	pc->job_year = year;
	for (double t0 = ui_now_ms(); (r = tree_tally_step(pc->job, &us->tree, use, TALLY_ROWS)) > 0 &&
	     ui_now_ms() - t0 < PIECE_MS;)
		;
	if (r > 0)
		return 1;
	if (r < 0) {   /* -2: the tree moved on, counted again from the next piece */
		tree_tally_drop(pc->job);
		pc->job = NULL;
		if (r == -2)
			return 1;
		err_set(err, ANTT_ERR_NOMEM, "%s", antt_strerror(ANTT_ERR_NOMEM));
		return -1;
	}
	free(t->types);
	free(t->communes);
	memset(t, 0, sizeof(*t));
	s = tree_tally_finish(pc->job, &us->tree, use, &t->types, &t->n_types, &t->communes, &t->n_communes);
	pc->job = NULL;
	if (s != ANTT_OK) {
		err_set(err, s, "%s", antt_strerror(s));
		return -1;
	}
	t->year = year;
	t->stamp = us->tree.stamp;
	return 0;
}

/* Progress shown without its deadlines takes them once read. */
static void deadlines_shown(ui *ui)
{
	ui_progress_state *ps = &ui->progress;
	const struct dues *d = &ps->cache->dues[ui->year & 1];

	ps->deadlines_due = 0;
	ps->have_deadlines = ps->have_movement_deadlines = d->have;
	memcpy(ps->deadlines, d->deadlines, sizeof(ps->deadlines));
	memcpy(ps->movement_deadlines, d->movement, sizeof(ps->movement_deadlines));
}

int ui_progress_warm(ui *ui)
{
	ui_units_state *us = &ui->units;
	ui_progress_state *ps = &ui->progress;
	antt_err err = { "" };
	struct tally *t;

	int current = us->tree_loaded && !tree_changed(ui->db, &us->tree);

	if (!cache_of(ui, &err))
		return 0;   /* Progress will say why */
	if (ps->cache->job && tally_current(&ps->cache->tallies[ps->cache->job_year & 1], ps->cache->job_year,
	                                    us->tree.stamp)) {   /* counted meanwhile in one go (Progress shown) */
		tree_tally_drop(ps->cache->job);
		ps->cache->job = NULL;
	}
	/* nothing while this connection's own writes are not in the tree (a
	 * checklist being filled in) and Progress is not shown: each answer
	 * would start the deadlines over, a pass over the year's forms (6 ms
	 * at 3 provinces) in pieces the next key waits behind; back on the
	 * list, tree_update brings the tree up to date and the deadlines
	 * follow it in a step (progress_due_follow) */
	if (!current && ui->screen != &ui_progress_screen)
		return 0;
	/* the figures only from the units screen's tree while it is current,
	 * not a tree loaded for them; the deadlines of the year shown,
	 * whatever the tree's (Progress may be showing "đang tính") */
	for (int k = 0; k < 2 && current && us->tree.year == ui->year; k++) {
		t = &ui->progress.cache->tallies[(ui->year - k) & 1];
		if (!tally_current(t, ui->year - k, us->tree.stamp)) {
			/* the year before's states in steps of a few milliseconds,
			 * then its figures from them; none when they cannot be
			 * kept (its units differ: Progress loads that year's tree) */
			int more = 0;
			for (double t0 = ui_now_ms(); k && (more = tree_states_ahead(ui->db, &us->tree, ui->year - k,
			     STEP_ROWS)) > 0 && ui_now_ms() - t0 < PIECE_MS;)
				;
			if (more < 0)
				break;
			if (!more && tally_ahead(ui, ui->year - k, &err) < 0)
				return 0;   /* Progress will say why */
			return 1;
		}
	}
	for (double t0 = ui_now_ms(); deadlines_of(ui, ui->year, STEP_ROWS, &err);)
		if (ui_now_ms() - t0 >= PIECE_MS)
			return 1;
	if (ps->deadlines_due && ps->p_year == ui->year) {
		deadlines_shown(ui);
		ui->redraw = ui->screen == &ui_progress_screen;
	}
	return 0;
}

static void load(ui *ui)
{
	ui_progress_state *ps = &ui->progress;
	antt_err err = { "" };
	struct tally *now, *prev;

	free(ps->pt);
	free(ps->pc);
	ps->pt = NULL;
	ps->pc = NULL;
	ps->npt = ps->npc = 0;
	ps->p_year = 0;
	if (!(now = tally_of(ui, ui->year, &err)) || !(prev = tally_of(ui, ui->year - 1, &err)) ||
	    progress_types_of(ui->db, now->types, now->n_types, prev->types, prev->n_types, &ps->pt, &ps->npt) != ANTT_OK ||
	    progress_communes_of(now->communes, now->n_communes, prev->communes, prev->n_communes, &ps->pc, &ps->npc) != ANTT_OK) {
		ui_message(ui, 1, "%s", err.msg[0] ? err.msg : antt_strerror(ANTT_ERR_NOMEM));
		return;
	}
	/* the deadlines when read already; else they come between keys (a
	 * year's forms and units: 100 ms at 30 provinces), shown "đang tính" */
	if (deadlines_of(ui, ui->year, 0, &err)) {
		ps->deadlines_due = 1;
		/* not another year's beside "đang tính" (the QĐ 510 line) */
		ps->have_deadlines = ps->have_movement_deadlines = 0;
	} else
		deadlines_shown(ui);
	ps->p_year = ui->year;
}

/* The three figures stay apart: tự đánh giá đạt (the units' own verdict),
 * đã duyệt (a leader), công nhận (a decision); the rate is the recognised
 * one, as the report states it. Both tables fit 80 columns. */
static void draw_progress(ui *ui)
{
	ui_progress_state *ps = &ui->progress;
	/* at 80 columns the names get 15; a wider window gives them the rest
	 * (communes' names run long: "Thị trấn Đồng Tâm", "Xã Hòa Bình 1 (2)") */
	int wide = ui->cols > 80 ? (ui->cols - 80 < 30 ? ui->cols - 80 : 30) : 0;
	const int tw[] = { 15 + wide, 5, 9, 8, 9, 7, 9, 8 };
	const int cw[] = { 15 + wide, 5, 9, 8, 9, 7, 9, 9 };
	char a[32], b[32], c[32], d[32], e[32], f[32], g[32], title[128];
	int y = 2, h;

	snprintf(title, sizeof(title), "Tiến độ năm %d (so với năm %d và chỉ tiêu)", ui->year, ui->year - 1);
	ui_draw_title(ui, title);
	if (ps->p_year != ui->year) {
		load(ui);
		if (ps->p_year != ui->year)
			return;
	}
	{
		const char *head[] = { "Loại đơn vị", "Tổng", "Tự ĐG đạt", "Đã duyệt", "Công nhận", "Tỷ lệ", "Năm trước",
		                       "Chỉ tiêu" };
		row(y++, ui, head, tw, 8, A_BOLD);
	}
	for (size_t i = 0; i < ps->npt; i++) {
		const progress_type *p = &ps->pt[i];
		double now = count_rate(&p->now);
		const char *cells[8];
		int attr = A_NORMAL;

		snprintf(a, sizeof(a), "%lld", count_in_scope(&p->now));
		snprintf(b, sizeof(b), "%lld", p->now.passed);
		snprintf(c, sizeof(c), "%lld", p->now.approved);
		snprintf(d, sizeof(d), "%lld", p->now.recognised);
		pct(e, sizeof(e), now);
		/* a year with no forms at all has no rate ("–"), not 0 % */
		pct(f, sizeof(f), p->prev.registered ? count_rate(&p->prev) : -1);
		pct(g, sizeof(g), p->target);
		cells[0] = p->now.name; cells[1] = a; cells[2] = b; cells[3] = c; cells[4] = d; cells[5] = e;
		cells[6] = f; cells[7] = g;
		if (p->target >= 0 && now >= 0)
			attr = ui_attr(ui, now >= p->target ? UI_PASS : UI_FAIL);
		row(y++, ui, cells, tw, 8, attr);
	}
	{
		const progress_deadline *dl = ps->deadlines;
		char line[400];
		if (ps->deadlines_due)
			ui_put(y++, 1, ui->cols - 2, "Hạn: đang tính số còn phải duyệt, công nhận, chấm điểm…", A_DIM);
		else if (ps->have_deadlines)
			for (int i = 0; i < 2; i++) {
				/* what is still to decide, wrapped rather than cut: a
				 * leader reads both figures and whose deadline it is */
				snprintf(line, sizeof(line), "Hạn %s%s: %lld chưa duyệt, %lld đạt chờ công nhận — %s",
					dl[i].date, dl[i].late ? " (QUÁ HẠN)" : "", dl[i].due, undecided(ui, i), dl[i].label);
				y += ui_put_wrap(y, 1, ui->cols - 2, 2, line, dl[i].late ? ui_attr(ui, UI_FAIL) : (int)A_NORMAL);
			}
		if (ps->have_movement_deadlines) {
			/* QĐ 510's classification, beside: still to score (the
			 * level above: still without its score), day/month */
			const progress_deadline *m = ps->movement_deadlines;
			int late = 0, k = snprintf(line, sizeof(line), "Hạn chấm điểm QĐ 510:");
			for (int i = 0; i < 3 && k > 0 && (size_t)k < sizeof(line); i++) {
				k += snprintf(line + k, sizeof(line) - (size_t)k, "%s %.5s%s %s còn %lld", i ? ";" : "", m[i].date,
					m[i].late ? " (QUÁ HẠN)" : "", m[i].label, m[i].due);
				late |= m[i].late;
			}
			y += ui_put_wrap(y, 1, ui->cols - 2, 2, line, late ? ui_attr(ui, UI_FAIL) : (int)A_NORMAL);
		}
	}
	y++;
	if (ps->packages) {
		ps->page = ui->rows - (y + 1) - 2;
		draw_packages(ui, y);
		return;
	}
	{
		const char *head[] = { "Xã/phường/TT", "Số ĐV", "Tự ĐG đạt", "Đã duyệt", "Công nhận", "Tỷ lệ", "Năm trước",
		                       "Phiếu xã" };
		row(y++, ui, head, cw, 8, A_BOLD);
	}
	h = ui->rows - y - 2;
	ps->page = h;
	if (ps->ptop > (int)ps->npc - h)
		ps->ptop = (int)ps->npc - h > 0 ? (int)ps->npc - h : 0;
	for (int i = ps->ptop; i < (int)ps->npc && y < ui->rows - 2; i++) {
		const progress_commune *p = &ps->pc[i];
		unit_row u;
		const char *cells[8], *v = p->recognised ? "công nhận" : p->verdict == -2 ? "-"
		                                  : p->verdict == RULE_MISSING ? "đang nhập" : assess_verdict_name(p->verdict);

		snprintf(a, sizeof(a), "%lld", p->units);
		snprintf(b, sizeof(b), "%lld", p->passed);
		snprintf(c, sizeof(c), "%lld", p->approved);
		snprintf(d, sizeof(d), "%lld", p->recognised_units);
		pct(e, sizeof(e), progress_pct(p->recognised_units, p->units));
		pct(f, sizeof(f), progress_pct(p->prev_recognised, p->prev_units));
		/* the figures come from the tree, which holds no names: those
		 * shown are read (the code when the unit cannot be read) */
		cells[0] = p->name[0] ? p->name : unit_get(ui->db, p->code, &u, NULL) == ANTT_OK ? u.name : p->code;
		cells[1] = a; cells[2] = b; cells[3] = c; cells[4] = d; cells[5] = e; cells[6] = f;
		cells[7] = v;
		row(y++, ui, cells, cw, 8, p->recognised || p->verdict == RULE_PASS ? ui_attr(ui, UI_PASS) :
			p->verdict == RULE_FAIL ? ui_attr(ui, UI_FAIL) : (int)A_NORMAL);
	}
}

static int act_progress(ui *ui, ui_action a)
{
	ui_progress_state *ps = &ui->progress;
	int page = ps->page > 1 ? ps->page : 1;

	switch (a) {
	case ACT_BACK:
		ps->p_year = 0; /* figures are reloaded on the next visit */
		ui_pop(ui);
		ui_units_refresh(ui);
		return R_REDRAW;
	case ACT_UP:   if (ps->ptop > 0) ps->ptop--; return R_REDRAW;
	case ACT_DOWN: ps->ptop++; return R_REDRAW;
	/* a page is what the screen shows (5 communes at 80x24) */
	case ACT_PGUP: ps->ptop = ps->ptop > page ? ps->ptop - page : 0; return R_REDRAW;
	case ACT_PGDN: ps->ptop += page; return R_REDRAW;
	case ACT_HOME: ps->ptop = 0; return R_REDRAW;
	case ACT_END:  ps->ptop = 1 << 20; return R_REDRAW;
	case ACT_PACKAGES: ps->packages = !ps->packages; ps->ptop = 0; return R_REDRAW;
	case ACT_YEAR_PREV: ui_year_step(ui, -1); return R_REDRAW;
	case ACT_YEAR_NEXT: ui_year_step(ui, 1); return R_REDRAW;
	case ACT_CONFLICTS:
		ui_push(ui, &ui_conflicts_screen);
		return R_REDRAW;
	case ACT_REPORT:
		ui_report_dialog(ui);
		return R_REDRAW;
	case ACT_SETTINGS:
		ui_push(ui, &ui_settings_screen);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

const ui_screen ui_progress_screen = { SC_PROGRESS, draw_progress, act_progress, 0, NULL, NULL, NULL };
