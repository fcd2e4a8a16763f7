/* A one-line text field: what the officer types into a search, an answer,
 * a note or a dialog. Code points with a cursor; with Telex on, the letters
 * of the word at the cursor are re-rendered from their keys as they come.
 * No curses here: the screens draw lineedit_text() and the cursor column. */
#ifndef ANTT_LINEEDIT_H
#define ANTT_LINEEDIT_H

#include <stddef.h>
#include <stdint.h>

#define LINEEDIT_MAX 400

typedef struct {
	uint32_t cp[LINEEDIT_MAX];
	size_t len, cursor;
	int telex;            /* built-in Telex on */
	char raw[64];         /* keys of the word being composed */
	size_t raw_n;
	size_t word_start;    /* where the composed word starts in cp */
	size_t word_len;      /* code points it renders to now */
} lineedit;

void lineedit_init(lineedit *le, const char *utf8, int telex);

/* A typed character (a Unicode code point). */
void lineedit_insert(lineedit *le, uint32_t c);
void lineedit_backspace(lineedit *le);
void lineedit_delete(lineedit *le);
void lineedit_left(lineedit *le);
void lineedit_right(lineedit *le);
void lineedit_home(lineedit *le);
void lineedit_end(lineedit *le);
void lineedit_clear(lineedit *le);

/* The text as NFC UTF-8 into out (size n). */
char *lineedit_text(const lineedit *le, char *out, size_t n);

/* Columns before the cursor, for placing it on screen. */
size_t lineedit_cursor_col(const lineedit *le);

#endif
