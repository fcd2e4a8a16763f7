/* Biên bản họp đánh giá (antt print bien-ban): the meeting's time, place
 * and attendance left to write by hand, then the unit's results from the
 * database — each criterion held or not, in the screen's order — the
 * verdict, and the signatures. Laid out by forms/reports/bien-ban-hop.yaml. */
#include "doc_int.h"
#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "subject", "parts", "time_place", "attendance", "content", "columns",
	"states", "computed", "exception", "summary", "verdict_pass", "verdict_fail", "verdict_missing", "opinions",
	"closing", "signers", NULL };

/* Mã | Tiêu chí (two columns: the head's halves) | Kết quả | Đánh giá | Ghi chú */
enum { C_ID, C_TEXT, C_TEXT2, C_VALUE, C_STATE, C_NOTE, NCOLS };
static const double WIDTHS[NCOLS] = { 6, 28, 9, 12, 10, 13 };
#define LAST (NCOLS - 1)

/* text with the unit's words and then key/val pairs replaced (vals[k] for
 * keys[k]); a new string, NULL on no memory. */
static char *fill(doc *d, const char *text, const unit_row *u, const char *const *keys, const char *const *vals,
                  size_t n)
{
	char *t = doc_fill(d, text, u);

	for (size_t k = 0; t && k < n; k++) {
		char *next = doc_replace(t, keys[k], vals[k]);
		free(t);
		t = next;
	}
	return t;
}

/* A paragraph of the layout's key over the whole width; NULL words: the
 * text as it is. */
static int para(doc *d, lxw_worksheet *ws, int r, const char *text, lxw_format *f)
{
	return doc_paragraph(d, ws, r, 0, LAST, WIDTHS, text, f, 13);
}

/* Every line of a list key. */
static int lines(doc *d, lxw_worksheet *ws, int r, const char *key)
{
	size_t n;
	char *const *l = doc_list(d, key, &n);

	for (size_t k = 0; k < n; k++)
		r = para(d, ws, r, l[k], d->f[D_LINE]);
	return r;
}

static int part(doc *d, lxw_worksheet *ws, int r, size_t k)
{
	size_t n;
	char *const *l = doc_list(d, "parts", &n);

	return para(d, ws, r, k < n ? l[k] : "", d->f[D_LINE_BOLD]);
}

/* A long note: its first lines in the criterion's row, the rest on the
 * rows below over the whole width of the table (text to note column), at
 * most ROW_LINES lines a row: Excel draws no row taller than 409 pt, and a
 * row never runs over a page. */
#define FIRST_LINES 8
#define ROW_LINES 10
#define WIDE (WIDTHS[C_TEXT] + WIDTHS[C_TEXT2] + WIDTHS[C_VALUE] + WIDTHS[C_STATE] + WIDTHS[C_NOTE])

/* Lines s[0..k) takes at width (buf: room for s). */
static int note_lines(char *buf, const char *s, size_t k, double width)
{
	memcpy(buf, s, k);
	buf[k] = '\0';
	return report_lines(buf, width, 12, 0);
}

/* How much of s fits in max lines at width: all of it when it fits, else
 * up to the last space that fits (up to the last character for a word
 * longer than that), and at least one character. s is not empty. */
