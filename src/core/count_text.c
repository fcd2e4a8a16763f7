/* The results paragraph of the report, written the way provinces write it:
 * "Năm 2024, toàn huyện có 1.686/1.727 khu dân cư, 173/181 xã … và 291/296
 * cơ sở giáo dục được công nhận đạt tiêu chuẩn …; so với năm 2023 …; so
 * với chỉ tiêu …", from the counting model (recognised over the units to
 * assess), the previous year and the targets (settings target_<type>). */
#include "count.h"
#include "text.h"
#include "unit.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *s;
	size_t len;
	int nomem;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(ANTT_PRINTF, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *g;

	if (b->nomem)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(g = realloc(b->s, b->len + (size_t)n + 1))) {
		b->nomem = 1;
		return;
	}
	b->s = g;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* A rate in tenths of a percent as text_fmt_pct prints it ("%.1f",
 * read back the same way): 87.149 is 871. */
static long tenths(double pct)
{
	char b[32];

	snprintf(b, sizeof(b), "%.1f", pct);
	return lround(strtod(b, NULL) * 10);
}

/* 95 -> "95", 92.5 -> "92,5" */
static void target_words(double t, char *out, size_t n)
{
	if (t == (double)(long long)t)
		snprintf(out, n, "%lld", (long long)t);
	else
		text_fmt_pct(out, n, t);
}

/* "huyện" for "toàn huyện": the office's type, or "đơn vị" when the
 * database holds several tops; under a unit, its type and name, "xã Hòa
 * Bình" ("toàn xã" alone left the reader to guess which). */
static antt_status scope_word(antt_db *db, const char *under, char *out, size_t n, antt_err *err)
{
	sqlite3_stmt *st = NULL;
	antt_status s;
	int rows = 0;

	snprintf(out, n, "đơn vị");
	s = db_prepare(db, "SELECT t.name, u.name FROM units u JOIN unit_types t ON t.code = u.type"
		" WHERE u.id IN (" UNIT_SEED_SQL ")", &st, err);
	if (s != ANTT_OK)
		return s;
	if (under)
		sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (rows++ == 0) {
			const char *name = (const char *)sqlite3_column_text(st, 1);
			char type[64], low[UNIT_NAME_MAX * 4 + 1];   /* a name, lowered, whole */
			size_t k;

			text_lower((const char *)sqlite3_column_text(st, 0), type, sizeof(type));
			snprintf(out, n, "%s", type);
			if (!under || !name)
				continue;
			/* "Xã Hòa Bình" is "xã Hòa Bình"; "Thôn 1" of type khu dân cư
			 * is "khu dân cư Thôn 1" */
			text_lower(name, low, sizeof(low));
			k = strlen(type);
			if (!strncmp(low, type, k) && (name[k] == ' ' || !name[k]))
				snprintf(out, n, "%s%s", type, name + k);
			else
				snprintf(out, n, "%s %s", type, name);
		}
	sqlite3_finalize(st);
	if (rows > 1)
		snprintf(out, n, "đơn vị");
	return ANTT_OK;
}

/* The types in the order provinces list them: khu dân cư first, then
 * the others in the types' order; only types with units to assess. */
static size_t text_order(const count_row *rows, size_t n, const count_row **out)
{
	size_t k = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++)
			if (count_in_scope(&rows[i]) > 0 && (!strcmp(rows[i].type, "khu-dan-cu") == !pass))
				out[k++] = &rows[i];
	return k;
}

antt_status count_results_text(antt_db *db, int year, const char *under, char **out, antt_err *err)
{
	count_row *now = NULL, *prev = NULL;
	size_t nn = 0, np = 0;
	antt_status s;

	*out = NULL;
	if ((s = count_by_type(db, year, under, &now, &nn, err)) == ANTT_OK &&
	    (s = count_by_type(db, year - 1, under, &prev, &np, err)) == ANTT_OK)
		s = count_results_text_of(db, year, under, now, nn, prev, np, out, err);
	free(now);
	free(prev);
	return s;
}

