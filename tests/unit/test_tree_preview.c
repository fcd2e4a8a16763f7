/* tree_preview gives a large database's first screen its rows without
 * reading every unit: they must be exactly tree_load's first rows (order,
 * depth, parent, states, search keys), on the demo in years with and
 * without forms, for any number of rows, and where tree order is easy to
 * get wrong: a code that is another's prefix ("A" "A-B" "A.C"), a unit
 * below a retired one, a unit not yet in force. */
#include "testutil.h"
#include "demo.h"
#include "tree.h"
#include "unit.h"

#include <string.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static void same_first_rows(antt_db *db, int year, size_t max)
{
	tree_view all, pre;
	size_t want;

	OK(tree_load(db, year, &all, &err));
	OK(tree_preview(db, year, max, &pre, &err));
	want = all.n < max ? all.n : max;
	assert_int_equal(pre.partial, 1);
	assert_int_equal(all.partial, 0);
	assert_int_equal(pre.n, want);
	assert_int_equal(pre.n_vis, want);
	assert_int_equal(pre.n_counts, 0);
	for (size_t i = 0; i < want; i++) {
		const tree_row *a = &all.rows[all.order[i]], *p = &pre.rows[pre.vis[i]];
		if (strcmp(a->code, p->code))
			fail_msg("%d, row %zu of %zu: load %s, preview %s", year, i, max, a->code, p->code);
		assert_int_equal(a->id, p->id);
		assert_string_equal(tree_name(db, &all, a), tree_name(db, &pre, p));
		assert_int_equal(a->name_width, p->name_width);
		assert_string_equal(tree_type_of(&all, a)->type, tree_type_of(&pre, p)->type);
		assert_string_equal(tree_type_of(&all, a)->name, tree_type_of(&pre, p)->name);
		assert_string_equal(tree_parent_code(&all, a), tree_parent_code(&pre, p));
		{
			char ka[1024], kp[1024];
			assert_true(tree_name_key(&all, a, ka, sizeof(ka)) < sizeof(ka));
			assert_true(tree_name_key(&pre, p, kp, sizeof(kp)) < sizeof(kp));
			assert_string_equal(ka, kp);
			assert_true(ka[0]);   /* every demo unit has a name */
		}
		assert_int_equal(a->depth, p->depth);
		assert_int_equal(a->excluded, p->excluded);
		assert_int_equal(a->managed_above, p->managed_above);
		assert_int_equal(a->status, p->status);
		assert_int_equal(a->flow, p->flow);
		assert_int_equal(a->recognised, p->recognised);
		assert_int_equal(a->registered, p->registered);
		assert_int_equal(a->verdict, p->verdict);
	}
	tree_free(&all);
	tree_free(&pre);
}

static void preview_is_the_loads_first_rows_on_the_demo(void **state)
{
	antt_db *db = tu_open();
	int units = 0;
	size_t sizes[] = { 1, 2, 7, 22, 60, 100000 };

	(void)state;
	OK(demo_build(db, 0, &units, &err));
	assert_true(units > 30);
	for (int y = 2019; y <= 2027; y += 2)
		for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes); k++)
			same_first_rows(db, y, sizes[k]);
	tu_cleanup(db);
}

static void preview_orders_prefixes_and_skips_what_is_not_in_force(void **state)
{
	antt_db *db = tu_open();

	(void)state;
	/* "A" is a prefix of its siblings' codes: its own units come first */
	OK(unit_add(db, "A-B", "xa", "Xã Hai", NULL, &err));
	OK(unit_add(db, "A", "xa", "Xã Một", NULL, &err));
	OK(unit_add(db, "A.C", "xa", "Xã Ba", NULL, &err));
	OK(unit_add(db, "A-B-K1", "khu-dan-cu", "Thôn Một", "A-B", &err));
	OK(unit_add(db, "A1", "khu-dan-cu", "Thôn Hai", "A", &err));
	OK(unit_add(db, "A-K2", "khu-dan-cu", "Thôn Ba", "A", &err));
	OK(unit_add(db, "A/K3", "khu-dan-cu", "Thôn Bốn", "A", &err));
	OK(unit_add(db, "A.C-X", "khu-dan-cu", "Thôn Năm", "A.C", &err));
	OK(unit_add(db, "A.C-X-1", "co-quan", "Cơ quan Sáu", "A.C-X", &err));
	/* retired from 2023: neither it nor the unit below it is in the tree then */
	OK(unit_retire(db, "A.C-X", "2023-01-01", NULL, &err));
	for (int y = 2021; y <= 2024; y++)
		for (size_t max = 1; max <= 12; max++)
			same_first_rows(db, y, max);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(preview_is_the_loads_first_rows_on_the_demo),
		cmocka_unit_test(preview_orders_prefixes_and_skips_what_is_not_in_force),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
