/* The units screen: the hierarchy for the chosen year with each unit's
 * status, the counts per type, filters, search without accents, the jump
 * to the next unit still to assess. The units editor's keys are in
 * unit_edit.c, the marks and decisions for many units in recognise.c. */
#include <curses.h>
#include "ui.h"
#include "text.h"
#include "form_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_ROWS UI_UNITS_TOP

/* The columns' widths over every unit (draw_units): names, codes and types
 * measured once per tree; the status column per draw from the states met. */
static struct {
	int valid;
	int code, type, status, name;
} widths;

antt_status ui_units_reload(ui *ui)
{
	ui_units_state *us = &ui->units;
	antt_err err = { "" };
	char type[32], search[TREE_SEARCH_MAX];
	int status;
	long keep = -1;
	antt_status s;

	if (!us->want_unit[0] && us->tree_loaded && us->sel >= 0 && (size_t)us->sel < us->tree.n_vis)
		snprintf(us->want_unit, sizeof(us->want_unit), "%s", us->tree.rows[us->tree.vis[us->sel]].code);
	snprintf(type, sizeof(type), "%s", us->tree_loaded ? us->tree.type : "");
	snprintf(search, sizeof(search), "%s", us->tree_loaded ? us->tree.typed : "");
	status = us->tree_loaded ? us->tree.status : -1;
	if (us->tree_loaded)
		tree_free(&us->tree);
	us->tree_loaded = 0;
	s = tree_load(ui->db, ui->year, &us->tree, &err);
	if (s != ANTT_OK) {
		ui_fail(ui, s, &err);
		return s;
	}
	us->tree_loaded = 1;
	us->sets_below = 0;   /* another database's sets, maybe (the welcome screen's 2) */
	widths.valid = 0;   /* names and codes may have changed: measured again */
	tree_filter(&us->tree, type, status, search);
	if (us->want_unit[0])
		keep = tree_find(&us->tree, us->want_unit);
	us->want_unit[0] = '\0';
	us->sel = keep >= 0 ? keep : 0;
	ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), ACT_NONE);
	return ANTT_OK;
}

/* Units above which the first screen shows tree_preview's rows first;
 * ANTT_PREVIEW_ABOVE=N sets another bound (tests/ui/test_units_first.sh).
 * A province (3,000 units) loads in about 15 ms; a national tree (90,000)
 * in 200 ms. */
#define PREVIEW_ABOVE 5000

static sqlite3_int64 preview_above(void)
{
	const char *e = getenv("ANTT_PREVIEW_ABOVE");
	char *end;
	long long n;

	if (!e || !*e)
		return PREVIEW_ABOVE;
	n = strtoll(e, &end, 10);
	return *end || n < 0 ? PREVIEW_ABOVE : n;
}

antt_status ui_units_first(ui *ui)
{
	ui_units_state *us = &ui->units;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 units = 0;
	antt_err err = { "" };
	antt_status s;

	/* the highest id bounds the count, read from the index's end */
	if (db_cached(ui->db, "SELECT max(id) FROM units", &st, NULL) == ANTT_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			units = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (units <= preview_above())
		return ui_units_reload(ui);
	if (us->tree_loaded)
		tree_free(&us->tree);
	us->tree_loaded = 0;
	if ((s = tree_preview(ui->db, ui->year, (size_t)ui_list_height(ui, TOP_ROWS), &us->tree, &err)) != ANTT_OK)
		return ui_units_reload(ui);   /* says what failed, if the whole load fails too */
	us->tree_loaded = 1;
	us->sets_below = 0;
	widths.valid = 0;
	us->sel = 0;
	us->top = 0;
	return ANTT_OK;
}

int ui_units_complete(ui *ui)
{
	ui_units_state *us = &ui->units;
	char code[sizeof(us->want_unit)];
	int check = us->want_check;

	if (!us->tree_loaded || !us->tree.partial)
		return 0;
	snprintf(code, sizeof(code), "%s", us->want_unit);
	us->want_check = 0;
	/* a failure (a damaged page the first rows did not reach, a lock,
	 * memory) is the start's own: ui->msg says why */
	if (ui_units_reload(ui) != ANTT_OK)
		return -1;
	/* the checklist left last session, of a unit beyond the first rows */
	if (check && ui->screen == &ui_units_screen && tree_find(&us->tree, code) >= 0)
		ui_check_open(ui, code);
	return 1;
}

/* The tree for ui->year: its states only when the same units are in force
 * (tree_set_year), the cursor kept on its unit while it is shown. */
static antt_status switch_year(ui *ui)
{
	ui_units_state *us = &ui->units;
	antt_err err = { "" };
	char code[sizeof(((unit_row *)0)->code)] = "";
	long keep;
	antt_status s;

	if (us->sel >= 0 && (size_t)us->sel < us->tree.n_vis)
		snprintf(code, sizeof(code), "%s", us->tree.rows[us->tree.vis[us->sel]].code);
	if ((s = tree_set_year(ui->db, &us->tree, ui->year, &err)) != ANTT_OK) {
		tree_free(&us->tree);
		us->tree_loaded = 0;
		ui_fail(ui, s, &err);
		return s;
	}
	if (us->tree.fresh)
		widths.valid = 0;   /* other units in force: names measured again */
	keep = code[0] ? tree_find(&us->tree, code) : -1;
	us->sel = keep >= 0 ? keep : 0;
	ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), ACT_NONE);
	return ANTT_OK;
}

