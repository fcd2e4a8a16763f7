/* Reading what an officer typed for a criterion into a typed value, and
 * writing it back for display. The messages say what is expected. */
#include "form_value.h"
#include "form_item.h"
#include "date.h"
#include "num.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int in_list(const char *key, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(key, *list) == 0)
			return 1;
	return 0;
}

/* "1.234" (Vietnamese thousands) or "1234" */
static int parse_count(const char *s, long long *out)
{
	long long v = 0;
	int digits = 0, group = -1;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (v > 1000000000000LL)
				return 0;
			v = v * 10 + (*s - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if (*s == '.' && digits > 0 && (group < 0 || group == 3)) {
			if (group < 0 && digits > 3)
				return 0;
			group = 0;
		} else {
			return 0;
		}
	}
	if (group >= 0 && group != 3)
		return 0;
	*out = v;
	return 1;
}

static int parse_percent(const char *s, double *out)
{
	char buf[64], *end;
	size_t n = strlen(s);
	double v;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	while (n > 0 && (buf[n - 1] == '%' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	for (char *c = buf; *c; c++) {
		if (*c == ',')
			*c = '.';
		else if (!isdigit((unsigned char)*c) && *c != '.')
			return 0;
	}
	if (!*buf)
		return 0;
	v = strtod(buf, &end);
	if (*end || isnan(v))
		return 0;
	*out = v;
	return 1;
}

/* One of a choice item's options, matched by search key; out->s gets the
 * option as the form writes it. */
static antt_status parse_choice(const form_item *it, const char *key, const char *nfc, rule_value *out,
                                antt_err *err)
{
	char list[512] = "";
	size_t used = 0;

	for (size_t i = 0; i < it->n_options; i++) {
		char *ok = text_key(it->options[i]);
		int match;

		if (!ok)
			return ANTT_ERR_NOMEM;
		match = strcmp(ok, key) == 0;
		free(ok);
		if (match)
			return (out->s = strdup(it->options[i])) ? ANTT_OK : ANTT_ERR_NOMEM;
	}
	/* found by fuzzing: long options overflowed the list; each append is
	 * now bounded by what is left */
	for (size_t i = 0; i < it->n_options && used + 1 < sizeof(list); i++) {
		snprintf(list + used, sizeof(list) - used, "%s%s", i ? "; " : "", it->options[i]);
		used = strlen(list);
	}
	return err_set(err, ANTT_ERR_INVALID, "tiêu chí %s chỉ nhận một trong: %s (không phải \"%s\")", it->id, list, nfc);
}

antt_status form_parse_value(const form_item *it, const char *text, rule_value *out, antt_err *err)
{
	static const char *const yes[] = { "co", "1", "yes", "y", "x", "dung", "dat", "true", NULL };
	static const char *const no[] = { "khong", "0", "no", "n", "sai", "chua dat", "khong dat", "false", NULL };
	char *key = NULL, *nfc = NULL;
	antt_status st = ANTT_OK;
	char date[11], what[96];

	memset(out, 0, sizeof(*out));
	out->kind = RV_NULL;
	if (it->computed)
		return err_set(err, ANTT_ERR_INVALID, "tiêu chí %s được tính tự động từ các đơn vị trực thuộc, "
			"không nhập tay", it->id);
	if (!it->leaf)
		return err_set(err, ANTT_ERR_INVALID, "tiêu chí %s gồm nhiều ý: hãy trả lời từng ý", it->id);
	snprintf(what, sizeof(what), "giá trị của tiêu chí %s", it->id);
	if ((st = text_clean(text, what, &nfc, err)) != ANTT_OK)
		return st;
	key = text_key(nfc);
	if (!key) {
		st = ANTT_ERR_NOMEM;
		goto out;
	}

	switch (it->type) {
	case FORM_YESNO:
		out->kind = RV_INT;
		if (in_list(key, yes))
			out->i = 1;
		else if (in_list(key, no))
			out->i = 0;
		else
			st = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s cần trả lời \"có\" hoặc \"không\" "
				"(hoặc 1 / 0), không phải \"%s\"", it->id, nfc);
		break;
	case FORM_COUNT:
		out->kind = RV_INT;
		if (nfc[0] == '-')
			st = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s là một số đếm, không được âm (\"%s\")", it->id, nfc);
		else if (!parse_count(nfc, &out->i) || out->i > NUM_COUNT_MAX)
			st = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s cần một số nguyên từ 0 đến %lld, "
				"không phải \"%s\"", it->id, NUM_COUNT_MAX, nfc);
		break;
	case FORM_PERCENT:
		out->kind = RV_REAL;
		if (!parse_percent(nfc, &out->d))
			st = err_set(err, ANTT_ERR_INVALID, "tiêu chí %s cần một tỷ lệ phần trăm như 95 hoặc 97,5; "
				"không phải \"%s\"", it->id, nfc);
		else if (out->d < 0 || out->d > 100)
			st = err_set(err, ANTT_ERR_INVALID, "tỷ lệ của tiêu chí %s phải từ 0 đến 100, không phải %s",
				it->id, nfc);
		break;
	case FORM_CHOICE:
		out->kind = RV_TEXT;
		st = parse_choice(it, key, nfc, out, err);
		break;
	case FORM_TEXT:
		out->kind = RV_TEXT;
		out->s = nfc;
		nfc = NULL;
		break;
	case FORM_DATE:
		out->kind = RV_TEXT;
		/* 15/03/2024, 5/3/2024 or 2024-03-15; the calendar is libc's */
		snprintf(what, sizeof(what), "tiêu chí %s: ngày", it->id);
		if ((st = date_parse(nfc, what, date, err)) == ANTT_OK) {
			out->s = strdup(date);
			st = out->s ? ANTT_OK : ANTT_ERR_NOMEM;
		}
		break;
	}
out:
	if (st != ANTT_OK) {
		if (out->kind == RV_TEXT)
			free((char *)out->s);
		out->kind = RV_NULL;
		out->s = NULL;
	}
	free(key);
	free(nfc);
	return st;
}

