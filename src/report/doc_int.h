/* The printed documents' insides: the report's writer with a document's
 * words, the units a command names, and the pieces every document is made
 * of — the Nghị định 30 head, paragraphs sized to their text, signature
 * blocks (doc_common.c) — and where its pages break (doc_page.c). Only
 * src/report includes it. */
#ifndef ANTT_DOC_INT_H
#define ANTT_DOC_INT_H

#include "doc.h"
#include "report_int.h"
#include "unit.h"

/* A document's layout file (a YAML file in forms/reports): texts and
 * lists of texts by key. */
typedef struct {
	char *key;
	char *text;          /* a scalar's text, or NULL for a list */
	char **list;
	size_t n;
} doc_word;

/* The formats a document adds to the report's (made in doc_open). */
enum {
	D_CENTER,       /* 12, centred, bordered, wrapped: the narrow columns */
	D_GROUP,        /* 12 bold, bordered, wrapped: a group of criteria */
	D_GROUP_ID,     /* 12 bold, centred, bordered: a group's number */
	D_LINE,         /* 13, left: "Thời gian: ……" lines */
	D_LINE_BOLD,    /* 13 bold, left: a part's heading ("I. ...") */
	D_HINT,         /* 12 italic, centred: "(Ký, ghi rõ họ tên)" */
	D_NOTE,         /* 12 italic, left, wrapped: a note under a table */
	D_BOX,          /* 12 bold, centred, bordered: a box to tick, or its tick */
	D_SIGN_WRAP,    /* 13 bold, centred, wrapped: a signer's title on two lines */
	D_COUNT
};

typedef struct {
	writer w;                /* the report's writer: workbook, formats, date */
	report_layout head;      /* title and subject for report_header (not owned) */
	lxw_format *f[D_COUNT];
	const doc_opts *o;
	antt_db *db;
	struct tm tm;
	doc_word *words;
	size_t n_words;
	char *layout_path;       /* for messages */
	char type[32];           /* o->type resolved to its code ("" when not given) */
	char type_name[64];      /* and its name ("Khu dân cư") */
	int sheets;
	int opened;              /* the workbook is open (doc_end closes it) */
	/* the sheet being written: its rows' heights, its table's head (row,
	 * columns, merged column; row -1: none) and the page breaks put
	 * (doc_page.c) */
	double *heights;
	size_t n_heights;
	int head_row, head_ncols, head_wide;
	int landscape;
	lxw_row_t *breaks;
	size_t n_breaks;
} doc;

/* Start a document: read the date, resolve o->type, refuse an existing
 * o->path without o->force, load the layout file (o->layout, or
 * forms/reports/<file>): its keys must be those of keys (NULL-terminated;
 * a key with a leading '?' may be left out). Then doc_open, the sheets,
 * and doc_end in every case. */
antt_status doc_begin(doc *d, antt_db *db, const doc_opts *o, const char *file, const char *const *keys,
                      antt_err *err);
/* Open the workbook on its temporary file (title: its property). */
antt_status doc_open(doc *d, const char *title, antt_err *err);
/* Finish: with s ANTT_OK close and rename to o->path (or the next free
 * name, BOOK_NEXT_FREE; where it went into o->landed), else remove the
 * temporary file; frees what doc_begin loaded. Returns the final status. */
antt_status doc_end(doc *d, antt_status s, antt_err *err);

/* Another document's layout words only (forms/reports/<file>, keys as
 * doc_begin's) into t, for a document that quotes that one (the decision
 * names the tờ trình's sign). Free with doc_words_free (also on failure). */
antt_status doc_words_of(doc *t, const char *file, const char *const *keys, antt_err *err);
void doc_words_free(doc *t);

/* A layout text ("" when absent), or a list (n: its length). */
const char *doc_text(const doc *d, const char *key);
char *const *doc_list(const doc *d, const char *key, size_t *n);
/* text with {year}, {prev}, {unit} (the unit's name), {code}, {type} (its
 * type's name) and {parent} (its parent's name) replaced; u may be NULL
 * (blank lines "……" then). A new string the caller frees, NULL on no memory. */
char *doc_fill(const doc *d, const char *text, const unit_row *u);