/* a year of no form at all: the list alone (every unit "chưa đánh giá")
 * does not say whether that is the year or the filters */
static int any_form(const tree_view *t)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (t->rows[i].registered)
			return 1;
	return 0;
}

antt_status ui_units_refresh(ui *ui)
{
	ui_units_state *us = &ui->units;

	if (!us->tree_loaded || tree_changed(ui->db, &us->tree))
		return ui_units_reload(ui);
	return us->tree.year == ui->year ? ANTT_OK : switch_year(ui);
}

/* The criteria sets, newest first, one a call: parsing a form takes a
 * few milliseconds, and the first one also sets up the rule engine
 * (about 10 ms), which would otherwise be the first Enter's. A set that
 * fails to parse is left for the checklist to report. Then Progress's
 * figures, a year at a time (ui_progress_warm). */
int ui_units_idle(ui *ui)
{
	ui_units_state *us = &ui->units;
	sqlite3_stmt *st = NULL;
	sqlite3_int64 id = 0;
	const form *f;

	if (us->sets_below < 0)
		return ui_progress_warm(ui);
	if (db_cached(ui->db, "SELECT max(id) FROM criteria_sets WHERE ?1 < 0 OR id < ?1", &st, NULL) == ANTT_OK) {
		sqlite3_bind_int64(st, 1, us->sets_below ? us->sets_below : -1);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (id <= 0) {
		us->sets_below = -1;
		return ui_progress_warm(ui);
	}
	form_for_set(ui->db, id, &f, NULL);
	us->sets_below = id;
	return 1;
}

const tree_row *ui_units_current(const ui *ui)
{
	const ui_units_state *us = &ui->units;

	if (us->sel < 0 || (size_t)us->sel >= us->tree.n_vis)
		return NULL;
	return &us->tree.rows[us->tree.vis[us->sel]];
}

static int status_attr(const ui *ui, unit_status s)
{
	switch (s) {
	case STATUS_PASS:  return ui_attr(ui, UI_PASS);
	case STATUS_FAIL:  return ui_attr(ui, UI_FAIL);
	case STATUS_DRAFT: return ui_attr(ui, UI_DRAFT);
	default:           return A_NORMAL;
	}
}

static void draw_counts(ui *ui)
{
	char buf[1024] = "", part[128];

	if (ui->units.tree.partial) {   /* the first screen's rows only, the rest being read */
		ui_put(1, 1, ui->cols - 2, "Được công nhận: đang đếm…", A_NORMAL);
		return;
	}
	for (size_t i = 0; i < ui->units.tree.n_counts; i++) {
		const tree_count *c = &ui->units.tree.counts[i];
		snprintf(part, sizeof(part), "%s%s %d/%d", i ? " · " : "Được công nhận: ", c->name, c->recognised,
			c->total - c->n[STATUS_EXCLUDED]);
		strncat(buf, part, sizeof(buf) - strlen(buf) - 1);
	}
	if (!buf[0]) {
		ui_put(1, 1, ui->cols - 2, "Chưa có đơn vị nào.", A_NORMAL);
		return;
	}
	/* "được công nhận / đơn vị thuộc diện" per type (a decision, not the
	 * units' own verdict), wrapped on two lines */
	{
		const char *p = buf;
		for (int y = 1; y <= 2 && *p; y++) {
			size_t n = text_wrap_line(p, (size_t)ui->cols - 2);
			char line[1024];
			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			ui_put(y, 1, ui->cols - 2, line, A_NORMAL);
			p += n;
			/* the spaces and the " · " the line broke at, as a whole:
			 * byte by byte, a name beginning with another letter of
			 * the same first byte (§ is C2 A7) lost half of it */
			for (;;) {
				if (*p == ' ')
					p++;
				else if (!strncmp(p, "·", strlen("·")))
					p += strlen("·");
				else
					break;
			}
		}
	}
}

/* The verdict, and beside it where the form is on its way to a leader:
 * "đạt · đã trình". A form still being typed says only "đang nhập". */
static void status_text(const tree_row *r, char *buf, size_t n)
{
	if (r->flow == FLOW_NONE || (r->flow == FLOW_DRAFT && r->status == STATUS_DRAFT))
		snprintf(buf, n, "%s", tree_status_name(r->status));
	else if (r->recognised)
		snprintf(buf, n, "%s · công nhận", tree_status_name(r->status));
	else
		snprintf(buf, n, "%s · %s", tree_status_name(r->status), tree_flow_name(r->flow));
}

/* A new office has no name yet: its title reads "antt" once. */
static void draw_title(ui *ui)
{
	char title[512];
	char *office = db_setting_get(ui->db, "office_name", "");

	if (office && *office && strcmp(office, "antt"))
		snprintf(title, sizeof(title), "antt — %s — Đơn vị", office);
	else
		snprintf(title, sizeof(title), "antt — Đơn vị");
	free(office);
	ui_draw_title(ui, title);
}

/* Forms waiting for a leader among all the units, shown or not. */
static size_t queue_size(const ui_units_state *us)
{
	size_t queue = 0;

	for (size_t i = 0; i < us->tree.n; i++)
		queue += us->tree.rows[us->tree.order[i]].flow == FLOW_SUBMITTED;
	return queue;
}

/* "Lọc: loại … · trạng thái … · tìm: …", then how many are shown and
 * how many forms wait (v). The counts stay whole: when the line is too
 * long, a status filter left at "tất cả" goes first, then such a type
 * filter, then the filters are cut with the mark. */
static void draw_filters(ui *ui)
{
	ui_units_state *us = &ui->units;
	char left[TREE_SEARCH_MAX + 256], cut[sizeof(left)], line[sizeof(left) + 128], counts[128], type[64] = "tất cả",
	     waiting[64] = "";
	size_t queue = queue_size(us);
	int room = ui->cols - 2, cw;

	for (size_t i = 0; i < us->tree.n_counts; i++)
		if (!strcmp(us->tree.counts[i].type, us->tree.type))
			snprintf(type, sizeof(type), "%s", us->tree.counts[i].name);
	if (queue)
		snprintf(waiting, sizeof(waiting), " · %zu chờ duyệt (v)", queue);
	if (us->tree.partial)
		snprintf(counts, sizeof(counts), "   (đang đọc các đơn vị…)");
	else
		snprintf(counts, sizeof(counts), "   (%zu/%zu đơn vị)%s", us->tree.n_vis, us->tree.n, waiting);
	cw = (int)text_width(counts);
	for (int drop = 0; drop < 3; drop++) {   /* 1: the status "tất cả"; 2: the type's too */
		int type_shown = us->tree.type[0] || drop < 2, status_shown = us->tree.status >= 0 || drop < 1;
		snprintf(left, sizeof(left), "Lọc:%s%s%s%s%s%s%s%s", type_shown ? " loại " : "", type_shown ? type : "",
			type_shown && status_shown ? " ·" : "", status_shown ? " trạng thái " : "",
			status_shown ? tree_filter_name(us->tree.status) : "",
			us->tree.search[0] && (type_shown || status_shown) ? " ·" : "", us->tree.search[0] ? " tìm: " : "",
			us->tree.typed);
		if ((int)text_width(left) + cw <= room)
			break;
	}
	if ((int)text_width(left) + cw > room) {   /* cut with the mark, the counts one space after */
		const char *c = counts + strspn(counts, " ") - 1;
		size_t n;
		cw = (int)text_width(c);
		ui_pad(cut, sizeof(cut), left, room - cw > 1 ? room - cw : 1);
		for (n = strlen(cut); n && cut[n - 1] == ' '; n--)
			cut[n - 1] = '\0';
		snprintf(line, sizeof(line), "%s%s", cut, c);
	} else
		snprintf(line, sizeof(line), "%s%s", left, counts);
	ui_put(3, 1, room, line, A_DIM);
}

/* The widest text of each column over every unit (not only those shown, so
 * the columns stay put while scrolling), at least its heading's. Names,
 * codes and types are measured when the tree is loaded (see widths at the
 * top); a status changes with a key, so its column is worked out at each
 * draw from the few (verdict, workflow, recognised) combinations met, one
 * pass over bytes and a text width per combination, not per unit. */
/* After the name of a unit the commune does not count in its criterion 4. */
#define MANAGED_MARK " [cấp trên QL]"

/* A row's indent: two columns a level, at most 16. */
static int indent_of(const tree_row *r)
{
	return r->depth > 8 ? 16 : (int)r->depth * 2;
}

static void measure(const ui *ui)
{
	const ui_units_state *us = &ui->units;
	int mark = (int)text_width(MANAGED_MARK);
	unsigned char *seen = calloc(us->tree.n_types ? us->tree.n_types : 1, 1);

	widths.code = (int)text_width("Mã");
	widths.type = (int)text_width("Loại");
	widths.name = (int)text_width("Đơn vị");
	/* a text is never wider than its bytes (UTF-8): one no longer than
	 * the widest so far is not measured; the names' widths come with the
	 * tree (they are not held) */
	for (size_t i = 0; i < us->tree.n; i++) {
		const tree_row *r = &us->tree.rows[us->tree.order[i]];
		int w = indent_of(r) + r->name_width + (r->managed_above ? mark : 0);
		if (w > widths.name)
			widths.name = w;
		if ((int)strlen(r->code) > widths.code && (w = (int)text_width(r->code)) > widths.code)
			widths.code = w;
		if (seen && !seen[r->type]) {   /* the types met, each once */
			seen[r->type] = 1;
			if ((w = (int)text_width(tree_type_of(&us->tree, r)->name)) > widths.type)
				widths.type = w;
		}
	}
	free(seen);
}

static void measure_status(const ui *ui)
{
	const ui_units_state *us = &ui->units;
	unsigned char seen[STATUS_COUNT][FLOW_COUNT][2] = { { { 0 } } };
	char st[64];

	widths.status = (int)text_width("Trạng thái");
	for (size_t i = 0; i < us->tree.n; i++) {
		const tree_row *r = &us->tree.rows[us->tree.order[i]];
		seen[r->status % STATUS_COUNT][r->flow % FLOW_COUNT][r->recognised != 0] = 1;
	}
	for (int s = 0; s < STATUS_COUNT; s++)
		for (int f = 0; f < FLOW_COUNT; f++)
			for (int k = 0; k < 2; k++)
				if (seen[s][f][k]) {
					tree_row r = { .status = (unsigned char)s, .flow = (unsigned char)f, .recognised = (unsigned char)k };
					int w;
					status_text(&r, st, sizeof(st));
					if ((w = (int)text_width(st)) > widths.status)
						widths.status = w;
				}
}

/* Columns: name, code, type, then the status with the workflow state
 * ("chưa đạt · đã trình"), each as wide as its widest text; the name has
 * the rest of the line (a code longer than a fifth of it is cut), and on a
 * wide screen no more than the longest name, so the columns stay together. */
static void draw_units(ui *ui)
{
	ui_units_state *us = &ui->units;
	char name[512], st[64];
	int h = ui_list_height(ui, TOP_ROWS);
	int code_w, type_w, st_w, name_cols, x_code, x_type, x_st;
	if (!widths.valid) {
		measure(ui);
		widths.valid = 1;
	}
	measure_status(ui);
	code_w = widths.code < ui->cols / 5 ? widths.code : ui->cols / 5;
	type_w = widths.type < 14 ? widths.type : 14;
	st_w = widths.status < 19 ? widths.status : 19;
	name_cols = ui->cols - 2 - code_w - type_w - st_w - 3;
	if (name_cols > widths.name + 2)
		name_cols = widths.name + 2;
	x_code = 1 + name_cols + 1;
	x_type = x_code + code_w + 1;
	x_st = x_type + type_w + 1;

	draw_title(ui);
	draw_counts(ui);
	draw_filters(ui);
	ui_put(4, 1, name_cols, "Đơn vị", A_BOLD);
	ui_put(4, x_code, code_w, "Mã", A_BOLD);
	ui_put(4, x_type, type_w, "Loại", A_BOLD);
	ui_put(4, x_st, st_w, "Trạng thái", A_BOLD);

	for (int i = 0; i < h && us->top + i < (long)us->tree.n_vis; i++) {
		long v = us->top + i;
		const tree_row *r = &us->tree.rows[us->tree.vis[v]];
		int y = TOP_ROWS + i, sel = v == us->sel;
		int indent = indent_of(r);
		int base = sel ? ui_attr(ui, UI_SELECT) : (int)A_NORMAL;

		if (sel)
			ui_line(y, ui->cols, base);
		if (ui_marked(ui, r->code))
			ui_put(y, 0, 1, "*", base | A_BOLD);   /* marked for a decision (Space) */
		snprintf(name, sizeof(name), "%*s%s", indent, "", tree_name(ui->db, &us->tree, r));
		if (r->managed_above) {   /* the name is cut, not the mark */
			int room = name_cols - (int)text_width(MANAGED_MARK);
			char cut[sizeof(name) - sizeof(MANAGED_MARK)];
			text_cut(cut, sizeof(cut), name, room > 1 ? (size_t)room : 1, "…");
			snprintf(name, sizeof(name), "%s%s", cut, MANAGED_MARK);
		}
		ui_put(y, 1, name_cols, name, base | (r->status == STATUS_NA ? A_BOLD : 0));
		ui_put(y, x_code, code_w, r->code, base);
		ui_put(y, x_type, type_w, tree_type_of(&us->tree, r)->name, base);
		status_text(r, st, sizeof(st));
		ui_put(y, x_st, st_w, st, sel ? base : status_attr(ui, r->status));
	}
	if (us->tree.n_vis == 0)
		ui_put(TOP_ROWS + 1, 2, ui->cols - 4, "Không có đơn vị nào khớp bộ lọc. Bấm t, s hoặc / để đổi bộ lọc.", A_NORMAL);
	{
		/* a name not read is left empty: said on the message line below
		 * (drawn after), not taken for a unit without a name */
		antt_err err = { "" };
		antt_status s = tree_name_failed(&us->tree, &err);
		char why[sizeof(err.msg)];
		if (s != ANTT_OK)
			ui_message(ui, 1, "Tên để trống là tên chưa đọc được: %s. %s", ui_err_sentence(s, &err, why, sizeof(why)),
				s == ANTT_ERR_DB_CORRUPT ? "Hãy nhờ người quản trị khôi phục từ bản sao lưu mới nhất."
				: "Kiểm tra ổ đĩa hay USB chứa dữ liệu, rồi thoát (q) và mở lại antt.");
	}
}

/* Filters change what is shown, not where the officer is: the cursor
 * stays on its unit while that unit is still shown. */
static void refilter(ui *ui, const char *type, int status, const char *search)
{
	ui_units_state *us = &ui->units;
	char code[sizeof(((unit_row *)0)->code)] = "";
	long keep;

	if (ui_units_current(ui))
		snprintf(code, sizeof(code), "%s", ui_units_current(ui)->code);
	tree_filter(&us->tree, type, status, search);
	keep = code[0] ? tree_find(&us->tree, code) : -1;
	us->sel = keep >= 0 ? keep : 0;
	us->top = 0;
	ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), ACT_NONE);
}

