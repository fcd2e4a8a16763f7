/* Telex: each key either adds a letter or changes one already typed (a
 * mark on a vowel, đ, or the word's tone). The word is kept as letters with
 * marks and one tone, and rendered at the end, so the tone lands on the
 * right vowel whatever order the keys came in. Typing a modifier twice
 * undoes it and keeps the key ("aaa" -> "aa", "ass" -> "as"). */
#include "telex.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

enum { MARK_NONE, MARK_HAT, MARK_BREVE, MARK_HORN, MARK_STROKE };
enum { TONE_NONE, TONE_S, TONE_F, TONE_R, TONE_X, TONE_J };

typedef struct {
	char base;   /* lower-case ASCII */
	char mark;
	char upper;
	char from_w;  /* an ư typed as a bare w: a second w makes it w */
} letter;

typedef struct {
	letter l[64];
	int n;
	int tone;
	int tone_pos;     /* -1: placed by the rules when rendered */
} word;

int telex_is_key(int c)
{
	return c > 0 && c < 128 && isalpha(c);
}

static int is_vowel(char c)
{
	return c && strchr("aeiouy", c) != NULL;
}

/* The vowels of the syllable: [*s, *e). The u of "qu" and the i of "gi"
 * (when another vowel follows) belong to the consonant. */
static int vowel_run(const word *w, int *s, int *e)
{
	int i = 0, start;

	while (i < w->n && !is_vowel(w->l[i].base))
		i++;
	if (i < w->n && i > 0 && w->l[i - 1].base == 'q' && w->l[i].base == 'u' && i + 1 < w->n && is_vowel(w->l[i + 1].base))
		i++;
	else if (i == 1 && w->l[0].base == 'g' && w->l[1].base == 'i' && w->l[1].mark == MARK_NONE &&
	         i + 1 < w->n && is_vowel(w->l[i + 1].base))
		i++;
	start = i;
	while (i < w->n && is_vowel(w->l[i].base))
		i++;
	*s = start;
	*e = i;
	return i > start;
}

static void add(word *w, char c)
{
	if (w->n >= (int)(sizeof(w->l) / sizeof(*w->l)))
		return;
	w->l[w->n].base = (char)tolower((unsigned char)c);
	w->l[w->n].mark = MARK_NONE;
	w->l[w->n].upper = isupper((unsigned char)c) != 0;
	w->l[w->n].from_w = 0;
	w->n++;
}

static int tone_of(char c)
{
	switch (c) {
	case 's': return TONE_S;
	case 'f': return TONE_F;
	case 'r': return TONE_R;
	case 'x': return TONE_X;
	case 'j': return TONE_J;
	default:  return TONE_NONE;
	}
}

/* w: ư, ơ, ă, or "ươ" for uo; alone it types ư. */
static void key_w(word *w, char c)
{
	int s, e, target = -1;

	if (w->n > 0 && w->l[w->n - 1].from_w) {
		w->l[w->n - 1].base = 'w';
		w->l[w->n - 1].mark = MARK_NONE;
		w->l[w->n - 1].from_w = 0;
		return;
	}
	if (vowel_run(w, &s, &e)) {
		for (int i = s; i + 1 < e; i++)
			if (w->l[i].base == 'u' && w->l[i + 1].base == 'o') {
				if (w->l[i].mark == MARK_HORN && w->l[i + 1].mark == MARK_HORN) {
					w->l[i].mark = w->l[i + 1].mark = MARK_NONE;
					add(w, c);
				} else {
					w->l[i].mark = w->l[i + 1].mark = MARK_HORN;
				}
				return;
			}
		for (int i = s; i < e; i++)
			if (strchr("aou", w->l[i].base))
				target = i;
	}
	if (target >= 0) {
		letter *t = &w->l[target];
		int want = t->base == 'a' ? MARK_BREVE : MARK_HORN;
		if (t->mark == want) {
			t->mark = MARK_NONE;
			add(w, c);
		} else {
			t->mark = (char)want;
		}
		return;
	}
	/* ư typed on its own */
	add(w, 'u');
	if (w->n > 0) {
		w->l[w->n - 1].mark = MARK_HORN;
		w->l[w->n - 1].upper = isupper((unsigned char)c) != 0;
		w->l[w->n - 1].from_w = 1;
	}
}

