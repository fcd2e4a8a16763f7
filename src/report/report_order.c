/* Vietnamese alphabetical order for the report's lists, as SQLite's
 * collation "vi": a ă â b c d đ e ê … o ô ơ … u ư v x y, tones (none,
 * huyền, hỏi, ngã, sắc, nặng) only where a word's letters tie, numbers by value
 * ("Tổ dân phố số 2" before "số 10"). Byte order put "Xã Đông" after "Xã
 * Yên" and "Phường Tân" after "Phường Thạch". */
#include "report_int.h"

#include <sqlite3.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* One element of a name: a letter (with its modifier), a number, a space
 * or another sign, and the letter's tone. */
typedef struct {
	long long key;   /* the primary weight; a number's value follows it in num */
	long long num;
	int tone;
} elem;

#define W_SPACE  1LL
#define W_SIGN   2LL           /* + the code point: punctuation before digits */
#define W_NUMBER 200000LL
#define W_LETTER 300000LL      /* + letter * 4 + modifier */
#define W_OTHER  400000LL      /* + the code point: letters of other scripts */

/* 0 none, 1 breve (ă), 2 circumflex (â ê ô), 3 horn (ơ ư); tones 1..5. */
static int modifier_of(ucs4_t m)
{
	return m == 0x0306 ? 1 : m == 0x0302 ? 2 : m == 0x031B ? 3 : -1;
}

static int tone_of(ucs4_t m)
{
	return m == 0x0300 ? 1 : m == 0x0309 ? 2 : m == 0x0303 ? 3 : m == 0x0301 ? 4 : m == 0x0323 ? 5 : 0;
}

/* The next element of s (len bytes left) into e; returns the bytes used. */
static int next_elem(const uint8_t *s, int len, elem *e)
{
	ucs4_t c, dec[UC_DECOMPOSITION_MAX_LENGTH];
	int k = u8_mbtouc(&c, s, (size_t)len), used = k > 0 ? k : 1, mod = 0;

	e->num = 0;
	e->tone = 0;
	if (c >= '0' && c <= '9') {
		int i = 0;
		e->key = W_NUMBER;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (e->num < 100000000000LL)
				e->num = e->num * 10 + (s[i] - '0');
		return i;
	}
	/* ấ -> â + sắc -> a + circumflex + sắc; Ơ Ư by hand, as report_measure */
	if (c == 0x01A0 || c == 0x01A1 || c == 0x01AF || c == 0x01B0) {
		mod = 3;
		c = c == 0x01A0 || c == 0x01A1 ? 'o' : 'u';
	}
	for (int depth = 0; depth < 4 && c >= 0x80; depth++) {
		int n = uc_canonical_decomposition(c, dec);
		if (n <= 1)
			break;
		for (int i = 1; i < n; i++) {
			if (modifier_of(dec[i]) > 0)
				mod = modifier_of(dec[i]);
			else if (tone_of(dec[i]))
				e->tone = tone_of(dec[i]);
		}
		c = dec[0];
		if (c == 0x01A1 || c == 0x01A0 || c == 0x01AF || c == 0x01B0) {
			mod = 3;
			c = c == 0x01A0 || c == 0x01A1 ? 'o' : 'u';
		}
	}
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (c == 0x0110 || c == 0x0111) {   /* Đ đ: after d */
		c = 'd';
		mod = 1;
	}
	if (c >= 'a' && c <= 'z')
		e->key = W_LETTER + (long long)c * 4 + mod;
	else if (c == ' ' || c == '\t')
		e->key = W_SPACE;
	else if (c < 0x80 || uc_is_general_category(c, UC_PUNCTUATION))
		e->key = W_SIGN + (long long)c;
	else
		e->key = W_OTHER + (long long)c;
	/* a tone or modifier written apart (decomposed text) joins its letter */
	while (used < len) {
		ucs4_t m;
		int n = u8_mbtouc(&m, s + used, (size_t)(len - used));
		if (n <= 0 || (modifier_of(m) < 0 && !tone_of(m)))
			break;
		if (modifier_of(m) > 0 && e->key >= W_LETTER && e->key < W_OTHER)
			e->key = W_LETTER + (e->key - W_LETTER) / 4 * 4 + modifier_of(m);
		else if (tone_of(m))
			e->tone = tone_of(m);
		used += n;
	}
	return used;
}

static int compare(void *ctx, int na, const void *a, int nb, const void *b)
{
	const uint8_t *pa = a, *pb = b;
	int ia = 0, ib = 0, tone = 0;

	(void)ctx;
	while (ia < na && ib < nb) {
		elem ea, eb;
		ia += next_elem(pa + ia, na - ia, &ea);
		ib += next_elem(pb + ib, nb - ib, &eb);
		if (ea.key != eb.key)
			return ea.key < eb.key ? -1 : 1;
		if (ea.num != eb.num)
			return ea.num < eb.num ? -1 : 1;
		if (!tone && ea.tone != eb.tone)
			tone = ea.tone < eb.tone ? -1 : 1;
		/* a word is whole with its tones, as in a dictionary: "Đông Sơn"
		 * before "Đồng An" */
		if (ea.key == W_SPACE && tone)
			return tone;
	}
	if (ia < na || ib < nb)
		return ia < na ? 1 : -1;
	if (tone)
		return tone;
	{
		int n = memcmp(a, b, (size_t)(na < nb ? na : nb));
		return n ? n : na - nb;
	}
}

int report_collation(sqlite3 *db)
{
	return sqlite3_create_collation_v2(db, "vi", SQLITE_UTF8, NULL, compare, NULL);
}
