/* tree_filter keeps a search as typed (what the unit list shows: "đông",
 * not its key "dong") and every word of it, however long the line the
 * screen's field takes: a search cut at 255 bytes dropped its last words
 * and listed units that do not hold them. */
#include "testutil.h"
#include "text.h"
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
	assert_string_equal(t.rows[t.vis[0]].code, "X1");
	tree_filter(&t, NULL, -1, "dong");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "X1-K1");
	/* shown without the spaces typed around it */
	tree_filter(&t, NULL, -1, "  đông ");
	assert_string_equal(t.typed, "đông");
	assert_int_equal(t.n_vis, 1);
	/* nothing to match on: no search, nothing shown as one */
	tree_filter(&t, NULL, -1, "  ");
	assert_string_equal(t.typed, "");
	assert_int_equal(t.n_vis, 2);
	tree_free(&t);
	/* a view let go (a reload that failed leaves one) filters nothing:
	 * 0 would be the status "chưa đánh giá" */
	assert_int_equal(t.status, -1);
	tu_cleanup(db);
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
	tu_cleanup(db);
}

/* A search's key can be longer than the search: the key decomposes
 * (NFD) and a Hangul syllable, 3 bytes, is 2 or 3 letters of 3 bytes
 * each. A 400-character search (the field's most) of such words kept its
 * key whole, or its last word was dropped. */
static void a_search_whose_key_is_longer_keeps_its_last_word(void **state)
{
	antt_db *db = tu_open();
	char typed[1604] = "";
	tree_view t;

	(void)state;
	OK(unit_add(db, "X1", "xa", "Xã 각각각각", NULL, &err));
	OK(unit_add(db, "X2", "xa", "Xã 각각각각 zz", NULL, &err));
	/* 79 words of 4 syllables: 395 characters, 1,026 bytes; the key 2,922 */
	for (int i = 0; i < 79; i++)
		strcat(typed, i ? " 각각각각" : "각각각각");
	strcat(typed, " zz");
	OK(tree_load(db, 2025, &t, &err));
	tree_filter(&t, NULL, -1, typed);
	assert_string_equal(t.typed, typed);
	assert_int_equal(t.n_vis, 1);   /* only the unit that holds "zz" */
	assert_string_equal(t.rows[t.vis[0]].code, "X2");
	tree_free(&t);
	tu_cleanup(db);
}

/* A unit's own key likewise: a two-part vowel (Bengali "ো", 3 bytes,
 * one column) is two letters of 3 bytes in the key, so a name of 80
 * columns under a code of 63 characters (both the most) has a key of
 * over 510 bytes, and its last word is found. */
static void a_unit_whose_key_is_long_is_found_by_its_last_word(void **state)
{
	antt_db *db = tu_open();
	char name[256] = "Xã ", code[64];
	tree_view t;

	(void)state;
	for (int i = 0; i < 74; i++)
		strcat(name, "ো");
	strcat(name, " zz");   /* 80 columns */
	memset(code, 'X', 63);
	code[63] = '\0';
	OK(unit_add(db, code, "xa", name, NULL, &err));
	OK(tree_load(db, 2025, &t, &err));
	assert_true(tu_int(db, "SELECT length(CAST(code AS BLOB)) + 1 + length(CAST(name_key AS BLOB)) FROM units") > 510);
	tree_filter(&t, NULL, -1, "zz");
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, name);
	assert_int_equal(t.n_vis, 1);
	tree_free(&t);
	tu_cleanup(db);
}

/* A code is searched as text_key reads it ("X1-K1": words x1 and k1),
 * beside the name's key, though the row holds the name's key alone. */
