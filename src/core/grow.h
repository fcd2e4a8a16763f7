/* Arrays filled an element at a time: their room doubles when full (8,
 * 16, 32, ...), so a list of n rows is copied about twice, not n times
 * (65,536 unit types grown one by one took ten minutes under ASan; a
 * nation's 90,000 units in a CSV, a report's tally rows alike). The room
 * follows from the count alone, so no capacity is kept beside it; the
 * array must have been grown from empty (NULL, 0) by grow_one only. */
#ifndef ANTT_GROW_H
#define ANTT_GROW_H

#include <stddef.h>

/* The array a of n elements of size bytes, with room for one more: a
 * itself when it has it, or a larger copy. NULL when memory runs out (or
 * the size would overflow); a is then left as it was, still the caller's. */
void *grow_one(void *a, size_t n, size_t size);

/* A text growing by pieces of any length (a list of codes, of error
 * lines): the buffer a, of *room bytes, with room for need bytes; *room
 * at least doubles when it grows. NULL when memory runs out; a and *room
 * are then left as they were. */
void *grow_bytes(void *a, size_t *room, size_t need);

#endif
