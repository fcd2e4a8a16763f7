/* packed.h: rows and their names in one block, freed at once; the names
 * stay with their rows when the rows are sorted after packing. */
#include "testutil.h"
#include "packed.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	int n;
	const char *name;
} row;

static int by_name(const void *a, const void *b)
{
	return strcmp(((const row *)a)->name, ((const row *)b)->name);
}

static void names_follow_their_rows(void **state)
{
	row *rows = calloc(3, sizeof(*rows)), *block;
	const char *names[3] = { "Xã Hòa Bình", "", "Phường Đông" };
	char big[10000];
	size_t offs[3];
	packed_names p = { 0 };

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	names[1] = big;   /* longer than the first room: it grows */
	assert_non_null(rows);
	for (int i = 0; i < 3; i++) {
		rows[i].n = i + 1;
		assert_int_not_equal(offs[i] = packed_add(&p, names[i]), PACKED_NOMEM);
	}
	block = packed_rows(rows, 3, sizeof(*rows), offsetof(row, name), offs, &p);
	packed_free(&p);
	assert_non_null(block);
	qsort(block, 3, sizeof(*block), by_name);
	assert_string_equal(block[0].name, "Phường Đông");
	assert_int_equal(block[0].n, 3);
	assert_string_equal(block[1].name, "Xã Hòa Bình");
	assert_int_equal(block[1].n, 1);
	assert_string_equal(block[2].name, big);
	assert_int_equal(block[2].n, 2);
	/* the names are in the block itself: one free lets both go (ASan
	 * and valgrind would see a leak) */
	assert_true(block[0].name > (const char *)block && block[0].name < (const char *)(block + 3) + sizeof(big) * 2);
	free(block);
}

static void no_rows_is_a_block_still(void **state)
{
	packed_names p = { 0 };
	row *block = packed_rows(malloc(1), 0, sizeof(row), offsetof(row, name), NULL, &p);

	(void)state;
	assert_non_null(block);   /* as a successful call: NULL means no memory */
	free(block);
	assert_int_equal(packed_add(&p, NULL), 0);   /* NULL kept as "" */
	assert_string_equal(p.text, "");
	packed_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_follow_their_rows),
		cmocka_unit_test(no_rows_is_a_block_still),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
