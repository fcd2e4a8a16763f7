/* Writing the report with libxlsxwriter. Formats are made once (a table of
 * styles), numbers are numbers, totals are formulas that also store their
 * value, and the document properties are fixed, so the same data gives the
 * same bytes. */
#include "report.h"
#include "date.h"
#include "file.h"
#include "form.h"
#include "layout.h"
#include "platform.h"
#include "register.h"
#include "score.h"
#include "tally.h"
#include "text.h"
#include "unit.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unicase.h>
#include <xlsxwriter.h>

#define FONT "Times New Roman"
/* Vietnamese number formats whatever the viewer's locale: 1.686 and 97,6 % */
#define FMT_INT "[$-42A]#,##0"
#define FMT_PCT "[$-42A]0.0 %"

/* Nghị định 30 margins, in inches: left 30 mm, right 15 mm, top/bottom 20 mm */
#define MARGIN_LEFT   (30 / 25.4)
#define MARGIN_RIGHT  (15 / 25.4)
#define MARGIN_TOP    (20 / 25.4)
#define MARGIN_BOTTOM (20 / 25.4)

enum {
	F_AGENCY, F_UNIT, F_RULE, F_NATION, F_MOTTO, F_NUMBER, F_DATE, F_TITLE, F_SUBJECT,
	F_HEAD, F_CELL_TEXT, F_CELL_INT, F_CELL_PCT, F_TOTAL_TEXT, F_TOTAL_INT, F_TOTAL_PCT,
	F_SIGN_TITLE, F_SIGN_NAME, F_RECIPIENTS_LABEL, F_RECIPIENT, F_SHEET_TITLE, F_CELL_WRAP,
	F_COUNT
};

typedef struct {
	lxw_workbook *wb;
	lxw_format *f[F_COUNT];
	const report_layout *l;
	const report_opts *o;
	antt_db *db;
	int year;
	char day[8], month[8], yyyy[8];
} writer;

static lxw_format *fmt(writer *w, double size, int bold, int italic, int align, int border, const char *num)
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

static void make_formats(writer *w)
{
	w->f[F_AGENCY] = fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_UNIT] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_RULE] = fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_top(w->f[F_RULE], LXW_BORDER_THIN);
	w->f[F_NATION] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_MOTTO] = fmt(w, 14, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_underline(w->f[F_MOTTO], LXW_UNDERLINE_SINGLE);
	w->f[F_NUMBER] = fmt(w, 13, 0, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_DATE] = fmt(w, 13, 0, 1, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_TITLE] = fmt(w, 14, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_SUBJECT] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	format_set_text_wrap(w->f[F_SUBJECT]);
	w->f[F_HEAD] = fmt(w, 11, 1, 0, LXW_ALIGN_CENTER, 1, NULL);
	format_set_text_wrap(w->f[F_HEAD]);
	w->f[F_CELL_TEXT] = fmt(w, 12, 0, 0, LXW_ALIGN_LEFT, 1, NULL);
	w->f[F_CELL_INT] = fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, FMT_INT);
	w->f[F_CELL_PCT] = fmt(w, 12, 0, 0, LXW_ALIGN_CENTER, 1, FMT_PCT);
	w->f[F_TOTAL_TEXT] = fmt(w, 12, 1, 0, LXW_ALIGN_LEFT, 1, NULL);
	w->f[F_TOTAL_INT] = fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, FMT_INT);
	w->f[F_TOTAL_PCT] = fmt(w, 12, 1, 0, LXW_ALIGN_CENTER, 1, FMT_PCT);
	w->f[F_SIGN_TITLE] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_SIGN_NAME] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_RECIPIENTS_LABEL] = fmt(w, 12, 1, 1, LXW_ALIGN_LEFT, 0, NULL);
	w->f[F_RECIPIENT] = fmt(w, 11, 0, 0, LXW_ALIGN_LEFT, 0, NULL);
	w->f[F_SHEET_TITLE] = fmt(w, 13, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	w->f[F_CELL_WRAP] = fmt(w, 12, 0, 0, LXW_ALIGN_LEFT, 1, NULL);
	format_set_text_wrap(w->f[F_CELL_WRAP]);
	format_set_align(w->f[F_CELL_WRAP], LXW_ALIGN_VERTICAL_TOP);
}

static void page(lxw_worksheet *ws, int landscape)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_set_margins(ws, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
	worksheet_set_footer(ws, "&C&\"Times New Roman\"&11Trang &P/&N");
	worksheet_center_horizontally(ws);
}

/* Upper case of UTF-8 text (Vietnamese included), for the agency names. */
static void upper(const char *in, char *out, size_t n)
{
	size_t len = 0;
	uint8_t *u = u8_toupper((const uint8_t *)in, strlen(in), NULL, NULL, NULL, &len);

	if (!u) {
		snprintf(out, n, "%s", in);
		return;
	}
	if (len >= n)
		len = n - 1;
	memcpy(out, u, len);
	out[len] = '\0';
	free(u);
}

