/* What tree.c (the load), tree_year.c (other years' states),
 * tree_preview.c (the first screen's rows) and tree_filter.c share; only
 * those include it, after tree.h. It does not include tree.h itself:
 * tree.c includes this header, and the include graph of src/core has no
 * loops (tests/cli/test_include_graph.sh). */
#ifndef ANTT_TREE_INT_H
#define ANTT_TREE_INT_H

/* Reading a year's states ahead, a step at a time (tree_states_ahead);
 * tree_update moves its stamp on when the view stays current. */
struct tree_job {
	int year;
	long long stamp;
	int declined;          /* the units differ that year: nothing to read */
	sqlite3_stmt *st;
	tree_state *out;
};

/* A row's state from its form of the year (astatus NULL: none), and a row
 * taking one (tree.c). */
tree_state tree_state_of(const tree_row *r, const char *astatus, const char *verdict, int recognised);
void tree_set_state(tree_row *r, const tree_state *x);

/* The view's pool: a text kept while the view is (tree.c); NULL when out
 * of memory. */
const char *tree_pool_text(tree_view *t, const unsigned char *s);
/* A name's search key as the numbers of its words (tree_words.c), the
 * words added to t's when new: *len bytes, good until the next call, or
 * NULL when out of memory. */
const unsigned char *tree_words_encode(tree_view *t, const char *key, size_t *len);
/* Which of t's words hold the n bytes at w (no space among them): one
 * byte per word, 1 when it does (caller frees); NULL out of memory. */
unsigned char *tree_words_holding(const tree_view *t, const char *w, size_t n);
/* 1 when one of r's key's words is marked in hit (tree_words_holding). */
int tree_words_any(const tree_row *r, const unsigned char *hit);
/* 1 when one of r's key's words holds the n bytes at w: a row searched
 * alone, with no memory to mark the words. */
int tree_words_hold(const tree_view *t, const tree_row *r, const char *w, size_t n);
/* A search word all digits is a number: it occurs in a word or a code only
 * as a whole run of digits there ("4" in "to dan pho so 4", "3a",
 * "x022 k04"'s "04" no, its "4" no; "04" yes), not inside another number
 * (every "14", "40" and "X004" matched "số 4"). 1 when the n bytes at w
 * are all digits; 1 when they are a whole run of digits in s. */
int tree_is_number(const char *w, size_t n);
int tree_number_in(const char *s, const char *w, size_t n);
void tree_words_free(tree_view *t);

/* Every unit type into t->types, and the one with this code, or NULL. */
antt_status tree_read_types(antt_db *db, tree_view *t, antt_err *err);
const tree_type *tree_type_named(const tree_view *t, const char *code);
/* A row from a statement whose columns 0-7 are id, code, name, type,
 * excluded, (any), name_key, managed_above, as tree_load reads them; its
 * state none until the year's is set. ANTT_ERR_NOMEM or ANTT_OK. */
antt_status tree_row_read(tree_view *t, tree_row *r, const tree_type *ty, sqlite3_stmt *st);

/* The counts per type again, over the rows in tree order (tree.c). */
antt_status tree_recount(tree_view *t);

/* The rows take their states in year (tree_year.c). */
antt_status tree_apply_states(antt_db *db, tree_view *t, int year, antt_err *err);

/* Drop the reading ahead, if any (tree_year.c). */
void tree_job_drop(tree_view *t);

#endif
