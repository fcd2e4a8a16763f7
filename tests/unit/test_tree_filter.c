/* tree_filter keeps a search as typed (what the unit list shows: "đông",
 * not its key "dong") and every word of it, however long the line the
 * screen's field takes: a search cut at 255 bytes dropped its last words
 * and listed units that do not hold them. */
#include "testutil.h"
#include "tree.h"
#include "unit.h"

#include <string.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *two_units(void)
{
	antt_db *db = tu_open();

	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	OK(unit_add(db, "X1-K1", "khu-dan-cu", "Thôn Đông", "X1", &err));
	return db;
}

static void search_is_kept_as_typed(void **state)
{
	antt_db *db = two_units();
	tree_view t;

	(void)state;
	OK(tree_load(db, 2025, &t, &err));
	tree_filter(&t, NULL, -1, "ĐÔNG");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.typed, "ĐÔNG");
	assert_string_equal(t.search, "dong");
	/* given back, as the screen does with a reload or another filter */
	tree_filter(&t, t.type, t.status, t.typed);
	assert_string_equal(t.typed, "ĐÔNG");
	assert_int_equal(t.n_vis, 1);
	/* a reload keeps it (tree_update filters again) */
	OK(tree_update(db, &t, "X1-K1", &err));
	assert_string_equal(t.typed, "ĐÔNG");
	/* a status filter over the search, then the search cleared and typed
	 * again: the rows it finds are found again */
	tree_filter(&t, NULL, STATUS_NONE, t.typed);
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, "");
	assert_int_equal(t.n_vis, 2);
	tree_filter(&t, NULL, -1, "hoa");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].u.code, "X1");
	tree_filter(&t, NULL, -1, "dong");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].u.code, "X1-K1");
	/* nothing to match on: no search, nothing shown as one */
	tree_filter(&t, NULL, -1, "  ");
	assert_string_equal(t.typed, "");
	assert_int_equal(t.n_vis, 2);
	tree_free(&t);
	db_close(db);
}

static void a_long_search_keeps_its_last_word(void **state)
{
	antt_db *db = two_units();
	char typed[1300] = "đông";
	tree_view t;

	(void)state;
	/* 395 characters: "đông" and " ô" many times (each matches "Đông"),
	 * then a word no unit holds */
	while (strlen(typed) < 1100 && strlen(typed) / 3 < 380)
		strcat(typed, " ô");
	strcat(typed, " zz");
	OK(tree_load(db, 2025, &t, &err));
	tree_filter(&t, NULL, -1, typed);
	assert_string_equal(t.typed, typed);
	assert_int_equal(t.n_vis, 0);   /* "zz" is in no unit */
	typed[strlen(typed) - 3] = '\0';
	tree_filter(&t, NULL, -1, typed);
	assert_int_equal(t.n_vis, 1);   /* without it, Thôn Đông */
	tree_free(&t);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_is_kept_as_typed),
		cmocka_unit_test(a_long_search_keeps_its_last_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