static char *setting(writer *w, const char *key, const char *def)
{
	return db_setting_get(w->db, key, def);
}

/* The Nghị định 30 header: agency and unit on the left, nation and motto
 * on the right, number and date, then the title. Returns the next row. */
static int header(writer *w, lxw_worksheet *ws, int last_col)
{
	char *parent = setting(w, "parent_agency", ""), *office = setting(w, "office_name", "");
	char *prefix = setting(w, "report_prefix", ""), *place = setting(w, "place", "");
	char buf[1024], up[1024], *subject;
	int left_end = last_col / 2 - 1 > 1 ? last_col / 2 - 1 : 1, right = left_end + 1;

	upper(parent, up, sizeof(up));
	worksheet_merge_range(ws, 0, 0, 0, left_end, up, w->f[F_AGENCY]);
	upper(office, up, sizeof(up));
	worksheet_merge_range(ws, 1, 0, 1, left_end, up, w->f[F_UNIT]);
	worksheet_merge_range(ws, 0, right, 0, last_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", w->f[F_NATION]);
	worksheet_merge_range(ws, 1, right, 1, last_col, "Độc lập - Tự do - Hạnh phúc", w->f[F_MOTTO]);
	/* the short rule under the issuing unit */
	worksheet_merge_range(ws, 2, left_end / 2 > 0 ? left_end / 2 : 0, 2, left_end / 2 + 1, "", w->f[F_RULE]);
	snprintf(buf, sizeof(buf), "Số:      /BC-%s", prefix);
	worksheet_merge_range(ws, 3, 0, 3, left_end, buf, w->f[F_NUMBER]);
	snprintf(buf, sizeof(buf), "%s, ngày %s tháng %s năm %s", *place ? place : "……", w->day, w->month, w->yyyy);
	worksheet_merge_range(ws, 3, right, 3, last_col, buf, w->f[F_DATE]);
	worksheet_merge_range(ws, 5, 0, 5, last_col, w->l->title, w->f[F_TITLE]);
	subject = layout_expand(w->l->subject, w->year);
	worksheet_merge_range(ws, 6, 0, 6, last_col, subject ? subject : "", w->f[F_SUBJECT]);
	worksheet_set_row(ws, 6, 36, NULL);
	free(subject);
	free(parent);
	free(office);
	free(prefix);
	free(place);
	return 8;
}

/* Signature block and recipients from row r. Returns the last row used. */
static int signature(writer *w, lxw_worksheet *ws, int r, int last_col)
{
	char *title = setting(w, "signer_title", ""), *name = setting(w, "signer_name", "");
	char up[512], line[600];
	int left_end = last_col / 2 - 1 > 1 ? last_col / 2 - 1 : 1, right = left_end + 1;

	r += 1;
	worksheet_merge_range(ws, r, 0, r, left_end, w->l->preparer, w->f[F_SIGN_TITLE]);
	upper(title, up, sizeof(up));
	worksheet_merge_range(ws, r, right, r, last_col, up, w->f[F_SIGN_TITLE]);
	r += 4;
	worksheet_merge_range(ws, r, right, r, last_col, name, w->f[F_SIGN_NAME]);
	r += 2;
	worksheet_write_string(ws, r++, 0, w->l->recipients_label, w->f[F_RECIPIENTS_LABEL]);
	for (size_t i = 0; i < w->l->n_recipients; i++) {
		snprintf(line, sizeof(line), "- %s", w->l->recipients[i]);
		worksheet_write_string(ws, r++, 0, line, w->f[F_RECIPIENT]);
	}
	free(title);
	free(name);
	return r - 1;
}

static double rate(long long passed, long long total)
{
	return total > 0 ? (double)passed / (double)total : 0.0;
}

static long long measure_of(const tally_cell *c, layout_measure m)
{
	switch (m) {
	case MEASURE_TOTAL:      return c->total;
	case MEASURE_REGISTERED: return c->registered;
	case MEASURE_PASSED:     return c->passed;
	default:                 return 0;
	}
}

/* The column of a group's measure, or -1 when the layout lacks it. */
static int col_of(const report_layout *l, size_t g, layout_measure m)
{
	for (size_t k = 0; k < l->n_columns; k++)
		if (l->columns[k].measure == m)
			return 2 + (int)(g * l->n_columns + k);
	return -1;
}

static void write_cells(writer *w, lxw_worksheet *ws, int r, const tally_cell *cells, int fi, int fp)
{
	const report_layout *l = w->l;
	char ref_passed[16], ref_total[16], formula[64];

	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t k = 0; k < l->n_columns; k++) {
			int c = 2 + (int)(g * l->n_columns + k);
			const tally_cell *cell = &cells[g];
			int cp = col_of(l, g, MEASURE_PASSED), ct = col_of(l, g, MEASURE_TOTAL);

			if (l->columns[k].measure != MEASURE_RATE) {
				worksheet_write_number(ws, r, c, (double)measure_of(cell, l->columns[k].measure), w->f[fi]);
			} else if (cp >= 0 && ct >= 0) {
				lxw_rowcol_to_cell(ref_passed, r, cp);
				lxw_rowcol_to_cell(ref_total, r, ct);
				snprintf(formula, sizeof(formula), "=IF(%s>0,%s/%s,0)", ref_total, ref_passed, ref_total);
				worksheet_write_formula_num(ws, r, c, formula, w->f[fp], rate(cell->passed, cell->total));
			} else {
				worksheet_write_number(ws, r, c, rate(cell->passed, cell->total), w->f[fp]);
			}
		}
}

