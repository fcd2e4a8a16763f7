/* The signed page, "Tổng hợp": one row per group of the layout (a unit
 * type: khu dân cư, xã, phường …) with its figures, the rate last year and
 * the target, narrow enough for A4 portrait at full size (nothing below
 * 10 pt; a fit-to-width of a wide table printed it near 6 pt). The
 * per-commune breakdown is the appendix "Theo xã" (report_annex.c). */
#include "report_int.h"
#include "count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns: TT, the group, the layout's columns, last year's rate, target.
 * 586 pixels in all (LibreOffice draws them some 6 % wider: 621): A4
 * portrait less the margins is 624, so the page prints at 100 %, and the
 * header's halves hold the unit's name (13 pt bold: "CÔNG AN HUYỆN SÔNG
 * LAM" on one line; the label column was 18, which cut it) and the quốc
 * hiệu (12 pt). */
#define W_TT    4.0
#define W_LABEL 20.0
#define W_NUMS  54.0   /* shared by the figures: 6 columns of 9 */

long long report_measure(const count_row *c, layout_measure m)
{
	switch (m) {
	case MEASURE_TOTAL:       return count_in_scope(c);
	case MEASURE_REGISTERED:  return c->registered;
	case MEASURE_PASSED:      return c->recognised;   /* "Đạt": được công nhận */
	case MEASURE_SELF_PASSED: return c->passed;
	case MEASURE_APPROVED:    return c->approved;
	default:                  return 0;
	}
}

/* A group with no unit to assess (none, or all excluded) and none
 * registered: its cells say "–", not 0 0 0 0,0 %. */
int report_no_units(const count_row *c)
{
	return count_in_scope(c) == 0 && c->registered == 0;
}

/* The layout's columns of one group from column c0 of row r: numbers, and
 * the rate as a formula over the same row (its value stored too). */
void report_figures(writer *w, lxw_worksheet *ws, int r, int c0, const count_row *cell, int fi, int fp)
{
	const report_layout *l = w->l;
	int cp = -1, ct = -1;
	char rp[16], rt[16], formula[64];
	double pct = count_rate(cell);

	for (size_t k = 0; k < l->n_columns; k++) {
		if (l->columns[k].measure == MEASURE_PASSED)
			cp = c0 + (int)k;
		if (l->columns[k].measure == MEASURE_TOTAL)
			ct = c0 + (int)k;
	}
	for (size_t k = 0; k < l->n_columns; k++) {
		int c = c0 + (int)k;
		if (report_no_units(cell)) {
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "–", w->f[fi]);
		} else if (l->columns[k].measure != MEASURE_RATE) {
			worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)report_measure(cell, l->columns[k].measure),
				w->f[fi]);
		} else if (cp >= 0 && ct >= 0) {
			lxw_rowcol_to_cell(rp, (lxw_row_t)r, (lxw_col_t)cp);
			lxw_rowcol_to_cell(rt, (lxw_row_t)r, (lxw_col_t)ct);
			snprintf(formula, sizeof(formula), "=IF(%s>0,%s/%s,0)", rt, rp, rt);
			worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, formula, w->f[fp], pct < 0 ? 0 : pct / 100);
		} else {
			worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, pct < 0 ? 0 : pct / 100, w->f[fp]);
		}
	}
}

/* The totals row's figures: sums of the rows first..r-1 (formulas with
 * their values), the rate over the sums. */
void report_sums(writer *w, lxw_worksheet *ws, int r, int first, int c0, const count_row *sum)
{
	const report_layout *l = w->l;

	report_figures(w, ws, r, c0, sum, F_TOTAL_INT, F_TOTAL_PCT);
	if (report_no_units(sum))
		return;
	for (size_t k = 0; k < l->n_columns; k++) {
		char from[16], to[16], formula[64];
		int c = c0 + (int)k;
		if (l->columns[k].measure == MEASURE_RATE)
			continue;
		lxw_rowcol_to_cell(from, (lxw_row_t)first, (lxw_col_t)c);
		lxw_rowcol_to_cell(to, (lxw_row_t)(r - 1), (lxw_col_t)c);
		snprintf(formula, sizeof(formula), "=SUM(%s:%s)", from, to);
		worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, formula, w->f[F_TOTAL_INT],
			(double)report_measure(sum, l->columns[k].measure));
	}
}

