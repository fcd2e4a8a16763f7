/* Tờ trình đề nghị công nhận (antt print to-trinh): the commune police
 * (or the office) propose to the People's Committee's chairman the units
 * approved đạt that year, numbered in groups by type, with what each held
 * and the totals. Laid out by forms/reports/to-trinh.yaml. */
#include "doc_recog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "kind", "commune_sign", "subject", "issuer", "committee_line",
	"addressee", "grounds",
	"body", "columns", "result", "recognised", "totals_label", "closing", "signer", "recipients_label",
	"recipients", "annex_title", "annex_note", NULL };

/* TT | Tên đơn vị | Mã | Kết quả tự đánh giá | Ghi chú: 83 characters, the
 * width of A4 portrait in LibreOffice (about 2 mm a character; Excel's 7 px
 * leave room); the head's left half (TT, name: 186 pt) holds "CÔNG AN HUYỆN
 * …", its right half (268 pt) "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" */
enum { C_NUM, C_NAME, C_CODE, C_RESULT, C_NOTE, NCOLS };
static const double WIDTHS[NCOLS] = { 5, 29, 12, 16, 21 };

/* "Đạt 5/5 tiêu chí" and, once recognised, the decision. */
static void cells(doc *d, const recog_unit *u, char **out, size_t n, void *ctx)
{
	const recog_level *lv = ctx;
	char held[16], total[16];

	(void)n;
	snprintf(held, sizeof(held), "%d", u->held);
	snprintf(total, sizeof(total), "%d", u->total);
	out[C_CODE] = strdup(u->code);
	out[C_RESULT] = recog_fill(d, lv, NULL, doc_text(d, "result"),
		(const char *const[]){ "held", held, "total", total, NULL });
	if (u->decision)
		out[C_NOTE] = recog_fill(d, lv, NULL, doc_text(d, "recognised"),
			(const char *const[]){ "decision", u->decision, NULL });
}

/* The commune police's sign after the kind ("CAP"; "" when the layout t
 * names none for its type), NULL for the office: the Số: line then takes
 * the setting report_prefix (report_header). */
static const char *org_of(doc *t, const recog_level *lv)
{
	const char *sign = lv->office ? NULL : recog_lookup(t, "commune_sign", lv->level);

	return lv->office ? NULL : sign ? sign : "";
}

/* The whole sign as the Số: line has it, "TTr-CAP", from the tờ trình's
 * words t and d's settings. */
static void sign_of(doc *d, doc *t, const recog_level *lv, char *buf, size_t n)
{
	const char *org = org_of(t, lv);
	char *office = org ? NULL : report_setting(&d->w, "report_prefix", "");

	if (!org)
		org = office ? office : "";
	snprintf(buf, n, "%s%s%s", doc_text(t, "kind"), *org ? "-" : "", org);
	free(office);
}

antt_status doc_proposal_sign(doc *d, const recog_level *lv, char *buf, size_t n, antt_err *err)
{
	doc t;
	antt_status s = doc_words_of(&t, "to-trinh.yaml", KEYS, err);

	if (s == ANTT_OK)
		sign_of(d, &t, lv, buf, n);
	doc_words_free(&t);
	return s;
}

static antt_status sheet(doc *d, const recog_level *lv, const recog_list *l)
{
	const char *keys[] = { "addressee", "body", "closing", "signer", "subject" };
	char *t[5] = { NULL }, *title = NULL, *name = NULL;
	antt_status s = ANTT_OK;
	lxw_worksheet *ws;
	int r, tail;

	/* a single page: no number on it (Nghị định 30); the list follows */
	for (size_t k = 0; k < 5; k++)
		if (!(t[k] = recog_fill(d, lv, l, doc_text(d, keys[k]), NULL)))
			s = ANTT_ERR_NOMEM;
	if (s != ANTT_OK || !(ws = doc_sheet(d, "Tờ trình", PAGE_PORTRAIT | PAGE_UNNUMBERED, WIDTHS, NCOLS))) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	d->w.place = lv->place;
	d->w.prefix = org_of(d, lv);   /* "CAX" for a xã's police */
	r = doc_head(d, ws, WIDTHS, NCOLS - 1, lv->agency, lv->issuer, doc_text(d, "kind"), doc_text(d, "title"), t[4]);
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, t[0], d->w.f[F_NUMBER], 13) + 1;
	r = recog_grounds(d, ws, r, WIDTHS, NCOLS - 1, l, d->w.f[F_BODY], 13);
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, t[1], d->w.f[F_BODY], 13);
	r = doc_paragraph(d, ws, r, 0, NCOLS - 1, WIDTHS, t[2], d->w.f[F_BODY], 13) + 1;
	/* the office signs as its settings say; a commune's police chief by title */
	if (lv->office) {
		title = report_setting(&d->w, "signer_title", "");
		name = report_setting(&d->w, "signer_name", "");
	}
	tail = r;
	r = recog_signature(d, ws, r, NCOLS - 1, title ? title : t[3], name ? name : "");
	doc_sheet_end(d, ws, tail, r - 1, NCOLS - 1);
out:
	for (size_t k = 0; k < 5; k++)
		free(t[k]);
	free(title);
	free(name);
	return s;
}

antt_status doc_proposal(antt_db *db, const doc_opts *o, doc_info *info, antt_err *err)
{
	recog_level lv;
	recog_list l = { 0 };
	char date[32], sign[DOC_SIGN_SIZE];
	doc d;
	antt_status s;

	memset(info, 0, sizeof(*info));
	if ((s = doc_begin(&d, db, o, "to-trinh.yaml", KEYS, err)) != ANTT_OK ||
	    (s = recog_level_get(&d, &lv, doc_text(&d, "committee_line"), doc_text(&d, "issuer"), err)) != ANTT_OK ||
	    (s = recog_proposed(&d, &lv, &l, err)) != ANTT_OK)
		return doc_end(&d, s, err);
	snprintf(date, sizeof(date), "%s/%s/%s", d.w.day, d.w.month, d.w.yyyy);
	if ((s = doc_open(&d, "Tờ trình đề nghị công nhận An toàn về an ninh, trật tự", err)) == ANTT_OK &&
	    (s = sheet(&d, &lv, &l)) == ANTT_OK) {
		/* the list names the tờ trình's number sign as its "Số:" line has it */
		sign_of(&d, &d, &lv, sign, sizeof(sign));
		s = recog_annex(&d, &lv, &l, WIDTHS, NCOLS, cells, &lv,
			(const char *const[]){ "date", date, "sign", sign, NULL });
	}
	info->units = (long long)l.n;
	info->sheets = d.sheets;
	recog_list_free(&l);
	return doc_end(&d, s, err);
}