static antt_status summary_sheet(writer *w, const tally *t)
{
	const report_layout *l = w->l;
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, "Tổng hợp");
	int last_col = 1 + (int)(l->n_groups * l->n_columns), r, first_data, c;
	char *label;

	if (!ws)
		return ANTT_ERR_IO;
	page(ws, 1);
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 26, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)last_col, 8.5, NULL);
	r = header(w, ws, last_col);

	/* the table's two header rows, repeated on every page */
	worksheet_merge_range(ws, r, 0, r + 1, 0, "TT", w->f[F_HEAD]);
	worksheet_merge_range(ws, r, 1, r + 1, 1, l->row_header, w->f[F_HEAD]);
	for (size_t g = 0; g < l->n_groups; g++) {
		c = 2 + (int)(g * l->n_columns);
		if (l->n_columns > 1)
			worksheet_merge_range(ws, r, c, r, c + (int)l->n_columns - 1, l->groups[g].label, w->f[F_HEAD]);
		else
			worksheet_write_string(ws, r, c, l->groups[g].label, w->f[F_HEAD]);
		for (size_t k = 0; k < l->n_columns; k++)
			worksheet_write_string(ws, r + 1, c + (int)k, l->columns[k].label, w->f[F_HEAD]);
	}
	worksheet_set_row(ws, r, 32, NULL);
	worksheet_set_row(ws, r + 1, 32, NULL);
	worksheet_repeat_rows(ws, r, r + 1);
	r += 2;

	first_data = r;
	for (size_t i = 0; i < t->n_rows; i++, r++) {
		worksheet_write_number(ws, r, 0, (double)(i + 1), w->f[F_CELL_INT]);
		worksheet_write_string(ws, r, 1, t->rows[i].name, w->f[F_CELL_TEXT]);
		write_cells(w, ws, r, t->rows[i].cells, F_CELL_INT, F_CELL_PCT);
	}

	/* totals: formulas over the rows, with their values stored */
	worksheet_merge_range(ws, r, 0, r, 1, l->totals_label, w->f[F_TOTAL_TEXT]);
	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t k = 0; k < l->n_columns; k++) {
			char from[16], to[16], formula[64];
			c = 2 + (int)(g * l->n_columns + k);
			if (l->columns[k].measure == MEASURE_RATE)
				continue;
			lxw_rowcol_to_cell(from, first_data, c);
			lxw_rowcol_to_cell(to, r - 1, c);
			snprintf(formula, sizeof(formula), "=SUM(%s:%s)", from, to);
			worksheet_write_formula_num(ws, r, c, formula, w->f[F_TOTAL_INT],
				(double)measure_of(&t->totals[g], l->columns[k].measure));
		}
	for (size_t g = 0; g < l->n_groups; g++) {
		int cr = -1;
		for (size_t k = 0; k < l->n_columns; k++)
			if (l->columns[k].measure == MEASURE_RATE)
				cr = 2 + (int)(g * l->n_columns + k);
		if (cr >= 0) {
			char rp[16], rt[16], formula[64];
			int cp = col_of(l, g, MEASURE_PASSED), ct = col_of(l, g, MEASURE_TOTAL);
			if (cp >= 0 && ct >= 0) {
				lxw_rowcol_to_cell(rp, r, cp);
				lxw_rowcol_to_cell(rt, r, ct);
				snprintf(formula, sizeof(formula), "=IF(%s>0,%s/%s,0)", rt, rp, rt);
				worksheet_write_formula_num(ws, r, cr, formula, w->f[F_TOTAL_PCT],
					rate(t->totals[g].passed, t->totals[g].total));
			}
		}
	}
	r++;

	/* the previous year, and the targets beside them */
	label = layout_expand(l->previous_label, w->year);
	worksheet_merge_range(ws, r, 0, r, 1, label ? label : "", w->f[F_CELL_TEXT]);
	free(label);
	write_cells(w, ws, r, t->prev, F_CELL_INT, F_CELL_PCT);
	r++;
	worksheet_merge_range(ws, r, 0, r, 1, l->target_label, w->f[F_CELL_TEXT]);
	for (size_t g = 0; g < l->n_groups; g++)
		for (size_t k = 0; k < l->n_columns; k++) {
			char key[64], *v;
			c = 2 + (int)(g * l->n_columns + k);
			snprintf(key, sizeof(key), "target_%s", l->groups[g].types[0]);
			v = l->columns[k].measure == MEASURE_RATE ? db_setting_get(w->db, key, NULL) : NULL;
			if (v)
				worksheet_write_number(ws, r, c, strtod(v, NULL) / 100.0, w->f[F_CELL_PCT]);
			else
				worksheet_write_blank(ws, r, c, w->f[F_CELL_INT]);
			free(v);
		}
	r = signature(w, ws, r + 1, last_col);
	worksheet_print_area(ws, 0, 0, (lxw_row_t)r, (lxw_col_t)last_col);
	return ANTT_OK;
}