static void feed(word *w, char c)
{
	char k = (char)tolower((unsigned char)c);
	letter *last = w->n ? &w->l[w->n - 1] : NULL;
	int s, e, t = tone_of(k);

	if ((t || k == 'z') && vowel_run(w, &s, &e)) {
		if (k == 'z') {
			if (w->tone)
				w->tone = TONE_NONE;
			else
				add(w, c);
		} else if (w->tone == t) {
			w->tone = TONE_NONE;   /* twice: undo, keep the key */
			add(w, c);
		} else {
			w->tone = t;
		}
		return;
	}
	if (k == 'w') {
		key_w(w, c);
		return;
	}
	if (last && k == 'd' && last->base == 'd') {
		if (last->mark == MARK_STROKE) {
			last->mark = MARK_NONE;
			add(w, c);
		} else {
			last->mark = MARK_STROKE;
		}
		return;
	}
	if (last && (k == 'a' || k == 'e' || k == 'o') && last->base == k &&
	    (last->mark == MARK_NONE || last->mark == MARK_HAT)) {
		if (last->mark == MARK_HAT) {
			last->mark = MARK_NONE;
			add(w, c);
		} else {
			last->mark = MARK_HAT;
		}
		return;
	}
	add(w, c);
}

/* Modern placement: a vowel with a mark takes the tone (ơ in ươ); in a
 * closed syllable the last vowel; in an open one the second of oa, oe, uy,
 * the first of other pairs, the middle of three. */
static int tone_position(const word *w)
{
	int s, e, len, marked = -1;

	if (!vowel_run(w, &s, &e))
		return -1;
	for (int i = s; i < e; i++)
		if (w->l[i].mark != MARK_NONE) {
			if (w->l[i].base == 'o' && w->l[i].mark == MARK_HORN)
				return i;
			marked = i;
		}
	if (marked >= 0)
		return marked;
	len = e - s;
	if (len == 1)
		return s;
	if (e < w->n)
		return e - 1;
	if (len == 2) {
		char a = w->l[s].base, b = w->l[s + 1].base;
		if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y'))
			return s + 1;
		return s;
	}
	return s + 1;
}

static ucs4_t letter_char(const letter *l)
{
	ucs4_t c = (ucs4_t)l->base;

	switch (l->mark) {
	case MARK_HAT:    c = l->base == 'a' ? 0xE2 : l->base == 'e' ? 0xEA : l->base == 'o' ? 0xF4 : c; break;
	case MARK_BREVE:  c = 0x103; break;
	case MARK_HORN:   c = l->base == 'o' ? 0x1A1 : 0x1B0; break;
	case MARK_STROKE: c = 0x111; break;
	}
	return l->upper ? uc_toupper(c) : c;
}

char *telex_word(const char *raw, char *out, size_t n)
{
	static const ucs4_t tones[] = { 0, 0x301, 0x300, 0x309, 0x303, 0x323 };
	uint8_t nfd[512];
	size_t len = 0;
	word w = { .n = 0 };
	int pos;

	if (n == 0)
		return out;
	for (const char *p = raw; *p; p++)
		feed(&w, *p);
	pos = w.tone ? tone_position(&w) : -1;
	for (int i = 0; i < w.n && len + 8 < sizeof(nfd); i++) {
		int k = u8_uctomb(nfd + len, letter_char(&w.l[i]), 6);
		if (k > 0)
			len += (size_t)k;
		if (i == pos && (k = u8_uctomb(nfd + len, tones[w.tone], 6)) > 0)
			len += (size_t)k;
	}
	return text_nfc_into(nfd, len, out, n);
}
