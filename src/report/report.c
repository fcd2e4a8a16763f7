/* Writing the report with libxlsxwriter. Formats are made once (a table of
 * styles), numbers are numbers, totals are formulas that also store their
 * value, and the document properties are fixed, so the same data gives the
 * same bytes. */
#include "report_int.h"
#include "count.h"
#include "date.h"
#include "form.h"
#include "num.h"
#include "text.h"
#include "unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FONT "Times New Roman"
/* Vietnamese number formats whatever the viewer's locale: 1.686 and 97,6 % */
#define FMT_INT "[$-42A]#,##0"
#define FMT_SCORE "[$-42A]#,##0.0"

/* Nghị định 30 margins, in inches: left 30 mm, right 15 mm, top/bottom 20 mm */
#define MARGIN_LEFT   (30 / 25.4)
#define MARGIN_RIGHT  (15 / 25.4)
#define MARGIN_TOP    (20 / 25.4)
#define MARGIN_BOTTOM (20 / 25.4)

/* The write buffer of a streamed sheet's rows (report_stream_sheet). */
#define STREAM_BUFFER (64 * 1024)


lxw_format *report_fmt(writer *w, double size, int bold, int italic, int align, int border, const char *num)
{
	lxw_format *f = workbook_add_format(w->wb);

	format_set_font_name(f, FONT);
	format_set_font_size(f, size);
	if (bold)
		format_set_bold(f);
	if (italic)
		format_set_italic(f);
	format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (num)
		format_set_num_format(f, num);
	return f;
}

void report_formats(writer *w)
{
	w->f[F_AGENCY] = report_fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_UNIT] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_RULE] = report_fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_top(w->f[F_RULE], LXW_BORDER_THIN);
	w->f[F_NATION] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_MOTTO] = report_fmt(w, 14, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_underline(w->f[F_MOTTO], LXW_UNDERLINE_SINGLE);
	w->f[F_NUMBER] = report_fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_DATE] = report_fmt(w, 13, 0, 1, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_TITLE] = report_fmt(w, 14, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_SUBJECT] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_text_wrap(w->f[F_SUBJECT]);
	w->f[F_HEAD] = report_fmt(w, 11, 1, 0, LXW_ALIGN_CENTER, 1, NULL);
	format_set_text_wrap(w->f[F_HEAD]);
	w->f[F_CELL_TEXT] = report_fmt(w, 12, 0, 0, LXW_ALIGN_LEFT, 1, NULL);
	w->f[F_CELL_INT] = report_fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, FMT_INT);
	w->f[F_CELL_PCT] = report_fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, REPORT_FMT_PCT);
	w->f[F_CELL_SCORE] = report_fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, FMT_SCORE);
	w->f[F_TOTAL_TEXT] = report_fmt(w, 12, 1, 0, LXW_ALIGN_LEFT, 1, NULL);
	w->f[F_TOTAL_INT] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, FMT_INT);
	w->f[F_TOTAL_PCT] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, REPORT_FMT_PCT);
	w->f[F_SIGN_TITLE] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_SIGN_NAME] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_RECIPIENTS_LABEL] = report_fmt(w, 12, 1, 1, LXW_ALIGN_LEFT, 0, NULL);
	w->f[F_RECIPIENT] = report_fmt(w, 11, 0, 0, LXW_ALIGN_LEFT, 0, NULL);
	w->f[F_SHEET_TITLE] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_text_wrap(w->f[F_SHEET_TITLE]);
	w->f[F_BODY] = report_fmt(w, 13, 0, 0, LXW_ALIGN_JUSTIFY, 0, NULL);
	format_set_text_wrap(w->f[F_BODY]);
	format_set_align(w->f[F_BODY], LXW_ALIGN_VERTICAL_TOP);
	w->f[F_PERIOD] = report_fmt(w, 12, 0, 1, LXW_ALIGN_LEFT, 0, NULL);
	format_set_text_wrap(w->f[F_PERIOD]);
	format_set_align(w->f[F_PERIOD], LXW_ALIGN_VERTICAL_TOP);
	w->f[F_APPENDIX] = report_fmt(w, 12, 0, 1, LXW_ALIGN_CENTER, 0, NULL);
	format_set_text_wrap(w->f[F_APPENDIX]);
	w->f[F_CELL_WRAP] = report_fmt(w, 12, 0, 0, LXW_ALIGN_LEFT, 1, NULL);
	format_set_text_wrap(w->f[F_CELL_WRAP]);
	format_set_align(w->f[F_CELL_WRAP], LXW_ALIGN_VERTICAL_TOP);
}