/* --- detail sheets -------------------------------------------------------- */

typedef struct {
	writer *w;
	lxw_worksheet *ws;
	char type[32];
	int row, n;
	int sheets;
	int failing;        /* the "Chưa đạt" sheet: only failed units */
} detail;

/* Viewers do not grow rows for wrapped text written by a program: set the
 * height from the longest cell (Times New Roman 12 fits about 1.1
 * characters per unit of column width). */
static void fit_row(lxw_worksheet *ws, int row, const char *const *texts, const double *widths, int n)
{
	int lines = 1;

	for (int k = 0; k < n; k++) {
		double per_line = widths[k] * 1.1;
		int l = (int)((double)text_width(texts[k]) / (per_line > 1 ? per_line : 1)) + 1;
		if (l > lines)
			lines = l;
	}
	worksheet_set_row(ws, (lxw_row_t)row, 15.75 * lines + 1, NULL);
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
	return "Chưa đủ thông tin";
}

static void detail_head(detail *d, const char *title, const char *const *cols, const double *widths, int n)
{
	char *t = layout_expand(title, d->w->year);

	page(d->ws, 0);
	worksheet_merge_range(d->ws, 0, 0, 0, (lxw_col_t)(n - 1), t ? t : title, d->w->f[F_SHEET_TITLE]);
	free(t);
	for (int i = 0; i < n; i++) {
		worksheet_set_column(d->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
		worksheet_write_string(d->ws, 2, (lxw_col_t)i, cols[i], d->w->f[F_HEAD]);
	}
	worksheet_repeat_rows(d->ws, 2, 2);
	d->row = 3;
	d->n = 0;
}

static int type_row(const tally_unit *u, void *ctx)
{
	static const char *const cols[] = { "STT", "Mã", "Tên đơn vị", "Xã / trực thuộc", "Kết luận", "Duyệt",
		"Tiêu chí không đạt", "Ghi chú" };
	static const double widths[] = { 5, 10, 28, 18, 11, 10, 13, 30 };
	detail *d = ctx;
	writer *w = d->w;

	if (strcmp(d->type, u->type)) {
		char title[160];
		if (d->ws)
			worksheet_print_area(d->ws, 0, 0, (lxw_row_t)(d->row - 1), 7);
		snprintf(d->type, sizeof(d->type), "%s", u->type);
		d->ws = workbook_add_worksheet(w->wb, u->type_name);
		if (!d->ws)
			return 1;
		d->sheets++;
		snprintf(title, sizeof(title), "Danh sách %s năm %d", u->type_name, w->year);
		{
			char up[200];
			upper(title, up, sizeof(up));
			detail_head(d, up, cols, widths, 8);
		}
	}
	{
		char ids[600] = "";
		const char *texts[8];
		size_t n = 0;

		/* "4b, 5.2" for a failed unit; what is missing for an incomplete one */
		if (u->verdict && strcmp(u->verdict, "pass") && *u->detail) {
			n = (size_t)snprintf(ids, sizeof(ids), "%s", strcmp(u->verdict, "fail") ? "còn thiếu: " : "");
			for (const char *p = u->detail; *p && n + 3 < sizeof(ids); p++) {
				ids[n++] = *p;
				if (*p == ',')
					ids[n++] = ' ';
			}
			ids[n] = '\0';
		}
		texts[0] = ""; texts[1] = u->code; texts[2] = u->name; texts[3] = u->commune;
		texts[4] = verdict_words(u->verdict, u->excluded);
		texts[5] = u->status && !strcmp(u->status, "approved") ? "Đã duyệt" :
		           u->status && !strcmp(u->status, "submitted") ? "Đã trình" : "";
		texts[6] = ids; texts[7] = u->notes;
		worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
		for (int k = 1; k < 8; k++)
			worksheet_write_string(d->ws, d->row, (lxw_col_t)k, texts[k], w->f[F_CELL_WRAP]);
		fit_row(d->ws, d->row, texts, widths, 8);
	}
	d->row++;
	return 0;
}

static int failed_row(const tally_unit *u, void *ctx)
{
	detail *d = ctx;
	writer *w = d->w;

	if (u->excluded || !u->verdict || strcmp(u->verdict, "fail"))
		return 0;
	{
		static const double widths[] = { 5, 20, 28, 14, 60 };
		const char *texts[5] = { "", u->commune, u->name, u->type_name, u->failed_words };
		worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
		for (int k = 1; k < 5; k++)
			worksheet_write_string(d->ws, d->row, (lxw_col_t)k, texts[k], w->f[F_CELL_WRAP]);
		fit_row(d->ws, d->row, texts, widths, 5);
	}
	d->row++;
	return 0;
}

/* Sort the failed units by commune: collect, then write. */
typedef struct {
	char *commune, *name, *type_name, *words;
} failed;

typedef struct {
	failed *v;
	size_t n;
	int nomem;
} failed_list;

static int collect_failed(const tally_unit *u, void *ctx)
{
	failed_list *l = ctx;
	failed *g;

	if (u->excluded || !u->verdict || strcmp(u->verdict, "fail"))
		return 0;
	if (!(g = realloc(l->v, (l->n + 1) * sizeof(*g)))) {
		l->nomem = 1;
		return 1;
	}
	l->v = g;
	l->v[l->n++] = (failed){ strdup(u->commune), strdup(u->name), strdup(u->type_name), strdup(u->failed_words) };
	return 0;
}

static int by_commune(const void *a, const void *b)
{
	const failed *x = a, *y = b;
	int c = strcmp(x->commune ? x->commune : "", y->commune ? y->commune : "");
	return c ? c : strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static antt_status failed_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "STT", "Xã / trực thuộc", "Đơn vị", "Loại", "Tiêu chí không đạt" };
	static const double widths[] = { 5, 20, 28, 14, 60 };   /* as in failed_row */
	detail d = { .w = w };
	failed_list l = { 0 };
	antt_status s;

	s = tally_units(w->db, w->year, w->o->under, collect_failed, &l, err);
	if (s == ANTT_OK && l.nomem)
		s = ANTT_ERR_NOMEM;
	if (s == ANTT_OK) {
		if (l.n)   /* qsort may not be given NULL, even for nothing */
			qsort(l.v, l.n, sizeof(*l.v), by_commune);
		d.ws = workbook_add_worksheet(w->wb, "Chưa đạt");
		detail_head(&d, "CÁC ĐƠN VỊ CHƯA ĐẠT TIÊU CHUẨN \"AN TOÀN VỀ AN NINH, TRẬT TỰ\" NĂM {year}", cols, widths, 5);
		for (size_t i = 0; i < l.n; i++) {
			tally_unit u = { .commune = l.v[i].commune ? l.v[i].commune : "", .name = l.v[i].name ? l.v[i].name : "",
				.type_name = l.v[i].type_name ? l.v[i].type_name : "", .failed_words = l.v[i].words ? l.v[i].words : "",
				.verdict = "fail" };
			failed_row(&u, &d);
		}
		if (l.n == 0)
			worksheet_merge_range(d.ws, 3, 0, 3, 4, "Mọi đơn vị đã đánh giá đều đạt.", w->f[F_CELL_TEXT]);
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row > 3 ? d.row - 1 : 3), 4);
	}
	for (size_t i = 0; i < l.n; i++) {
		free(l.v[i].commune);
		free(l.v[i].name);
		free(l.v[i].type_name);
		free(l.v[i].words);
	}
	free(l.v);
	return s;
}

