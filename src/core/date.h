/* Dates as officers type and read them: day first (15/03/2024, 5/3/2024),
 * ISO (2024-03-15) still accepted; stored as ISO, shown day first. The
 * calendar is libc's (timegm), not a table of month lengths. */
#ifndef ANTT_DATE_H
#define ANTT_DATE_H

#include <stddef.h>
#include "status.h"

/* s as a date: dd/mm/yyyy, d/m/yyyy (also with '-' or '.'), or
 * yyyy-mm-dd; years 1900..9999. On success iso holds "YYYY-MM-DD"; on
 * failure it is untouched and err says why, naming the value as what. */
antt_status date_parse(const char *s, const char *what, char iso[11], antt_err *err);

/* A day in every year (a deadline): dd/mm, d/m, dd/mm/yyyy (the year is
 * not kept), or the stored month-day mm-dd. On success md holds "MM-DD". */
antt_status date_parse_day_month(const char *s, const char *what, char md[6], antt_err *err);

/* "2024-03-05" → "05/03/2024"; anything else is copied as it is. */
char *date_show(const char *iso, char *buf, size_t n);

/* "11-15" → "15/11"; anything else is copied. */
char *date_show_day_month(const char *md, char *buf, size_t n);

/* A UTC time from the database ("2024-11-15 20:30:00" or
 * "2024-11-15T20:30:00Z") in this machine's time zone: "16/11/2024 03:30";
 * anything else is copied. */
char *date_show_local(const char *utc, char *buf, size_t n);

#endif
