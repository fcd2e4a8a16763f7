/* "Biểu đồ": the recognised rate per unit type this year beside last year
 * and the target, as a small table (the chart's data, printed too) and a
 * column chart under it, on one landscape page. */
#include "report_int.h"
#include "count.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST 3   /* the table's head row; data below it */

/* One type's row: name, this year, last year, target (percentages; blank
 * where there is nothing to compare). */
static void chart_row(writer *w, lxw_worksheet *ws, int r, const count_row *now, const count_row *prev)
{
	char key[64], *v;
	double pct;

	worksheet_write_string(ws, (lxw_row_t)r, 0, now->name, w->f[F_CELL_TEXT]);
	if ((pct = count_rate(now)) >= 0)
		worksheet_write_number(ws, (lxw_row_t)r, 1, pct / 100.0, w->f[F_CELL_PCT]);
	else
		worksheet_write_string(ws, (lxw_row_t)r, 1, "–", w->f[F_CELL_INT]);
	if (prev && prev->registered > 0 && (pct = count_rate(prev)) >= 0)
		worksheet_write_number(ws, (lxw_row_t)r, 2, pct / 100.0, w->f[F_CELL_PCT]);
	else
		worksheet_write_string(ws, (lxw_row_t)r, 2, "–", w->f[F_CELL_INT]);
	snprintf(key, sizeof(key), "target_%s", now->type);
	if ((v = db_setting_get(w->db, key, NULL)))
		worksheet_write_number(ws, (lxw_row_t)r, 3, strtod(v, NULL) / 100.0, w->f[F_CELL_PCT]);
	else
		worksheet_write_string(ws, (lxw_row_t)r, 3, "–", w->f[F_CELL_INT]);
	free(v);
}

/* The types in the order page 1 lists them (the layout's groups: khu dân
 * cư first, as Thông tư 124 names them), then any the layout leaves out,
 * in theirs: order[] gets indices into w->now; returns how many. */
static size_t page_one_order(const writer *w, size_t *order)
{
	for (size_t i = 0; i < w->n_now; i++) {   /* stable: equal ranks keep their order */
		size_t rank = layout_type_rank(w->l, w->now[i].type), j = i;
		for (; j > 0 && layout_type_rank(w->l, w->now[order[j - 1]].type) > rank; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	return w->n_now;
}

antt_status report_chart_sheet(writer *w, antt_err *err)
{
	static const char *const cols[] = { "Loại đơn vị", "Năm {year}", "Năm {prev}", "Chỉ tiêu" };
	/* the table's four columns, then the chart's room to the tenth */
	static const double widths[] = { 22, 13, 13, 13, 8.43, 8.43, 8.43, 8.43, 8.43, 8.43 };
	const count_row *now = w->now, *prev = w->prev;
	size_t np = w->n_prev, k = 0, n_order, *order = NULL;
	lxw_worksheet *ws;
	lxw_chart *chart;
	antt_status s;
	char *t;

	if (!(order = malloc((w->n_now ? w->n_now : 1) * sizeof(*order)))) {
		s = err_set(err, ANTT_ERR_NOMEM, "không đủ bộ nhớ cho trang biểu đồ");
		goto out;
	}
	n_order = page_one_order(w, order);
	if (!(ws = workbook_add_worksheet(w->wb, "Biểu đồ"))) {
		s = err_set(err, ANTT_ERR_NOMEM, "không tạo được trang biểu đồ");
		goto out;
	}
	worksheet_set_column(ws, 0, 0, widths[0], NULL);
	worksheet_set_column(ws, 1, 3, widths[1], NULL);
	/* an appendix of the report like every page after the signed one:
	 * "Phụ lục …" and the report it goes with, over its title */
	report_appendix(w, ws, "TỶ LỆ ĐƠN VỊ ĐƯỢC CÔNG NHẬN ĐẠT TIÊU CHUẨN \"AN TOÀN VỀ AN NINH, TRẬT TỰ\" NĂM {year}",
		9, report_span(widths, 10), 1, 0);
	for (int c = 0; c < 4; c++) {
		t = layout_expand(cols[c], w->year);
		worksheet_write_string(ws, FIRST, (lxw_col_t)c, t ? t : cols[c], w->f[F_HEAD]);
		free(t);
	}
	for (size_t o = 0; o < n_order; o++) {
		const count_row *c = &now[order[o]], *p = NULL;
		if (count_in_scope(c) == 0)
			continue;   /* nothing to assess: no bar */
		for (size_t j = 0; j < np; j++)
			if (!strcmp(prev[j].type, c->type))
				p = &prev[j];
		chart_row(w, ws, FIRST + 1 + (int)k++, c, p);
	}
	if (k > 0 && !(chart = workbook_add_chart(w->wb, LXW_CHART_COLUMN))) {
		s = err_set(err, ANTT_ERR_NOMEM, "không tạo được biểu đồ");
		goto out;
	}
	if (k > 0) {
		char cats[64], vals[64], name[64];
		/* readable on paper: Times New Roman 11, not the chart's 10 */
		lxw_chart_font font = { .name = "Times New Roman", .size = 11 };
		for (int c = 1; c <= 3; c++) {
			lxw_chart_series *series;
			snprintf(cats, sizeof(cats), "='Biểu đồ'!$A$%d:$A$%d", FIRST + 2, FIRST + 1 + (int)k);
			snprintf(vals, sizeof(vals), "='Biểu đồ'!$%c$%d:$%c$%d", 'A' + c, FIRST + 2, 'A' + c, FIRST + 1 + (int)k);
			snprintf(name, sizeof(name), "='Biểu đồ'!$%c$%d", 'A' + c, FIRST + 1);
			series = chart_add_series(chart, cats, vals);
			chart_series_set_name(series, name);
			if (c == 1) {
				/* this year's figure on its bar, as the table writes it
				 * (47,0 %); last year's and the target's are in the table:
				 * three labels a type ran into each other ("91%95%") */
				chart_series_set_labels(series);
				chart_series_set_labels_num_format(series, REPORT_FMT_PCT);
				chart_series_set_labels_font(series, &font);
			}
		}
		chart_axis_set_num_font(chart->x_axis, &font);
		chart_axis_set_num_font(chart->y_axis, &font);
		chart_legend_set_font(chart, &font);
		chart_axis_set_num_format(chart->y_axis, "[$-42A]0 %");   /* 100 %, as the labels */
		chart_axis_set_min(chart->y_axis, 0);
		chart_axis_set_max(chart->y_axis, 1);
		chart_title_off(chart);
		chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
		/* under the appendix's head and eight types' rows, the chart with
		 * its legend still on the one landscape page */
		worksheet_insert_chart_opt(ws, (lxw_row_t)(FIRST + 2 + k), 0, chart,
			&(lxw_chart_options){ .x_scale = 1.7, .y_scale = 1.1 });
	}
	worksheet_print_area(ws, 0, 0, (lxw_row_t)(FIRST + 2 + k + 20), 9);
	s = ANTT_OK;
out:
	free(order);
	return s;
}