/* A search quoted in a message: a line and more is read whole
 * (tests/ui/test_fit.sh), a longer one is cut so that what to do next
 * still fits the message's rows at 80 columns (a search may be 400
 * characters). */
#define QUOTED_COLS 100

static antt_status search_submit(ui *ui, const char *text)
{
	ui_units_state *us = &ui->units;
	char shown[TREE_SEARCH_MAX];

	/* the rows show names read now (tree_name), the search matches the
	 * keys of the load: another program's rename since is loaded first,
	 * so a unit is found by the name it shows */
	if (ui_units_refresh(ui) != ANTT_OK)
		return ANTT_OK;   /* ui->msg says why; the list is gone until reloaded */
	refilter(ui, us->tree.type, us->tree.status, text);
	if (!*text) {
		ui_message(ui, 0, "Đã bỏ tìm.");
		return ANTT_OK;
	}
	/* a search goes to its first unit (a filter keeps the one selected,
	 * when it is still listed: refilter) */
	us->sel = 0;
	us->top = 0;
	if (us->tree.n_vis == 0)
		ui_message(ui, 0, "Không tìm thấy \"%s\". Bấm / rồi Enter với ô trống để bỏ tìm.",
			text_cut(shown, sizeof(shown), text, QUOTED_COLS, "…"));
	else
		ui_message(ui, 0, "Tìm thấy %zu đơn vị. Bấm / rồi Enter với ô trống để bỏ tìm.", us->tree.n_vis);
	return ANTT_OK;
}

