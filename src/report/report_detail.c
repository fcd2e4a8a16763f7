/* The detail sheets: one per unit type (verdict, approval, decision of
 * each unit) and "Chưa đạt" (every unit to assess not recognised, with its
 * reason), each an appendix of the report. */
#include "report_int.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Viewers do not grow rows for wrapped text written by a program: set the
 * height from the longest cell, its lines measured in Times New Roman 12. */
int report_row_lines(const char *const *texts, const double *widths, int n)
{
	int lines = 1;

	/* measured in the font (report_lines): counting characters gave
	 * "Phường Xuân Trường 3" one line, and LibreOffice hid its "3" */
	for (int k = 0; k < n; k++) {
		int l = report_lines(texts[k], widths[k], 12, 0);
		if (l > lines)
			lines = l;
	}
	return lines;
}

void report_set_lines(lxw_worksheet *ws, int row, int lines)
{
	worksheet_set_row(ws, (lxw_row_t)row, 15.75 * lines, NULL);
}

void report_fit_row(lxw_worksheet *ws, int row, const char *const *texts, const double *widths, int n)
{
	report_set_lines(ws, row, report_row_lines(texts, widths, n));
}

static const char *verdict_words(const char *v, int excluded)
{
	if (excluded)
		return "Không thuộc diện";
	if (!v)
		return "Chưa đăng ký";
	if (!strcmp(v, "pass"))
		return "Đạt";
	if (!strcmp(v, "fail"))
		return "Chưa đạt";
	return "Chưa đánh giá xong";
}

/* Roman numerals for the appendices' numbers (Phụ lục I, II …). */
static void roman(int v, char *buf, size_t n)
{
	static const struct { int v; const char *s; } r[] = { { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" },
		{ 100, "C" }, { 90, "XC" }, { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" },
		{ 1, "I" } };
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(r) / sizeof(*r); i++)
		for (; v >= r[i].v && used + 3 < n; v -= r[i].v)
			used += (size_t)snprintf(buf + used, n - used, "%s", r[i].s);
}

/* An appendix's top: "Phụ lục II" and the report it goes with, then its
 * own title (rows 0 and 1); a continued table keeps the number. */
void report_appendix(writer *w, lxw_worksheet *ws, const char *title, int last_col, double span, int landscape,
                     int continued)
{
	/* the settings as report_write read them: this may run on the thread
	 * that writes the sheets, which does not touch the database */
	char *t = layout_expand(title, w->year), num[32], *line;
	const char *prefix = w->appendix_prefix ? w->appendix_prefix : "",
		*office = w->appendix_office ? w->appendix_office : "";

	report_page(ws, landscape ? PAGE_LANDSCAPE : PAGE_PORTRAIT);
	roman(continued ? w->appendix : ++w->appendix, num, sizeof(num));
	/* the number as the signed page writes it (report_header): no dash
	 * without a prefix */
	/* prefix and office whole (a fixed buffer cut them in the middle of a
	 * letter, and the sheet's XML was no longer UTF-8) */
	line = report_strf("Phụ lục %s%s\n(Kèm theo Báo cáo số      /BC%s%s ngày %s tháng %s năm %s%s%s)", num,
		continued ? " (tiếp theo)" : "", *prefix ? "-" : "", prefix, w->day, w->month, w->yyyy, *office ? " của " : "", office);
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)last_col, line ? line : "", w->f[F_APPENDIX]);
	{   /* "(Kèm theo …)" on a narrow table, with a prefix and a long office
	     * name, takes two lines: three in all */
		int lines = report_lines(line ? line : "", span, 12, 0);
		worksheet_set_row(ws, 0, lines <= 2 ? 36 : 16.0 * lines + 4, NULL);
	}
	free(line);
	worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)last_col, t ? t : title, w->f[F_SHEET_TITLE]);
	/* two lines for a long title (it wraps), else one */
	worksheet_set_row(ws, 1, text_width(t ? t : title) > 60 ? 36 : 22, NULL);
	free(t);
}

/* A detail sheet: the appendix's top, then the column heads (repeated on
 * every page); landscape, wide enough for its columns at full size. */