static void a_code_is_searched_by_its_words(void **state)
{
	antt_db *db = two_units();
	tree_view t;

	(void)state;
	OK(tree_load(db, 2025, &t, &err));
	tree_filter(&t, NULL, -1, "x1");
	assert_int_equal(t.n_vis, 2);
	tree_filter(&t, NULL, -1, "X1-K1");
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "X1-K1");
	tree_filter(&t, NULL, -1, "k1 đông");   /* a word of the code, one of the name */
	assert_int_equal(t.n_vis, 1);
	tree_filter(&t, NULL, -1, "k1đông");    /* not across the two */
	assert_int_equal(t.n_vis, 0);
	tree_filter(&t, NULL, -1, "hoa k1");    /* each word in the same unit */
	assert_int_equal(t.n_vis, 0);
	tree_free(&t);
	tu_cleanup(db);
}

/* The keys are kept as numbers of words each held once (tree_words.c):
 * 300 units of distinct words (numbers past 127 take two bytes), all of
 * them sharing "thon"; a search word inside a word, at its end, in two
 * words of one unit, in none; each key spelled back whole. */
static void keys_kept_as_words_find_what_the_text_did(void **state)
{
	antt_db *db = tu_open();
	tree_view t;
	char code[32], name[64], key[256];
	size_t found = 0;

	(void)state;
	OK(unit_add(db, "X1", "xa", "Xã Hòa Bình", NULL, &err));
	for (int i = 0; i < 300; i++) {
		snprintf(code, sizeof(code), "X1-K%03d", i);
		snprintf(name, sizeof(name), "Thôn Lạc%dx Bản%d", i, i % 7);
		OK(unit_add(db, code, "khu-dan-cu", name, "X1", &err));
	}
	OK(tree_load(db, 2025, &t, &err));
	for (size_t i = 0; i < t.n; i++) {
		const tree_row *r = &t.rows[t.order[i]];
		int k;
		if (sscanf(r->code, "X1-K%d", &k) != 1)
			continue;
		assert_true(tree_name_key(&t, r, key, sizeof(key)) < sizeof(key));
		snprintf(name, sizeof(name), "thon lac%dx ban%d", k, k % 7);
		assert_string_equal(key, name);
		found++;
	}
	assert_int_equal(found, 300);
	/* too small a room: n or more, and what is there ends whole */
	assert_true(tree_name_key(&t, &t.rows[t.order[1]], key, 6) >= 6);
	assert_string_equal(key, "thon");
	tree_filter(&t, NULL, -1, "thon");
	assert_int_equal(t.n_vis, 300);
	tree_filter(&t, NULL, -1, "ac29");           /* inside lac29x, lac290x..lac299x */
	assert_int_equal(t.n_vis, 11);
	tree_filter(&t, NULL, -1, "9x ban3");        /* two words of one unit, any order */
	assert_int_equal(t.n_vis, 4);                /* 59, 129, 199, 269 */
	for (size_t i = 0; i < t.n_vis; i++) {
		int k;
		assert_int_equal(sscanf(t.rows[t.vis[i]].code, "X1-K%d", &k), 1);
		assert_true(k % 10 == 9 && k % 7 == 3);
	}
	tree_filter(&t, NULL, -1, "lac1x");          /* one unit only */
	assert_int_equal(t.n_vis, 1);
	assert_string_equal(t.rows[t.vis[0]].code, "X1-K001");
	tree_filter(&t, NULL, -1, "xban");           /* not across two words */
	assert_int_equal(t.n_vis, 0);
	tree_filter(&t, NULL, -1, "k299");           /* the code still */
	assert_int_equal(t.n_vis, 1);
	tree_free(&t);
	tu_cleanup(db);
}

/* The names are not held: tree_name reads the one asked for, and keeps
 * the last TREE_NAMES read, so a screen's rows read again cost nothing. */
