/* Where a printed document's pages break: the height of every row is known
 * when it is set (doc_row), so the pages can be laid out as the printer
 * lays them out (A4 less Nghị định 30's margins, rows never split). A table
 * row that would not fit gets a page break before it and a copy of the
 * table's head above it (Excel's repeated rows would also print the head
 * above a page that only holds the signatures); a block that must stay
 * together — the verdict and the signatures — gets a page break before it
 * when the printer would cut it. */
#include "doc_int.h"

#include <stdlib.h>

#define MARGINS (2 * 20 / 25.4 * 72)   /* top and bottom, 20 mm each, in points */
#define ROW_DEFAULT 15.0

void doc_row_height_note(doc *d, int r, double height)
{
	if ((size_t)r >= d->n_heights) {
		size_t n = (size_t)r + 64;
		double *h = realloc(d->heights, n * sizeof(*h));
		if (!h)
			return;   /* the page model is a nicety: without it no break is put */
		for (size_t k = d->n_heights; k < n; k++)
			h[k] = 0;
		d->heights = h;
		d->n_heights = n;
	}
	d->heights[r] = height;
}

void doc_row(doc *d, lxw_worksheet *ws, int r, double height)
{
	worksheet_set_row(ws, (lxw_row_t)r, height, NULL);
	doc_row_height_note(d, r, height);
}

/* A4's height (its width when landscape) less the margins, in points. */
static double page_body(const doc *d)
{
	return (d->landscape ? 595.0 : 842.0) - MARGINS;
}

static double height_of(const doc *d, int r)
{
	return (size_t)r < d->n_heights && d->heights[r] > 0 ? d->heights[r] : ROW_DEFAULT;
}

static int is_break(const doc *d, int r)
{
	for (size_t k = 0; k < d->n_breaks; k++)
		if (d->breaks[k] == (lxw_row_t)r)
			return 1;
	return 0;
}

/* Where row r_at starts: its page (from 1) and the height used above it
 * on that page. */
static int place(const doc *d, int r_at, double *used)
{
	double y = 0;
	int page = 1;

	for (int r = 0; r < r_at; r++) {
		double h = height_of(d, r);
		if (r > 0 && (y + h > page_body(d) || is_break(d, r))) {
			page++;
			y = 0;
		}
		y += h;
	}
	if (r_at > 0 && (y + height_of(d, r_at) > page_body(d) || is_break(d, r_at))) {
		page++;
		y = 0;
	}
	*used = y;
	return page;
}

/* A page break before row r (the list ends with 0 for libxlsxwriter; it is
 * given to the sheet once, by doc_sheet_end: libxlsxwriter keeps only the
 * last list and does not free the one before). */
static void page_break(doc *d, int r)
{
	lxw_row_t *b = realloc(d->breaks, (d->n_breaks + 2) * sizeof(*b));

	if (!b)
		return;
	d->breaks = b;
	d->breaks[d->n_breaks++] = (lxw_row_t)r;
	d->breaks[d->n_breaks] = 0;
}

int doc_table_row(doc *d, lxw_worksheet *ws, int r, double height)
{
	return doc_table_row_keep(d, ws, r, height, 0);
}

int doc_table_row_keep(doc *d, lxw_worksheet *ws, int r, double height, double keep)
{
	double used;
	int page;

	/* placed as if the next row were part of it: a group's title or the
	 * last row never sits alone above a page break, the totals never alone
	 * below one */
	doc_row_height_note(d, r, height + keep);
	page = place(d, r, &used);
	doc_row_height_note(d, r, height);
	if (d->head_row < 0 || used > 0 || page == place(d, d->head_row, &used))
		return r;
	/* the row opens a page: the break put where the printer would, the
	 * head written again on top */
	page_break(d, r);
	doc_table_head(d, ws, r, d->head_ncols, d->head_wide);
	doc_row_height_note(d, r + 1, height);
	return r + 1;
}

void doc_sheet_end(doc *d, lxw_worksheet *ws, int tail, int last, int last_col)
{
	double block = 0, used;

	for (int r = tail; r <= last; r++)
		block += height_of(d, r);
	/* the tail on one page, unless it is longer than a page */
	if (tail <= last && block <= page_body(d) && place(d, tail, &used) != place(d, last, &used))
		page_break(d, tail);
	if (d->n_breaks)
		worksheet_set_h_pagebreaks(ws, d->breaks);
	else if (place(d, last, &used) == 1)   /* one page: no number on it (Nghị định 30) */
		worksheet_set_header(ws, "");
	worksheet_print_area(ws, 0, 0, (lxw_row_t)last, (lxw_col_t)last_col);
}
