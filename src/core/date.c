/* Typed dates read and checked, stored dates shown: see date.h. */
#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define EXAMPLE "viết ngày/tháng/năm, ví dụ 15/03/2024"

/* Up to 3 runs of digits separated by one of "/-." (the same one), with
 * spaces around the whole; returns how many, 0 when the shape is wrong.
 * len[i] is each run's digit count. */
static int split(const char *s, int v[3], int len[3], char *sep)
{
	const char *p = s;
	int k = 0;

	*sep = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	for (;;) {
		int n = 0, x = 0;
		while (isdigit((unsigned char)p[n]) && n < 5)
			x = x * 10 + (p[n++] - '0');
		if (n == 0 || n > 4 || k == 3)
			return 0;
		v[k] = x;
		len[k++] = n;
		p += n;
		if (*p == '/' || *p == '-' || *p == '.') {
			if (*sep && *p != *sep)
				return 0;
			*sep = *p++;
			continue;
		}
		break;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p ? 0 : k;
}

/* Days in a month, from libc: day 0 of the next month is its last. */
static int month_days(int y, int m)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m, .tm_mday = 0, .tm_hour = 12 };
	time_t t = timegm(&tm);
	struct tm out;

	gmtime_r(&t, &out);
	return out.tm_mday;
}

/* y 0: a day in every year (a yearly deadline), so 29/02 is refused: it
 * is not a day of three years in four, and a deadline may not move. */
static antt_status check_day(const char *s, const char *what, int y, int m, int d, antt_err *err)
{
	if (m < 1 || m > 12)
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\": không có tháng %d (tháng từ 1 đến 12); " EXAMPLE,
			what, s, m);
	if (!y && m == 2 && d == 29)
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\": ngày 29/2 không có ở năm không nhuận; "
			"hạn hằng năm phải là ngày có ở mọi năm (ví dụ 28/2 hoặc 1/3)", what, s);
	if (d < 1 || d > month_days(y ? y : 2024, m)) {
		char year[16] = "";
		if (y)
			snprintf(year, sizeof(year), " năm %d", y);
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\": tháng %d%s chỉ có %d ngày",
			what, s, m, year, month_days(y ? y : 2024, m));
	}
	return ANTT_OK;
}

/* The day typed in s. every_year: a day of every year (a deadline), read
 * from d/m, d/m/yyyy (the year dropped) or the stored m-d; *y is then 0. */
static antt_status parse(const char *s, const char *what, int every_year, int *y, int *m, int *d, antt_err *err)
{
	int v[3], len[3], k;
	char sep;

	k = split(s, v, len, &sep);
	*y = 0;
	if (k >= 2 && (len[0] > 4 || len[1] > 2))
		k = 0;
	if (!every_year && k == 3 && len[0] == 4 && sep == '-' && len[2] <= 2) {
		*y = v[0]; *m = v[1]; *d = v[2];
	} else if (k == 3 && len[0] <= 2 && len[2] == 4) {
		*d = v[0]; *m = v[1];
		if (!every_year)
			*y = v[2];
	} else if (every_year && k == 2 && len[0] <= 2) {
		*d = sep == '-' ? v[1] : v[0];      /* stored month-day */
		*m = sep == '-' ? v[0] : v[1];
	} else if (every_year) {
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\" không phải một ngày: viết ngày/tháng, "
			"ví dụ 15/11 cho ngày 15 tháng 11", what, s);
	} else {
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\" không phải một ngày: " EXAMPLE " (năm đủ 4 chữ số)",
			what, s);
	}
	if (!every_year && *y < 1900)
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\": năm %d không hợp lệ", what, s, *y);
	return check_day(s, what, *y, *m, *d, err);
}

antt_status date_parse(const char *s, const char *what, char iso[11], antt_err *err)
{
	int y, m, d;
	antt_status st = parse(s ? s : "", what, 0, &y, &m, &d, err);

	if (st == ANTT_OK)
		snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
	return st;
}

antt_status date_parse_day_month(const char *s, const char *what, char md[6], antt_err *err)
{
	int y, m, d;
	antt_status st = parse(s ? s : "", what, 1, &y, &m, &d, err);

	if (st == ANTT_OK)
		snprintf(md, 6, "%02u-%02u", (unsigned)m % 100u, (unsigned)d % 100u);
	return st;
}

char *date_show(const char *iso, char *buf, size_t n)
{
	int y, m, d, k = 0;

	if (iso && sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 && k == 10 && !iso[k])
		snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
	else
		snprintf(buf, n, "%s", iso ? iso : "");
	return buf;
}

char *date_show_day_month(const char *md, char *buf, size_t n)
{
	int m, d, k = 0;

	if (md && sscanf(md, "%2d-%2d%n", &m, &d, &k) == 2 && !md[k])
		snprintf(buf, n, "%02d/%02d", d, m);
	else
		snprintf(buf, n, "%s", md ? md : "");
	return buf;
}

char *date_show_local(const char *utc, char *buf, size_t n)
{
	struct tm tm = { 0 }, loc;
	const char *end = utc ? strptime(utc, "%Y-%m-%d", &tm) : NULL;
	time_t t;

	if (end && (*end == ' ' || *end == 'T'))
		end = strptime(end + 1, "%H:%M:%S", &tm);
	else
		end = NULL;
	if (end && *end == 'Z')
		end++;
	if (!end || *end) {
		snprintf(buf, n, "%s", utc ? utc : "");
		return buf;
	}
	t = timegm(&tm);
	localtime_r(&t, &loc);
	strftime(buf, n, "%d/%m/%Y %H:%M", &loc);
	return buf;
}
