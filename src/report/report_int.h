/* The report writer's insides, shared by its files: report.c (the file,
 * the formats, the Nghị định 30 header and the summary sheet),
 * report_detail.c (a sheet per unit type, "Chưa đạt") and
 * report_movement.c (Xếp loại, Danh sách chấm điểm, Phong trào, Đề nghị điển hình). Only
 * src/report includes it. */
#ifndef ANTT_REPORT_INT_H
#define ANTT_REPORT_INT_H

#include "report.h"
#include "layout.h"
#include "tally.h"

#include "xlsx.h"

#include <pthread.h>
#include <time.h>

/* The formats made once per workbook (report.c); F_UNIT_WRAP only when a
 * name in the head needs two lines, F_UNIT_12 when it needs 12 pt, F_NOTE when
 * sheets are left out. */
enum {
	F_AGENCY, F_UNIT, F_RULE, F_NATION, F_MOTTO, F_NUMBER, F_DATE, F_TITLE, F_SUBJECT,
	F_HEAD, F_CELL_TEXT, F_CELL_INT, F_CELL_PCT, F_TOTAL_TEXT, F_TOTAL_INT, F_TOTAL_PCT,
	F_SIGN_TITLE, F_SIGN_NAME, F_RECIPIENTS_LABEL, F_RECIPIENT, F_SHEET_TITLE, F_CELL_WRAP, F_APPENDIX,
	F_BODY, F_PERIOD, F_UNIT_WRAP, F_CELL_SCORE /* a score, one decimal: 92,5 */, F_NOTE, F_UNIT_12, F_COUNT
};

typedef struct {
	lxw_workbook *wb;
	lxw_format *f[F_COUNT];
	const report_layout *l;
	const report_opts *o;
	antt_db *db;
	int year;
	char day[8], month[8], yyyy[8];
	lxw_worksheet *summary;   /* the Tổng hợp sheet, and the row left for the note */
	int note_row, last_col;
	double note_width;        /* the note's width, in a column's units (report_lines) */
	int unsigned_page;        /* report_signature found no signer_title or signer_name */
	char left_out[128];       /* sheets without data, left out: "Xếp loại, Phong trào" */
	int extra_sheets;         /* movement sheets written */
	int appendix;             /* the detail sheets' number so far (Phụ lục I, II …) */
	/* a printed document's head (src/report/doc_*.c); NULL: the report's,
	 * the settings' parent_agency and office_name, and "BC"; place and
	 * prefix (the number's sign after the kind, "" for none): NULL, the
	 * settings' place and report_prefix */
	const char *kind, *agency, *issuer, *place, *prefix;
	int split;                /* the head's left half ends at this column (0: about half) */
	int undated;              /* no place-and-date line in the head (a form dated by hand) */
	double head_h[8];         /* the heights of the head's rows, as report_header set them */
	char tmp[4096];           /* the temporary file being written, renamed when done */
	int mode;                 /* BOOK_*: what the rename may do to a file under the name */
	char done[4096];          /* where the file went, when it did */
	char tmpdir[4096];   /* libxlsxwriter's own temporary files: the same folder */
	void *quiet;              /* stderr while libxlsxwriter works */
	char **bufs;              /* the streamed sheets' file buffers, freed at close */
	size_t n_bufs;
	char *appendix_prefix;    /* the settings report_prefix and office_name, read */
	char *appendix_office;    /* once: the sheets may be written on another thread */
	count_row *now, *prev;    /* counts by type, this year and the year before */
	size_t n_now, n_prev;     /* (count_by_type: once for the paragraph and the chart) */
	int ordered;              /* the unit list's order made (tally_order, beside the twin) */
} writer;

/* The units not đạt, gathered for the "Chưa đạt" sheet (report_detail.c)
 * while the per-type sheets are written (one pass over the unit list for
 * both): each its commune, name, type and reason, in a temporary table of
 * SQLite's (a national database has some 46,000: megabytes kept on disk,
 * not in memory), read back by commune and name. */