static void names_are_read_when_asked(void **state)
{
	antt_db *db = tu_open();
	const char *first, *again;
	char code[16], name[64];
	tree_view t;

	(void)state;
	for (int i = 0; i < TREE_NAMES + 44; i++) {
		snprintf(code, sizeof(code), "K%03d", i);
		snprintf(name, sizeof(name), "Thôn số %d", i);
		OK(unit_add(db, code, "khu-dan-cu", name, NULL, &err));
	}
	OK(tree_load(db, 2025, &t, &err));
	assert_int_equal(t.n, TREE_NAMES + 44);
	first = tree_name(db, &t, &t.rows[t.order[0]]);
	assert_string_equal(first, "Thôn số 0");
	/* kept while fewer than TREE_NAMES others are read */
	for (size_t k = 1; k < TREE_NAMES; k++) {
		snprintf(name, sizeof(name), "Thôn số %zu", k);
		assert_string_equal(tree_name(db, &t, &t.rows[t.order[k]]), name);
	}
	assert_string_equal(first, "Thôn số 0");
	assert_ptr_equal(tree_name(db, &t, &t.rows[t.order[0]]), first);
	/* read again once let go: the database's name then (changed here
	 * behind the view's back, as only another program would) */
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE units SET name = 'Thôn mới' WHERE code = 'K000'", NULL, NULL,
		NULL), SQLITE_OK);
	assert_string_equal(tree_name(db, &t, &t.rows[t.order[0]]), "Thôn số 0");   /* still kept */
	for (size_t k = TREE_NAMES; k < t.n; k++)
		tree_name(db, &t, &t.rows[t.order[k]]);
	again = tree_name(db, &t, &t.rows[t.order[0]]);
	assert_string_equal(again, "Thôn mới");
	assert_int_equal(t.rows[t.order[0]].name_width, 9);
	tree_free(&t);
	tu_cleanup(db);
}

/* A name's width is measured as the list draws it: a control character a
 * package brought is a '?', a wide character two columns. */
static void a_name_is_measured_as_drawn(void **state)
{
	antt_db *db = two_units();
	tree_view t;

	(void)state;
	assert_int_equal(sqlite3_exec(db->sql, "UPDATE units SET name = 'A' || char(1) || 'B' WHERE code = 'X1';"
		"UPDATE units SET name = 'Thôn 中' WHERE code = 'X1-K1'", NULL, NULL, NULL), SQLITE_OK);
	OK(tree_load(db, 2025, &t, &err));
	assert_int_equal(t.rows[t.order[0]].name_width, 3);
	assert_int_equal(t.rows[t.order[1]].name_width, 7);
	assert_string_equal(tree_name(db, &t, &t.rows[t.order[1]]), "Thôn 中");
	tree_free(&t);
	tu_cleanup(db);
}

/* ... and so is a name that holds what only a byte above 0x7F can be: a
 * bidi override (U+202E), a C1 control (U+0085), a line separator
 * (U+2028), bytes that are no UTF-8. A database written before text_clean,
 * or by hand, may hold them; the list draws each as text_make_safe leaves
 * it, so a width measured otherwise cuts the name or pads it wrong. */
static void a_name_with_hidden_controls_is_measured_as_drawn(void **state)
{
	static const char *const names[] = {
		"Thôn \xe2\x80\xae" "Đông",   /* U+202E */
		"Thôn \xc2\x85" "Đông",        /* U+0085 */
		"Thôn \xe2\x80\xa8" "Đông",   /* U+2028 */
		"Thôn \xff" "Đông \xc3",       /* no UTF-8 */
		"\xe2\x81\xa6" "中\xe2\x81\xa9",   /* U+2066 ... U+2069 */
	};
	antt_db *db = two_units();
	tree_view t;
	sqlite3_stmt *st;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		char shown[64];
		assert_int_equal(sqlite3_prepare_v2(db->sql, "UPDATE units SET name = ?1 WHERE code = 'X1-K1'", -1, &st, NULL),
			SQLITE_OK);
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_finalize(st);
		OK(tree_load(db, 2025, &t, &err));
		snprintf(shown, sizeof(shown), "%s", names[i]);
		print_message("# name %zu: %zu columns drawn, %u measured\n", i, text_width(text_make_safe(shown)),
			(unsigned)t.rows[t.order[1]].name_width);
		assert_int_equal(t.rows[t.order[1]].name_width, text_width(shown));
		tree_free(&t);
	}
	tu_cleanup(db);
}

