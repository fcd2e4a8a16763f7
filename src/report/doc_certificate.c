/* Giấy công nhận (antt print giay-cong-nhan): one landscape A4 page per
 * recognised unit, from its recognition record (antt recognise): who
 * decided, the unit, the year, the decision's number and date, the
 * signer. All pages on one sheet with a break after each, printed at 100 %
 * (a fit-to-page scale would make Excel drop the breaks), so one print
 * command gives every certificate. Laid out by forms/reports/giay-cong-nhan.yaml. */
#include "doc_recog.h"
#include "recognise.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "heading", "verb", "standard", "decision", "register", "abbreviations",
	"committee_line", "signer", "place_words", NULL };

/* six equal columns within landscape A4's 252 mm between the Nghị định 30
 * margins, at 100 %: 214 mm in Excel (7 px a character), 233 mm in
 * LibreOffice (about 2.1 mm a character); the left half for the issuer,
 * the right for the nation and the signature */
enum { NCOLS = 6, HALF = 2, ROWS = 16, PER_SHEET = 1000 };
static const double WIDTHS[NCOLS] = { 18.5, 18.5, 18.5, 18.5, 18.5, 18.5 };

enum { G_HEADING, G_VERB, G_UNIT, G_STANDARD, G_COUNT };

typedef struct {
	char *code, *name, *number, *date, *authority, *signer;
} cert;

typedef struct {
	doc *d;
	cert *c;
	size_t n, cap;
	antt_status s;
	lxw_format *f[G_COUNT];
} certs;

static int want(const recognise_row *r, void *ctx)
{
	certs *cs = ctx;
	const doc_opts *o = cs->d->o;
	cert *c;

	if ((o->unit && strcmp(r->code, o->unit)) || (!o->unit && o->under && !o->self && !strcmp(r->code, o->under)) ||
	    (cs->d->type[0] && strcmp(r->type, cs->d->type)))
		return 0;
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 16;
		cert *g = realloc(cs->c, cap * sizeof(*g));
		if (!g) {
			cs->s = ANTT_ERR_NOMEM;
			return 1;
		}
		cs->c = g;
		cs->cap = cap;
	}
	c = &cs->c[cs->n++];
	*c = (cert){ strdup(r->code), strdup(r->name), strdup(r->number), strdup(r->date), strdup(r->authority),
		strdup(r->signer ? r->signer : "") };
	if (!c->code || !c->name || !c->number || !c->date || !c->authority || !c->signer)
		cs->s = ANTT_ERR_NOMEM;
	return cs->s != ANTT_OK;
}

static void certs_free(certs *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->c[i].code);
		free(cs->c[i].name);
		free(cs->c[i].number);
		free(cs->c[i].date);
		free(cs->c[i].authority);
		free(cs->c[i].signer);
	}
	free(cs->c);
}

/* The record's authority written out ("UBND" -> "Ủy ban nhân dân", the
 * layout's "short = long" lines), into out. */
static void expand(doc *d, const char *in, char *out, size_t n)
{
	size_t k;
	char *const *abbr = doc_list(d, "abbreviations", &k);

	snprintf(out, n, "%s", in);
	for (size_t i = 0; i < k; i++) {
		const char *eq = strstr(abbr[i], " = ");
		char from[64], *hit;
		if (!eq || eq == abbr[i])
			continue;
		snprintf(from, sizeof(from), "%.*s", (int)(eq - abbr[i]), abbr[i]);
		while ((hit = strstr(out, from))) {
			char rest[1024];
			snprintf(rest, sizeof(rest), "%s", hit + strlen(from));
			snprintf(hit, n - (size_t)(hit - out), "%s%s", eq + 3, rest);
		}
	}
}

/* "Chủ tịch Ủy ban nhân dân xã Hòa Bình": the signer's title before the
 * committee ("Chủ tịch"), the committee's place ("xã Hòa Bình") and the
 * place's name without its kind ("Hòa Bình"). */