void report_page(lxw_worksheet *ws, int flags)
{
	int landscape = flags & PAGE_LANDSCAPE;

	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_margins(ws, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	/* Nghị định 30: the number at the top centre; the signed first page
	 * (report_summary.c) has none */
	if (!(flags & PAGE_UNNUMBERED))
		worksheet_set_header(ws, "&C&\"Times New Roman\"&13&P");
	worksheet_center_horizontally(ws);
}

char *report_setting(writer *w, const char *key, const char *def)
{
	return db_setting_get(w->db, key, def);
}

char *report_strf(const char *fmt, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(out = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(out, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return out;
}

/* A black pixel (PNG, 96 dpi), stretched into the short rules Nghị định 30
 * draws under the issuing unit and under the trích yếu: a drawn line
 * sized to the text, not a cell border that starts where a column does. */
static const unsigned char PIXEL[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
	0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00,
	0x09, 0x70, 0x48, 0x59, 0x73, 0x00, 0x00, 0x0e, 0xc4, 0x00, 0x00, 0x0e, 0xc4, 0x01, 0x95, 0x2b, 0x0e, 0x1b,
	0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01,
	0xe5, 0x27, 0xde, 0xfc, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

/* A column's width in pixels, as Excel and libxlsxwriter count it. */
double report_col_px(double width)
{
	return width < 1 ? (int)(width * 12 + 0.5) : (int)(width * 7 + 0.5) + 5;
}

double report_span(const double *widths, int n)
{
	double px = 0;

	for (int c = 0; c < n; c++)
		px += report_col_px(widths[c]);
	return (px - 5) / 7;
}

/* Pixels (96 dpi) a line of text takes in Times New Roman of size pt,
 * em: a character's mean width (measured in LibreOffice's PDF: 0.4 for
 * Vietnamese text, 0.5 bold, 0.7 bold capitals with their accents). */
double report_text_px(const char *text, double pt, double em)
{
	return (double)text_width(text) * pt * em * 96.0 / 72.0;
}

/* The rule in row r, centred over columns c0..c1, 2/5 of the text's
 * width (Nghị định 30: 1/3 to 1/2). */
void report_rule(lxw_worksheet *ws, int r, int c0, int c1, const double *widths, double text)
{
	double block = 0, len;

	for (int c = c0; c <= c1; c++)
		block += report_col_px(widths[c]);
	len = 0.4 * (text < block ? text : block);
	if (len < 8)
		return;
	worksheet_insert_image_buffer_opt(ws, (lxw_row_t)r, (lxw_col_t)c0, PIXEL, sizeof(PIXEL),
		&(lxw_image_options){ .x_offset = (int32_t)((block - len) / 2), .y_offset = 4, .x_scale = (int)len,
		.y_scale = 1, .object_position = LXW_OBJECT_MOVE_AND_SIZE, .decorative = 1 });
}

/* The issuing unit's format: 13 pt; 12 pt (Nghị định 30 allows 12 to 13)
 * for a name a little wider than its half of the header ("CÔNG AN HUYỆN
 * SÔNG LAM"); a long name (a company's, or the province demo's "Phòng
 * PV05 - Công an tỉnh Bình Giang") on two or three lines rather than cut
 * at both ends. */
static lxw_format *head_wrap(writer *w, lxw_worksheet *ws, const char *up, double width)
{
	if (report_text_pt(up, 13, 1) <= width * 0.75 - 4)
		return w->f[F_UNIT];
	if (report_text_pt(up, 12, 1) <= width * 0.75 - 4) {
		if (!w->f[F_UNIT_12])
			w->f[F_UNIT_12] = report_fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
		return w->f[F_UNIT_12];
	}
	if (!w->f[F_UNIT_WRAP]) {
		w->f[F_UNIT_WRAP] = report_fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
		format_set_text_wrap(w->f[F_UNIT_WRAP]);
	}
	w->head_h[1] = report_text_pt(up, 13, 1) > 2 * (width * 0.75 - 4) ? 54 : 36;
	worksheet_set_row(ws, 1, w->head_h[1], NULL);
	return w->f[F_UNIT_WRAP];
}

/* The last column of the head's left half. */
int report_left_end(const writer *w, int last_col)
{
	if (w->split > 0 && w->split < last_col)
		return w->split;
	return last_col / 2 - 1 > 1 ? last_col / 2 - 1 : 1;
}

/* The Nghị định 30 header: agency and unit on the left, nation and motto
 * on the right, number and date, then the title and the trích yếu, each
 * with its short rule. Returns the next row. */
int report_header(writer *w, lxw_worksheet *ws, const double *widths, int last_col)
{
	char *parent = w->agency ? strdup(w->agency) : report_setting(w, "parent_agency", "");
	char *office = w->issuer ? strdup(w->issuer) : report_setting(w, "office_name", "");
	char *prefix = w->prefix ? strdup(w->prefix) : report_setting(w, "report_prefix", "");
	char *place = w->place ? strdup(w->place) : report_setting(w, "place", "");
	char *agency_up = text_upper_dup(parent ? parent : ""), *office_up = text_upper_dup(office ? office : ""), *buf, *subject;
	const char *up = office_up ? office_up : "";   /* out of memory: the head's text left empty */
	int left_end = report_left_end(w, last_col), right = left_end + 1;
	double width = 0;

	for (int r = 0; r < 8; r++)
		w->head_h[r] = r == 2 || r == 7 ? 9 : 15;
	for (int c = 0; c <= left_end; c++)
		width += report_col_px(widths[c]);
	/* whole, however long the settings (a 300-character name of letters
	 * outside the BMP is 1,200 bytes; the database holds any length) */
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)left_end, agency_up ? agency_up : "", w->f[F_AGENCY]);
	worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)left_end, up, head_wrap(w, ws, up, width));
	width = 0;
	worksheet_merge_range(ws, 0, (lxw_col_t)right, 0, (lxw_col_t)last_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		w->f[F_NATION]);
	worksheet_merge_range(ws, 1, (lxw_col_t)right, 1, (lxw_col_t)last_col, "Độc lập - Tự do - Hạnh phúc", w->f[F_MOTTO]);
	worksheet_set_row(ws, 2, 9, NULL);
	report_rule(ws, 2, 0, left_end, widths, report_text_px(up, 13, 0.7));
	buf = report_strf("Số:      /%s%s%s", w->kind ? w->kind : "BC", prefix && *prefix ? "-" : "", prefix ? prefix : "");
	if (!w->kind || *w->kind)   /* a biên bản has no number */
		worksheet_merge_range(ws, 3, 0, 3, (lxw_col_t)left_end, buf ? buf : "", w->f[F_NUMBER]);
	free(buf);
	buf = report_strf("%s, ngày %s tháng %s năm %s", place && *place ? place : "……", w->day, w->month, w->yyyy);
	if (!w->undated)
		worksheet_merge_range(ws, 3, (lxw_col_t)right, 3, (lxw_col_t)last_col, buf ? buf : "", w->f[F_DATE]);
	free(buf);
	worksheet_merge_range(ws, 5, 0, 5, (lxw_col_t)last_col, w->l->title, w->f[F_TITLE]);
	subject = layout_expand(w->l->subject, w->year);
	worksheet_merge_range(ws, 6, 0, 6, (lxw_col_t)last_col, subject ? subject : "", w->f[F_SUBJECT]);
	for (int c = 0; c <= last_col; c++)
		width += report_col_px(widths[c]);
	/* two lines when longer than the page is wide */
	w->head_h[6] = report_text_px(subject ? subject : "", 13, 0.5) > width * 0.95 ? 36 : 18;
	worksheet_set_row(ws, 6, w->head_h[6], NULL);
	worksheet_set_row(ws, 7, 9, NULL);
	report_rule(ws, 7, 0, last_col, widths, report_text_px(subject ? subject : "", 13, 0.5));
	free(subject);
	free(agency_up);
	free(office_up);
	free(parent);
	free(office);
	free(prefix);
	free(place);
	return 8;
}

