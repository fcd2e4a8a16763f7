/* The blank checklist (antt print checklist): every criterion of the set
 * in the order the entry screen shows them, with its article and text,
 * boxes for có / không, room for figures and notes, the computed criteria
 * as what the office fills in, the verdict to tick and the meeting's
 * signatures. Laid out by forms/reports/phieu-danh-gia.yaml. */
#include "doc_int.h"
#include "assess.h"
#include "form_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "subject", "unit_line", "parent_line", "set_line", "instructions",
	"columns", "count", "percent", "choice", "text", "date", "computed", "optional", "verdict", "verdict_options",
	"place_date", "signers", NULL };

/* Mã | Tiêu chí (two columns, so the head's halves are even) | Có | Không
 * | Số liệu, ghi chú: A4 portrait's width */
enum { C_ID, C_TEXT, C_TEXT2, C_YES, C_NO, C_NOTE, NCOLS };
static const double WIDTHS[NCOLS] = { 6, 28, 14, 6, 6, 18 };
#define W_TEXT (WIDTHS[C_TEXT] + WIDTHS[C_TEXT2])
#define SPLIT C_TEXT

/* A unit gets a checklist when it is assessed, of the type asked for,
 * and its type has a criteria set that year. */
static int want(doc *d, const unit_row *u)
{
	const form *f;

	if (u->excluded || (d->type[0] && strcmp(u->type, d->type)))
		return 0;
	return form_for_new(d->db, u->type, d->o->year, &f, NULL, NULL) == ANTT_OK;
}

/* How the paper takes an answer that is not có / không. */
static char *hint(doc *d, const form_item *it)
{
	static const char *const keys[] = { [FORM_COUNT] = "count", [FORM_PERCENT] = "percent",
		[FORM_CHOICE] = "choice", [FORM_TEXT] = "text", [FORM_DATE] = "date" };
	const char *t = it->computed ? doc_text(d, "computed") : doc_text(d, keys[it->type]);
	size_t len = 1, used = 0;
	char *opts, *out, *both;

	for (size_t i = 0; i < it->n_options; i++)
		len += strlen(it->options[i]) + 3;
	if (!(opts = malloc(len)))
		return NULL;
	opts[0] = '\0';
	for (size_t i = 0; i < it->n_options; i++)
		used += (size_t)snprintf(opts + used, len - used, "%s%s", i ? " / " : "", it->options[i]);
	out = doc_replace(t, "{options}", opts);
	free(opts);
	if (!out || it->required || it->computed)
		return out;
	both = malloc(strlen(out) + strlen(doc_text(d, "optional")) + 2);
	if (both)
		sprintf(both, "%s %s", out, doc_text(d, "optional"));
	free(out);
	return both;
}

#define W_REST (WIDTHS[C_YES] + WIDTHS[C_NO] + WIDTHS[C_NOTE])

/* One criterion's row at r (or below a copy of the table's head when it
 * opens a page); returns the next row. */
static int item_row(doc *d, lxw_worksheet *ws, int r, const form_item *it)
{
	char text[2048], *h = NULL;
	const char *note = it->required ? "" : doc_text(d, "optional");
	lxw_format *cell = d->w.f[F_CELL_WRAP];
	int yesno = it->leaf && it->type == FORM_YESNO && !it->computed;
	double height;

	if (it->article && *it->article)
		snprintf(text, sizeof(text), "%s\n(%s)", it->label, it->article);
	else
		snprintf(text, sizeof(text), "%s", it->label);
	if (it->leaf && !yesno && !(h = hint(d, it)))
		return r + 1;
	if (!it->leaf)
		height = doc_fit((const char *const[]){ text }, (const double[]){ W_TEXT + W_REST }, 1, 1);
	else if (yesno)
		height = doc_fit((const char *const[]){ text, note }, (const double[]){ W_TEXT, WIDTHS[C_NOTE] }, 2, 0);
	else
		height = doc_fit((const char *const[]){ text, h }, (const double[]){ W_TEXT, W_REST }, 2, 0);
	r = doc_table_row(d, ws, r, height);
	doc_row(d, ws, r, height);
	worksheet_write_string(ws, (lxw_row_t)r, C_ID, it->id, it->leaf ? d->f[D_CENTER] : d->f[D_GROUP_ID]);
	if (!it->leaf) {
		worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_NOTE, text, d->f[D_GROUP]);
	} else if (yesno) {
		worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_TEXT2, text, cell);
		worksheet_write_blank(ws, (lxw_row_t)r, C_YES, d->f[D_BOX]);
		worksheet_write_blank(ws, (lxw_row_t)r, C_NO, d->f[D_BOX]);
		worksheet_write_string(ws, (lxw_row_t)r, C_NOTE, note, cell);
	} else {
		worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_TEXT2, text, cell);
		worksheet_merge_range(ws, (lxw_row_t)r, C_YES, (lxw_row_t)r, C_NOTE, h, cell);
	}
	free(h);
	return r + 1;
}