/* --- the movement ------------------------------------------------------------ */

typedef struct {
	char commune[256], type[64];
	long long n[CLASS_COUNT];
} class_row;

/* Class counts per commune and type, over the units with a score sheet. */
static antt_status classes_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "Xã / trực thuộc", "Loại đơn vị", "Xuất sắc", "Khá", "Trung bình", "Yếu" };
	static const double widths[] = { 26, 18, 10, 10, 11, 10 };
	sqlite3_stmt *st = NULL;
	class_row *rows = NULL, tot[16];
	size_t n = 0, nt = 0;
	detail d = { .w = w };
	antt_status s;
	int r;

	s = db_prepare(w->db, "WITH RECURSIVE scope(id) AS (SELECT id FROM units WHERE CASE WHEN ?1 IS NULL"
		" THEN parent_id IS NULL ELSE code = ?1 END UNION ALL SELECT u.id FROM units u JOIN scope ON u.parent_id = scope.id)"
		" SELECT DISTINCT u.code, coalesce(p.name, ''), t.name FROM scores x JOIN units u ON u.id = x.unit_id"
		" JOIN unit_types t ON t.code = u.type LEFT JOIN units p ON p.id = u.parent_id"
		" WHERE x.year = ?2 AND u.id IN (SELECT id FROM scope) ORDER BY p.code, t.sort, u.code", &st, err);
	if (s != ANTT_OK)
		return s;
	if (w->o->under)
		sqlite3_bind_text(st, 1, w->o->under, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, w->year);
	memset(tot, 0, sizeof(tot));
	while (s == ANTT_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *commune = (const char *)sqlite3_column_text(st, 1), *type = (const char *)sqlite3_column_text(st, 2);
		score_result sr;
		class_row *row = n ? &rows[n - 1] : NULL;

		if ((s = score_load(w->db, (const char *)sqlite3_column_text(st, 0), w->year, &sr, err)) != ANTT_OK)
			break;
		if (sr.cls >= 0) {
			if (!row || strcmp(row->commune, commune) || strcmp(row->type, type)) {
				class_row *g = realloc(rows, (n + 1) * sizeof(*g));
				if (!g) {
					s = ANTT_ERR_NOMEM;
					score_result_free(&sr);
					break;
				}
				rows = g;
				row = &rows[n++];
				memset(row, 0, sizeof(*row));
				snprintf(row->commune, sizeof(row->commune), "%s", commune);
				snprintf(row->type, sizeof(row->type), "%s", type);
			}
			row->n[sr.cls]++;
			{
				size_t k;
				for (k = 0; k < nt && strcmp(tot[k].type, type); k++)
					;
				if (k == nt && nt < 16)
					snprintf(tot[nt++].type, sizeof(tot[0].type), "%s", type);
				if (k < 16)
					tot[k].n[sr.cls]++;
			}
		}
		score_result_free(&sr);
	}
	sqlite3_finalize(st);
	if (s == ANTT_OK) {
		d.ws = workbook_add_worksheet(w->wb, "Xếp loại");
		detail_head(&d, "KẾT QUẢ CHẤM ĐIỂM, XẾP LOẠI PHONG TRÀO TOÀN DÂN BẢO VỆ ANTQ NĂM {year}", cols, widths, 6);
		r = d.row;
		for (size_t i = 0; i < n; i++, r++) {
			worksheet_write_string(d.ws, r, 0, rows[i].commune, w->f[F_CELL_TEXT]);
			worksheet_write_string(d.ws, r, 1, rows[i].type, w->f[F_CELL_TEXT]);
			for (int c = 0; c < CLASS_COUNT; c++)
				worksheet_write_number(d.ws, r, 2 + c, (double)rows[i].n[CLASS_XUAT_SAC - c], w->f[F_CELL_INT]);
		}
		for (size_t k = 0; k < nt; k++, r++) {
			worksheet_write_string(d.ws, r, 0, "Tổng cộng", w->f[F_TOTAL_TEXT]);
			worksheet_write_string(d.ws, r, 1, tot[k].type, w->f[F_TOTAL_TEXT]);
			for (int c = 0; c < CLASS_COUNT; c++)
				worksheet_write_number(d.ws, r, 2 + c, (double)tot[k].n[CLASS_XUAT_SAC - c], w->f[F_TOTAL_INT]);
		}
		if (n == 0) {
			worksheet_merge_range(d.ws, r, 0, r, 5, "Chưa có phiếu chấm điểm nào trong năm.", w->f[F_CELL_TEXT]);
			r++;
		}
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(r > 3 ? r - 1 : 3), 5);
	}
	free(rows);
	return s;
}