static void split(doc *d, const char *authority, char *title, char *where, char *bare, size_t n)
{
	const char *line = doc_text(d, "committee_line");
	char low[1024], key[256], lkind[64];
	const char *hit;
	size_t k;
	char *const *kinds = doc_list(d, "place_words", &k);

	text_lower(authority, low, sizeof(low));
	text_lower(line, key, sizeof(key));
	hit = *key ? strstr(low, key) : NULL;
	if (hit) {
		size_t at = (size_t)(hit - low);
		snprintf(title, n, "%.*s", (int)at, authority);
		for (size_t e = strlen(title); e && title[e - 1] == ' '; e--)
			title[e - 1] = '\0';
		snprintf(where, n, "%s", authority + at + strlen(key) + (authority[at + strlen(key)] == ' '));
	} else {
		title[0] = '\0';
		snprintf(where, n, "%s", authority);
	}
	if (!title[0])
		snprintf(title, n, "%s", doc_text(d, "signer"));
	snprintf(bare, n, "%s", where);
	text_lower(where, low, sizeof(low));
	for (size_t i = 0; i < k; i++) {
		size_t len;
		text_lower(kinds[i], lkind, sizeof(lkind));
		len = strlen(lkind);
		if (!strncmp(low, lkind, len) && low[len] == ' ') {
			snprintf(bare, n, "%s", where + len + 1);
			break;
		}
	}
}

static void put(lxw_worksheet *ws, int r, int c0, int c1, const char *text, lxw_format *f)
{
	worksheet_merge_range(ws, (lxw_row_t)r, (lxw_col_t)c0, (lxw_row_t)r, (lxw_col_t)c1, text, f);
}

/* The height of a row holding text wrapped over the whole width. */
static double tall(const char *text, double pt, int bold)
{
	double width = 0;
	for (int c = 0; c < NCOLS; c++)
		width += WIDTHS[c];
	return report_row_height(report_lines(text, width, pt, bold), pt);
}

