/* Reading CSV files as officers save them from Excel ("CSV UTF-8": a BOM,
 * CRLF line ends, quoted fields), with libcsv, keeping the line number of
 * each record for error messages. */
#ifndef ANTT_CSVTAB_H
#define ANTT_CSVTAB_H

#include <stddef.h>
#include "status.h"

typedef struct {
	int line;         /* physical line where the record starts (1-based) */
	char **fields;    /* NFC, trimmed */
	size_t n;
} csvtab_row;

typedef struct {
	csvtab_row *rows;
	size_t n;
} csvtab;

/* Read the whole file. Fails with file:line on invalid UTF-8 or a broken
 * quote. Free with csvtab_free(). */
antt_status csvtab_read(const char *path, csvtab *out, antt_err *err);
void csvtab_free(csvtab *t);

/* 1 if the row's first field reads as one of the given header names
 * (compared by search key, so "Mã" matches "ma"), 0 if not, -1 when out of
 * memory. */
int csvtab_is_header(const csvtab_row *r, const char *const *names);

/* Where the data rows of t begin: past a header row (names as
 * csvtab_is_header's), in *first. A file with no data row, empty or a
 * header alone, is refused before anything is written: ANTT_ERR_CSV,
 * "PATH: WHAT không có dòng dữ liệu nào ...; COLUMNS" (columns: a clause
 * saying what a data row holds, or NULL). ANTT_ERR_NOMEM when out of
 * memory. */
antt_status csvtab_data_start(const csvtab *t, const char *const *header, const char *path, const char *what,
                              const char *columns, size_t *first, antt_err *err);

/* A yes/no cell (unit flags, an answer's exception): 1 (yes), 0 (no, or
 * empty); returns 1 when read, 0 when not one of those words, -1 when out
 * of memory. */
int csvtab_flag(const char *s, int *out);

#endif