antt_status count_results_text_of(antt_db *db, int year, const char *under, const count_row *now, size_t nn,
                                  const count_row *prev, size_t np, char **out, antt_err *err)
{
	count_row tot = { .total = 0 }, ptot = { .total = 0 };
	const count_row **order = NULL;
	size_t k;
	char scope[64 + 1 + UNIT_NAME_MAX * 4 + 1], name[96], a[32], b[32], pct[32], ppct[32];   /* type and name */
	buf t = { 0 };
	antt_status s;

	*out = NULL;
	if ((s = scope_word(db, under, scope, sizeof(scope), err)) != ANTT_OK)
		goto out;
	if (!(order = calloc(nn ? nn : 1, sizeof(*order)))) {
		s = ANTT_ERR_NOMEM;
		goto out;
	}
	k = text_order(now, nn, order);
	if (k == 0) {
		put(&t, "Năm %d, toàn %s chưa có đơn vị nào thuộc diện đánh giá.", year, scope);
		goto done;
	}
	put(&t, "Năm %d, toàn %s có ", year, scope);
	for (size_t i = 0; i < k; i++) {
		text_lower(order[i]->name, name, sizeof(name));
		put(&t, "%s%s/%s %s", i == 0 ? "" : i + 1 == k ? " và " : ", ", text_fmt_int(a, sizeof(a), order[i]->recognised),
			text_fmt_int(b, sizeof(b), count_in_scope(order[i])), name);
		count_add(&tot, order[i]);
		for (size_t p = 0; p < np; p++)
			if (!strcmp(prev[p].type, order[i]->type))
				count_add(&ptot, &prev[p]);
	}
	text_fmt_pct(pct, sizeof(pct), count_rate(&tot));
	put(&t, " được công nhận đạt tiêu chuẩn \"An toàn về an ninh, trật tự\" (tỷ lệ chung %s %%)", pct);

	/* the year before, over the same types */
	if (ptot.registered == 0 || count_rate(&ptot) < 0) {
		put(&t, "; năm %d chưa có số liệu để so sánh", year - 1);
	} else {
		/* the difference of the two rates as printed, in tenths: 87,1 %
		 * and 47,7 % are 39,4 points apart, though the unrounded rates
		 * are 39,5 */
		long d = tenths(count_rate(&tot)) - tenths(count_rate(&ptot));
		text_fmt_pct(ppct, sizeof(ppct), count_rate(&ptot));
		text_fmt_pct(pct, sizeof(pct), (double)(d < 0 ? -d : d) / 10.0);
		if (d == 0)
			put(&t, "; so với năm %d (%s %%), tỷ lệ không đổi", year - 1, ppct);
		else
			put(&t, "; so với năm %d (%s %%), %s %s điểm phần trăm", year - 1, ppct, d > 0 ? "tăng" : "giảm", pct);
	}

	/* the targets, type by type */
	{
		int first = 1;
		for (size_t i = 0; i < k; i++) {
			char key[64], *v, tw[32];
			double target, rate = count_rate(order[i]);
			snprintf(key, sizeof(key), "target_%s", order[i]->type);
			if ((s = db_setting_read(db, key, NULL, &v, err)) != ANTT_OK) {
				free(t.s);
				goto out;
			}
			if (!v)
				continue;
			target = strtod(v, NULL);
			free(v);
			text_lower(order[i]->name, name, sizeof(name));
			text_fmt_pct(pct, sizeof(pct), rate);
			target_words(target, tw, sizeof(tw));
			put(&t, "%s%s %s %%/%s %% (%s)", first ? "; so với chỉ tiêu: " : ", ", name, pct, tw,
				rate + 1e-9 >= target ? "đạt" : "chưa đạt");
			first = 0;
		}
	}
	put(&t, ".");
done:
	if (t.nomem) {
		free(t.s);
		s = ANTT_ERR_NOMEM;
	} else {
		*out = t.s;
	}
out:
	free(order);
	return s;
}
