/* Vietnamese alphabetical order for the report's lists: SQLite's function
 * vi_key gives a name's sort key, compared byte by byte — a ă â b c d đ e
 * ê … o ô ơ … u ư v x y, tones (none, huyền, hỏi, ngã, sắc, nặng) only
 * where a word's letters tie, numbers by value ("Tổ dân phố số 2" before
 * "số 10"). Byte order put "Xã Đông" after "Xã Yên" and "Phường Tân" after
 * "Phường Thạch". */
#include "report_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* One element of a name: a space, a sign, a number, a letter (with its
 * modifier) or a letter of another script, and the letter's tone. The
 * classes in their order: a word's end (0, a space) before everything. */
enum { C_SPACE, C_SIGN, C_NUMBER, C_LETTER, C_OTHER };

typedef struct {
	int cls;
	unsigned long long val;   /* the code point, the number's value, or letter * 4 + modifier */
	int tone;
} elem;

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

	e->val = 0;
	e->tone = 0;
	if (c >= '0' && c <= '9') {
		int i = 0;
		e->cls = C_NUMBER;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			if (e->val < 100000000000ULL)
				e->val = e->val * 10 + (unsigned)(s[i] - '0');
		return i;
	}
	/* ờ -> ơ + huyền -> o + horn: one level of marks at a time */
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
	}
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if (c == 0x0110 || c == 0x0111) {   /* Đ đ: after d */
		c = 'd';
		mod = 1;
	}
	e->val = c;
	if (c >= 'a' && c <= 'z') {
		e->cls = C_LETTER;
		e->val = (unsigned long long)c * 4 + (unsigned)mod;
	} else if (c == ' ' || c == '\t')
		e->cls = C_SPACE;
	else if (c < 0x80 || uc_is_general_category(c, UC_PUNCTUATION))
		e->cls = C_SIGN;
	else
		e->cls = C_OTHER;
	/* a tone or modifier written apart (decomposed text) joins its letter */
	while (used < len) {
		ucs4_t m;
		int n = u8_mbtouc(&m, s + used, (size_t)(len - used));
		if (n <= 0 || (modifier_of(m) < 0 && !tone_of(m)))
			break;
		if (modifier_of(m) > 0 && e->cls == C_LETTER)
			e->val = e->val / 4 * 4 + (unsigned)modifier_of(m);
		else if (tone_of(m))
			e->tone = tone_of(m);
		used += n;
	}
	return used;
}

/* A growing key; NULL data once out of memory. */
typedef struct {
	uint8_t *data;
	size_t n, cap;
} key;

static void put(key *k, const uint8_t *p, size_t len)
{
	if (!k->data)
		return;
	if (k->n + len > k->cap) {
		uint8_t *g = realloc(k->data, k->cap = (k->n + len) * 2);
		if (!g) {
			free(k->data);
			k->data = NULL;
			return;
		}
		k->data = g;
	}
	memcpy(k->data + k->n, p, len);
	k->n += len;
}

/* an element's primary weight: its class, then its value, big-endian
 * (a number's in 8 bytes, a letter's in 2, a code point's in 3) */
static void put_primary(key *k, const elem *e)
{
	uint8_t b[9];
	size_t len = e->cls == C_NUMBER ? 8 : e->cls == C_LETTER ? 2 : 3;

	b[0] = (uint8_t)e->cls;
	for (size_t i = 0; i < len; i++)
		b[1 + i] = (uint8_t)(e->val >> (8 * (len - 1 - i)));
	put(k, b, 1 + len);
}

/* The sort key of a name (the strxfrm idea: made once a row, compared
 * byte by byte): word by word, the word's letters, a 0 (a word before the
 * longer words it begins), then its tones (1 + tone each). So the first
 * word whose letters differ decides; where they tie, its tones; only then
 * the next word; a name before the longer names it begins. */
static void vi_key(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const uint8_t *s = sqlite3_value_text(argv[0]);
	int len = sqlite3_value_bytes(argv[0]), i = 0;
	uint8_t tones[256];
	size_t nt = 0;
	key k = { malloc(64), 0, 64 };
	static const uint8_t end = 0;

	(void)argc;
	if (!s) {
		free(k.data);
		sqlite3_result_null(cx);
		return;
	}
	while (k.data) {
		elem e = { C_SPACE, 0, 0 };
		int more = i < len;

		if (more)
			i += next_elem(s + i, len - i, &e);
		if (e.cls == C_SPACE) {   /* a word ends (or the name) */
			if (nt) {
				put(&k, &end, 1);
				put(&k, tones, nt);
			}
			nt = 0;
			if (!more)
				break;
			continue;
		}
		put_primary(&k, &e);
		if (nt == sizeof(tones)) {   /* a word of 256 letters: its tones so far */
			put(&k, &end, 1);
			put(&k, tones, nt);
			nt = 0;
		}
		tones[nt++] = (uint8_t)(1 + e.tone);
	}
	if (!k.data)
		sqlite3_result_error_nomem(cx);
	else
		sqlite3_result_blob(cx, k.data, (int)k.n, free);
}

int report_sort_key(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "vi_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, vi_key,
		NULL, NULL, NULL);
}