/* text with a no-break space before every "%": printed, a figure and its
 * sign stay on one line ("50,0" ending one, "%" starting the next read
 * badly on the signed page). NULL when out of memory. */
static char *nobreak_pct(const char *text)
{
	size_t n = 0, k = 0;
	char *out;

	for (const char *p = text; (p = strstr(p, " %")); p += 2)
		n++;
	if (!(out = malloc(strlen(text) + n + 1)))
		return NULL;
	for (const char *p = text; *p; p++) {
		if (p[0] == ' ' && p[1] == '%') {
			out[k++] = '\xc2';   /* U+00A0 */
			out[k++] = '\xa0';
		} else
			out[k++] = *p;
	}
	out[k] = '\0';
	return out;
}

/* The results paragraph and the assessment periods above the table, the
 * way provinces write a report's body. Returns the next row. */
int report_results(writer *w, lxw_worksheet *ws, int r, const double *widths, int last_col)
{
	const char *said = layout_period(w->l, w->year);
	char *text = NULL, *period = said ? layout_expand(said, w->year) : NULL;
	double width = 0;

	for (int c = 0; c <= last_col; c++)
		width += report_col_px(widths[c]);
	/* the report counted by type once (w->now); a document counts here */
	if ((w->now ? count_results_text_of(w->db, w->year, w->o->under, w->now, w->n_now, w->prev, w->n_prev, &text, NULL)
	            : count_results_text(w->db, w->year, w->o->under, &text, NULL)) == ANTT_OK && text) {
		char *kept = nobreak_pct(text);
		const char *shown = kept ? kept : text;
		worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)last_col, shown, w->f[F_BODY]);
		worksheet_set_row(ws, (lxw_row_t)r, 16.0 * (int)(report_text_px(shown, 13, 0.42) / width + 1) + 2, NULL);
		free(kept);
		r++;
	}
	if (period) {
		worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)last_col, period, w->f[F_PERIOD]);
		worksheet_set_row(ws, (lxw_row_t)r, 15.0 * (int)(report_text_px(period, 12, 0.4) / width + 1) + 2, NULL);
		r++;
	}
	free(text);
	free(period);
	return r + 1;
}

