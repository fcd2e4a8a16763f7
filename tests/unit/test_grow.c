/* grow.c: arrays whose room doubles when full. */
#include "testutil.h"
#include "grow.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* 100,000 elements one at a time: each lands and the earlier ones stay. */
static void grows_keeping_every_element(void **state)
{
	int *a = NULL;
	(void)state;
	for (size_t n = 0; n < 100000; n++) {
		int *g = grow_one(a, n, sizeof(*a));
		assert_non_null(g);
		a = g;
		a[n] = (int)n * 3;
	}
	for (size_t n = 0; n < 100000; n++)
		assert_int_equal(a[n], (int)n * 3);
	free(a);
}

/* Room is asked for only at 0 and at the powers of two from 8: in
 * between, the same pointer comes back without a call to realloc. */
static void room_left_returns_the_same_array(void **state)
{
	char *a = grow_one(NULL, 0, 1);
	(void)state;
	assert_non_null(a);
	for (size_t n = 1; n < 8; n++)
		assert_ptr_equal(grow_one(a, n, 1), a);
	a = grow_one(a, 8, 1);
	assert_non_null(a);
	for (size_t n = 9; n < 16; n++)
		assert_ptr_equal(grow_one(a, n, 1), a);
	free(a);
}

/* A size that would overflow size_t is refused, not wrapped to a small
 * block that the caller would then write past. */
static void overflow_is_refused(void **state)
{
	size_t big = (size_t)1 << (sizeof(size_t) * 8 - 2);
	(void)state;
	assert_null(grow_one(NULL, big, 4));
	assert_null(grow_one(NULL, 0, SIZE_MAX / 2));
	/* room for 2n elements past PTRDIFF_MAX bytes: refused before realloc */
	assert_null(grow_one(NULL, (size_t)1 << (sizeof(size_t) * 8 - 4), 8));
	assert_null(grow_one(NULL, 0, 0));
}

/* A text appended to piece by piece keeps every piece; its room at least
 * doubles when it grows, so 100,000 pieces cost a few dozen reallocs; a
 * size no allocator can give leaves the buffer and its room as they were. */
static void bytes_grow_by_doubling(void **state)
{
	char *a = NULL, *g;
	size_t room = 0, len = 0, grew = 0, before;
	(void)state;
	for (int i = 0; i < 100000; i++) {
		before = room;
		assert_non_null(g = grow_bytes(a, &room, len + 6));
		grew += room != before;
		assert_true(room >= len + 6);
		a = g;
		len += (size_t)snprintf(a + len, 6, "%05d", i % 100000);
	}
	assert_int_equal(len, 500000);
	assert_memory_equal(a + 5 * 12345, "12345", 5);
	assert_true(grew <= 20);
	before = room;
	assert_null(grow_bytes(a, &room, SIZE_MAX));
	assert_null(grow_bytes(a, &room, (size_t)PTRDIFF_MAX + 1));
	assert_int_equal(room, before);
	assert_memory_equal(a + 5 * 99999, "99999", 5);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grows_keeping_every_element),
		cmocka_unit_test(room_left_returns_the_same_array),
		cmocka_unit_test(overflow_is_refused),
		cmocka_unit_test(bytes_grow_by_doubling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
