/* "Theo xã": the figures per commune (one row each, and the units
 * directly under the office), an appendix split into tables narrow enough
 * for A4 landscape at full size: as many column groups per table as fit,
 * spread evenly,
 * one sheet per table so its head repeats on every page. Groups made only
 * of commune types (xã, phường …) are left out: a commune would count
 * itself there; the signed page and the "Xã" sheet give them. */
#include "report_int.h"
#include "count.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_TT    4.0
#define W_NAME  20.0
#define W_FIG   7.5     /* "100,0 %" in 12 pt */
/* A4 landscape less the Nghị định 30 margins, in pixels, less the 6 %
 * LibreOffice draws wider than Excel */
#define PAGE_PX (952.0 / 1.06)

/* 1 when every type of the group is a commune type. */
static antt_status commune_group(writer *w, const layout_group *g, int *yes, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s = db_prepare(w->db, "SELECT commune FROM unit_types WHERE code = ?1", &st, err);

	*yes = g->n_types > 0;
	for (size_t k = 0; s == ANTT_OK && k < g->n_types; k++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, g->types[k], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0))
			*yes = 0;
	}
	sqlite3_finalize(st);
	return s;
}

/* The first column of the i-th group in a table: after TT and the name,
 * nc columns per group. */
static int group_col(size_t i, int nc)
{
	return 2 + (int)i * nc;
}

/* One table: the groups gs[0..n) for every row, totals under them; the
 * last one with the preparer's signature. */
static void table(writer *w, const tally *t, const size_t *gs, size_t n, int part, int last)
{
	const report_layout *l = w->l;
	int nc = (int)l->n_columns, last_col = group_col(n, nc) - 1, r = 2, first;
	char name[32];
	lxw_worksheet *ws;

	snprintf(name, sizeof(name), part ? "Theo xã (%d)" : "Theo xã", part + 1);
	/* a row per commune (3,000 in a merged province, 90,000 cells in a
	 * national database): streamed, so every row is written before the
	 * next, the head's first row whole before the second */
	if (!(ws = report_stream_sheet(w, name, NULL)))
		return;
	/* the table's width: TT and the name, then a column per figure */
	report_appendix(w, ws, "KẾT QUẢ THEO TỪNG XÃ, PHƯỜNG, THỊ TRẤN NĂM {year}", last_col,
		report_span((const double[]){ W_TT, W_NAME }, 2) + (last_col - 1) * report_col_px(W_FIG) / 7, 1, part > 0);
	worksheet_set_column(ws, 0, 0, W_TT, NULL);
	worksheet_set_column(ws, 1, 1, W_NAME, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)last_col, W_FIG, NULL);
	/* TT and the name span both rows of the head: their text goes in the
	 * first row now; their merges (which reach into the second) follow
	 * the first row's groups */
	worksheet_write_string(ws, (lxw_row_t)r, 0, "TT", w->f[F_HEAD]);
	worksheet_write_string(ws, (lxw_row_t)r, 1, "Xã, phường, thị trấn", w->f[F_HEAD]);
	for (size_t i = 0; i < n; i++) {
		int c = group_col(i, nc);
		if (nc > 1)
			worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c, (lxw_row_t)r, (lxw_col_t)(c + nc - 1),
				l->groups[gs[i]].label, w->f[F_HEAD]);
		else
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, l->groups[gs[i]].label, w->f[F_HEAD]);
	}
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)(r + 1), 0, "TT", w->f[F_HEAD]);
	worksheet_merge_range(ws, (lxw_row_t)r, 1, (lxw_row_t)(r + 1), 1, "Xã, phường, thị trấn", w->f[F_HEAD]);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < nc; k++)
			worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)(group_col(i, nc) + k), l->columns[k].label,
				w->f[F_HEAD]);
	worksheet_set_row(ws, (lxw_row_t)(r + 1), 44, NULL);
	worksheet_repeat_rows(ws, (lxw_row_t)r, (lxw_row_t)(r + 1));
	first = r += 2;
	for (size_t i = 0; i < t->n_rows; i++, r++) {
		worksheet_write_number(ws, (lxw_row_t)r, 0, (double)(i + 1), w->f[F_CELL_INT]);
		worksheet_write_string(ws, (lxw_row_t)r, 1, t->rows[i].name, w->f[F_CELL_WRAP]);
		for (size_t g = 0; g < n; g++)
			report_figures(w, ws, r, group_col(g, nc), &t->rows[i].cells[gs[g]], F_CELL_INT, F_CELL_PCT);
		report_fit_row(ws, r, (const char *const[]){ t->rows[i].name }, (const double[]){ W_NAME }, 1);
	}
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 1, l->totals_label, w->f[F_TOTAL_TEXT]);
	for (size_t g = 0; g < n; g++)
		report_sums(w, ws, r, first, group_col(g, nc), &t->totals[gs[g]]);
	if (last && *l->preparer) {
		/* the statistics' preparer signs the last table */
		r += 1;
		worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(last_col / 2), l->preparer,
			w->f[F_SIGN_TITLE]);
		worksheet_set_row(ws, (lxw_row_t)r, 22, NULL);
	}
	worksheet_print_area(ws, 0, 0, (lxw_row_t)r, (lxw_col_t)last_col);
}

antt_status report_annex_sheets(writer *w, const tally *t, antt_err *err)
{
	const report_layout *l = w->l;
	size_t *gs = calloc(l->n_groups ? l->n_groups : 1, sizeof(*gs)), n = 0, per;
	double fig = (double)(int)(W_FIG * 7 + 0.5) + 5;
	antt_status s = gs ? ANTT_OK : ANTT_ERR_NOMEM;
	int part = 0;

	for (size_t g = 0; s == ANTT_OK && g < l->n_groups; g++) {
		int yes;
		if ((s = commune_group(w, &l->groups[g], &yes, err)) == ANTT_OK && !yes)
			gs[n++] = g;
	}
	/* groups per table: what fits beside TT and the name */
	per = (size_t)((PAGE_PX - 33 - 145) / (fig * (double)(l->n_columns ? l->n_columns : 1)));
	if (per < 1)
		per = 1;
	/* as even as it goes: 4 groups, 3 fit: two tables of 2 */
	if (n > 0)
		per = (n + (n + per - 1) / per - 1) / ((n + per - 1) / per);
	for (size_t i = 0; s == ANTT_OK && i < n; i += per)
		table(w, t, gs + i, n - i < per ? n - i : per, part++, i + per >= n);
	w->extra_sheets += part;
	free(gs);
	return s;
}