typedef struct {
	antt_db *db;
	sqlite3_stmt *add;   /* NULL until the first unit */
	size_t n;
} failed_list;

/* Rows passed from the thread reading the database to one writing the
 * sheets (report_pipe.c): up to PIPE_COLS strings (NULL allowed) and
 * PIPE_INTS numbers each, copied by report_pipe_put, so the reader's
 * buffers may change at once. fn writes a row (in the writing thread, or
 * in the caller's when one_thread or no thread could be made) and returns
 * non-zero to stop; report_pipe_put then returns 1 for every row after.
 * report_pipe_close writes what is left, waits for the writer and frees
 * the pipe: ANTT_ERR_NOMEM when a row could not be kept. Between open and
 * close the caller touches no workbook, fn no database. */
#define PIPE_COLS 12
#define PIPE_INTS 2
typedef struct {
	const char *s[PIPE_COLS];
	int i[PIPE_INTS];
} pipe_row;
typedef struct report_pipe report_pipe;
antt_status report_pipe_open(report_pipe **p, int cols, int one_thread,
                             int (*fn)(const pipe_row *r, void *ctx), void *ctx);
int report_pipe_put(report_pipe *p, const char *const *s, const int *ints);
antt_status report_pipe_close(report_pipe *p);

/* The year's figures counted on a second connection and thread while the
 * report's sorts the unit list (report_twin.c). report_twin_begin, called
 * when the caller has just opened its read transaction on db and read
 * nothing yet, starts both connections' reading at the same state of the
 * database; 0 when it could not (nothing to end then: count on db).
 * report_twin_count starts tally_compute into t (0: not started, the
 * twin ended); report_twin_end waits for it and gives its status (its
 * words in err), and ends the twin in every case. */
typedef struct {
	antt_db *db;          /* the second connection, or NULL */
	pthread_t th;
	int running;
	int year;
	const char *under;
	const report_layout *l;
	tally *t;
	antt_status s;
	antt_err err;
} report_twin;
int report_twin_begin(report_twin *tw, antt_db *db);
int report_twin_count(report_twin *tw, int year, const char *under, const report_layout *l, tally *t);
antt_status report_twin_end(report_twin *tw, antt_err *err);

/* A detail sheet being written. */
typedef struct {
	writer *w;
	lxw_worksheet *ws;
	char type[32];
	int row, n;
	int sheets;
	failed_list *failed; /* per-type sheets: also gather the units not đạt here */
	antt_err *err;       /* what stopped the writing, and in st */
	antt_status st;
	report_pipe *pipe;   /* the rows, read on one thread, written on another */
	antt_err *read_err;  /* what stopped the reading (collect_failed), in read_st */
	antt_status read_st;
	char *note_cut;      /* a unit's notes cut to a cell's room (type_row_read); freed by report_type_sheets */
	char *note_said;     /* the notes of a unit managed above, said so (type_row_read); freed there too */
	size_t note_said_cap;
} detail;

/* What the finished workbook's rename may do to a file under its name:
 * BOOK_NEW refuses (-o without --force), BOOK_REPLACE replaces (--force),
 * BOOK_NEXT_FREE takes path's name with -2, -3 … instead (the screens). A
 * file made while the workbook was written counts: the rename itself
 * never replaces (platform_rename_new). */
enum { BOOK_NEW, BOOK_REPLACE, BOOK_NEXT_FREE };
#define BOOK_MODE(force, next_free) ((force) ? BOOK_REPLACE : (next_free) ? BOOK_NEXT_FREE : BOOK_NEW)

/* The workbook's file, shared with the printed documents (doc_common.c):
 * report_date reads the place-and-date line's day (NULL: today; what names
 * it in a refusal); report_target refuses before any work what mode would
 * refuse at the end (BOOK_NEW: an existing file; BOOK_NEXT_FREE: no free
 * name left), and, named as such, a folder, a database (db itself, a
 * backup, a package) or db's -wal/-shm/-journal under path (but for
 * BOOK_NEXT_FREE, which passes over them); report_book_open starts the
 * workbook on a temporary file beside path, with fixed properties
 * (created: tm) and the formats; report_book_close finishes it and, when s
 * is ANTT_OK, renames it by w->mode to path (or the next free name),
 * written into w->done, or removes it. */