static size_t note_piece(char *buf, const char *s, double width, int max)
{
	size_t n = strlen(s), fit = 0;

	if (note_lines(buf, s, n, width) <= max)
		return n;
	for (size_t k = 0; k < n;) {
		while (k < n && s[k] != ' ')
			k++;
		if (note_lines(buf, s, k, width) > max)
			break;
		fit = k;
		while (k < n && s[k] == ' ')
			k++;
	}
	for (size_t k = 1, good = 0; !fit && k <= n; k++) {
		if (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
			continue;   /* inside a character */
		if (note_lines(buf, s, k, width) > max)
			fit = good ? good : k;
		else
			good = k;
	}
	return fit;
}

/* The note as the minutes print it, whole: "Ngoại lệ: ..." for an
 * exception; a new string, NULL on no memory. */
static char *note_text(doc *d, const assess_item *a)
{
	const char *note = a->note ? a->note : "", *ex = a->exception ? doc_text(d, "exception") : "";
	size_t n = strlen(ex) + 2 + strlen(note) + 1;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s%s", ex, *ex && *note ? ": " : "", note);
	return out;
}

/* One criterion's row: what was entered, held or not, the note (a long
 * one going on below); at r, or below a copy of the table's head when it
 * opens a page. Returns the next row, -1 when out of memory. */
static int item_row(doc *d, lxw_worksheet *ws, int r, const form_item *it, const assess_item *a)
{
	size_t n_states, piece;
	char *const *states = doc_list(d, "states", &n_states);
	char *value = NULL, *note = NULL, *buf = NULL, *first = NULL, *more = NULL;
	const char *state, *rest;
	lxw_format *cell = d->w.f[F_CELL_WRAP];
	double height;

	state = n_states < 3 ? "" : a->state == RULE_PASS ? states[0] : a->state == RULE_FAIL ? states[1] : states[2];
	if (it->computed) {
		char rec[32], tot[32], *comp;
		snprintf(rec, sizeof(rec), "%lld", a->counts.recognised);
		snprintf(tot, sizeof(tot), "%lld", a->counts.total);
		if ((comp = doc_replace(doc_text(d, "computed"), "{recognised}", rec))) {
			value = doc_replace(comp, "{count}", tot);
			free(comp);
		}
	} else if (it->leaf && a->answered) {
		size_t n = (a->value.kind == RV_TEXT && a->value.s ? strlen(a->value.s) : 0) + 64;
		if ((value = malloc(n)))
			form_format_value(it, &a->value, value, n);
	} else {
		value = strdup("");
	}
	note = note_text(d, a);
	if (!value || !note || !(buf = malloc(strlen(note) + 1)))
		goto nomem;
	if (!it->leaf) {
		height = doc_fit((const char *const[]){ it->label }, (const double[]){ WIDTHS[C_TEXT] + WIDTHS[C_TEXT2] +
			WIDTHS[C_VALUE] }, 1, 1);
		r = doc_table_row(d, ws, r, height);
		doc_row(d, ws, r, height);
		worksheet_write_string(ws, (lxw_row_t)r, C_ID, it->id, d->f[D_GROUP_ID]);
		worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_VALUE, it->label, d->f[D_GROUP]);
		worksheet_write_string(ws, (lxw_row_t)r, C_STATE, state, d->f[D_CENTER]);
		worksheet_write_string(ws, (lxw_row_t)r, C_NOTE, "", cell);
		r++;
		goto out;
	}
	piece = note_piece(buf, note, WIDTHS[C_NOTE], FIRST_LINES);
	if (!(first = strndup(note, piece)))
		goto nomem;
	height = doc_fit((const char *const[]){ it->label, value, state, first },
		(const double[]){ WIDTHS[C_TEXT] + WIDTHS[C_TEXT2], WIDTHS[C_VALUE], WIDTHS[C_STATE], WIDTHS[C_NOTE] },
		4, 0);
	r = doc_table_row(d, ws, r, height);
	doc_row(d, ws, r, height);
	worksheet_write_string(ws, (lxw_row_t)r, C_ID, it->id, d->f[D_CENTER]);
	worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_TEXT2, it->label, cell);
	worksheet_write_string(ws, (lxw_row_t)r, C_VALUE, value, d->f[D_CENTER]);
	worksheet_write_string(ws, (lxw_row_t)r, C_STATE, state, d->f[D_CENTER]);
	worksheet_write_string(ws, (lxw_row_t)r, C_NOTE, first, cell);
	/* the rest of a long note, a row at a time over the table's width,
	 * under the criterion's code (a row may open a page) */
	for (rest = note + piece; *rest == ' '; rest++)
		;
	if (*rest && !(more = doc_replace("{id} (tiếp)", "{id}", it->id)))
		goto nomem;
	while (*rest) {
		piece = note_piece(buf, rest, WIDE, ROW_LINES);
		memcpy(buf, rest, piece);
		buf[piece] = '\0';
		height = doc_fit((const char *const[]){ more, buf }, (const double[]){ WIDTHS[C_ID], WIDE }, 2, 0);
		r = doc_table_row(d, ws, r + 1, height);
		doc_row(d, ws, r, height);
		worksheet_write_string(ws, (lxw_row_t)r, C_ID, more, d->f[D_CENTER]);
		worksheet_merge_range(ws, (lxw_row_t)r, C_TEXT, (lxw_row_t)r, C_NOTE, buf, cell);
		for (rest += piece; *rest == ' '; rest++)
			;
	}
	r++;
	goto out;
nomem:
	r = -1;
out:
	free(value);
	free(note);
	free(buf);
	free(first);
	free(more);
	return r;
}

