/* Phiếu chấm điểm phong trào (QĐ 510, antt print cham-diem): the sheet's
 * items with their points, the unit's self-score and the reviewer's from
 * the database (or blank), the totals, the class and its cut-offs, the
 * signatures. Laid out by forms/reports/cham-diem.yaml. */
#include "doc_int.h"
#include "score.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "subject", "unit_line", "parent_line", "sheet_line", "columns",
	"deduct", "count", "total", "class", "cuts", "xs_note", "place_date", "signers", NULL };

/* Mục | Nội dung (two columns: the head's halves) | Điểm chuẩn | Tự chấm | Cấp trên chấm */
enum { C_ID, C_TEXT, C_TEXT2, C_MAX, C_SELF, C_REVIEW, NCOLS };
static const double WIDTHS[NCOLS] = { 6, 28, 12, 12, 9, 11 };
#define LAST (NCOLS - 1)

/* 7, 7,5 or -20: points as Vietnamese write them. */
static void points(double v, char *buf, size_t n)
{
	char *comma;

	if (v == floor(v))
		snprintf(buf, n, "%.0f", v);
	else if ((snprintf(buf, n, "%.1f", v), comma = strchr(buf, '.')))
		*comma = ',';
}

/* text with two keys replaced; a new string or NULL. */
static char *fill2(const char *text, const char *k1, const char *v1, const char *k2, const char *v2)
{
	char *a = doc_replace(text, k1, v1), *b = a ? doc_replace(a, k2, v2) : NULL;

	free(a);
	return b;
}

/* A typed score: points, or for a deduction the incidents and the points. */
static char *typed(doc *d, const score_item *it, int has, double v)
{
	char n[32], p[32];

	if (!has)
		return strdup("");
	points(v, n, sizeof(n));
	if (it->deduct <= 0)
		return strdup(n);
	points(score_points(it, v), p, sizeof(p));
	return fill2(doc_text(d, "count"), "{count}", n, "{points}", p);
}

/* An item's row at r, or below a copy of the table's head when it opens a
 * page; returns the next row. */
static int item_row(doc *d, lxw_worksheet *ws, int r, const score_item *it, const score_entry *e)
{
	char max[64], n[32], *self = NULL, *rev = NULL, *ded = NULL;
	lxw_format *text = it->leaf ? d->w.f[F_CELL_WRAP] : d->f[D_GROUP];
	double height;

	points(it->max, max, sizeof(max));
	if (it->deduct > 0) {
		points(-it->deduct, n, sizeof(n));
		points(-it->max, max, sizeof(max));
		ded = fill2(doc_text(d, "deduct"), "{n}", n, "{max}", max);
	}
	if (e && it->leaf) {
		self = typed(d, it, e->has_self, e->self);
		rev = typed(d, it, e->has_reviewer, e->reviewer);
	}
	height = doc_fit((const char *const[]){ it->label, ded ? ded : "", self ? self : "", rev ? rev : "" },
		(const double[]){ WIDTHS[C_TEXT] + WIDTHS[C_TEXT2], WIDTHS[C_MAX], WIDTHS[C_SELF], WIDTHS[C_REVIEW] }, 4,
		!it->leaf);
	r = doc_table_row(d, ws, r, height);
	doc_row(d, ws, r, height);
	worksheet_write_string(ws, (lxw_row_t)r, C_ID, it->id, it->leaf ? d->f[D_CENTER] : d->f[D_GROUP_ID]);
	worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_TEXT2, it->label, text);
	worksheet_write_string(ws, (lxw_row_t)r, C_MAX, ded ? ded : it->max > 0 ? max : "", d->f[D_CENTER]);
	worksheet_write_string(ws, (lxw_row_t)r, C_SELF, self ? self : "", d->f[D_CENTER]);
	worksheet_write_string(ws, (lxw_row_t)r, C_REVIEW, rev ? rev : "", d->f[D_CENTER]);
	free(self);
	free(rev);
	free(ded);
	return r + 1;
}

/* The sheet of u (res: its scores and cut-offs; filled: the scores
 * written), or a blank one of a type (u and res NULL). */
