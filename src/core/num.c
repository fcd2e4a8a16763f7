/* Bounded numbers from user input: see num.h. */
#include "num.h"
#include "date.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

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

antt_status num_decimal(const char *s, double lo, double hi, const char *what, double *out, antt_err *err)
{
	char buf[64], lo_s[32], hi_s[32], *end;
	const char *p = s ? s : "";
	size_t n, digits, frac = 0;
	double v;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	/* digits, then at most one separator followed by digits: strtod alone
	 * would also take "1e2", "0x10", "inf" and stop at a comma */
	digits = strspn(p, "0123456789");
	if (digits > 0 && digits < n && (p[digits] == ',' || p[digits] == '.'))
		frac = strspn(p + digits + 1, "0123456789");
	num_show_decimal(lo_s, sizeof(lo_s), lo);
	num_show_decimal(hi_s, sizeof(hi_s), hi);
	if (digits == 0 || n >= sizeof(buf) || (digits != n && (frac == 0 || digits + 1 + frac != n)))
		return err_set(err, ANTT_ERR_INVALID, "%s \"%s\" không phải một số: viết chữ số, số lẻ sau dấu phẩy "
			"(ví dụ 92,5)", what, s ? s : "");
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (digits < n)
		buf[digits] = '.';
	errno = 0;
	v = strtod(buf, &end);
	if (*end || errno || !isfinite(v) || v < lo || v > hi)
		return err_set(err, ANTT_ERR_INVALID, "%s phải từ %s đến %s, không phải %s", what, lo_s, hi_s, s);
	*out = v;
	return ANTT_OK;
}

char *num_show_decimal(char *buf, size_t n, double v)
{
	char *c;

	snprintf(buf, n, "%.2f", v);
	c = strchr(buf, '.');
	if (c) {
		size_t k = strlen(buf);
		while (k > 0 && buf[k - 1] == '0')
			buf[--k] = '\0';
		if (buf[k - 1] == '.')
			buf[--k] = '\0';
		else
			*c = ',';
	}
	return buf;
}

antt_status num_setting(const char *key, const char *value, antt_err *err)
{
	char scratch[SETTING_VALUE_SIZE];

	return num_setting_value(key, value, scratch, sizeof(scratch), err);
}

antt_status num_setting_value(const char *key, const char *typed, char *out, size_t n, antt_err *err)
{
	char md[6], buf[32];
	int year;
	double v;
	antt_status s;

	if (!strcmp(key, "current_year") && (s = num_year(typed, &year, err)) != ANTT_OK)
		return s;
	if (!strcmp(key, "login_required") && strcmp(typed, "0") && strcmp(typed, "1"))
		return err_set(err, ANTT_ERR_INVALID, "đăng nhập khi mở là 1 (có) hoặc 0 (không), "
			"không phải \"%s\"", typed);
	if (!strncmp(key, "target_", 7) || !strncmp(key, "class_min_", 10)) {
		/* a score sheet's total is out of 100 (QĐ 510's sheets) */
		if ((s = num_decimal(typed, 0, 100, key[0] == 't' ? "chỉ tiêu (phần trăm)" : "điểm thấp nhất của mức xếp loại",
		                     &v, err)) != ANTT_OK)
			return s;
		snprintf(buf, sizeof(buf), "%.15g", v);   /* stored with a point: reports read it */
		typed = buf;
	}
	if (!strncmp(key, "deadline_", 9)) {
		if ((s = date_parse_day_month(typed, "hạn", md, err)) != ANTT_OK)
			return s;
		typed = md;
	}
	{
		size_t chars = u8_mbsnlen((const uint8_t *)typed, strlen(typed));
		if (chars > SETTING_VALUE_MAX || strlen(typed) >= n)
			return err_set(err, ANTT_ERR_INVALID, "giá trị dài %zu ký tự, quá %d ký tự một thiết lập giữ được; "
				"giá trị cũ vẫn giữ, hãy rút gọn (viết tắt) rồi đặt lại",
				chars, SETTING_VALUE_MAX);
	}
	snprintf(out, n, "%s", typed);
	return ANTT_OK;
}

char *num_setting_show(const char *key, const char *stored, char *buf, size_t n)
{
	double v;
	antt_err e;

	if ((!strncmp(key, "target_", 7) || !strncmp(key, "class_min_", 10)) && num_decimal(stored, 0, 100, "", &v, &e) == ANTT_OK)
		return num_show_decimal(buf, n, v);
	if (!strncmp(key, "deadline_", 9))
		return date_show_day_month(stored, buf, n);
	snprintf(buf, n, "%s", stored ? stored : "");
	return buf;
}