/* --- actions ------------------------------------------------------------ */

/* v found no waiting form among those shown: none at all, or the
 * filters hide them (and the way to show them). */
static void queue_hidden(ui *ui, size_t queue)
{
	const tree_view *t = &ui->units.tree;
	char shown[TREE_SEARCH_MAX];

	if (!queue)
		ui_message(ui, 0, "Không có phiếu nào đang chờ duyệt trong danh sách này.");
	else if (t->search[0] && !t->type[0] && t->status < 0)
		ui_message(ui, 0, "Tìm \"%s\" đang ẩn cả %zu phiếu chờ duyệt: bấm / rồi Enter với ô trống để bỏ tìm.",
			text_cut(shown, sizeof(shown), t->typed, QUOTED_COLS, "…"), queue);
	else
		ui_message(ui, 0, "Bộ lọc đang ẩn cả %zu phiếu chờ duyệt: bấm Esc để bỏ mọi bộ lọc.", queue);
}

static void cycle_type(ui *ui)
{
	ui_units_state *us = &ui->units;
	size_t i;

	for (i = 0; i < us->tree.n_counts; i++)
		if (!strcmp(us->tree.counts[i].type, us->tree.type))
			break;
	/* "" -> first type -> ... -> last -> "" */
	i = us->tree.type[0] ? i + 1 : 0;
	refilter(ui, i < us->tree.n_counts ? us->tree.counts[i].type : NULL, us->tree.status, us->tree.typed);
}