/* One certificate, rows b .. b + ROWS - 1. */
static void page(certs *cs, lxw_worksheet *ws, int b, const cert *c)
{
	doc *d = cs->d;
	writer *w = &d->w;
	char full[1024], title[1024], where[1024], bare[1024], up[1200], line[1200], year[16];
	char day[4] = "", month[4] = "", yyyy[8] = "";
	const char *const with[] = { "authority", full, "unit", c->name, "year", year, "number", c->number,
		"date", c->date, NULL };
	const char *keys[] = { "heading", "standard", "decision" };
	char *t[3];

	snprintf(year, sizeof(year), "%d", d->o->year);
	expand(d, c->authority, full, sizeof(full));
	split(d, full, title, where, bare, sizeof(title));
	for (int k = 0; k < 3; k++)
		t[k] = recog_fill(d, &(recog_level){ 0 }, NULL, doc_text(d, keys[k]), with);

	text_upper(doc_text(d, "committee_line"), up, sizeof(up));
	put(ws, b, 0, HALF, up, w->f[F_UNIT]);
	text_upper(where, up, sizeof(up));
	put(ws, b + 1, 0, HALF, up, w->f[F_UNIT]);
	put(ws, b, HALF + 1, NCOLS - 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", w->f[F_NATION]);
	put(ws, b + 1, HALF + 1, NCOLS - 1, "Độc lập - Tự do - Hạnh phúc", w->f[F_MOTTO]);
	report_rule(ws, b + 2, 0, HALF, WIDTHS, report_text_px(up, 13, 0.7));
	worksheet_set_row(ws, (lxw_row_t)(b + 2), 9, NULL);
	worksheet_set_row(ws, (lxw_row_t)(b + 3), 40, NULL);

	text_upper(t[0] ? t[0] : "", up, sizeof(up));
	put(ws, b + 4, 0, NCOLS - 1, up, cs->f[G_HEADING]);
	worksheet_set_row(ws, (lxw_row_t)(b + 4), tall(up, 16, 1), NULL);
	put(ws, b + 5, 0, NCOLS - 1, doc_text(d, "verb"), cs->f[G_VERB]);
	worksheet_set_row(ws, (lxw_row_t)(b + 5), tall(doc_text(d, "verb"), 30, 1) + 12, NULL);
	text_upper(c->name, up, sizeof(up));
	put(ws, b + 6, 0, NCOLS - 1, up, cs->f[G_UNIT]);
	worksheet_set_row(ws, (lxw_row_t)(b + 6), tall(up, 22, 1) + 6, NULL);
	put(ws, b + 7, 0, NCOLS - 1, t[1] ? t[1] : "", cs->f[G_STANDARD]);
	worksheet_set_row(ws, (lxw_row_t)(b + 7), tall(t[1] ? t[1] : "", 16, 1), NULL);
	worksheet_set_row(ws, (lxw_row_t)(b + 8), 40, NULL);

	/* the decision on the left; the place and date, then the signature, on the right */
	sscanf(c->date, "%2[0-9]/%2[0-9]/%4[0-9]", day, month, yyyy);
	snprintf(line, sizeof(line), "%s, ngày %s tháng %s năm %s", bare, day, month, yyyy);
	put(ws, b + 9, 0, HALF, t[2] ? t[2] : "", w->f[F_DATE]);
	put(ws, b + 9, HALF + 1, NCOLS - 1, line, w->f[F_DATE]);
	put(ws, b + 10, 0, HALF, doc_text(d, "register"), w->f[F_NUMBER]);
	text_upper(title, up, sizeof(up));
	put(ws, b + 10, HALF + 1, NCOLS - 1, up, w->f[F_SIGN_TITLE]);
	for (int r = b + 9; r <= b + 15; r++)
		if (r != b + 11 && r != b + 12 && r != b + 13 && r != b + 14)
			worksheet_set_row(ws, (lxw_row_t)r, 20, NULL);
	put(ws, b + 15, HALF + 1, NCOLS - 1, c->signer, w->f[F_SIGN_NAME]);
	for (int k = 0; k < 3; k++)
		free(t[k]);
}

static lxw_worksheet *new_sheet(certs *cs, size_t first)
{
	char name[64];
	lxw_worksheet *ws;

	snprintf(name, sizeof(name), first ? "Giấy công nhận %zu" : "Giấy công nhận", first + 1);
	if (!(ws = doc_sheet(cs->d, name, PAGE_LANDSCAPE | PAGE_UNNUMBERED, WIDTHS, NCOLS)))
		return NULL;
	worksheet_set_print_scale(ws, 100);
	worksheet_center_vertically(ws);
	return ws;
}

static antt_status write_all(certs *cs)
{
	lxw_format **f = cs->f;
	writer *w = &cs->d->w;

	f[G_HEADING] = report_fmt(w, 16, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	f[G_VERB] = report_fmt(w, 30, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	f[G_UNIT] = report_fmt(w, 22, 1, 0, LXW_ALIGN_CENTER, 0, NULL);
	f[G_STANDARD] = report_fmt(w, 16, 1, 1, LXW_ALIGN_CENTER, 0, NULL);
	for (int k = 0; k < G_COUNT; k++)
		format_set_text_wrap(f[k]);
	/* Excel takes at most 1,023 page breaks a sheet: a new sheet every
	 * PER_SHEET certificates */
	for (size_t first = 0; first < cs->n; first += PER_SHEET) {
		size_t count = cs->n - first < PER_SHEET ? cs->n - first : PER_SHEET;
		lxw_row_t *breaks = calloc(count, sizeof(*breaks));
		lxw_worksheet *ws = new_sheet(cs, first);

		if (!breaks || !ws) {
			free(breaks);
			return ANTT_ERR_NOMEM;
		}
		for (size_t i = 0; i < count; i++) {
			page(cs, ws, (int)i * ROWS, &cs->c[first + i]);
			if (i + 1 < count)
				breaks[i] = (lxw_row_t)((i + 1) * ROWS);
		}
		worksheet_set_h_pagebreaks(ws, breaks);
		worksheet_print_area(ws, 0, 0, (lxw_row_t)(count * ROWS - 1), NCOLS - 1);
		free(breaks);
	}
	return ANTT_OK;
}

antt_status doc_certificate(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	certs cs = { 0 };
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	cs.d = &d;
	if ((s = doc_begin(&d, db, o, "giay-cong-nhan.yaml", KEYS, err)) != ANTT_OK ||
	    (s = recognise_list(db, o->year, o->unit ? o->unit : o->under, want, &cs, err)) != ANTT_OK ||
	    (s = cs.s) != ANTT_OK)
		goto out;
	if (cs.n == 0) {
		s = o->unit ? err_set(err, ANTT_ERR_NOT_FOUND, "%s năm %d chưa có quyết định công nhận nào: chưa có gì "
				"để in giấy công nhận", o->unit, o->year)
			: o->under && o->self ? err_set(err, ANTT_ERR_NOT_FOUND, "năm %d %s và các đơn vị%s%s trực thuộc "
				"đều chưa có quyết định công nhận nào: chưa có gì để in giấy công nhận", o->year, o->under,
				d.type[0] ? " loại " : "", d.type)
			: err_set(err, ANTT_ERR_NOT_FOUND, "năm %d chưa có đơn vị nào%s%s%s%s được công nhận theo quyết định: "
				"chưa có gì để in giấy công nhận", o->year, d.type[0] ? " loại " : "", d.type,
				o->under ? " dưới " : "", o->under ? o->under : "");
		goto out;
	}
	if ((s = doc_open(&d, "Giấy công nhận An toàn về an ninh, trật tự", err)) == ANTT_OK)
		s = write_all(&cs);
	info->units = (long long)cs.n;
	info->sheets = d.sheets;
out:
	certs_free(&cs);
	return doc_end(&d, s, err);
}