antt_status report_date(writer *w, const char *date, const char *what, struct tm *tm, antt_err *err);
antt_status report_target(const antt_db *db, const char *path, int mode, antt_err *err);
antt_status report_book_open(writer *w, const char *path, const char *title, struct tm *tm, antt_err *err);
antt_status report_book_close(writer *w, antt_status s, const char *path, antt_err *err);
/* w->f[], every format a report uses, made once in w->wb (report.c). */
void report_formats(writer *w);

/* The zlib level every part of a workbook is deflated at (report_zip.c:
 * libxlsxwriter's fixed default taken on its way to minizip): the fastest */
#define REPORT_ZIP_LEVEL 1
/* A rate as every cell and chart label of a report writes it, 97,6 %,
 * whatever the viewer's locale (the format's [$-42A]: Vietnamese). */
#define REPORT_FMT_PCT "[$-42A]0.0 %"
int report_zip_level(void);
/* Deflate the parts of the workbooks written from now on with the
 * caller's thread alone (report_opts.one_thread); the bytes are the same. */
void report_zip_one_thread(int on);
/* Give the temporary files libxlsxwriter opens from now on a larger
 * buffer (on: while a workbook closes); off frees them, their files closed. */
void report_zip_packing(int on);

/* One part of a workbook deflated on two cores (report_deflate.c): open
 * with zlib's level, memory level and strategy, threads 0 to keep to the
 * caller's thread; write the part's bytes, in any pieces; close gives the
 * part's size and CRC-32 and frees it (NULL: nothing more written). put
 * gets the raw deflate stream in order, always on the caller's thread,
 * and returns non-zero on failure. Write and close return 0, or -1 once
 * anything failed (put, memory, zlib). NULL when there is no memory, or
 * for a memory level under 8 (a chunk could outgrow its buffer). */
typedef struct report_deflate report_deflate;
report_deflate *report_deflate_open(int level, int mem_level, int strategy, int threads,
                                    int (*put)(void *ctx, const void *buf, size_t n), void *ctx);
int report_deflate_write(report_deflate *d, const void *buf, size_t n);
int report_deflate_close(report_deflate *d, unsigned long long *total, unsigned long *crc);
/* "isa-l" when parts at zlib's level 1 are deflated by ISA-L, else "zlib". */
const char *report_deflate_engine(void);

/* A format of the workbook's table (Times New Roman of size pt, centred
 * vertically; num: a number format or NULL). Make each once per workbook. */
lxw_format *report_fmt(writer *w, double size, int bold, int italic, int align, int border, const char *num);
/* A column's width in pixels; the pixels a line of text takes in Times
 * New Roman of size pt (em: the mean character width, 0.4 for Vietnamese
 * text, 0.5 bold, 0.7 bold capitals). */
double report_col_px(double width);
/* Columns widths[0..n) merged, as one column's width (for report_lines). */
double report_span(const double *widths, int n);
double report_text_px(const char *text, double pt, double em);
/* The Nghị định 30 short rule in row r, centred over columns c0..c1, 2/5
 * of the text's width in pixels (a stretched pixel, not a cell border). */
void report_rule(lxw_worksheet *ws, int r, int c0, int c1, const double *widths, double text);

/* Measures (report_measure.c): text's printed width in points in Times New
 * Roman of size pt; the lines it takes wrapped in a cell of width units;
 * the height of a row of that many lines. */
double report_text_pt(const char *text, double pt, int bold);
int report_lines(const char *text, double width, double pt, int bold);
/* text of words apart by single spaces broken into the lines a cell of
 * width units holds (a word longer than a line on a line of its own):
 * fn gets each line, without the space it broke at; returns how many. */
int report_wrap(const char *text, double width, double pt, int bold,
                void (*fn)(const char *line, size_t n, void *ctx), void *ctx);
double report_row_height(int lines, double pt);

