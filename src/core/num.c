/* Bounded whole numbers from user input: see num.h. */
#include "num.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static antt_status out_of_range(const char *s, long long lo, long long hi, const char *what, antt_err *err)
{
	return err_set(err, ANTT_ERR_INVALID, "%s phải là số nguyên từ %lld đến %lld, không phải \"%s\"",
		what, lo, hi, s);
}

antt_status num_parse(const char *s, long long lo, long long hi, const char *what,
                      long long *out, antt_err *err)
{
	const char *p = s ? s : "";
	char *end;
	long long v;

	while (*p == ' ' || *p == '\t')
		p++;
	/* strtoll alone would take "12abc", "0x10" or an empty string */
	if (!isdigit((unsigned char)(*p == '-' || *p == '+' ? p[1] : p[0])))
		return out_of_range(s ? s : "", lo, hi, what, err);
	errno = 0;
	v = strtoll(p, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end || errno == ERANGE || v < lo || v > hi)
		return out_of_range(s, lo, hi, what, err);
	*out = v;
	return ANTT_OK;
}

antt_status num_check(long long v, long long lo, long long hi, const char *what, antt_err *err)
{
	if (v < lo || v > hi)
		return err_set(err, ANTT_ERR_INVALID, "%s phải là số nguyên từ %lld đến %lld, không phải %lld",
			what, lo, hi, v);
	return ANTT_OK;
}

antt_status num_year(const char *s, int *out, antt_err *err)
{
	long long v;
	antt_status st = num_parse(s, NUM_YEAR_MIN, NUM_YEAR_MAX, "năm", &v, err);

	if (st == ANTT_OK)
		*out = (int)v;
	return st;
}

antt_status num_count(const char *s, const char *what, long long *out, antt_err *err)
{
	return num_parse(s, 0, NUM_COUNT_MAX, what, out, err);
}

antt_status num_setting(const char *key, const char *value, antt_err *err)
{
	int year, m = 0, d = 0, n = 0;
	char *end;
	double v;

	if (!strcmp(key, "current_year"))
		return num_year(value, &year, err);
	if (!strcmp(key, "login_required") && strcmp(value, "0") && strcmp(value, "1"))
		return err_set(err, ANTT_ERR_INVALID, "đăng nhập khi mở là 1 (có) hoặc 0 (không), "
			"không phải \"%s\"", value);
	if (!strncmp(key, "target_", 7)) {
		errno = 0;
		v = strtod(value, &end);
		if (!isdigit((unsigned char)*value) || *end || errno || !isfinite(v) || v < 0 || v > 100)
			return err_set(err, ANTT_ERR_INVALID, "chỉ tiêu là một tỷ lệ phần trăm từ 0 đến 100 "
				"(số lẻ viết dấu chấm, ví dụ 97.5), không phải \"%s\"", value);
	}
	if (!strncmp(key, "deadline_", 9) &&
	    (sscanf(value, "%2d-%2d%n", &m, &d, &n) != 2 || value[n] || m < 1 || m > 12 || d < 1 || d > 31))
		return err_set(err, ANTT_ERR_INVALID, "hạn là tháng-ngày, ví dụ 11-15 cho ngày 15 tháng 11, "
			"không phải \"%s\"", value);
	return ANTT_OK;
}
