/* Numbers typed or imported by a user, read in one place and held to a
 * range, so a huge or negative value is refused with the range it must be
 * in instead of wrapping through a cast or overflowing a sum. Decimals are
 * typed and shown with the Vietnamese comma (92,5); a point is accepted. */
#ifndef ANTT_NUM_H
#define ANTT_NUM_H

#include <stddef.h>
#include "status.h"

/* Years the application knows about. */
#define NUM_YEAR_MIN 2000
#define NUM_YEAR_MAX 2100

/* Counts of people, places, tip-offs, households: far above any real
 * commune or district (10^9), and a sum of millions of them stays far
 * below SQLite's 2^63, so no report can overflow. */
#define NUM_COUNT_MAX 1000000000LL

/* Read s (decimal digits, an optional sign; spaces around are allowed) as
 * a whole number in [lo, hi]. what names the value for the message, e.g.
 * "số người tham gia". On failure *out is untouched. */
antt_status num_parse(const char *s, long long lo, long long hi, const char *what,
                      long long *out, antt_err *err);

/* The same for a value already held as a number. */
antt_status num_check(long long v, long long lo, long long hi, const char *what, antt_err *err);

/* A year in [NUM_YEAR_MIN, NUM_YEAR_MAX]. */
antt_status num_year(const char *s, int *out, antt_err *err);

/* A count in [0, NUM_COUNT_MAX]. */
antt_status num_count(const char *s, const char *what, long long *out, antt_err *err);

/* A decimal in [lo, hi]: digits with at most one comma or point inside
 * ("92,5", "92.5"), spaces around allowed; no sign, exponent, hex, nan. */
antt_status num_decimal(const char *s, double lo, double hi, const char *what, double *out, antt_err *err);

/* v with a decimal comma and no trailing zeros: 92.5 → "92,5", 97 → "97". */
char *num_show_decimal(char *buf, size_t n, double v);

/* A value for one of the settings the application reads as a number or a
 * date: current_year (a year), target_* (a percentage 0..100, "92,5" or
 * "92.5"), login_required (0 or 1), deadline_* (a day: 15/11, or the
 * stored 11-15). Other keys are free text and pass. */
antt_status num_setting(const char *key, const char *value, antt_err *err);

/* A setting's value at most (a name, a title, the list of recipients:
 * a few lines on paper; the screens' line editor holds as many), and the
 * bytes it is stored in. */
#define SETTING_VALUE_MAX 400
#define SETTING_VALUE_SIZE (SETTING_VALUE_MAX * 4 + 1)

/* The same check, and the value as stored: a target with a point
 * ("92.5"), a deadline as month-day ("11-15"), others as typed. A value
 * longer than SETTING_VALUE_MAX characters, or than out holds, is
 * refused, never cut. out is untouched on failure. */
antt_status num_setting_value(const char *key, const char *typed, char *out, size_t n, antt_err *err);

/* A stored setting as an officer reads it: "92,5", "15/11". */
char *num_setting_show(const char *key, const char *stored, char *buf, size_t n);

#endif