static antt_status sheet(doc *d, const score_sheet *sh, const unit_row *u, const score_result *res, int filled)
{
	static const char *const lines[] = { "unit_line", "parent_line" };
	char set[1024], buf[256], cuts[512] = "", *t;
	char *const *signers;
	size_t n_signers;
	const double *cut = res ? res->cut : sh->cut;
	lxw_worksheet *ws;
	int r, tail;

	if (!(ws = doc_sheet(d, u ? u->code : d->type_name, PAGE_PORTRAIT, WIDTHS, NCOLS)))
		return ANTT_ERR_NOMEM;
	d->w.split = C_TEXT;
	d->w.undated = 1;   /* dated by hand under the table */
	snprintf(set, sizeof(set), "%s — %s", sh->regulation, sh->title);
	if ((r = doc_unit_head(d, ws, WIDTHS, LAST, u, u ? NULL : d->type_name, lines, 2, NULL, NULL)) < 0 ||
	    !(t = doc_replace(doc_text(d, "sheet_line"), "{sheet}", set)))
		return ANTT_ERR_NOMEM;
	r = doc_paragraph(d, ws, r, 0, LAST, WIDTHS, t, d->f[D_LINE], 13) + 1;
	free(t);
	r = doc_table_head(d, ws, r, NCOLS, C_TEXT);
	for (size_t i = 0; i < sh->n_items; i++)
		r = item_row(d, ws, r, &sh->items[i], filled ? &res->e[i] : NULL);

	/* the totals: 100 points, the self-score, the reviewer's */
	r = doc_table_row(d, ws, r, 20);
	worksheet_merge_range(ws, (lxw_row_t)r, C_ID, (lxw_row_t)r, C_TEXT2, doc_text(d, "total"), d->w.f[F_TOTAL_TEXT]);
	worksheet_write_string(ws, (lxw_row_t)r, C_MAX, "100", d->f[D_BOX]);
	buf[0] = '\0';
	if (filled && res->has_self)
		points(res->self_total, buf, sizeof(buf));
	worksheet_write_string(ws, (lxw_row_t)r, C_SELF, buf, d->f[D_BOX]);
	buf[0] = '\0';
	if (filled && res->has_reviewer)
		points(res->reviewer_total, buf, sizeof(buf));
	worksheet_write_string(ws, (lxw_row_t)r, C_REVIEW, buf, d->f[D_BOX]);
	doc_row(d, ws, r, 20);
	tail = r += 2;
	if (!(t = doc_replace(doc_text(d, "class"), "{class}",
	         filled && res->cls >= 0 ? score_class_name(res->cls) : "……………………")))
		return ANTT_ERR_NOMEM;
	r = doc_paragraph(d, ws, r, 0, LAST, WIDTHS, t, d->f[D_LINE_BOLD], 13);
	free(t);
	for (int k = CLASS_COUNT - 1; k > 0; k--) {
		size_t used = strlen(cuts);
		points(cut[k], buf, sizeof(buf));
		snprintf(cuts + used, sizeof(cuts) - used, "%s%s từ %s điểm", k < CLASS_COUNT - 1 ? "; " : "",
			score_class_name(k), buf);
	}
	{
		size_t used = strlen(cuts);
		points(cut[CLASS_TRUNG_BINH], buf, sizeof(buf));
		snprintf(cuts + used, sizeof(cuts) - used, "; %s dưới %s điểm", score_class_name(CLASS_YEU), buf);
	}
	if (!(t = doc_replace(doc_text(d, "cuts"), "{cuts}", cuts)))
		return ANTT_ERR_NOMEM;
	r = doc_paragraph(d, ws, r, 0, LAST, WIDTHS, t, d->f[D_LINE], 13);
	free(t);
	if (sh->xs_requires_standard)
		r = doc_paragraph(d, ws, r, 0, LAST, WIDTHS, doc_text(d, "xs_note"), d->f[D_NOTE], 12);
	r++;
	worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT2, (lxw_row_t)r, LAST, doc_text(d, "place_date"), d->w.f[F_DATE]);
	signers = doc_list(d, "signers", &n_signers);
	r = doc_signatures(d, ws, r + 1, WIDTHS, LAST, signers, NULL, n_signers);
	doc_sheet_end(d, ws, tail, r, LAST);   /* the class with the signatures */
	return ANTT_OK;
}

antt_status doc_score_sheet(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	score_result res = { 0 };
	const score_sheet *sh = NULL;
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	if ((s = doc_begin(&d, db, o, "cham-diem.yaml", KEYS, err)) != ANTT_OK)
		return doc_end(&d, s, err);
	if (o->unit)
		s = score_load(db, o->unit, o->year, &res, err);
	else
		s = score_sheet_for(db, d.type, o->year, &sh, err);
	if (s == ANTT_OK && o->unit && res.unit.excluded)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "đơn vị %s không thuộc diện đánh giá: không có phiếu chấm điểm", o->unit);
	if (s == ANTT_OK && (s = doc_open(&d, "Phiếu chấm điểm phong trào Toàn dân bảo vệ an ninh Tổ quốc", err)) == ANTT_OK)
		s = o->unit ? sheet(&d, res.sheet, &res.unit, &res, !o->blank) : sheet(&d, sh, NULL, NULL, 0);
	info->units = s == ANTT_OK && o->unit;
	info->sheets = d.sheets;
	score_result_free(&res);
	return doc_end(&d, s, err);
}