static antt_status movement_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "Nội dung", "Số lượng" };
	static const double widths[] = { 60, 14 };
	reg_lists *l = NULL;
	reg_figures f;
	detail d = { .w = w };
	antt_status s;
	int r;

	if ((s = reg_lists_load(&l, err)) != ANTT_OK)
		return s;
	if ((s = reg_year_figures(w->db, l, w->year, w->o->under, &f, err)) == ANTT_OK) {
		typedef struct { const char *what; long long n; } figure_row;
		figure_row rows[32];
		int k = 0;
		rows[k++] = (figure_row){ "Cuộc phát động phong trào", f.launches };
		rows[k++] = (figure_row){ "Lượt người tham gia các cuộc phát động", f.launch_participants };
		rows[k++] = (figure_row){ "Diễn đàn \"Công an lắng nghe ý kiến nhân dân\"", f.forums };
		rows[k++] = (figure_row){ "Buổi tuyên truyền", f.sessions };
		rows[k++] = (figure_row){ "Mô hình đang hoạt động", f.models };
		rows[k++] = (figure_row){ "   trong đó duy trì từ các năm trước", f.models_kept };
		rows[k++] = (figure_row){ "   trong đó xây dựng mới trong năm", f.models_new };
		rows[k++] = (figure_row){ "Số điểm áp dụng mô hình", f.places };
		rows[k++] = (figure_row){ "Số tổ, đội", f.teams };
		rows[k++] = (figure_row){ "Số thành viên", f.members };
		rows[k++] = (figure_row){ "Tin báo của quần chúng", f.tipoffs };
		rows[k++] = (figure_row){ "   trong đó tin có giá trị", f.tipoffs_valuable };
		for (size_t i = 0; i < l->n_levels && i < 8; i++)
			rows[k++] = (figure_row){ l->level_names[i], f.commendations[i] };
		rows[k++] = (figure_row){ "Khen thưởng tập thể", f.collective };
		rows[k++] = (figure_row){ "Khen thưởng cá nhân", f.individual };
		d.ws = workbook_add_worksheet(w->wb, "Phong trào");
		detail_head(&d, "KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}", cols, widths, 2);
		for (r = 0; r < k; r++) {
			worksheet_write_string(d.ws, d.row + r, 0, rows[r].what, w->f[F_CELL_TEXT]);
			worksheet_write_number(d.ws, d.row + r, 1, (double)rows[r].n, w->f[F_CELL_INT]);
		}
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row + k - 1), 1);
	}
	reg_lists_free(l);
	return s;
}

