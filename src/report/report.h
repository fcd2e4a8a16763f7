/* The province-format Excel report: a summary sheet laid out by
 * forms/reports/tong-hop.yaml with the Nghị định 30 header and signature
 * block, one sheet per unit type, and the units that did not pass.
 * libxlsxwriter stays inside src/report (xlsx.h). */
#ifndef ANTT_REPORT_H
#define ANTT_REPORT_H

#include "db.h"

typedef struct {
	int year;
	const char *under;        /* a unit code, or NULL for the whole office */
	const char *path;         /* the .xlsx to write */
	int force;                /* replace an existing file */
	int next_free;            /* never replace: a name taken by the time the file is done
	                             (even meanwhile) gives path's name with -2, -3 … (the screens) */
	char *landed;             /* NULL, or where the file went (landed_n bytes) */
	size_t landed_n;
	const char *date;         /* YYYY-MM-DD of the place-and-date line; NULL: today */
	const char *layout;       /* layout file; NULL: forms/reports/tong-hop.yaml */
	int summary_only;         /* only the "Tổng hợp" sheet */
	int one_thread;           /* read and write the detail sheets on one thread
	                             (report_pipe.c; the same workbook, byte for byte) */
} report_opts;

typedef struct {
	long long units;          /* units counted */
	long long orphans;        /* of which directly under the office, in the "trực thuộc" row */
	int sheets;
	int unsigned_page;        /* the settings name no signer (signer_title, signer_name):
	                             the signed page has the signature block blank */
	int beside;               /* the figures were counted on a second connection while
	                             this one sorted the unit list (report_twin.c) */
} report_info;

/* Write the workbook: to a temporary file beside the target, then renamed,
 * so a half-written file is never left behind; without force the rename
 * never replaces a file, not even one made while the workbook was written. */
antt_status report_write(antt_db *db, const report_opts *o, report_info *info, antt_err *err);

/* The results paragraph and the assessment periods, as the summary sheet
 * shows them, for pasting into the office's Word document (o->path is not
 * used). *out is a new string the caller frees. */
antt_status report_text(antt_db *db, const report_opts *o, char **out, antt_err *err);

#endif