/* A recipient's lines, each on a row of its own from row on. */
typedef struct {
	writer *w;
	lxw_worksheet *ws;
	int first, row;   /* the recipient's first row, the next */
} nhan;

static void nhan_line(const char *line, size_t n, void *ctx)
{
	nhan *x = ctx;
	char *text = malloc(n + 3);

	if (text) {   /* a continuation under the name, not under the dash */
		sprintf(text, "%s%.*s", x->row > x->first ? "  " : "", (int)n, line);
		worksheet_write_string(x->ws, (lxw_row_t)x->row, 0, text, x->w->f[F_RECIPIENT]);
	}
	free(text);
	x->row++;
}

/* One recipient of Nơi nhận: "- name" and end (";" or nothing), in the
 * left half (width wide) from row on: a name longer than that goes on in
 * the rows below, a line a row — a row made taller for it stretched the
 * room left to sign, and a long one pushed the signer's name off the page.
 * Returns the rows used. */
static int recipient(writer *w, lxw_worksheet *ws, int row, double width, const char *name, const char *end)
{
	char *line = malloc(strlen(name) + strlen(end) + 3);
	nhan x = { w, ws, row, row };

	if (!line)
		return 1;
	sprintf(line, "- %s%s", name, end);
	report_wrap(line, width - 1, 11, 0, nhan_line, &x);   /* room for the two spaces */
	free(line);
	return x.row - row;
}