/* Page set-up: A4, margins of Nghị định 30, fit to width, no gridlines,
 * the page number at the top centre unless PAGE_UNNUMBERED. */
enum { PAGE_PORTRAIT = 0, PAGE_LANDSCAPE = 1, PAGE_UNNUMBERED = 2 };
void report_page(lxw_worksheet *ws, int flags);
/* The Nghị định 30 header, the results paragraph and the signature block
 * of the signed page (report.c); widths: the columns' widths. */
int report_header(writer *w, lxw_worksheet *ws, const double *widths, int last_col);
int report_results(writer *w, lxw_worksheet *ws, int r, const double *widths, int last_col);
int report_signature(writer *w, lxw_worksheet *ws, int r, const double *widths, int last_col);
/* The last column of the head's and the signature's left half. */
int report_left_end(const writer *w, int last_col);
/* The signed page: one row per group (report_summary.c). */
antt_status report_summary_sheet(writer *w, const tally *t);
/* A figure of the counting model by the layout's measure; a group with no
 * unit to assess ("–"); a group's figures from column c0 of row r; the
 * totals row (sums of rows first..r-1 as formulas). */
long long report_measure(const count_row *c, layout_measure m);
int report_no_units(const count_row *c);
void report_figures(writer *w, lxw_worksheet *ws, int r, int c0, const count_row *cell, int fi, int fp);
void report_sums(writer *w, lxw_worksheet *ws, int r, int first, int c0, const count_row *sum);
/* "Theo xã": the per-commune breakdown, tables that fit A4 (report_annex.c). */
antt_status report_annex_sheets(writer *w, const tally *t, antt_err *err);
/* A setting's value (a new string), or def. */
char *report_setting(writer *w, const char *key, const char *def);
/* printf into a malloc'd string of the length it needs (the caller frees);
 * NULL when out of memory. For text with settings in it: no buffer cuts
 * them. */
char *report_strf(const char *fmt, ...);
/* A new sheet whose rows are written in order and not kept in memory
 * (report.c); NULL, said in err, when it cannot be made. */
lxw_worksheet *report_stream_sheet(writer *w, const char *name, antt_err *err);
/* Note a sheet left out for want of data; the summary names them. */
void report_left_out(writer *w, const char *sheet);

/* An appendix's top rows: "Phụ lục …" (the next number, or the same when
 * continued) and its title over columns 0..last_col, span wide (report_span). */
void report_appendix(writer *w, lxw_worksheet *ws, const char *title, int last_col, double span, int landscape,
                     int continued);
/* An appendix's head: "Phụ lục …", its title and the column heads. */
void report_detail_head(detail *d, const char *title, const char *const *cols, const double *widths, int n);
/* SQLite's function vi_key(text) on db: a sort key (a blob) in Vietnamese
 * alphabetical order, numbers by value (report_order.c): made once a row,
 * not decoded again at every comparison. Returns SQLite's code. */
int report_sort_key(sqlite3 *db);
/* A row tall enough for its longest wrapped cell: its lines (measured on
 * any thread), the row set to that many (on the writing one), or both. */
int report_row_lines(const char *const *texts, const double *widths, int n);
void report_set_lines(lxw_worksheet *ws, int row, int lines);
void report_fit_row(lxw_worksheet *ws, int row, const char *const *texts, const double *widths, int n);

/* The per-type sheets from the unit list (tally_units), the units not
 * đạt gathered into d->failed on the way (report_detail.c). */
antt_status report_type_sheets(writer *w, detail *d, antt_err *err);
#define TYPE_COLS 9
/* "Chưa đạt" from the units gathered by report_type_sheets; frees them. */
antt_status report_failed_sheet(writer *w, failed_list *l, antt_err *err);
void report_failed_free(failed_list *l);
antt_status report_classes_sheet(writer *w, antt_err *err);
antt_status report_movement_sheet(writer *w, antt_err *err);
antt_status report_candidates_sheet(writer *w, antt_err *err);
/* "Biểu đồ": recognised rate per type, last year and target (report_chart.c). */
antt_status report_chart_sheet(writer *w, antt_err *err);

#endif
