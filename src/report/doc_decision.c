/* Quyết định công nhận, dự thảo (antt print quyet-dinh): the decision the
 * People's Committee's chairman signs (TT 124/2021, Điều 10), its number,
 * date and signer left blank, and its annex listing the units approved
 * đạt, numbered in groups by type. Laid out by forms/reports/quyet-dinh.yaml. */
#include "doc_recog.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "kind", "subject", "committee_line", "issuer", "authority",
	"grounds_before", "grounds", "grounds_after", "decides", "articles", "signer", "recipients_label",
	"recipients", "annex_title", "annex_note", "columns", "totals_label", NULL };

/* TT | Tên đơn vị | Mã | Ghi chú: 83 characters, as the tờ trình's
 * (doc_proposal.c) */
enum { C_NUM, C_NAME, C_CODE, C_NOTE, NCOLS };
static const double WIDTHS[NCOLS] = { 5, 29, 14, 35 };

typedef struct {
	doc *d;
	const recog_level *lv;
	const recog_list *l;
	lxw_format *italic;     /* the "Căn cứ" lines */
	char *authority;        /* "Chủ tịch Ủy ban nhân dân xã Hòa Bình" */
	const char *const *pairs;   /* {proposal_sign}: the tờ trình's "TTr-CAP" */
} decision;

static void cells(doc *d, const recog_unit *u, char **out, size_t n, void *ctx)
{
	(void)d;
	(void)n;
	(void)ctx;
	out[C_CODE] = strdup(u->code);
}

/* Lines of a layout list as paragraphs, each filled in. */
static int lines(decision *x, lxw_worksheet *ws, int r, const char *key, lxw_format *f)
{
	size_t n;
	char *const *list = doc_list(x->d, key, &n);

	for (size_t k = 0; k < n; k++) {
		char *t = recog_fill(x->d, x->lv, x->l, list[k], x->pairs);
		r = doc_paragraph(x->d, ws, r, 0, NCOLS - 1, WIDTHS, t ? t : "", f, 13);
		free(t);
	}
	return r;
}

/* An article: "Điều 1." in bold, the rest as the body. */
static int article(decision *x, lxw_worksheet *ws, int r, const char *text)
{
	const char *dot = strstr(text, ". ");
	int next = doc_paragraph(x->d, ws, r, 0, NCOLS - 1, WIDTHS, text, x->d->w.f[F_BODY], 13);

	if (dot && dot - text < 16 && !strncmp(text, "Điều", strlen("Điều"))) {
		char head[32];
		snprintf(head, sizeof(head), "%.*s", (int)(dot - text + 1), text);
		worksheet_write_rich_string(ws, (lxw_row_t)r, 0, (lxw_rich_string_tuple *[]){
			&(lxw_rich_string_tuple){ x->d->w.f[F_SUBJECT], head },
			&(lxw_rich_string_tuple){ x->d->w.f[F_BODY], (char *)dot + 1 }, NULL }, x->d->w.f[F_BODY]);
	}
	return next;
}

static antt_status decision_sheet(decision *x)
{
	doc *d = x->d;
	char *subject = recog_fill(d, x->lv, x->l, doc_text(d, "subject"), NULL), up[600];
	size_t n;
	char *const *articles = doc_list(d, "articles", &n);
	lxw_worksheet *ws = doc_sheet(d, "Quyết định", PAGE_PORTRAIT | PAGE_UNNUMBERED, WIDTHS, NCOLS);
	int r, tail;

	if (!subject || !ws) {
		free(subject);
		return ANTT_ERR_NOMEM;
	}
	d->w.place = x->lv->place;
	d->w.prefix = "";   /* the kind says it: QĐ-UBND */
	r = doc_head(d, ws, WIDTHS, NCOLS - 1, doc_text(d, "committee_line"), x->lv->words, doc_text(d, "kind"),
		doc_text(d, "title"), subject);
	free(subject);
	text_upper(x->authority, up, sizeof(up));
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, up, d->w.f[F_SHEET_TITLE], 13) + 1;
	r = lines(x, ws, r, "grounds_before", x->italic);
	r = recog_grounds(d, ws, r, WIDTHS, NCOLS - 1, x->l, x->italic, 13);
	r = lines(x, ws, r, "grounds_after", x->italic) + 1;
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, doc_text(d, "decides"), d->w.f[F_TITLE], 14) + 1;
	for (size_t k = 0; k < n; k++) {
		char *t = recog_fill(d, x->lv, x->l, articles[k], NULL);
		r = article(x, ws, r, t ? t : "");
		free(t);
	}
	tail = r;
	r = recog_signature(d, ws, r + 1, NCOLS - 1, doc_text(d, "signer"), "");
	doc_sheet_end(d, ws, tail + 1, r - 1, NCOLS - 1);
	return ANTT_OK;
}

antt_status doc_decision(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	recog_level lv;
	recog_list l = { 0 };
	decision x = { 0 };
	char sign[DOC_SIGN_SIZE];
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	if ((s = doc_begin(&d, db, o, "quyet-dinh.yaml", KEYS, err)) != ANTT_OK ||
	    (s = recog_level_get(&d, &lv, doc_text(&d, "committee_line"), doc_text(&d, "issuer"), err)) != ANTT_OK ||
	    (s = recog_proposed(&d, &lv, &l, err)) != ANTT_OK ||
	    (s = doc_proposal_sign(&d, &lv, sign, sizeof(sign), err)) != ANTT_OK) {
		recog_list_free(&l);
		return doc_end(&d, s, err);
	}
	x = (decision){ &d, &lv, &l, NULL, recog_fill(&d, &lv, &l, doc_text(&d, "authority"), NULL),
		(const char *const[]){ "proposal_sign", sign, NULL } };
	if (!x.authority)
		s = ANTT_ERR_NOMEM;
	if (s == ANTT_OK && (s = doc_open(&d, "Quyết định công nhận An toàn về an ninh, trật tự", err)) == ANTT_OK) {
		x.italic = report_fmt(&d.w, 13, 0, 1, LXW_ALIGN_JUSTIFY, 0, NULL);
		format_set_text_wrap(x.italic);
		format_set_align(x.italic, LXW_ALIGN_VERTICAL_TOP);
		if ((s = decision_sheet(&x)) == ANTT_OK)
			s = recog_annex(&d, &lv, &l, WIDTHS, NCOLS, cells, NULL,
				(const char *const[]){ "authority", x.authority, NULL });
	}
	info->units = (long long)l.n;
	info->sheets = d.sheets;
	free(x.authority);
	recog_list_free(&l);
	return doc_end(&d, s, err);
}