/* The recipients' lines: the setting "recipients" (an office's own, the
 * names apart by ";": a province's PV05 sends to the ministry, not to
 * itself) or, not set, the layout's. Each but the last ends with ";", as
 * Nghị định 30 lists them. Writes them from row top + 1; returns the rows
 * they take. */
static int recipients(writer *w, lxw_worksheet *ws, int top, double width)
{
	char *set = report_setting(w, "recipients", ""), *save = NULL, **parts = NULL;
	size_t n = 0, room = 1;
	int rows = 0;

	for (const char *p = set ? set : ""; *p; p++)
		room += *p == ';';
	if (set && *set && (parts = malloc(room * sizeof(*parts))))
		for (char *p = strtok_r(set, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
			while (*p == ' ')
				p++;
			for (size_t k = strlen(p); k > 0 && p[k - 1] == ' '; k--)
				p[k - 1] = '\0';
			if (*p)
				parts[n++] = p;
		}
	/* their ";" taken by the split: given back but to the last */
	for (size_t i = 0; i < n; i++)
		rows += recipient(w, ws, top + 1 + rows, width, parts[i], i + 1 < n ? ";" : "");
	if (n == 0)   /* not set (or only ";"): the layout's, as written there */
		for (size_t i = 0; i < w->l->n_recipients; i++)
			rows += recipient(w, ws, top + 1 + rows, width, w->l->recipients[i], "");
	free(parts);
	free(set);
	return rows;
}

/* Nơi nhận on the left at the level of the signer's title, four blank
 * rows to sign and stamp, then the name. Returns the last row used. */
int report_signature(writer *w, lxw_worksheet *ws, int r, const double *widths, int last_col)
{
	char *title = report_setting(w, "signer_title", ""), *name = report_setting(w, "signer_name", ""), *up;
	int left_end = report_left_end(w, last_col), right = left_end + 1, top = r, end;

	w->unsigned_page = !*title || !*name;
	up = text_upper_dup(title);   /* whole: the database holds any length */
	worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)right, (lxw_row_t)r, (lxw_col_t)last_col, up ? up : "",
		w->f[F_SIGN_TITLE]);
	free(up);
	worksheet_write_string(ws, (lxw_row_t)r, 0, w->l->recipients_label, w->f[F_RECIPIENTS_LABEL]);
	r = top + recipients(w, ws, top, report_span(widths, left_end + 1));
	end = top + 5 + 1;   /* the title, 5 rows for the signature and the stamp */
	worksheet_merge_range(ws, (lxw_row_t)end, (lxw_col_t)right, (lxw_row_t)end, (lxw_col_t)last_col, name,
		w->f[F_SIGN_NAME]);
	free(title);
	free(name);
	return r > end ? r : end;
}

/* A sheet written strictly row after row (the detail sheets: a national
 * database lists 90,000 units) streams its rows to a temporary file
 * instead of holding them until the workbook closes: libxlsxwriter's
 * constant_memory, which it takes per sheet when the sheet is added. Its
 * strings are written in the cells rather than shared; the cells read the
 * same. A row written after a later one would be lost: the summary and
 * "Theo xã" (written out of order) are added without it. */
