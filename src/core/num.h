/* Whole numbers typed or imported by a user, read in one place and held
 * to a range, so a huge or negative value is refused with the range it
 * must be in instead of wrapping through a cast or overflowing a sum. */
#ifndef ANTT_NUM_H
#define ANTT_NUM_H

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

/* A value for one of the settings the application reads as a number:
 * current_year (a year), target_* (a percentage 0..100, decimals with a
 * point), login_required (0 or 1), deadline_* (MM-DD). Other keys are
 * free text and pass. */
antt_status num_setting(const char *key, const char *value, antt_err *err);

#endif
