/* The units screen's filters on a loaded tree (type, status or workflow
 * state, a search without accents) and the moves over what they let
 * through: in memory, so a keystroke costs no I/O. */
#include "tree.h"
#include "text.h"
#include "tree_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tree_filter_next(int f)
{
	if (f < 0)
		return STATUS_NONE;
	if (f < STATUS_EXCLUDED)
		return f + 1;
	if (f == STATUS_EXCLUDED)
		return TREE_BY_FLOW + FLOW_SUBMITTED;
	if (f >= TREE_BY_FLOW + FLOW_SUBMITTED && f < TREE_BY_FLOW + FLOW_APPROVED)
		return f + 1;
	return -1;
}

const char *tree_filter_name(int f)
{
	if (f < 0)
		return "tất cả";
	if (f >= TREE_BY_FLOW)
		return tree_flow_name((tree_flow)(f - TREE_BY_FLOW));
	return tree_status_name((unit_status)f);
}

/* A code as a search key has it: lower case, '-' and '_' read as spaces
 * (text_key's reading; codes are ASCII). */
static char code_fold(char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c == '-' || c == '_' ? ' ' : c);
}

/* The n bytes at w (a word of the search, not ended there) occur in the
 * code s read through code_fold (a name's words: tree_words.c); a number
 * as a whole run of digits (tree_number_in). */
static int code_holds(const char *s, const char *w, size_t n)
{
	if (tree_is_number(w, n))
		return tree_number_in(s, w, n);
	for (; *s; s++) {
		size_t k = 0;
		while (k < n && s[k] && code_fold(s[k]) == w[k])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Which rows hold the search, worked out once per search: a change of
 * year or status, or a form edited, filters again without searching
 * 90,000 keys again. A word of the search is looked for once among the
 * keys' words (tree_words.c), then each row still in asks whether one of
 * its words is among those found, or its code holds it. NULL (out of
 * memory) leaves passes() to search. */
static void find_hits(tree_view *t)
{
	const char *key = t->search;

	free(t->hits);
	if (!(t->hits = malloc(t->n_rows ? t->n_rows : 1)))
		return;
	memset(t->hits, 1, t->n_rows);
	while (*key) {
		size_t n = strcspn(key, " ");
		unsigned char *in = n ? tree_words_holding(t, key, n) : NULL;
		if (n && !in) {
			free(t->hits);
			t->hits = NULL;
			return;
		}
		for (size_t i = 0; n && i < t->n_rows; i++)
			if (t->hits[i] && !tree_words_any(&t->rows[i], in) && !code_holds(t->rows[i].code, key, n))
				t->hits[i] = 0;
		free(in);
		key += n;
		key += strspn(key, " ");
	}
}

/* A row against the search with no memory to spare for find_hits: every
 * word of the search in one of its key's words or in its code, each of
 * its words read in the words' text (a key of any length). */
static int row_has_words(const tree_view *t, const tree_row *r)
{
	const char *key = t->search;

	while (*key) {
		size_t n = strcspn(key, " ");
		if (n && !tree_words_hold(t, r, key, n) && !code_holds(r->code, key, n))
			return 0;
		key += n;
		key += strspn(key, " ");
	}
	return 1;
}

/* type: the index of the type filtered on, -1 for none, n_types for a
 * type no unit has */
static int passes(const tree_view *t, const tree_row *r, long type)
{
	if (type >= 0 && r->type != type)
		return 0;
	if (t->status >= TREE_BY_FLOW && (int)r->flow != t->status - TREE_BY_FLOW)
		return 0;
	if (t->status >= 0 && t->status < TREE_BY_FLOW && (int)r->status != t->status)
		return 0;
	if (!t->search[0])
		return 1;
	return t->hits ? t->hits[r - t->rows] : row_has_words(t, r);
}

void tree_filter(tree_view *t, const char *type, int status, const char *search)
{
	char *key = search && *search ? text_key(search) : NULL;
	char ty[sizeof(t->type)];
	int again = !t->hits || strcmp(t->search, key ? key : "");   /* before t->search is set */
	long type_index = -1;

	/* type may be t->type itself: copied before it is overwritten */
	snprintf(ty, sizeof(ty), "%s", type ? type : "");
	snprintf(t->type, sizeof(t->type), "%s", ty);
	snprintf(t->search, sizeof(t->search), "%s", key ? key : "");
	if (!t->search[0])   /* nothing to match on: spaces, marks alone */
		t->typed[0] = '\0';
	else if (search != t->typed) {   /* shown without the spaces around it */
		size_t n;
		search += strspn(search, " ");
		for (n = strlen(search); n && search[n - 1] == ' '; n--)
			;
		snprintf(t->typed, sizeof(t->typed), "%.*s", n < sizeof(t->typed) ? (int)n : (int)sizeof(t->typed) - 1, search);
	}
	t->status = status;
	free(key);
	if (t->search[0] && again)
		find_hits(t);
	if (t->type[0]) {
		const tree_type *ty = tree_type_named(t, t->type);
		type_index = ty ? ty - t->types : (long)t->n_types;
	}
	t->n_vis = 0;
	for (size_t k = 0; k < t->n; k++)
		if (passes(t, &t->rows[t->order[k]], type_index))
			t->vis[t->n_vis++] = t->order[k];
}

long tree_find(const tree_view *t, const char *code)
{
	for (size_t i = 0; i < t->n_vis; i++)
		if (!strcmp(t->rows[t->vis[i]].code, code))
			return (long)i;
	return -1;
}

static int pending(const tree_row *r)
{
	return r->status == STATUS_NONE || r->status == STATUS_DRAFT;
}

static int submitted(const tree_row *r)
{
	return r->flow == FLOW_SUBMITTED;
}

static long next_where(const tree_view *t, long from, int (*want)(const tree_row *))
{
	for (size_t k = 1; k <= t->n_vis; k++) {
		size_t i = (size_t)(from + (long)k) % t->n_vis;
		if (want(&t->rows[t->vis[i]]))
			return (long)i;
	}
	return -1;
}

long tree_next_pending(const tree_view *t, long from)
{
	return next_where(t, from, pending);
}

long tree_next_submitted(const tree_view *t, long from)
{
	return next_where(t, from, submitted);
}

size_t tree_below(const tree_view *t, const char *code)
{
	size_t k = 0, n = 0;

	while (k < t->n && strcmp(t->rows[t->order[k]].code, code))
		k++;
	if (k == t->n)
		return 0;
	for (size_t j = k + 1; j < t->n && t->rows[t->order[j]].depth > t->rows[t->order[k]].depth; j++)
		n++;
	return n;
}