static antt_status sheet(doc *d, const assess_result *res)
{
	const unit_row *u = &res->unit;
	char set[1024], ids[1024], passed[16], total[16], *t;
	char *const *signers;
	size_t n_signers, n_pass = 0, n_top = 0;
	const char *verdict;
	lxw_worksheet *ws;
	int r, tail = 0;

	if (!(ws = doc_sheet(d, u->code, PAGE_PORTRAIT, WIDTHS, NCOLS)))
		return ANTT_ERR_NOMEM;
	d->w.split = C_TEXT;
	d->w.undated = 1;   /* the meeting's day is written in part I */
	if ((r = doc_unit_head(d, ws, WIDTHS, LAST, u, NULL, NULL, 0, NULL, NULL)) < 0)
		return ANTT_ERR_NOMEM;

	/* the criteria as the tờ trình counts them (propose.c): the top-level
	 * ones, "4/5" beside the list's "Đạt 4/5 tiêu chí", not their points */
	for (size_t i = 0; i < res->f->n_items; i++)
		if (res->f->items[i].parent == -1) {
			n_top++;
			n_pass += res->items[i].state == RULE_PASS;
		}
	snprintf(set, sizeof(set), "%s (%s)", res->f->regulation, res->f->title);
	assess_detail(res, ids, sizeof(ids));
	snprintf(passed, sizeof(passed), "%zu", n_pass);
	snprintf(total, sizeof(total), "%zu", n_top);
	{
		static const char *const keys[] = { "{set}", "{ids}", "{passed}", "{total}" };
		const char *vals[] = { set, ids, passed, total };

		r = part(d, ws, r, 0);
		r = lines(d, ws, r, "time_place");
		r = part(d, ws, r, 1);
		r = lines(d, ws, r, "attendance");
		r = part(d, ws, r, 2);
		if (!(t = fill(d, doc_text(d, "content"), u, keys, vals, 4)))
			return ANTT_ERR_NOMEM;
		r = para(d, ws, r, t, d->w.f[F_BODY]) + 1;
		free(t);

		r = doc_table_head(d, ws, r, NCOLS, C_TEXT);
		for (size_t i = 0; i < res->f->n_items; i++)   /* the screen's order */
			if ((r = item_row(d, ws, r, &res->f->items[i], &res->items[i])) < 0)
				return ANTT_ERR_NOMEM;
		r++;
		if (!(t = fill(d, doc_text(d, "summary"), u, keys, vals, 4)))
			return ANTT_ERR_NOMEM;
		r = para(d, ws, r, t, d->f[D_LINE]);
		free(t);
		tail = r;
		r = part(d, ws, r, 3);
		verdict = res->verdict == RULE_PASS ? "verdict_pass" : res->verdict == RULE_FAIL ? "verdict_fail"
			: "verdict_missing";
		if (!(t = fill(d, doc_text(d, verdict), u, keys, vals, 4)))
			return ANTT_ERR_NOMEM;
		r = para(d, ws, r, t, d->f[D_LINE_BOLD]);
		free(t);
	}
	r = lines(d, ws, r, "opinions");
	r = para(d, ws, r, doc_text(d, "closing"), d->w.f[F_BODY]) + 1;
	signers = doc_list(d, "signers", &n_signers);
	r = doc_signatures(d, ws, r, WIDTHS, LAST, signers, NULL, n_signers);
	doc_sheet_end(d, ws, tail, r, LAST);   /* the conclusion with the signatures */
	return ANTT_OK;
}

antt_status doc_minutes(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	assess_result res = { 0 };
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	if ((s = doc_begin(&d, db, o, "bien-ban-hop.yaml", KEYS, err)) != ANTT_OK)
		return doc_end(&d, s, err);
	if ((s = assess_load(db, o->unit, o->year, &res, err)) != ANTT_OK)
		return doc_end(&d, s, err);
	if (res.unit.excluded)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "đơn vị %s không thuộc diện đánh giá: không có biên bản họp đánh giá",
			o->unit);
	else if (!res.id)
		s = err_set(err, ANTT_ERR_NOT_FOUND, "đơn vị %s chưa đăng ký năm %d: chưa có kết quả nào để ghi vào "
			"biên bản", o->unit, o->year);
	if (s == ANTT_OK && (s = doc_open(&d, "Biên bản họp đánh giá An toàn về an ninh, trật tự", err)) == ANTT_OK)
		s = sheet(&d, &res);
	info->units = s == ANTT_OK;
	info->sheets = d.sheets;
	assess_result_free(&res);
	return doc_end(&d, s, err);
}