/* text with every key ("{ids}") replaced by val: a new string, NULL on no
 * memory. */
char *doc_replace(const char *text, const char *key, const char *val);

/* The units o names, in tree order: o->unit alone, or every unit in force
 * under o->under (the unit included) for which want() returns 1 (NULL:
 * all). Refuses an unknown code in plain words. The caller frees *out. */
antt_status doc_units(doc *d, int (*want)(doc *d, const unit_row *u), unit_row **out, size_t *n, antt_err *err);

/* A new sheet named name (made unique and valid for Excel), A4 (flags:
 * PAGE_*), its columns set to widths[0..n). NULL on failure. */
lxw_worksheet *doc_sheet(doc *d, const char *name, int flags, const double *widths, int n);
/* The Nghị định 30 head over columns 0..last_col (set before: d->w.split,
 * the left half's last column; d->w.undated, no date line): agency and
 * issuer on the left (NULL: the settings' parent_agency and office_name),
 * kind the number's sign ("BB"; "" for none), then title and subject
 * ({year} … replaced). Returns the next row. */
int doc_head(doc *d, lxw_worksheet *ws, const double *widths, int last_col, const char *agency, const char *issuer,
             const char *kind, const char *title, const char *subject);
/* The parent's name of u, or dots to fill in. */
void doc_parent_name(doc *d, const unit_row *u, char *buf, size_t n);
/* The head of a unit's document: the unit's parent and name on the left
 * (u NULL: a blank one of type_name, dots to fill in), the layout's title
 * and subject, then a line for each layout key of keys[0..n) (doc_fill),
 * then set_key's line with {set} replaced by set when set is given.
 * Returns the next row, -1 on no memory. */
int doc_unit_head(doc *d, lxw_worksheet *ws, const double *widths, int last_col, const unit_row *u,
                  const char *type_name, const char *const *keys, size_t n, const char *set, const char *set_key);
/* The layout's "columns" as the table's head in row r over ncols columns,
 * the label of column wide merged over wide and wide + 1 (written again
 * on each page the table runs over, doc_table_row). Returns the next row. */
int doc_table_head(doc *d, lxw_worksheet *ws, int r, int ncols, int wide);
/* A paragraph merged over columns c0..c1 of row r, its height from its
 * wrapped lines (size pt). Returns the next row. */
int doc_paragraph(doc *d, lxw_worksheet *ws, int r, int c0, int c1, const double *widths, const char *text,
                  lxw_format *f, double pt);
/* Signature blocks side by side over columns 0..last_col (two: split as
 * the head's halves): each title in bold capitals (two lines when long),
 * "(Ký, ghi rõ họ tên)" under it, room to sign, then its name (names may
 * be NULL or hold NULLs: left blank). Returns the next row. */
int doc_signatures(doc *d, lxw_worksheet *ws, int r, const double *widths, int last_col,
                   char *const *titles, const char *const *names, size_t n);
/* The height of a row that holds texts[k] (Times New Roman 12, bold or
 * not) wrapped in widths[k] (units of column width; a merged cell's widths
 * added up). */
double doc_fit(const char *const *texts, const double *widths, int n, int bold);
/* Row r of the sheet being written is height points tall (its pages are
 * reckoned from these, doc_page.c). */
void doc_row(doc *d, lxw_worksheet *ws, int r, double height);
/* Only note row r's height (a row another function set). */
void doc_row_height_note(doc *d, int r, double height);
/* Before a table row of this height is written at row r: the row to
 * write it at — r, or r + 1 when it opens a page, with a page break and a
 * copy of the table's head put at r. */
int doc_table_row(doc *d, lxw_worksheet *ws, int r, double height);
/* doc_table_row for a row that must share its page with the next row,
 * keep points tall (a group's title, the row above the totals). */
int doc_table_row_keep(doc *d, lxw_worksheet *ws, int r, double height, double keep);
/* The end of a sheet whose rows tail..last (a verdict and its signatures)
 * must stay on one page: a page break before tail when the printer would
 * cut them; the print area 0..last over columns 0..last_col. */
void doc_sheet_end(doc *d, lxw_worksheet *ws, int tail, int last, int last_col);

#endif
