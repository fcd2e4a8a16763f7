/* A built-in Telex input method, for consoles with no Vietnamese input
 * method: the keys typed for one word ("Vieejt", "ddoongf", "thuowngf")
 * become the word ("Việt", "đồng", "thường"), with the standard Telex keys
 * and the modern tone placement (hoà, thuỷ, khoẻ). */
#ifndef ANTT_TELEX_H
#define ANTT_TELEX_H

#include <stddef.h>

/* 1 if c takes part in a Telex word (an ASCII letter). */
int telex_is_key(int c);

/* Convert the raw keys of one word into NFC UTF-8, written into out (size
 * n, at least 4 * strlen(raw) + 1 is always enough). Returns out. */
char *telex_word(const char *raw, char *out, size_t n);

#endif
