/* A "C.UTF-8" locale for the whole program.  msvcrt has no UTF-8
 * locale, so its mbrtowc & co. read antt's UTF-8 text as code page 1252
 * and ncurses would draw "Viá»‡t" for "Việt".  Linked statically, these
 * definitions take the place of MinGW's and msvcrt's, and every setlocale
 * call (antt's, ncurses') gets msvcrt's "C" but is told "C.UTF-8": a
 * regional locale would change the decimal point and make isspace() true
 * for bytes of UTF-8 text (libxlsxwriter), and ncurses takes a locale named
 * "C" for 8-bit "legacy coding" and draws the bytes 0x80-0x9F as ~X.
 * wchar_t is UTF-16 here: characters outside the BMP become U+FFFD. */
#include <locale.h>
#include <wchar.h>

char *__real_setlocale(int category, const char *name);
char *__wrap_setlocale(int category, const char *name);

char *__wrap_setlocale(int category, const char *name)
{
	return __real_setlocale(category, name ? "C" : NULL) ? "C.UTF-8" : NULL;
}

#define BAD ((size_t)-1)
#define MORE ((size_t)-2)

/* the state keeps the bytes of an incomplete sequence (at most 3) */
size_t mbrtowc(wchar_t *pwc, const char *s, size_t n, mbstate_t *ps)
{
	static mbstate_t own;
	unsigned char b[4];
	size_t have, need, k;
	unsigned c;

	if (!ps)
		ps = &own;
	if (!s) {
		*ps = 0;
		return 0;
	}
	have = (size_t)(*ps >> 24) & 3;
	for (k = 0; k < have; k++)
		b[k] = (unsigned char)(*ps >> (8 * k));
	for (k = have; k < 4 && k - have < n; k++)
		b[k] = (unsigned char)s[k - have];
	if (k == 0)
		return MORE;
	need = b[0] < 0x80 ? 1 : b[0] >= 0xC2 && b[0] < 0xE0 ? 2 : b[0] >= 0xE0 && b[0] < 0xF0 ? 3
	     : b[0] >= 0xF0 && b[0] < 0xF5 ? 4 : 0;
	if (!need) {
		*ps = 0;
		return BAD;
	}
	for (size_t i = 1; i < k && i < need; i++)
		if ((b[i] & 0xC0) != 0x80) {
			*ps = 0;
			return BAD;
		}
	if (k < need) { /* keep what there is for the next call */
		*ps = (mbstate_t)(k << 24);
		for (size_t i = 0; i < k && i < 3; i++)
			*ps |= (mbstate_t)b[i] << (8 * i);
		return MORE;
	}
	c = need == 1 ? b[0] : need == 2 ? (b[0] & 0x1Fu) << 6 | (b[1] & 0x3Fu)
	  : need == 3 ? (b[0] & 0x0Fu) << 12 | (b[1] & 0x3Fu) << 6 | (b[2] & 0x3Fu)
	  : (b[0] & 0x07u) << 18 | (b[1] & 0x3Fu) << 12 | (b[2] & 0x3Fu) << 6 | (b[3] & 0x3Fu);
	if ((need == 3 && (c < 0x800 || (c >= 0xD800 && c < 0xE000))) || (need == 4 && (c < 0x10000 || c > 0x10FFFF))) {
		*ps = 0;
		return BAD;
	}
	if (pwc)
		*pwc = (wchar_t)(c > 0xFFFF ? 0xFFFD : c);
	*ps = 0;
	return c ? need - have : 0;
}

size_t mbrlen(const char *s, size_t n, mbstate_t *ps)
{
	static mbstate_t own;
	return mbrtowc(NULL, s, n, ps ? ps : &own);
}

size_t mbsrtowcs(wchar_t *dst, const char **src, size_t len, mbstate_t *ps)
{
	size_t out = 0, r;
	wchar_t w;

	while (!dst || out < len) {
		size_t n = 0;
		while (n < 4 && (*src)[n])
			n++;
		r = mbrtowc(&w, *src, n < 4 ? n + 1 : 4, ps);
		if (r == BAD || r == MORE)
			return BAD;
		if (dst)
			dst[out] = w;
		if (r == 0) {
			if (dst)
				*src = NULL;
			return out;
		}
		*src += r;
		out++;
	}
	return out;
}

size_t wcrtomb(char *s, wchar_t wc, mbstate_t *ps)
{
	unsigned c = (unsigned)wc;

	(void)ps;
	if (!s)
		return 1;
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xC0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c >= 0xD800 && c < 0xE000)
		c = 0xFFFD;
	s[0] = (char)(0xE0 | c >> 12);
	s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	s[2] = (char)(0x80 | (c & 0x3F));
	return 3;
}

size_t wcsrtombs(char *dst, const wchar_t **src, size_t len, mbstate_t *ps)
{
	size_t out = 0, r;
	char b[4];

	for (;; (*src)++) {
		r = wcrtomb(b, **src, ps);
		if (dst && out + r > len)
			return out;
		if (dst)
			for (size_t i = 0; i < r; i++)
				dst[out + i] = b[i];
		if (!**src) {
			if (dst)
				*src = NULL;
			return out;
		}
		out += r;
	}
}

int mbtowc(wchar_t *pwc, const char *s, size_t n)
{
	mbstate_t st = 0;
	size_t r;

	if (!s)
		return 0;
	r = mbrtowc(pwc, s, n, &st);
	return r == BAD || r == MORE ? -1 : (int)r;
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

size_t mbstowcs(wchar_t *dst, const char *src, size_t len)
{
	mbstate_t st = 0;
	return mbsrtowcs(dst, &src, len, &st);
}

size_t wcstombs(char *dst, const wchar_t *src, size_t len)
{
	mbstate_t st = 0;
	return wcsrtombs(dst, &src, len, &st);
}

int wctomb(char *s, wchar_t wc)
{
	return s ? (int)wcrtomb(s, wc, NULL) : 0;
}

wint_t btowc(int c)
{
	return c >= 0 && c < 0x80 ? (wint_t)c : WEOF;
}

int wctob(wint_t c)
{
	return c < 0x80 ? (int)c : EOF;
}
