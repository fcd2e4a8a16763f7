/* Text handling on top of libunistring, so that Vietnamese typed through any
 * input method (precomposed or decomposed) is stored and compared the same. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistr.h>
#include <uninorm.h>
#include <unicase.h>
#include <unictype.h>
#include <uniwidth.h>

antt_status text_nfc(const char *in, char **out)
{
	size_t len = strlen(in), outlen = 0;
	uint8_t *norm;
	char *s;

	*out = NULL;
	if (u8_check((const uint8_t *)in, len))
		return ANTT_ERR_INVALID;
	norm = u8_normalize(UNINORM_NFC, (const uint8_t *)in, len, NULL, &outlen);
	if (!norm)
		return ANTT_ERR_NOMEM;
	s = malloc(outlen + 1);
	if (!s) {
		free(norm);
		return ANTT_ERR_NOMEM;
	}
	memcpy(s, norm, outlen);
	s[outlen] = '\0';
	free(norm);

	/* trim */
	{
		char *b = s, *e = s + strlen(s);
		while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			e--;
		memmove(s, b, (size_t)(e - b));
		s[e - b] = '\0';
	}
	*out = s;
	return ANTT_OK;
}

/* Bidirectional embeddings, overrides and isolates: they reorder what
 * follows wherever text is shown with bidi (Excel, newer terminals), so a
 * name could read as another one. */
static int is_bidi(ucs4_t uc)
{
	return (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069);
}

/* C0 (NUL, ESC, ...), DEL, C1 and bidi controls: never printable. */
static int is_control(ucs4_t uc)
{
	return uc < 0x20 || (uc >= 0x7F && uc <= 0x9F) || is_bidi(uc);
}

/* Line breaks, tabs, and the Unicode line and paragraph separators. */
static int is_fold(ucs4_t uc)
{
	return uc == '\t' || uc == '\n' || uc == '\r' || uc == 0x2028 || uc == 0x2029;
}

antt_status text_clean(const char *in, const char *what, char **out, antt_err *err)
{
	size_t len = strlen(in), i = 0, k = 0, nth = 0;
	char *tmp = malloc(len + 1);
	antt_status st;

	*out = NULL;
	if (!tmp)
		return ANTT_ERR_NOMEM;
	if (u8_check((const uint8_t *)in, len)) {
		free(tmp);
		return err_set(err, ANTT_ERR_INVALID, "%s không phải văn bản UTF-8 hợp lệ", what);
	}
	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, (const uint8_t *)in + i, len - i);

		nth++;
		if (is_fold(uc)) {
			if (k == 0 || tmp[k - 1] != ' ')
				tmp[k++] = ' ';
		} else if (is_control(uc)) {
			free(tmp);
			return err_set(err, ANTT_ERR_INVALID, "%s có ký tự điều khiển không in được (mã U+%04X, "
				"ký tự thứ %zu)%s; hãy xóa ký tự đó", what, (unsigned)uc, nth,
				uc == 0x1B ? ", mở đầu một chuỗi điều khiển màn hình" :
				is_bidi(uc) ? ", đảo thứ tự hiển thị của chữ" : "");
		} else {
			memcpy(tmp + k, in + i, (size_t)n);
			k += (size_t)n;
		}
		i += (size_t)n;
	}
	tmp[k] = '\0';
	st = text_nfc(tmp, out);
	free(tmp);
	return st;
}

char *text_make_safe(char *s)
{
	size_t len = strlen(s), i = 0, k = 0;

	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, (const uint8_t *)s + i, len - i);

		if (n < 0) {
			s[k++] = '?';
			i++;
			continue;
		}
		if (is_fold(uc))
			s[k++] = ' ';
		else if (is_control(uc))
			s[k++] = '?';
		else {
			memmove(s + k, s + i, (size_t)n);
			k += (size_t)n;
		}
		i += (size_t)n;
	}
	s[k] = '\0';
	return s;
}

size_t text_safe_width(const char *s)
{
	size_t len = strlen(s), i = 0, w = 0;

	while (i < len) {
		ucs4_t uc;
		int n, cw;

		if ((unsigned char)s[i] < 0x80) {   /* a letter, or a control as '?', a break as ' ' */
			w++;
			i++;
			continue;
		}
		if ((n = u8_mbtoucr(&uc, (const uint8_t *)s + i, len - i)) < 0) {   /* a '?', as every replaced character below */
			w++;
			i++;
			continue;
		}
		if (is_fold(uc) || is_control(uc))
			w++;
		else if ((cw = uc_width(uc, "UTF-8")) > 0)   /* u8_strwidth's sum */
			w += (size_t)cw;
		i += (size_t)n;
	}
	return w;
}

