/* Doubling arrays: see grow.h. */
#include "grow.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

enum { GROW_FIRST = 8 };

void *grow_one(void *a, size_t n, size_t size)
{
	size_t room;

	/* room for 8 from the first element; after that a full array holds
	 * a power of two */
	if (n > 0 && (n < GROW_FIRST || (n & (n - 1))))
		return a;
	room = n ? n * 2 : GROW_FIRST;
	/* no block is larger than PTRDIFF_MAX (and asking for one aborts
	 * under ASan instead of failing) */
	if (size == 0 || room < n || room > PTRDIFF_MAX / size)
		return NULL;
	return realloc(a, room * size);
}

void *grow_bytes(void *a, size_t *room, size_t need)
{
	size_t r = *room;
	void *g;

	if (need <= r && a)
		return a;
	if (need > PTRDIFF_MAX)
		return NULL;
	r = r > PTRDIFF_MAX / 2 ? PTRDIFF_MAX : 2 * r;
	if (r < need)
		r = need;
	if (r < 64)
		r = 64;
	if (!(g = realloc(a, r)))
		return NULL;
	*room = r;
	return g;
}