/* all, each verdict, then đã trình, trả lại, đã duyệt (tree_filter_next) */
static void cycle_status(ui *ui)
{
	ui_units_state *us = &ui->units;

	refilter(ui, us->tree.type, tree_filter_next(us->tree.status), us->tree.typed);
}

static int act_units(ui *ui, ui_action a)
{
	ui_units_state *us = &ui->units;
	const tree_row *r = ui_units_current(ui);
	long next;

	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PGUP: case ACT_PGDN: case ACT_HOME: case ACT_END:
		ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), a);
		return R_REDRAW;
	case ACT_BACK:
		if (ui_marks_clear(ui))
			ui_message(ui, 0, "Đã bỏ đánh dấu.");
		else if (us->tree.search[0] || us->tree.type[0] || us->tree.status >= 0) {
			refilter(ui, NULL, -1, NULL);
			ui_message(ui, 0, "Đã bỏ mọi bộ lọc.");
		}
		return R_REDRAW;
	case ACT_OPEN:
		if (!r)
			return R_NONE;
		if (r->status == STATUS_NA) {
			ui_message(ui, 1, "%s không đánh giá theo tiêu chuẩn; chọn một đơn vị bên dưới.", tree_type_of(&us->tree, r)->name);
			return R_REDRAW;
		}
		if (r->status == STATUS_EXCLUDED) {
			ui_message(ui, 0, "Đơn vị này không thuộc diện đánh giá (bấm x để bỏ đánh dấu).");
			return R_REDRAW;
		}
		ui_check_open(ui, r->code);
		return R_REDRAW;
	case ACT_SEARCH:
		/* an empty box: what is typed is the search (added to the last
		 * one it made a search no one meant), and Enter on it as it
		 * opens ends the search, as the messages say; the filter line
		 * shows the search in force */
		ui_prompt(ui, "Tìm (tên hoặc mã, không cần dấu):", "", search_submit);
		return R_REDRAW;
	case ACT_NEXT: case ACT_QUEUE:
		next = a == ACT_NEXT ? tree_next_pending(&us->tree, us->sel) : tree_next_submitted(&us->tree, us->sel);
		if (next >= 0 && next == us->sel)
			ui_message(ui, 0, a == ACT_NEXT ? "Chỉ còn đơn vị này chưa đánh giá xong trong danh sách."
				: "Chỉ còn phiếu này chờ duyệt trong danh sách.");
		else if (next >= 0 && next < us->sel) {
			/* past the last one: from the top again, and said */
			us->sel = next;
			ui_message(ui, 0, "Đã hết danh sách: quay lại từ đầu.");
		} else if (next >= 0)
			us->sel = next;
		else if (a == ACT_NEXT)
			ui_message(ui, 0, "Không còn đơn vị nào chưa đánh giá trong danh sách này.");
		else
			queue_hidden(ui, queue_size(us));
		ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), ACT_NONE);
		return R_REDRAW;
	case ACT_TYPE:
		cycle_type(ui);
		return R_REDRAW;
	case ACT_STATUS:
		cycle_status(ui);
		return R_REDRAW;
	case ACT_YEAR_PREV: case ACT_YEAR_NEXT:
		if (ui_year_step(ui, a == ACT_YEAR_NEXT ? 1 : -1) && ui_units_refresh(ui) == ANTT_OK && !any_form(&us->tree))
			ui_message(ui, 0, "Năm %d chưa có phiếu nào: mọi đơn vị chưa đánh giá; %s về năm %s.", ui->year,
				a == ACT_YEAR_NEXT ? "[" : "]", a == ACT_YEAR_NEXT ? "trước" : "sau");
		return R_REDRAW;
	case ACT_PROGRESS:
		ui->progress.ptop = 0;
		ui_push(ui, &ui_progress_screen);
		return R_REDRAW;
	case ACT_REGISTERS:
		if (!r)
			return R_NONE;
		ui_registers_open(ui, r->code, tree_name(ui->db, &us->tree, r));
		return R_REDRAW;
	case ACT_CONFLICTS:
		ui_push(ui, &ui_conflicts_screen);
		return R_REDRAW;
	case ACT_REPORT:
		ui_report_dialog(ui);
		return R_REDRAW;
	case ACT_PRINT:
		if (!r)
			return R_NONE;
		ui_print_open(ui, r);
		return R_REDRAW;
	case ACT_EXCHANGE:
		if (!r)
			return R_NONE;
		ui_exchange_open(ui, r);
		return R_REDRAW;
	case ACT_SETTINGS:
		ui_push(ui, &ui_settings_screen);
		return R_REDRAW;
	case ACT_ADD: case ACT_RENAME: case ACT_MOVE: case ACT_RETIRE: case ACT_EXCLUDE: case ACT_MANAGED:
		return ui_unit_edit(ui, a, r);
	case ACT_MARK:
		ui_mark_toggle(ui);
		return R_REDRAW;
	case ACT_RECOGNISE:
		ui_recognise_start(ui);
		return R_REDRAW;
	case ACT_SUBMIT_ALL: case ACT_APPROVE_ALL:
		ui_bulk_start(ui, a == ACT_APPROVE_ALL);
		return R_REDRAW;
	default:
		return R_NONE;
	}
}

