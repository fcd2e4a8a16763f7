/* Rows that carry a name each, made into one block with the names after
 * them: the one free() their callers make lets both go, and a name takes
 * its own length, not a fixed 256 bytes (a national database has 4,000
 * communes; Progress keeps them for two years). */
#ifndef ANTT_PACKED_H
#define ANTT_PACKED_H

#include <stddef.h>

/* The names gathered so far, each after the last, '\0' ended. */
typedef struct {
	char *text;
	size_t len, cap;
} packed_names;

/* Keep a copy of s (NULL: ""): its offset, for packed_rows, or
 * PACKED_NOMEM when out of memory. */
#define PACKED_NOMEM ((size_t)-1)
size_t packed_add(packed_names *p, const char *s);

/* The n rows (size bytes each, from malloc) grown to hold the names after
 * them, the const char * at byte off of row i pointing at the name at
 * offs[i]: the block, which replaces rows (realloc's, so no second copy
 * of a national list need be made), or NULL when out of memory (rows
 * untouched, still the caller's). offs and p stay the caller's. */
void *packed_rows(void *rows, size_t n, size_t size, size_t off, const size_t *offs, const packed_names *p);

void packed_free(packed_names *p);

#endif
