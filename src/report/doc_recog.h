/* What the tờ trình, the draft decision and the Giấy công nhận share
 * (doc_recog.c): the deciding level and its names, the units proposed,
 * texts with the dossier's own {names}, the "Căn cứ" lines, the numbered
 * list grouped by type, and Nơi nhận beside one signature. Only
 * doc_proposal.c, doc_decision.c and doc_certificate.c include it. */
#ifndef ANTT_DOC_RECOG_H
#define ANTT_DOC_RECOG_H

#include "doc_int.h"
#include "num.h"

/* The level whose People's Committee decides: o->under, or the office. */
typedef struct {
	int office;              /* the office itself (no --under, or its top unit) */
	char level[64];          /* its type in lower case ("xã"); "" when unknown */
	char words[320];         /* "xã Hòa Bình" */
	/* settings (at most SETTING_VALUE_MAX characters) or names made from
	 * them: a text that does not fit is refused (recog_level_get), not cut */
	char place[SETTING_VALUE_SIZE];         /* "Hòa Bình": the place-and-date line */
	char issuer[SETTING_VALUE_SIZE + 512];  /* who proposes: "Công an xã Hòa Bình", or office_name */
	char agency[SETTING_VALUE_SIZE];        /* the issuer's parent agency: office_name, or parent_agency */
	char committee[512];     /* "Ủy ban nhân dân xã Hòa Bình" */
} recog_level;

/* A unit proposed: approved đạt, decided on by the level (owned copies). */
typedef struct {
	char *code, *name, *type, *type_name, *regulation;
	char *decision;          /* "45/QĐ-UBND ngày 10/11/2024": recognised by the document's date, else NULL */
	int held, total;
} recog_unit;

typedef struct {
	recog_unit *u;
	size_t n, cap;
} recog_list;

/* The level of o->under (committee_line: "Ủy ban nhân dân", issuer: the
 * layout's pattern "Công an {unit}"). */
antt_status recog_level_get(doc *d, recog_level *lv, const char *committee_line, const char *issuer,
                            antt_err *err);
/* The units the level decides on that were approved đạt (o->type: of
 * that type only); refuses, in words, a year with none. */
antt_status recog_proposed(doc *d, const recog_level *lv, recog_list *l, antt_err *err);
void recog_list_free(recog_list *l);

/* text with {issuer} {committee} {level} {count} {list} and the pairs
 * (name, value, …, NULL) replaced, then doc_fill's {year} and {prev}. A
 * new string, NULL on no memory. */
char *recog_fill(doc *d, const recog_level *lv, const recog_list *l, const char *text, const char *const *pairs);

/* The value of name in the layout's list key of "name = value" lines,
 * or NULL. */
const char *recog_lookup(doc *d, const char *key, const char *name);

/* The layout's "grounds" lines for the regulations l's units were assessed
 * under, each once, as paragraphs from row r (f, pt). Returns the next row. */
int recog_grounds(doc *d, lxw_worksheet *ws, int r, const double *widths, int last_col, const recog_list *l,
                  lxw_format *f, double pt);

/* The list: a row of column heads (the layout's "columns"), then per type
 * a group row "I. Khu dân cư (5)", its units numbered on from 1, and the
 * totals row. cells(d, unit, out, ncols, ctx) sets columns 2.. of a unit's
 * row to new strings or NULL (0 and 1 are the number and the name); the
 * table frees them. Returns the next row. */
typedef void (*recog_cells)(doc *d, const recog_unit *u, char **out, size_t ncols, void *ctx);
int recog_table(doc *d, lxw_worksheet *ws, int r, const double *widths, int ncols, const recog_list *l,
                recog_cells cells, void *ctx);

/* The list on its own sheet ("Danh sách", numbered pages): the layout's
 * annex_title and annex_note (filled in with pairs), a short rule, then
 * recog_table. */
antt_status recog_annex(doc *d, const recog_level *lv, const recog_list *l, const double *widths, int ncols,
                        recog_cells cells, void *ctx, const char *const *pairs);

/* The tờ trình's number sign for lv as its Số: line has it ("TTr-CAP";
 * the office's: "TTr-" and the setting report_prefix), read from its layout
 * forms/reports/to-trinh.yaml, into buf (doc_proposal.c): the draft
 * decision names the tờ trình it answers. */
antt_status doc_proposal_sign(doc *d, const recog_level *lv, char *buf, size_t n, antt_err *err);
/* The room for a number's sign ("TTr-CAX", the kind and report_prefix). */
#define DOC_SIGN_SIZE (SETTING_VALUE_SIZE + 64)

/* Nơi nhận (label and list) on the left, the signer's title (lines split
 * at '\n', in capitals) on the right, room to sign, then the name (may be
 * ""). Returns the next row. */
int recog_signature(doc *d, lxw_worksheet *ws, int r, int last_col, const char *title, const char *name);

#endif