lxw_worksheet *report_stream_sheet(writer *w, const char *name, antt_err *err)
{
	lxw_worksheet *ws;

	w->wb->options.constant_memory = LXW_TRUE;
	ws = workbook_add_worksheet(w->wb, name);
	w->wb->options.constant_memory = LXW_FALSE;
	/* the rows go to that file in small fprintf()s: with the default
	 * buffer (a disk block) a 90,000-unit sheet is thousands of write()s,
	 * and as many read()s when the workbook closes and copies it back.
	 * Nothing is written yet, so the buffer can still be set. */
	if (ws && ws->optimize_tmpfile) {
		/* glibc takes the size only with a buffer given: one of ours,
		 * kept until the workbook is closed (report_book_close) */
		char **more = realloc(w->bufs, (w->n_bufs + 1) * sizeof(*more));
		if (more && (w->bufs = more) && (more[w->n_bufs] = malloc(STREAM_BUFFER)) &&
		    setvbuf(ws->optimize_tmpfile, more[w->n_bufs], _IOFBF, STREAM_BUFFER) == 0)
			w->n_bufs++;
		else if (more)
			free(more[w->n_bufs]);   /* the default buffer: slower, the same bytes */
	}
	if (!ws)
		err_set(err, ANTT_ERR_IO, "%s: không tạo được trang \"%s\": không dùng được tệp tạm; kiểm tra chỗ trống "
			"trên đĩa và thư mục tạm (TMPDIR)", w->o->path, name);
	return ws;
}

/* A movement sheet with nothing entered is left out; the summary says so. */
void report_left_out(writer *w, const char *sheet)
{
	size_t used = strlen(w->left_out);
	snprintf(w->left_out + used, sizeof(w->left_out) - used, "%s%s", used ? ", " : "", sheet);
}

static void note_left_out(writer *w)
{
	char line[300];

	if (!w->left_out[0] || !w->summary)
		return;
	snprintf(line, sizeof(line), "Năm %d chưa có số liệu nên báo cáo không kèm trang: %s.", w->year, w->left_out);
	/* wrapped inside the table's width: four sheets named run past the
	 * right margin on one line */
	if (!w->f[F_NOTE]) {
		w->f[F_NOTE] = report_fmt(w, 11, 0, 0, LXW_ALIGN_LEFT, 0, NULL);
		format_set_text_wrap(w->f[F_NOTE]);
		format_set_align(w->f[F_NOTE], LXW_ALIGN_VERTICAL_TOP);
	}
	worksheet_merge_range(w->summary, (lxw_row_t)w->note_row, 0, (lxw_row_t)w->note_row, (lxw_col_t)w->last_col,
		line, w->f[F_NOTE]);
	worksheet_set_row(w->summary, (lxw_row_t)w->note_row,
		14.0 * report_lines(line, w->note_width, 11, 0) + 2, NULL);
}

/* --- the file -------------------------------------------------------------- */

static int known_type(const char *code, void *ctx)
{
	antt_db *db = ctx;
	char buf[32];
	return unit_type_resolve(db, code, buf, sizeof(buf), NULL) == ANTT_OK && !strcmp(buf, code);
}

antt_status report_date(writer *w, const char *date, const char *what, struct tm *tm, antt_err *err)
{
	char iso[11];
	int y, m, d;
	antt_status s;

	if (!date) {
		time_t now = time(NULL);
		localtime_r(&now, tm);
	} else {
		/* 20/11/2026 or 2026-11-20, a day that exists */
		if ((s = date_parse(date, what, iso, err)) != ANTT_OK)
			return s;
		sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
		memset(tm, 0, sizeof(*tm));
		tm->tm_year = y - 1900;
		tm->tm_mon = m - 1;
		tm->tm_mday = d;
	}
	snprintf(w->day, sizeof(w->day), "%02d", tm->tm_mday % 100);
	snprintf(w->month, sizeof(w->month), "%02d", (tm->tm_mon + 1) % 100);
	snprintf(w->yyyy, sizeof(w->yyyy), "%04d", (tm->tm_year + 1900) % 10000);
	return ANTT_OK;
}

