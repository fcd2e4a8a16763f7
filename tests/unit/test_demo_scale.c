/* demo_scale: the copies drop the copied tables' indexes and make them
 * again (demo_scale.c); the connection is left as it was found (its
 * temporary storage), and outside a transaction nothing is dropped. */
#include "testutil.h"
#include "demo.h"

static antt_err err;

static int pragma_int(antt_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int indexes(antt_db *db)
{
	return pragma_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL");
}

/* the district demo keeps SQLite's default temporary storage: the copies
 * sort their indexes in files, then give the setting back */
static void temp_store_given_back(void **state)
{
	antt_db *db = tu_open();
	int units = 0, before = pragma_int(db, "PRAGMA temp_store"), n = indexes(db);

	(void)state;
	assert_int_equal(demo_build_scaled(db, 0, 2, &units, &err), ANTT_OK);
	assert_int_equal(pragma_int(db, "PRAGMA temp_store"), before);
	assert_int_equal(indexes(db), n);
	tu_cleanup(db);
}

/* called on its own, each DROP INDEX would be committed at once and an
 * error after it would leave the database without them */
static void refused_outside_a_transaction(void **state)
{
	antt_db *db = tu_open();
	int units = 0, n;

	(void)state;
	assert_int_equal(demo_build(db, 0, &units, &err), ANTT_OK);
	n = indexes(db);
	assert_int_equal(demo_copies_tx(db, 2, &err), ANTT_ERR_INVALID);
	assert_int_equal(indexes(db), n);
	assert_int_equal(pragma_int(db, "SELECT count(*) FROM units WHERE code GLOB 'P02-*'"), 0);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(temp_store_given_back),
		cmocka_unit_test(refused_outside_a_transaction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