static int candidate_row(const reg_candidate *c, void *ctx)
{
	detail *d = ctx;
	writer *w = d->w;

	worksheet_write_number(d->ws, d->row, 0, ++d->n, w->f[F_CELL_INT]);
	worksheet_write_string(d->ws, d->row, 1, c->name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 2, c->type_name, w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 3, c->commune, w->f[F_CELL_TEXT]);
	worksheet_write_number(d->ws, d->row, 4, c->total, w->f[F_CELL_INT]);
	worksheet_write_string(d->ws, d->row, 5, score_class_name(c->cls), w->f[F_CELL_TEXT]);
	worksheet_write_string(d->ws, d->row, 6, c->proposed ? "Đề nghị" : "", w->f[F_CELL_TEXT]);
	d->row++;
	return 0;
}

static antt_status candidates_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "STT", "Đơn vị", "Loại", "Xã / trực thuộc", "Điểm", "Xếp loại", "Điển hình" };
	static const double widths[] = { 5, 30, 14, 20, 8, 10, 11 };
	detail d = { .w = w };
	antt_status s;

	d.ws = workbook_add_worksheet(w->wb, "Đề nghị điển hình");
	detail_head(&d, "ĐƠN VỊ ĐẠT TIÊU CHUẨN, XẾP LOẠI KHÁ TRỞ LÊN NĂM {year}", cols, widths, 7);
	s = reg_candidates(w->db, w->year, w->o->under, candidate_row, &d, err);
	if (d.n == 0) {
		worksheet_merge_range(d.ws, d.row, 0, d.row, 6, "Chưa có đơn vị nào.", w->f[F_CELL_TEXT]);
		d.row++;
	}
	worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row - 1), 6);
	return s;
}

/* --- the file -------------------------------------------------------------- */

static int known_type(const char *code, void *ctx)
{
	antt_db *db = ctx;
	char buf[32];
	return unit_type_resolve(db, code, buf, sizeof(buf), NULL) == ANTT_OK && !strcmp(buf, code);
}

static antt_status parse_date(const char *date, struct tm *tm, antt_err *err)
{
	char iso[11];
	int y, m, d;
	antt_status s;

	if (!date) {
		time_t now = time(NULL);
		localtime_r(&now, tm);
		return ANTT_OK;
	}
	/* 20/11/2026 or 2026-11-20, a day that exists */
	if ((s = date_parse(date, "ngày ghi trên báo cáo", iso, err)) != ANTT_OK)
		return s;
	sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	return ANTT_OK;
}

/* What went wrong when the workbook was written, in the user's words
 * (libxlsxwriter's own texts are English). */
static const char *close_error_words(lxw_error e)
{
	switch (e) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return "hết bộ nhớ; hãy đóng bớt chương trình khác rồi làm lại";
	case LXW_ERROR_CREATING_XLSX_FILE:
		return "không tạo được tệp; kiểm tra thư mục có tồn tại và được phép ghi";
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE:
		return "không dùng được tệp tạm; kiểm tra chỗ trống trên đĩa và thư mục tạm (TMPDIR)";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return "ghi tệp bị gián đoạn, thường do đĩa đầy; kiểm tra chỗ trống trên đĩa";
	default:
		return "lỗi bên trong khi ghi tệp; hãy làm lại, nếu vẫn lỗi xin báo người quản trị";
	}
}