/* The layout file: the option, or forms/reports/tong-hop.yaml. */
static antt_status load_layout(antt_db *db, const report_opts *o, report_layout **out, antt_err *err)
{
	char *dir = NULL, *path = NULL;
	antt_status s;

	if (o->layout) {
		path = strdup(o->layout);
	} else if ((dir = form_dir())) {
		size_t n = strlen(dir) + 32;
		if ((path = malloc(n)))
			snprintf(path, n, "%s/reports/tong-hop.yaml", dir);
	}
	s = path ? layout_load(path, known_type, db, out, err) : ANTT_ERR_NOMEM;
	free(path);
	free(dir);
	return s;
}

/* The unit list sorted while the figures are counted on the second
 * connection: in half a megabyte of cache (it reads each unit once) and so
 * a sorter of that size (SQLite's takes the cache's), the count's memory
 * and the sort's not both at their largest (30×: 25 MiB at the peak with
 * SQLite's 2 MB, 22 with this; no slower). */
static antt_status order_beside(writer *w, report_twin *tw, antt_err *err)
{
	long long was = db_cache_swap(w->db, "main", -512);
	antt_status s = tally_order(w->db, w->o->year, w->o->under, w->l, err), counted;

	w->ordered = s == ANTT_OK;
	if (was)
		db_cache_swap(w->db, "main", was);
	counted = report_twin_end(tw, s == ANTT_OK ? err : NULL);
	return s == ANTT_OK ? counted : s;
}