/* A rate as a cell: the fraction, or "–" with nothing to compare. */
static void rate_cell(writer *w, lxw_worksheet *ws, int r, int c, const count_row *cell, int fi, int fp)
{
	double pct = count_rate(cell);

	if (cell->registered == 0 || pct < 0)
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "–", w->f[fi]);
	else
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, pct / 100, w->f[fp]);
}

/* The target (setting target_<type> of the group's first type); "–" for
 * a group with nothing to assess. */
static void target_cell(writer *w, lxw_worksheet *ws, int r, int c, const layout_group *g, const count_row *now)
{
	char key[64], *v = NULL;

	snprintf(key, sizeof(key), "target_%s", g->types[0]);
	if (!report_no_units(now) && (v = db_setting_get(w->db, key, NULL)))
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, strtod(v, NULL) / 100.0, w->f[F_CELL_PCT]);
	else
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "–", w->f[F_CELL_INT]);
	free(v);
}

antt_status report_summary_sheet(writer *w, const tally *t)
{
	const report_layout *l = w->l;
	lxw_worksheet *ws = workbook_add_worksheet(w->wb, "Tổng hợp");
	int n = (int)l->n_columns + 2, last_col = 1 + n, r, first;
	double *widths = calloc((size_t)last_col + 1, sizeof(double));
	count_row sum = { 0 }, prev = { 0 };
	char *label;

	if (!ws || !widths) {
		free(widths);
		return ws ? ANTT_ERR_NOMEM : ANTT_ERR_IO;
	}
	/* the first page is not numbered (Nghị định 30): this page has none */
	report_page(ws, PAGE_UNNUMBERED);
	widths[0] = W_TT;
	widths[1] = W_LABEL;
	for (int c = 2; c <= last_col; c++)
		widths[c] = W_NUMS / n;
	for (int c = 0; c <= last_col; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	r = report_header(w, ws, widths, last_col);
	r = report_results(w, ws, r, widths, last_col);

	worksheet_write_string(ws, (lxw_row_t)r, 0, "TT", w->f[F_HEAD]);
	worksheet_write_string(ws, (lxw_row_t)r, 1, l->row_header, w->f[F_HEAD]);
	for (size_t k = 0; k < l->n_columns; k++)
		worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(2 + k), l->columns[k].label, w->f[F_HEAD]);
	label = layout_expand(l->previous_label, w->year);
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(last_col - 1), label ? label : "", w->f[F_HEAD]);
	free(label);
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)last_col, l->target_label, w->f[F_HEAD]);
	worksheet_set_row(ws, (lxw_row_t)r, 48, NULL);
	worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)r);
	first = ++r;
	for (size_t g = 0; g < l->n_groups; g++, r++) {
		worksheet_write_number(ws, (lxw_row_t)r, 0, (double)(g + 1), w->f[F_CELL_INT]);
		worksheet_write_string(ws, (lxw_row_t)r, 1, l->groups[g].label, w->f[F_CELL_TEXT]);
		report_figures(w, ws, r, 2, &t->totals[g], F_CELL_INT, F_CELL_PCT);
		rate_cell(w, ws, r, last_col - 1, &t->prev[g], F_CELL_INT, F_CELL_PCT);
		target_cell(w, ws, r, last_col, &l->groups[g], &t->totals[g]);
		worksheet_set_row(ws, (lxw_row_t)r, 20, NULL);
		count_add(&sum, &t->totals[g]);
		count_add(&prev, &t->prev[g]);
	}
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 1, l->totals_label, w->f[F_TOTAL_TEXT]);
	report_sums(w, ws, r, first, 2, &sum);
	rate_cell(w, ws, r, last_col - 1, &prev, F_TOTAL_INT, F_TOTAL_PCT);
	worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)last_col, w->f[F_TOTAL_INT]);
	worksheet_set_row(ws, (lxw_row_t)r, 20, NULL);

	/* a row for the note on sheets left out, written once they are known */
	w->summary = ws;
	w->note_row = r + 1;
	w->last_col = last_col;
	w->note_width = report_span(widths, last_col + 1);
	r = report_signature(w, ws, r + 3, widths, last_col);
	worksheet_print_area(ws, 0, 0, (lxw_row_t)r, (lxw_col_t)last_col);
	free(widths);
	return ANTT_OK;
}