void report_detail_head(detail *d, const char *title, const char *const *cols, const double *widths, int n)
{
	report_appendix(d->w, d->ws, title, n - 1, report_span(widths, n), 1, 0);
	for (int i = 0; i < n; i++) {
		worksheet_set_column(d->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
		worksheet_write_string(d->ws, 2, (lxw_col_t)i, cols[i], d->w->f[F_HEAD]);
	}
	worksheet_set_row(d->ws, 2, 32, NULL);   /* two lines of head */
	worksheet_repeat_rows(d->ws, 2, 2);
	d->row = 3;
	d->n = 0;
}

/* Why a unit to assess is not counted as "Đạt" (được công nhận), into
 * buf; NULL when it is recognised or outside the standard. Every unit the
 * summary counts as not đạt has one, so the sheet reconciles with it. */
static const char *not_passed_reason(const tally_unit *u, char *buf, size_t n)
{
	if (u->excluded || u->decision)
		return NULL;
	if (!u->verdict)
		return "Không đăng ký";
	if (!strcmp(u->verdict, "fail"))
		snprintf(buf, n, "Không đạt tiêu chí: %s", u->failed_words);
	else if (!strcmp(u->verdict, "missing") && u->status && !strcmp(u->status, "registered"))
		return "Đã đăng ký, chưa đánh giá";
	else if (!strcmp(u->verdict, "missing"))
		snprintf(buf, n, "Chưa đánh giá xong, còn thiếu: %s", u->failed_words);
	else if (u->status && !strcmp(u->status, "approved"))
		return "Đã duyệt đạt, chờ quyết định công nhận";
	else if (u->status && !strcmp(u->status, "submitted"))
		return "Tự đánh giá đạt, chờ lãnh đạo duyệt";
	else
		return "Tự đánh giá đạt, chưa trình lãnh đạo";
	return buf;
}

/* The table is made before the units are read (a table made while
 * tally_units reads its own temporary one would stop that reading);
 * "temp." keeps it off the database itself, which may be read-only (its
 * cache: report_write's). */
static antt_status failed_begin(failed_list *l, antt_err *err)
{
	int rc;
	antt_status s;

	rc = sqlite3_exec(l->db->sql, "DROP TABLE IF EXISTS temp.report_failed;"
		" CREATE TEMP TABLE report_failed (seq INTEGER PRIMARY KEY, commune TEXT, name TEXT, type TEXT, reason TEXT)",
		NULL, NULL, NULL);
	s = rc == SQLITE_OK ? ANTT_OK : db_fail(l->db, rc, err, "tạo bảng tạm cho danh sách đơn vị chưa đạt");
	if (s == ANTT_OK)
		s = db_prepare(l->db, "INSERT INTO temp.report_failed (commune, name, type, reason) VALUES (?, ?, ?, ?)",
			&l->add, err);
	return s;
}

static antt_status collect_failed(const tally_unit *u, failed_list *l, antt_err *err)
{
	char buf[2200];
	const char *why = not_passed_reason(u, buf, sizeof(buf)), *parts[4];
	int rc;

	if (!why)
		return ANTT_OK;
	parts[0] = u->commune; parts[1] = u->name; parts[2] = u->type_name; parts[3] = why;
	for (int k = 0; k < 4; k++)
		sqlite3_bind_text(l->add, k + 1, parts[k] ? parts[k] : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(l->add);
	sqlite3_reset(l->add);
	if (rc != SQLITE_DONE)
		return db_fail(l->db, rc, err, "ghi tạm danh sách đơn vị chưa đạt");
	l->n++;
	return ANTT_OK;
}

/* A cell holds at most 32,767 characters (Excel's limit, libxlsxwriter's
 * LXW_STR_MAX): a longer string is refused and the cell left out without a
 * word. A unit's notes are every noted answer's, joined, and have no bound
 * of their own: past NOTE_CHARS characters they are cut, the cut said, with
 * room left for type_row_write's "Do cấp trên quản lý …" before them. */
#define NOTE_CHARS 32000
#define NOTE_BYTES (4 * NOTE_CHARS)
static const char NOTE_CUT[] = " … (ghi chú còn dài hơn một ô Excel chứa được; xem đủ trong antt)";

/* notes, or a copy cut at NOTE_CHARS characters (in d->note_cut); NULL
 * when that copy cannot be made. */
static const char *note_in_cell(detail *d, const char *notes)
{
	size_t chars = 0, k = 0;

	/* characters as libxlsxwriter counts them: the bytes that start one;
	 * NOTE_BYTES reached first only in text that is not UTF-8 */
	for (; notes[k] && k < NOTE_BYTES; k++)
		if (((unsigned char)notes[k] & 0xC0) != 0x80 && ++chars > NOTE_CHARS)
			break;
	if (!notes[k])
		return notes;
	if (!d->note_cut && !(d->note_cut = malloc(NOTE_BYTES + sizeof(NOTE_CUT))))
		return NULL;
	memcpy(d->note_cut, notes, k);
	memcpy(d->note_cut + k, NOTE_CUT, sizeof(NOTE_CUT));
	return d->note_cut;
}

/* A unit's row on the pipe to the writing thread: the sheet it goes to
 * (type, its name) and its cells after STT, made on the reading thread, as
 * is the row's height: the writing thread, the slower of the two, only
 * writes them. */
enum { U_TYPE, U_TYPE_NAME, U_CELLS, U_COLS = U_CELLS + TYPE_COLS - 1 };
enum { U_LINES };

/* The columns' widths of the per-type sheets; STT: room for "1.490",
 * taken from Ghi chú (which wraps anyway) */
static const double TYPE_WIDTHS[TYPE_COLS] = { 6, 9, 26, 16, 11, 10, 16, 10, 17 };

/* notes with "Do cấp trên quản lý …" before them, in d->note_said; NULL
 * when there is no memory for it */
static const char *note_managed_above(detail *d, const char *notes)
{
	/* why the commune does not count it, said beside the notes */
	static const char said[] = "Do cấp trên quản lý, không tính vào tiêu chí 4 của xã";
	size_t n = sizeof(said) + 2 + strlen(notes);

	if (n > d->note_said_cap) {
		char *more = realloc(d->note_said, n);
		if (!more)
			return NULL;
		d->note_said = more;
		d->note_said_cap = n;
	}
	snprintf(d->note_said, n, "%s%s%s", said, *notes ? ". " : "", notes);
	return d->note_said;
}

/* tally_units callback, on the reading thread: the unit into d->failed
 * when not đạt, and its row on to the writing thread. */
static int type_row_read(const tally_unit *u, void *ctx)
{
	detail *d = ctx;
	const char *s[U_COLS], *texts[TYPE_COLS], *notes;
	int ints[PIPE_INTS] = { 0 };
	char ids[600];
	size_t n = 0;

	if (d->failed && (d->read_st = collect_failed(u, d->failed, d->read_err)) != ANTT_OK)
		return 1;
	/* "4b, 5.2" for a failed unit; what an incomplete one lacks is on the
	 * "Chưa đạt" sheet */
	if (u->verdict && !strcmp(u->verdict, "fail") && u->detail)
		for (const char *p = u->detail; *p && n + 3 < sizeof(ids); p++) {
			ids[n++] = *p;
			if (*p == ',')
				ids[n++] = ' ';
		}
	ids[n] = '\0';
	if (!(notes = note_in_cell(d, u->notes ? u->notes : "")) ||
	    (u->managed_above && !(notes = note_managed_above(d, notes)))) {
		d->read_st = err_set(d->read_err, ANTT_ERR_NOMEM, "không đủ bộ nhớ để ghi báo cáo");
		return 1;
	}
	texts[0] = "";
	texts[1] = u->code;
	texts[2] = u->name;
	texts[3] = u->commune;
	texts[4] = verdict_words(u->verdict, u->excluded);
	texts[5] = u->status && !strcmp(u->status, "approved") ? "Đã duyệt" :
	           u->status && !strcmp(u->status, "submitted") ? "Đã trình" : "";
	texts[6] = u->decision;
	texts[7] = ids;
	texts[8] = notes;
	for (int k = 1; k < TYPE_COLS; k++)
		if (!texts[k])
			texts[k] = "";
	s[U_TYPE] = u->type;
	s[U_TYPE_NAME] = u->type_name;
	memcpy(s + U_CELLS, texts + 1, (TYPE_COLS - 1) * sizeof(*s));
	ints[U_LINES] = report_row_lines(texts, TYPE_WIDTHS, TYPE_COLS);
	return report_pipe_put(d->pipe, s, ints);
}

/* The per-type sheets: the unit's own verdict, the leader's approval and
 * the recognising decision side by side. On the writing thread. */
static int type_row_write(const pipe_row *r, void *ctx)
{
	static const char *const cols[] = { "STT", "Mã", "Tên đơn vị", "Xã / trực thuộc", "Tự đánh giá", "Duyệt",
		"Công nhận (quyết định)", "Tiêu chí không đạt", "Ghi chú" };
	detail *d = ctx;
	writer *w = d->w;
	const char *type = r->s[U_TYPE] ? r->s[U_TYPE] : "", *type_name = r->s[U_TYPE_NAME] ? r->s[U_TYPE_NAME] : "";

	if (strcmp(d->type, type)) {
		char title[160];
		if (d->ws)
			worksheet_print_area(d->ws, 0, 0, (lxw_row_t)(d->row - 1), TYPE_COLS - 1);
		snprintf(d->type, sizeof(d->type), "%s", type);
		if (!(d->ws = report_stream_sheet(w, type_name, d->err))) {
			d->st = ANTT_ERR_IO;
			return 1;
		}
		d->sheets++;
		snprintf(title, sizeof(title), "Danh sách %s năm %d", type_name, w->year);
		{
			char up[200];
			text_upper(title, up, sizeof(up));
			report_detail_head(d, up, cols, TYPE_WIDTHS, TYPE_COLS);
		}
	}
	worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
	for (int k = 1; k < TYPE_COLS; k++)
		worksheet_write_string(d->ws, d->row, (lxw_col_t)k, r->s[U_CELLS + k - 1], w->f[F_CELL_WRAP]);
	report_set_lines(d->ws, d->row, r->i[U_LINES]);
	d->row++;
	return 0;
}

/* What stopped a piped sheet: the reading (s, already in err), the
 * reading's callback (read_st), the pipe, or the writing (st, in werr). */
static antt_status piped_status(antt_status s, antt_status piped, const detail *d, const antt_err *werr,
                                antt_err *err)
{
	if (s == ANTT_OK && d->read_st != ANTT_OK)
		s = d->read_st;
	if (s == ANTT_OK && piped != ANTT_OK)
		s = err_set(err, piped, "không đủ bộ nhớ để ghi báo cáo");
	if (s == ANTT_OK && d->st != ANTT_OK) {
		s = d->st;
		if (err)
			*err = *werr;
	}
	return s;
}

antt_status report_type_sheets(writer *w, detail *d, antt_err *err)
{
	antt_err werr = { { 0 } };
	antt_status s, piped;

	d->err = &werr;
	d->read_err = err;
	if (d->failed && !d->failed->add && (s = failed_begin(d->failed, err)) != ANTT_OK)
		return s;
	if ((s = report_pipe_open(&d->pipe, U_COLS, w->o->one_thread, type_row_write, d)) != ANTT_OK)
		return err_set(err, s, "không đủ bộ nhớ để ghi báo cáo");
	s = tally_units(w->db, w->o->year, w->o->under, w->l, w->ordered, type_row_read, d, err);
	piped = report_pipe_close(d->pipe);
	d->pipe = NULL;
	free(d->note_cut);
	d->note_cut = NULL;
	free(d->note_said);
	d->note_said = NULL;
	d->note_said_cap = 0;
	s = piped_status(s, piped, d, &werr, err);
	d->err = err;
	if (s == ANTT_OK && d->ws)
		worksheet_print_area(d->ws, 0, 0, (lxw_row_t)(d->row - 1), TYPE_COLS - 1);
	return s;
}

/* STT: room for "1.490" */
static const double FAILED_WIDTHS[] = { 6, 20, 28, 14, 52 };

/* A row of "Chưa đạt", on the writing thread: its height measured by the
 * reading one (report_failed_sheet). */
static int failed_row_write(const pipe_row *r, void *ctx)
{
	detail *d = ctx;

	worksheet_write_number(d->ws, d->row, 0, ++d->n, d->w->f[F_CELL_INT]);
	for (int k = 1; k < 5; k++)
		worksheet_write_string(d->ws, d->row, (lxw_col_t)k, r->s[k - 1] ? r->s[k - 1] : "", d->w->f[F_CELL_WRAP]);
	report_set_lines(d->ws, d->row, r->i[0]);
	d->row++;
	return 0;
}

antt_status report_failed_sheet(writer *w, failed_list *fl, antt_err *err)
{
	static const char *const cols[] = { "STT", "Xã / trực thuộc", "Đơn vị", "Loại", "Lý do chưa đạt" };
	antt_err werr = { { 0 } };
	detail d = { .w = w, .err = &werr };
	sqlite3_stmt *st = NULL;
	antt_status s = ANTT_OK, piped;
	int rc = SQLITE_DONE;

	/* by commune, then name, in Vietnamese order (report_order.c); units
	 * of the same both in the order met */
	if (fl->n && report_sort_key(fl->db->sql) != SQLITE_OK) {   /* the sheet is not left out unsaid */
		s = err_set(err, ANTT_ERR_NOMEM, "không đủ bộ nhớ để xếp danh sách đơn vị chưa đạt");
		goto out;
	}
	if (fl->n && (s = db_prepare(fl->db, "SELECT commune, name, type, reason FROM temp.report_failed"
	                                     " ORDER BY vi_key(commune), vi_key(name), seq", &st, err)) != ANTT_OK)
		goto out;
	if (!(d.ws = report_stream_sheet(w, "Chưa đạt", err))) {
		s = ANTT_ERR_IO;
		goto out;
	}
	report_detail_head(&d, "CÁC ĐƠN VỊ CHƯA ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN \"AN TOÀN VỀ AN NINH, TRẬT TỰ\" NĂM {year}",
		cols, FAILED_WIDTHS, 5);
	if ((s = report_pipe_open(&d.pipe, 4, w->o->one_thread, failed_row_write, &d)) != ANTT_OK) {
		s = err_set(err, s, "không đủ bộ nhớ để ghi báo cáo");
		goto out;
	}
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *texts[5] = { "" };
		int lines[PIPE_INTS] = { 0 };
		for (int k = 1; k < 5; k++)
			texts[k] = (const char *)sqlite3_column_text(st, k - 1);
		for (int k = 1; k < 5; k++)
			if (!texts[k])
				texts[k] = "";
		lines[0] = report_row_lines(texts, FAILED_WIDTHS, 5);
		if (report_pipe_put(d.pipe, texts + 1, lines))
			break;
	}
	piped = report_pipe_close(d.pipe);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		s = db_fail(fl->db, rc, err, "đọc danh sách đơn vị chưa đạt");
		goto out;
	}
	if ((s = piped_status(ANTT_OK, piped, &d, &werr, err)) != ANTT_OK)
		goto out;
	if (d.n == 0)
		worksheet_merge_range(d.ws, 3, 0, 3, 4, "Mọi đơn vị thuộc diện đánh giá đều đã được công nhận.",
			w->f[F_CELL_TEXT]);
	worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row > 3 ? d.row - 1 : 3), 4);
out:
	sqlite3_finalize(st);
	report_failed_free(fl);
	return s;
}

void report_failed_free(failed_list *l)
{
	if (l->add) {
		sqlite3_finalize(l->add);
		sqlite3_exec(l->db->sql, "DROP TABLE IF EXISTS temp.report_failed", NULL, NULL, NULL);
	}
	l->add = NULL;
	l->n = 0;
}