void form_format_value(const form_item *it, const rule_value *v, char *buf, size_t n)
{
	char tmp[64];

	switch (v->kind) {
	case RV_NULL:
		snprintf(buf, n, "—");
		return;
	case RV_INT:
		if (it->type == FORM_YESNO)
			snprintf(buf, n, "%s", v->i ? "có" : "không");
		else
			snprintf(buf, n, "%s", text_fmt_int(tmp, sizeof(tmp), v->i));
		return;
	case RV_REAL:
		if (v->d == floor(v->d))
			snprintf(buf, n, "%.0f %%", v->d);
		else
			snprintf(buf, n, "%s %%", text_fmt_pct(tmp, sizeof(tmp), v->d));
		return;
	case RV_TEXT:
		if (it->type == FORM_DATE && strlen(v->s) == 10)
			snprintf(buf, n, "%.2s/%.2s/%.4s", v->s + 8, v->s + 5, v->s);
		else
			snprintf(buf, n, "%s", v->s);
		return;
	}
}

int form_rule_words(const form_item *it, char *buf, size_t n)
{
	static const struct { const char *op, *words; } ops[] = {
		{ ">=", "cần ít nhất" }, { "<=", "cần không quá" }, { "==", "cần đúng" },
		{ ">", "cần trên" }, { "<", "cần dưới" }, { "=", "cần đúng" },
	};
	const char *r = it->rule;
	char shown[64];
	rule_value v;
	size_t k;

	if (n)
		buf[0] = '\0';
	if (!r || (it->type != FORM_COUNT && it->type != FORM_PERCENT))
		return 0;
	r += strspn(r, " ");
	if (strncmp(r, "value", 5))
		return 0;
	r += 5;
	r += strspn(r, " ");
	for (k = 0; k < sizeof(ops) / sizeof(*ops) && strncmp(r, ops[k].op, strlen(ops[k].op)); k++)
		;
	if (k == sizeof(ops) / sizeof(*ops))
		return 0;
	/* the number as num.c reads one (digits, one point: no sign,
	 * exponent or "inf"), whatever the locale says a point is */
	if (num_decimal(r + strlen(ops[k].op), 0, 1e15, "", &v.d, NULL) != ANTT_OK)
		return 0;
	if (it->type == FORM_PERCENT) {
		v.kind = RV_REAL;
	} else {
		if (v.d != floor(v.d))
			return 0;
		v.kind = RV_INT;
		v.i = (long long)v.d;
	}
	form_format_value(it, &v, shown, sizeof(shown));
	snprintf(buf, n, "%s %s", ops[k].words, shown);
	return 1;
}