antt_status report_write(antt_db *db, const report_opts *o, report_info *info, antt_err *err)
{
	writer w = { .o = o, .db = db, .year = o->year };
	report_layout *layout = NULL;
	tally t = { 0 };
	failed_list failing = { .db = db };
	detail d = { .w = &w, .failed = &failing, .err = err };
	report_twin tw = { 0 };
	struct tm tm;
	antt_status s;
	int rc, was_auto, twin;
	long long cache;

	memset(info, 0, sizeof(*info));
	if ((s = report_date(&w, o->date, "ngày ghi trên báo cáo", &tm, err)) != ANTT_OK)
		return s;
	w.mode = BOOK_MODE(o->force, o->next_free);
	report_zip_one_thread(o->one_thread);
	if ((s = report_target(db, o->path, w.mode, err)) != ANTT_OK)
		return s;
	/* the library before the figures: its absence said at once, not
	 * after a national database is counted */
	if ((s = xlsx_load(err)) != ANTT_OK)
		return s;
	/* every sheet read from one snapshot: a commit by another antt while
	 * the report is written changes none of them, so the summary's figures
	 * and the lists under them always agree */
	was_auto = sqlite3_get_autocommit(db->sql);
	if ((rc = sqlite3_exec(db->sql, "SAVEPOINT report_read", NULL, NULL, NULL)) != SQLITE_OK)
		return db_fail(db, rc, err, "bắt đầu đọc số liệu cho báo cáo");
	/* a second connection reading the same snapshot counts the figures
	 * while this one sorts the unit list (report_twin.c) */
	twin = was_auto && !o->one_thread && !o->summary_only && report_twin_begin(&tw, db);
	/* the temporary tables (the order, the units not đạt: megabytes in a
	 * national database) in a quarter of a megabyte, not SQLite's 2 MB
	 * (more than a 30× report's margin): the rest waits in their file */
	cache = db_cache_swap(db, "temp", -256);
	if ((s = load_layout(db, o, &layout, err)) != ANTT_OK)
		goto out;
	w.l = layout;
	w.appendix_prefix = report_setting(&w, "report_prefix", "");
	w.appendix_office = report_setting(&w, "office_name", "");
	if (twin && (info->beside = report_twin_count(&tw, o->year, o->under, layout, &t))) {
		if ((s = order_beside(&w, &tw, err)) != ANTT_OK)
			goto out;
	} else if ((s = tally_compute(db, o->year, o->under, layout, &t, err)) != ANTT_OK) {
		goto out;
	}
	{
		long long registered = 0;
		for (size_t g = 0; g < t.n_groups; g++)
			registered += t.totals[g].registered;
		if (registered == 0) {
			s = err_set(err, ANTT_ERR_NOT_FOUND, "năm %d chưa có đơn vị nào đăng ký hay được đánh giá%s%s: "
				"không có gì để báo cáo. Kiểm tra lại năm.", o->year, o->under ? " dưới " : "", o->under ? o->under : "");
			goto out;
		}
	}
	info->units = t.units;
	info->orphans = t.orphans;
	if (!o->under) {   /* counted by type in tally_compute's pass */
		w.now = t.types_now;
		w.n_now = t.n_types_now;
		w.prev = t.types_prev;
		w.n_prev = t.n_types_prev;
		t.types_now = t.types_prev = NULL;
	} else if ((s = count_by_type(db, o->year, o->under, &w.now, &w.n_now, err)) != ANTT_OK ||
	           (s = count_by_type(db, o->year - 1, o->under, &w.prev, &w.n_prev, err)) != ANTT_OK) {
		goto out;
	}

	/* a temporary file beside the target, renamed when complete */
	if ((s = report_book_open(&w, o->path, "Báo cáo An toàn về an ninh, trật tự", &tm, err)) != ANTT_OK)
		goto out;
	s = report_summary_sheet(&w, &t);
	if (s == ANTT_OK && !o->summary_only)
		s = report_annex_sheets(&w, &t, err);
	if (s == ANTT_OK && !o->summary_only && (s = report_chart_sheet(&w, err)) == ANTT_OK)
		w.extra_sheets++;
	if (s == ANTT_OK && !o->summary_only)
		s = report_type_sheets(&w, &d, err);
	if (s == ANTT_OK && !o->summary_only)
		s = report_failed_sheet(&w, &failing, err);
	if (s == ANTT_OK && !o->summary_only && (s = report_classes_sheet(&w, err)) == ANTT_OK &&
	    (s = report_movement_sheet(&w, err)) == ANTT_OK && (s = report_candidates_sheet(&w, err)) == ANTT_OK)
		note_left_out(&w);
	s = report_book_close(&w, s, o->path, err);
	if (s == ANTT_OK && o->landed)
		snprintf(o->landed, o->landed_n, "%s", w.done);
	info->sheets = o->summary_only ? 1 : 2 + d.sheets + w.extra_sheets;
	info->unsigned_page = w.unsigned_page;
out:
	report_twin_end(&tw, NULL);
	tally_order_drop(db);           /* sorted, not read: an error before the sheets */
	report_failed_free(&failing);   /* left by an error before its sheet */
	if (cache)
		db_cache_swap(db, "temp", cache);
	free(w.now);
	free(w.prev);
	free(w.appendix_prefix);
	free(w.appendix_office);
	tally_free(&t);
	layout_free(layout);
	report_zip_one_thread(0);
	/* it wrote nothing but temporary tables: should its end fail, undone,
	 * and a transaction it began never left open behind the report */
	if (sqlite3_exec(db->sql, "RELEASE report_read", NULL, NULL, NULL) != SQLITE_OK)
		sqlite3_exec(db->sql, "ROLLBACK TO report_read; RELEASE report_read", NULL, NULL, NULL);
	if (was_auto && !sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

antt_status report_text(antt_db *db, const report_opts *o, char **out, antt_err *err)
{
	report_layout *l = NULL;
	char *text = NULL, *period = NULL;
	antt_status s;

	*out = NULL;
	if ((s = load_layout(db, o, &l, err)) == ANTT_OK &&
	    (s = count_results_text(db, o->year, o->under, &text, err)) == ANTT_OK) {
		const char *said = layout_period(l, o->year);
		period = said ? layout_expand(said, o->year) : NULL;
		if (!(*out = malloc(strlen(text) + (period ? strlen(period) : 0) + 3)))
			s = ANTT_ERR_NOMEM;
		else
			sprintf(*out, "%s%s%s\n", text, period ? "\n" : "", period ? period : "");
	}
	free(text);
	free(period);
	layout_free(l);
	return s;
}