/* A row's type is a 16-bit index: 65,536 types load, the unit of the
 * last one named by it (not by a wrapped index); one type more is refused
 * whole with a message, not loaded with units of the wrong type. */
static void types_up_to_a_rows_index(void **state)
{
	antt_db *db = two_units();
	tree_view t;

	(void)state;
	assert_int_equal(sqlite3_exec(db->sql, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
		" WHERE i < 65536 - (SELECT count(*) FROM unit_types))"
		" INSERT INTO unit_types (code, name, assessed, commune, sort) SELECT 'loai-' || i, 'Loại ' || i, 1, 0, 100 + i"
		" FROM n; UPDATE units SET type = (SELECT code FROM unit_types ORDER BY rowid DESC LIMIT 1)"
		" WHERE code = 'X1-K1'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM unit_types"), 65536);
	OK(tree_load(db, 2025, &t, &err));
	assert_int_equal(t.n_types, 65536);
	assert_string_equal(t.rows[t.order[1]].code, "X1-K1");
	assert_string_equal(tree_type_of(&t, &t.rows[t.order[1]])->type, "loai-65526");   /* 10 types, 65,526 more */
	assert_string_equal(tree_type_of(&t, &t.rows[t.order[0]])->type, "xa");
	tree_free(&t);
	assert_int_equal(sqlite3_exec(db->sql, "INSERT INTO unit_types (code, name, assessed, commune, sort)"
		" VALUES ('mot-loai-nua', 'Một loại nữa', 1, 0, 99999)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(tree_load(db, 2025, &t, &err), ANTT_ERR_INVALID);
	assert_non_null(strstr(err.msg, "loại đơn vị"));
	assert_null(t.rows);
	tu_cleanup(db);
}

/* A name that cannot be read (a USB stick pulled out, a page damaged
 * since the load; here the table gone from under the view, renamed by
 * another connection) is shown empty, and the failure is kept for the
 * screen to say, once, in core's words: an empty name and nothing said
 * looked like a unit without a name. Read again once it can be. */
static void a_name_that_cannot_be_read_is_said(void **state)
{
	antt_db *db = two_units();
	sqlite3 *other = NULL;
	tree_view t;

	(void)state;
	OK(tree_load(db, 2025, &t, &err));
	assert_string_equal(tree_name(db, &t, &t.rows[t.order[0]]), "Xã Hòa Bình");
	assert_int_equal(tree_name_failed(&t, &err), ANTT_OK);
	assert_int_equal(sqlite3_open(tu_path("test.db"), &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "ALTER TABLE units RENAME TO units_gone", NULL, NULL, NULL), SQLITE_OK);
	assert_string_equal(tree_name(db, &t, &t.rows[t.order[1]]), "");
	assert_int_equal(sqlite3_exec(other, "ALTER TABLE units_gone RENAME TO units", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	/* read once it can be; a name read after the failure (the same draw's
	 * next row) does not hide it */
	assert_string_equal(tree_name(db, &t, &t.rows[t.order[1]]), "Thôn Đông");
	assert_int_equal(tree_name_failed(&t, &err), ANTT_ERR_DB);
	assert_contains(err.msg, "đọc tên đơn vị");
	assert_int_equal(tree_name_failed(&t, &err), ANTT_OK);   /* said once */
	tree_free(&t);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(search_is_kept_as_typed),
		cmocka_unit_test(a_long_search_keeps_its_last_word),
		cmocka_unit_test(a_search_whose_key_is_longer_keeps_its_last_word),
		cmocka_unit_test(a_unit_whose_key_is_long_is_found_by_its_last_word),
		cmocka_unit_test(a_code_is_searched_by_its_words),
		cmocka_unit_test(keys_kept_as_words_find_what_the_text_did),
		cmocka_unit_test(names_are_read_when_asked),
		cmocka_unit_test(a_name_is_measured_as_drawn),
		cmocka_unit_test(a_name_with_hidden_controls_is_measured_as_drawn),
		cmocka_unit_test(types_up_to_a_rows_index),
		cmocka_unit_test(a_name_that_cannot_be_read_is_said),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