antt_status report_write(antt_db *db, const report_opts *o, report_info *info, antt_err *err)
{
	writer w = { .o = o, .db = db, .year = o->year };
	report_layout *layout = NULL;
	tally t = { 0 };
	detail d = { .w = &w };
	char *dir = NULL, *layout_path = NULL, tmp[4096], *copy = NULL;
	lxw_workbook_options wopt = { 0 };
	lxw_doc_properties props = { 0 };
	struct tm tm;
	antt_status s;
	lxw_error xe;
	FILE *probe;
	void *quiet;

	memset(info, 0, sizeof(*info));
	if ((s = parse_date(o->date, &tm, err)) != ANTT_OK)
		return s;
	snprintf(w.day, sizeof(w.day), "%02d", tm.tm_mday % 100);
	snprintf(w.month, sizeof(w.month), "%02d", (tm.tm_mon + 1) % 100);
	snprintf(w.yyyy, sizeof(w.yyyy), "%04d", (tm.tm_year + 1900) % 10000);

	if (!o->force && access(o->path, F_OK) == 0)
		return err_set(err, ANTT_ERR_EXISTS, "%s: tệp đã có, chưa ghi gì", o->path);
	if (o->layout) {
		layout_path = strdup(o->layout);
	} else if ((dir = form_dir())) {
		size_t n = strlen(dir) + 32;
		if ((layout_path = malloc(n)))
			snprintf(layout_path, n, "%s/reports/tong-hop.yaml", dir);
	}
	if (!layout_path) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	if ((s = layout_load(layout_path, known_type, db, &layout, err)) != ANTT_OK)
		goto out;
	w.l = layout;
	if ((s = tally_compute(db, o->year, o->under, layout, &t, err)) != ANTT_OK)
		goto out;
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

	/* a temporary file beside the target, renamed when complete */
	if (!(copy = strdup(o->path))) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	{
		const char *out_dir = dirname(copy);   /* "." for a bare name */
		/* and those a killed report left there (kill -9, a power cut) go */
		file_remove_stale(out_dir, ".antt-report-", ".xlsx.tmp");
		snprintf(tmp, sizeof(tmp), "%s/.antt-report-%ld.xlsx.tmp", out_dir, (long)getpid());
	}
	if (!(probe = fopen(tmp, "wb"))) {
		s = err_set(err, ANTT_ERR_IO, "%s: không ghi được vào thư mục này (%s). Chọn nơi khác để lưu.",
			o->path, errno == ENOENT ? "thư mục không tồn tại" : errno == EACCES ? "không có quyền ghi" : "lỗi ghi");
		goto out;
	}
	fclose(probe);

	wopt.tmpdir = NULL;
	/* libxlsxwriter prints its errors in English over the screen: silenced
	 * while it works, the error code is put into words below */
	quiet = platform_stderr_off();
	w.wb = workbook_new_opt(tmp, &wopt);
	if (!w.wb) {
		platform_stderr_on(quiet);
		unlink(tmp);
		s = err_set(err, ANTT_ERR_IO, "%s: không tạo được tệp Excel", o->path);
		goto out;
	}
	/* fixed properties: the same data gives the same bytes */
	props.title = "Báo cáo An toàn về an ninh, trật tự";
	props.author = "antt";
	props.created = timegm(&tm);
	workbook_set_properties(w.wb, &props);
	make_formats(&w);
	s = summary_sheet(&w, &t);
	if (s == ANTT_OK && !o->summary_only)
		s = tally_units(db, o->year, o->under, type_row, &d, err);
	if (s == ANTT_OK && d.ws)
		worksheet_print_area(d.ws, 0, 0, (lxw_row_t)(d.row - 1), 7);
	if (s == ANTT_OK && !o->summary_only)
		s = failed_sheet(&w, err);
	if (s == ANTT_OK && !o->summary_only && (s = classes_sheet(&w, err)) == ANTT_OK &&
	    (s = movement_sheet(&w, err)) == ANTT_OK)
		s = candidates_sheet(&w, err);
	xe = workbook_close(w.wb);
	platform_stderr_on(quiet);
	if (s == ANTT_OK && xe != LXW_NO_ERROR)
		s = err_set(err, ANTT_ERR_IO, "%s: không ghi xong tệp Excel: %s. Tệp cũ (nếu có) vẫn nguyên.",
			o->path, close_error_words(xe));
	if (s == ANTT_OK && rename(tmp, o->path) != 0)
		s = err_set(err, ANTT_ERR_IO, "%s: không đặt được tên tệp (%s)", o->path, "kiểm tra quyền ghi");
	if (s != ANTT_OK)
		unlink(tmp);
	info->sheets = o->summary_only ? 1 : 5 + d.sheets;
out:
	tally_free(&t);
	layout_free(layout);
	free(layout_path);
	free(dir);
	free(copy);
	return s;
}
