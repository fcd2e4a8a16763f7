/* UTF-8 text: NFC normalisation of everything typed or imported, the
 * accent-insensitive search key, and display widths for column layout. */
#ifndef ANTT_TEXT_H
#define ANTT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* Validate UTF-8 and normalise to NFC, trimming surrounding white space.
 * On success *out is a new string the caller frees. */
antt_status text_nfc(const char *in, char **out);

/* Text typed or imported for storage (names, notes, reasons): NFC and
 * trimmed as text_nfc(), with a line break or tab (Excel's Alt+Enter) folded
 * into one space so the text stays one screen row, and any other control
 * character (NUL, ESC that starts a terminal escape sequence, DEL, C1)
 * refused: what names the field in the message ("tên đơn vị"). On success
 * *out is a new string the caller frees. */
antt_status text_clean(const char *in, const char *what, char **out, antt_err *err);

/* Make stored text safe to print or draw, in place: a line break or tab
 * becomes a space, any other control character or byte that is not UTF-8
 * becomes '?', so text already in a database or arriving in a package
 * cannot move the cursor, clear the screen or break a row. The result is
 * never longer. Returns s. */
char *text_make_safe(char *s);
/* Columns s takes once made safe (text_width(text_make_safe(copy))),
 * without a copy: what a list measures 90,000 names by. */
size_t text_safe_width(const char *s);

/* NFC of len bytes of UTF-8 into out (size n), cut at a character
 * boundary if it does not fit. Returns out ("" when normalising fails). */
char *text_nfc_into(const uint8_t *s, size_t len, char *out, size_t n);

/* The search key: lower case, accents dropped, đ -> d, '-' and '_' read as
 * spaces, runs of spaces collapsed. "Khu dân cư" and "khu-dan-cu" give
 * "khu dan cu". Returns a new string (caller frees) or NULL on bad input. */
char *text_key(const char *in);

/* Why text_key(in) gave NULL: ANTT_ERR_INVALID for text that is not UTF-8,
 * else ANTT_ERR_NOMEM. */
antt_status text_key_failed(const char *in);
/* text_key with a status, for text that may not be UTF-8: ANTT_OK and *out
 * a new string (caller frees); ANTT_ERR_INVALID (not UTF-8) or
 * ANTT_ERR_NOMEM with *out NULL. */
antt_status text_key_of(const char *in, char **out);

/* Columns the string takes on a terminal (NFC Vietnamese: one per letter). */
size_t text_width(const char *s);

/* Bytes of the longest prefix of s that fits in cols columns. */
size_t text_fit(const char *s, size_t cols);

/* Bytes of s to show in cols columns when a cut must be marked (mark_cols
 * wide, "…"): all of s when it fits, trailing spaces aside (*cut = 0);
 * else a prefix that leaves room for the mark (*cut = 1). The prefix ends at
 * a space when one is near the cut, so a cut never shows part of a word or
 * of a code as if whole ("3d" of "3dd" in a list of criteria), and always at
 * a character boundary by display width. */
size_t text_fit_cut(const char *s, size_t cols, size_t mark_cols, int *cut);

/* s fitted to cols columns into buf of size n, ending in mark when cut
 * (text_fit_cut), and made safe (text_make_safe). Returns buf. */
char *text_cut(char *buf, size_t n, const char *s, size_t cols, const char *mark);

/* Bytes of the first line of s when wrapped at cols columns, breaking at
 * a space where one fits, and in a list "a · b · c" after a " ·" (between
 * items) when that keeps at least half the line; a word wider than a
 * whole line is broken where the line ends. The next line starts after
 * the spaces that follow. Returns 0 only for an empty s. */
size_t text_wrap_line(const char *s, size_t cols);

/* Print s padded with spaces to cols columns into buf of size n, cut with
 * "…" when longer (text_cut); returns buf. */
char *text_pad(char *buf, size_t n, const char *s, size_t cols);

/* The same, aligned right. */
char *text_rpad(char *buf, size_t n, const char *s, size_t cols);

/* Upper or lower case (Vietnamese included) into out of size n, cut at a
 * character boundary when it does not fit: agency names in capitals, type
 * names in running text. Returns out. */
char *text_upper(const char *in, char *out, size_t n);
char *text_lower(const char *in, char *out, size_t n);
/* The upper case of UTF-8 text whole, in NFC, malloc'd (the caller frees);
 * NULL when out of memory. For text of no bound (a setting as the database
 * holds it), where text_upper's buffer would cut it. */
char *text_upper_dup(const char *in);

/* Vietnamese number formats: 1.686 and 97,6 */
char *text_fmt_int(char *buf, size_t n, long long v);
char *text_fmt_pct(char *buf, size_t n, double pct);

#endif
