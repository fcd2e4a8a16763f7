/* The names' search keys, each word kept once. A national tree's keys
 * are 2.4 MB of the same few thousand words ("thon", "to dan pho", "xa"
 * and the places' syllables) over and over; a row keeps instead the
 * numbers of its key's words, a byte or two each. A search word has no
 * space, so it occurs in a key exactly when it occurs in one of the key's
 * words: a search looks through the words once, then a row only asks
 * whether one of its numbers is among those found.
 *
 * A row's numbers: each word's index + 1 in 7-bit groups, low first, the
 * high bit set on every group but the last (a group is never 0), ended
 * by a '\0'. The words are in an open-addressing table grown at half
 * full (libc's hsearch_r cannot grow). */
#include "tree.h"
#include "tree_int.h"

#include <stdlib.h>
#include <string.h>

struct tree_words {
	char *text;          /* the words, each '\0' ended */
	size_t len, cap;
	uint32_t *at;        /* word i starts at text + at[i] */
	size_t n, at_cap;
	uint32_t *slot;      /* index + 1 of a word, 0 empty; a power of two */
	size_t n_slots;
	unsigned char *enc;  /* the last key's numbers (tree_words_encode) */
	size_t enc_cap;
};

static size_t word_hash(const char *w, size_t n)
{
	size_t h = 2166136261u;   /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

static int slots_grow(struct tree_words *d)
{
	size_t n = d->n_slots ? d->n_slots * 2 : 1024;
	uint32_t *s = calloc(n, sizeof(*s));

	if (!s)
		return -1;
	for (size_t i = 0; i < d->n; i++) {
		const char *w = d->text + d->at[i];
		size_t k = word_hash(w, strlen(w)) & (n - 1);
		while (s[k])
			k = (k + 1) & (n - 1);
		s[k] = (uint32_t)(i + 1);
	}
	free(d->slot);
	d->slot = s;
	d->n_slots = n;
	return 0;
}

/* The index of the n bytes at w, added when new; -1 out of memory. */
static long word_index(struct tree_words *d, const char *w, size_t n)
{
	size_t k;

	if ((d->n + 1) * 2 > d->n_slots && slots_grow(d) != 0)
		return -1;
	for (k = word_hash(w, n) & (d->n_slots - 1); d->slot[k]; k = (k + 1) & (d->n_slots - 1)) {
		const char *o = d->text + d->at[d->slot[k] - 1];
		if (!strncmp(o, w, n) && !o[n])
			return (long)d->slot[k] - 1;
	}
	if (d->n >= UINT32_MAX - 1 || d->len + n + 1 > UINT32_MAX)
		return -1;   /* past what 4 GB of words could be: never a real tree */
	if (d->len + n + 1 > d->cap) {
		size_t cap = d->cap ? d->cap : 4096;
		char *g;
		while (cap < d->len + n + 1)
			cap *= 2;
		if (!(g = realloc(d->text, cap)))
			return -1;
		d->text = g;
		d->cap = cap;
	}
	if (d->n == d->at_cap) {
		size_t cap = d->at_cap ? d->at_cap * 2 : 256;
		uint32_t *g = realloc(d->at, cap * sizeof(*g));
		if (!g)
			return -1;
		d->at = g;
		d->at_cap = cap;
	}
	memcpy(d->text + d->len, w, n);
	d->text[d->len + n] = '\0';
	d->at[d->n] = (uint32_t)d->len;
	d->len += n + 1;
	d->slot[k] = (uint32_t)(d->n + 1);
	return (long)d->n++;
}

const unsigned char *tree_words_encode(tree_view *t, const char *key, size_t *len)
{
	struct tree_words *d = t->words;
	size_t used = 0;

	if (!d && !(d = t->words = calloc(1, sizeof(*d))))
		return NULL;
	while (key && *key) {
		size_t n = strcspn(key, " ");
		if (n) {
			long i = word_index(d, key, n);
			uint32_t v;
			if (i < 0)
				return NULL;
			if (used + 5 > d->enc_cap) {
				size_t c = d->enc_cap ? d->enc_cap * 2 : 64;
				unsigned char *g = realloc(d->enc, c);
				if (!g)
					return NULL;
				d->enc = g;
				d->enc_cap = c;
			}
			for (v = (uint32_t)i + 1; v >= 0x80; v >>= 7)
				d->enc[used++] = (unsigned char)(0x80 | (v & 0x7f));
			d->enc[used++] = (unsigned char)v;
		}
		key += n;
		key += strspn(key, " ");
	}
	*len = used;
	return d->enc ? d->enc : (const unsigned char *)"";
}

/* The next word's index at *p (moved past it), -1 at the end. */
static long next_word(const unsigned char **p)
{
	uint32_t v = 0;
	int shift = 0;

	if (!**p)
		return -1;
	while (**p & 0x80) {
		v |= (uint32_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint32_t)**p << shift;
	(*p)++;
	return (long)v - 1;
}

static const unsigned char *tree_words_of(const tree_row *r)
{
	return (const unsigned char *)r->code + strlen(r->code) + 1;
}

size_t tree_name_key(const tree_view *t, const tree_row *r, char *buf, size_t n)
{
	const unsigned char *p = tree_words_of(r);
	size_t used = 0;
	long i;

	if (n)
		buf[0] = '\0';
	while ((i = next_word(&p)) >= 0) {
		const char *w = t->words->text + t->words->at[i];
		size_t k = strlen(w);
		if (used + (used > 0) + k + 1 > n)
			return used + (used > 0) + k;   /* no room: what it would take, as snprintf */
		if (used)
			buf[used++] = ' ';
		memcpy(buf + used, w, k + 1);
		used += k;
	}
	return used;
}

int tree_is_number(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return 0;
	return n > 0;
}

int tree_number_in(const char *s, const char *w, size_t n)
{
	while (*s) {
		size_t k;
		s += strcspn(s, "0123456789");
		k = strspn(s, "0123456789");
		if (k == n && !strncmp(s, w, n))
			return 1;
		s += k;
	}
	return 0;
}

/* The n bytes at w occur in the word s (a number: as a whole number). */
static int word_holds(const char *s, const char *w, size_t n)
{
	if (tree_is_number(w, n))
		return tree_number_in(s, w, n);
	for (const char *p = s; (p = strchr(p, *w)); p++)
		if (!strncmp(p, w, n))
			return 1;
	return 0;
}

unsigned char *tree_words_holding(const tree_view *t, const char *w, size_t n)
{
	const struct tree_words *d = t->words;
	unsigned char *hit = calloc(d && d->n ? d->n : 1, 1);

	for (size_t i = 0; hit && d && i < d->n; i++)
		hit[i] = (unsigned char)word_holds(d->text + d->at[i], w, n);
	return hit;
}

int tree_words_hold(const tree_view *t, const tree_row *r, const char *w, size_t n)
{
	const unsigned char *p = tree_words_of(r);
	long i;

	while ((i = next_word(&p)) >= 0)
		if (word_holds(t->words->text + t->words->at[i], w, n))
			return 1;
	return 0;
}

int tree_words_any(const tree_row *r, const unsigned char *hit)
{
	const unsigned char *p = tree_words_of(r);
	long i;

	while ((i = next_word(&p)) >= 0)
		if (hit[i])
			return 1;
	return 0;
}

void tree_words_free(tree_view *t)
{
	if (t->words) {
		free(t->words->text);
		free(t->words->at);
		free(t->words->slot);
		free(t->words->enc);
		free(t->words);
		t->words = NULL;
	}
}