/* The sheet of one unit (u), or the blank one of a type (u NULL). */
static antt_status sheet(doc *d, const form *f, const unit_row *u, const char *type_name)
{
	static const char *const lines[] = { "unit_line", "parent_line" };
	char set[1024];
	char *const *opts, *const *signers;
	size_t n_opts, n_signers;
	lxw_worksheet *ws;
	int r, tail;

	if (!(ws = doc_sheet(d, u ? u->code : type_name, PAGE_PORTRAIT, WIDTHS, NCOLS)))
		return ANTT_ERR_NOMEM;
	d->w.split = SPLIT;
	d->w.undated = 1;   /* dated by hand under the table */
	snprintf(set, sizeof(set), "%s — %s", f->regulation, f->title);
	if ((r = doc_unit_head(d, ws, WIDTHS, NCOLS - 1, u, type_name, lines, 2, set, "set_line")) < 0)
		return ANTT_ERR_NOMEM;
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, doc_text(d, "instructions"), d->f[D_NOTE], 12) + 1;

	r = doc_table_head(d, ws, r, NCOLS, C_TEXT);
	for (size_t k = 0; k < f->n_items; k++)   /* the screen's order */
		r = item_row(d, ws, r, &f->items[k]);

	tail = ++r;
	opts = doc_list(d, "verdict_options", &n_opts);
	worksheet_merge_range(ws, (lxw_row_t)r, C_ID, (lxw_row_t)r, C_TEXT2, doc_text(d, "verdict"), d->f[D_LINE_BOLD]);
	for (size_t k = 0; k < n_opts; k++, r++) {
		worksheet_write_blank(ws, (lxw_row_t)r, C_YES, d->f[D_BOX]);
		worksheet_merge_range(ws, (lxw_row_t)r, C_NO, (lxw_row_t)r, C_NOTE, opts[k], d->f[D_LINE]);
		doc_row(d, ws, r, 20);
	}
	r++;
	worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT2, (lxw_row_t)r, C_NOTE, doc_text(d, "place_date"), d->w.f[F_DATE]);
	signers = doc_list(d, "signers", &n_signers);
	r = doc_signatures(d, ws, r + 1, WIDTHS, NCOLS - 1, signers, NULL, n_signers);
	doc_sheet_end(d, ws, tail, r, NCOLS - 1);   /* the verdict with the signatures */
	return ANTT_OK;
}

/* Why no unit got a checklist, in words. */
static antt_status nothing_to_print(doc *d, antt_err *err)
{
	const doc_opts *o = d->o;
	unit_row u;

	if (o->under)
		return err_set(err, ANTT_ERR_NOT_FOUND, "năm %d, %s và các đơn vị trực thuộc không có đơn vị nào%s%s cần "
			"đánh giá: không có phiếu để in", o->year, o->under, d->type[0] ? " thuộc loại " : "", d->type);
	if (unit_get(d->db, o->unit, &u, err) != ANTT_OK)
		return ANTT_ERR_NOT_FOUND;
	if (u.excluded)
		return err_set(err, ANTT_ERR_NOT_FOUND, "đơn vị %s không thuộc diện đánh giá: không có phiếu để in", o->unit);
	return err_set(err, ANTT_ERR_NOT_FOUND, "loại đơn vị %s không có bộ tiêu chí năm %d: không có phiếu để in cho "
		"đơn vị %s", u.type_name, o->year, o->unit);
}

antt_status doc_checklist(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	unit_row *units = NULL;
	size_t n = 0;
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	if ((s = doc_begin(&d, db, o, "phieu-danh-gia.yaml", KEYS, err)) != ANTT_OK)
		return doc_end(&d, s, err);
	if (o->unit || o->under) {
		if ((s = doc_units(&d, want, &units, &n, err)) != ANTT_OK)
			return doc_end(&d, s, err);
		if (n == 0) {
			free(units);
			return doc_end(&d, nothing_to_print(&d, err), err);
		}
	}
	if ((s = doc_open(&d, "Phiếu đánh giá An toàn về an ninh, trật tự", err)) == ANTT_OK) {
		if (!units) {
			const form *f;
			if ((s = form_for_new(db, d.type, o->year, &f, NULL, err)) == ANTT_OK)
				s = sheet(&d, f, NULL, d.type_name);
		}
		for (size_t i = 0; s == ANTT_OK && i < n; i++) {
			assess_result r = { 0 };
			/* a registered unit's own set; the set of the year otherwise */
			if ((s = assess_load(db, units[i].code, o->year, &r, err)) == ANTT_OK)
				s = sheet(&d, r.f, &units[i], NULL);
			assess_result_free(&r);
		}
	}
	info->units = (long long)n;
	info->sheets = d.sheets;
	free(units);
	return doc_end(&d, s, err);
}