char *text_nfc_into(const uint8_t *s, size_t len, char *out, size_t n)
{
	size_t outlen = 0;
	uint8_t *nfc;

	if (n == 0)
		return out;
	out[0] = '\0';
	if (!(nfc = u8_normalize(UNINORM_NFC, s, len, NULL, &outlen)))
		return out;
	if (outlen >= n) {
		outlen = n - 1;
		while (outlen > 0 && (nfc[outlen] & 0xC0) == 0x80)   /* not inside a character */
			outlen--;
	}
	memcpy(out, nfc, outlen);
	out[outlen] = '\0';
	free(nfc);
	return out;
}

antt_status text_key_failed(const char *in)
{
	return u8_check((const uint8_t *)in, strlen(in)) ? ANTT_ERR_INVALID : ANTT_ERR_NOMEM;
}

antt_status text_key_of(const char *in, char **out)
{
	return (*out = text_key(in)) ? ANTT_OK : text_key_failed(in);
}

char *text_key(const char *in)
{
	size_t len = strlen(in), dlen = 0, llen = 0, i = 0;
	uint8_t *dec, *low;
	char *key, *k;
	int space = 1;

	if (u8_check((const uint8_t *)in, len))
		return NULL;
	low = u8_tolower((const uint8_t *)in, len, NULL, NULL, NULL, &llen);
	if (!low)
		return NULL;
	dec = u8_normalize(UNINORM_NFD, low, llen, NULL, &dlen);
	free(low);
	if (!dec)
		return NULL;
	key = malloc(dlen + 1);
	if (!key) {
		free(dec);
		return NULL;
	}
	k = key;
	while (i < dlen) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, dec + i, dlen - i);

		if (uc == 0x0111 || uc == 0x0110) /* đ Đ */
			uc = 'd';
		if (uc == '-' || uc == '_' || uc == '\t' || uc == '\r' || uc == '\n')
			uc = ' ';
		if (uc == ' ') {
			if (!space)
				*k++ = ' ';
			space = 1;
		} else if (!uc_is_general_category(uc, UC_CATEGORY_Mn)) {
			int w = u8_uctomb((uint8_t *)k, uc, 6);
			if (w > 0)
				k += w;
			space = 0;
		}
		i += (size_t)n;
	}
	if (k > key && k[-1] == ' ')
		k--;
	*k = '\0';
	free(dec);
	return key;
}

size_t text_width(const char *s)
{
	int w = u8_strwidth((const uint8_t *)s, "UTF-8");
	return w < 0 ? strlen(s) : (size_t)w;
}

size_t text_fit(const char *s, size_t cols)
{
	size_t i = 0, used = 0, len = strlen(s);

	while (i < len) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, (const uint8_t *)s + i, len - i);
		int w = uc_width(uc, "UTF-8");

		if (w < 0)
			w = 1;
		if (used + (size_t)w > cols)
			break;
		used += (size_t)w;
		i += (size_t)n;
	}
	return i;
}

size_t text_fit_cut(const char *s, size_t cols, size_t mark_cols, int *cut)
{
	size_t fit = text_fit(s, cols), room, sp;
	const char *r = s + fit;

	while (*r == ' ')
		r++;
	*cut = *r != '\0';
	if (!*cut)
		return fit;
	if (mark_cols >= cols)
		return 0;
	room = cols - mark_cols;
	fit = text_fit(s, room);
	if (s[fit] != ' ') {
		/* a word boundary in the last third of the room: cut there */
		for (sp = fit; sp > 0 && s[sp - 1] != ' '; sp--)
			;
		if (sp > 0 && (size_t)u8_width((const uint8_t *)s, sp, "UTF-8") * 3 >= room * 2)
			fit = sp;
	}
	while (fit > 0 && s[fit - 1] == ' ')
		fit--;
	return fit;
}

char *text_cut(char *buf, size_t n, const char *s, size_t cols, const char *mark)
{
	int cut;
	size_t fit = text_fit_cut(s, cols, text_width(mark), &cut), ml = cut ? strlen(mark) : 0;

	if (n == 0)
		return buf;
	if (fit + ml >= n) {   /* a small buffer: still whole characters */
		ml = 0;
		fit = fit < n - 1 ? fit : n - 1;
		while (fit > 0 && (s[fit] & 0xC0) == 0x80)
			fit--;
	}
	memcpy(buf, s, fit);
	memcpy(buf + fit, mark, ml);
	buf[fit + ml] = '\0';
	return text_make_safe(buf);
}