/* Filters that leave no unit shown: no Enter or n (nothing to open or go
 * on to), and Esc, which clears them, named (marks first: Esc clears
 * those before the filters, so the usual bar stays). */
static const ui_hint *units_hints(ui *ui)
{
	static const ui_hint none[] = { { ACT_SEARCH, NULL }, { ACT_BACK, "Bỏ lọc" }, { ACT_QUEUE, NULL },
		{ ACT_PROGRESS, NULL }, { ACT_REPORT, NULL }, { ACT_QUIT, NULL }, { ACT_NONE, NULL } };
	const ui_units_state *us = &ui->units;

	return us->tree_loaded && us->tree.n_vis == 0 && us->marks.n == 0 && (us->tree.search[0] || us->tree.type[0] || us->tree.status >= 0) ?
		none : NULL;
}

const ui_screen ui_units_screen = { SC_UNITS, draw_units, act_units, 0, NULL, NULL, units_hints };

void ui_units_changed(ui *ui, const char *code)
{
	ui_units_state *us = &ui->units;
	antt_err err = { "" };
	antt_status st;
	long k;

	/* only this unit and those above it can have changed */
	if ((st = tree_update(ui->db, &us->tree, code, &err)) != ANTT_OK)
		ui_fail(ui, st, &err);
	if ((k = tree_find(&us->tree, code)) >= 0)
		us->sel = k;
	ui_scroll(&us->sel, &us->top, (long)us->tree.n_vis, ui_list_height(ui, TOP_ROWS), ACT_NONE);
}