size_t text_wrap_line(const char *s, size_t cols)
{
	size_t fit = text_fit(s, cols), sp;

	if (!s[fit])
		return fit;
	for (sp = fit; sp > 0 && s[sp] != ' '; sp--)
		;
	{
		/* a list of "a · b · c": between two items when that keeps at
		 * least half the line, never "Khu dân" on one line, "cư 143" on
		 * the next */
		size_t dot = sp;
		while (dot >= 3 && memcmp(s + dot - 3, " ·", 3) != 0)
			dot--;
		if (dot >= 3 && (size_t)u8_width((const uint8_t *)s, dot, "UTF-8") * 2 >= cols)
			return dot;
	}
	if (sp > 0) {
		/* the word after the break wider than a whole line is broken
		 * anyway: here, where the line ends, not after a row left half
		 * empty */
		size_t w = sp, end;
		while (s[w] == ' ')
			w++;
		end = w + strcspn(s + w, " ");
		if ((size_t)u8_width((const uint8_t *)s + w, end - w, "UTF-8") <= cols)
			return sp;
	}
	if (fit || !*s)
		return fit;
	/* not even one character fits (a wide one on a line of one column):
	 * it goes alone, whole — a byte of it alone was not UTF-8 */
	{
		int one = u8_mblen((const uint8_t *)s, strlen(s));
		return one > 0 ? (size_t)one : 1;
	}
}

char *text_pad(char *buf, size_t n, const char *s, size_t cols)
{
	size_t fit, w, pad;

	if (n == 0)
		return buf;
	text_cut(buf, n, s, cols, "…");
	fit = strlen(buf);
	w = text_width(buf);
	pad = cols > w ? cols - w : 0;
	if (fit + pad >= n)
		pad = n - 1 - fit;
	memset(buf + fit, ' ', pad);
	buf[fit + pad] = '\0';
	return buf;
}

char *text_rpad(char *buf, size_t n, const char *s, size_t cols)
{
	size_t w, pad, len;

	if (n == 0)
		return buf;
	snprintf(buf, n, "%s", s);
	text_make_safe(buf);
	w = text_width(buf);
	len = strlen(buf);
	pad = cols > w ? cols - w : 0;
	if (pad > n - 1 - len)
		pad = n - 1 - len;
	memmove(buf + pad, buf, len + 1);
	memset(buf, ' ', pad);
	return buf;
}

char *text_fmt_int(char *buf, size_t n, long long v)
{
	char tmp[32], *p = tmp + sizeof(tmp) - 1;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	int digits = 0;

	*p = '\0';
	do {
		if (digits && digits % 3 == 0)
			*--p = '.';
		*--p = (char)('0' + u % 10);
		u /= 10;
		digits++;
	} while (u);
	if (v < 0)
		*--p = '-';
	snprintf(buf, n, "%s", p);
	return buf;
}

char *text_fmt_pct(char *buf, size_t n, double pct)
{
	char *c;

	snprintf(buf, n, "%.1f", pct);
	c = strchr(buf, '.');
	if (c)
		*c = ',';
	return buf;
}

/* Upper or lower case of UTF-8 text into out (size n), cut at n; the text
 * as it is when libunistring cannot convert it. */
static char *recase(const char *in, char *out, size_t n, int up)
{
	size_t len = 0;
	uint8_t *u = up ? u8_toupper((const uint8_t *)in, strlen(in), NULL, NULL, NULL, &len)
	                : u8_tolower((const uint8_t *)in, strlen(in), NULL, NULL, NULL, &len);

	if (!u)
		return text_nfc_into((const uint8_t *)in, strlen(in), out, n);
	text_nfc_into(u, len, out, n);
	free(u);
	return out;
}

char *text_upper(const char *in, char *out, size_t n)
{
	return recase(in, out, n, 1);
}

char *text_lower(const char *in, char *out, size_t n)
{
	return recase(in, out, n, 0);
}

char *text_upper_dup(const char *in)
{
	size_t len = 0, nlen = 0;
	uint8_t *u = u8_toupper((const uint8_t *)in, strlen(in), NULL, NULL, NULL, &len), *nfc;
	char *out;

	if (!*in || !u) {   /* nothing, or not convertible (not UTF-8): as it is, like text_upper */
		free(u);
		return strdup(in);
	}
	nfc = u8_normalize(UNINORM_NFC, u, len, NULL, &nlen);
	free(u);
	if (!nfc || !(out = malloc(nlen + 1))) {
		free(nfc);
		return NULL;
	}
	memcpy(out, nfc, nlen);
	out[nlen] = '\0';
	free(nfc);
	return out;
}
