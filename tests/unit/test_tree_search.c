/* tree_filter's search against the reading it had before the keys were
 * kept as numbers of words (tree_words.c): a unit is listed when every
 * word of the search's key occurs in its name's key, or in its code read
 * as text_key reads it (lower case, '-' and '_' as spaces); a word of
 * digits alone as a whole number (a reviewer, 1/12: "to dan pho so 4"
 * listed every unit of X004 and X014). The reference
 * below is that reading, written plainly over the keys the database holds;
 * any unit listed by one and not the other is a bug. On the demo district,
 * and on random names: Vietnamese with marks, digits, punctuation, words
 * past 127 bytes, more than 16,384 distinct words (numbers of three
 * bytes), keys empty or of spaces alone. */
#include "testutil.h"
#include "demo.h"
#include "text.h"
#include "tree.h"
#include "unit.h"

#include <string.h>

static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

/* The keys of t's rows as the database holds them, by row: the code
 * folded, and the name's key. */
typedef struct {
	char **code, **key;
	size_t n;
} keys;

static char *fold(const char *code)
{
	char *s = strdup(code);

	assert_non_null(s);
	for (char *p = s; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p == '-' || *p == '_' ? ' ' : *p);
	return s;
}

static void keys_read(antt_db *db, const tree_view *t, keys *k)
{
	sqlite3_stmt *st;

	k->n = t->n_rows;
	k->code = calloc(k->n + 1, sizeof(*k->code));
	k->key = calloc(k->n + 1, sizeof(*k->key));
	assert_non_null(k->code);
	assert_non_null(k->key);
	assert_int_equal(sqlite3_prepare_v2(db->sql, "SELECT code, name_key FROM units WHERE id = ?1", -1, &st, NULL),
		SQLITE_OK);
	for (size_t i = 0; i < k->n; i++) {
		sqlite3_bind_int64(st, 1, t->rows[i].id);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		k->code[i] = fold((const char *)sqlite3_column_text(st, 0));
		k->key[i] = strdup((const char *)sqlite3_column_text(st, 1));
		assert_non_null(k->key[i]);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

static void keys_free(keys *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->code[i]);
		free(k->key[i]);
	}
	free(k->code);
	free(k->key);
}

/* A whole run of digits of s is word (a maximal one: no digit either
 * side). */
static int run_is(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = s; (p = strstr(p, word)); p++)
		if ((p == s || p[-1] < '0' || p[-1] > '9') && (p[n] < '0' || p[n] > '9'))
			return 1;
	return 0;
}

/* The old reading: every word of search in key or in code; since 1/12 a
 * word all digits as a whole number there ("4" not in "14" nor "x004"). */
static int reference(const char *code, const char *key, const char *search)
{
	char word[TREE_SEARCH_KEY_MAX + 1];

	while (*search) {
		size_t n = strcspn(search, " ");
		if (n) {
			memcpy(word, search, n);
			word[n] = '\0';
			if (strspn(word, "0123456789") == n ? !run_is(key, word) && !run_is(code, word)
			    : !strstr(key, word) && !strstr(code, word))
				return 0;
		}
		search += n;
		search += strspn(search, " ");
	}
	return 1;
}

static size_t compared;

/* typed searched in t (status filter: -1 or one), the rows listed against
 * the reference's in tree order */
static void check(tree_view *t, const keys *k, const char *typed, int status)
{
	size_t v = 0;

	tree_filter(t, NULL, status, typed);
	for (size_t o = 0; o < t->n; o++) {
		uint32_t i = t->order[o];
		const tree_row *r = &t->rows[i];
		int want = reference(k->code[i], k->key[i], t->search) && (status < 0 || (int)r->status == status);
		int listed = v < t->n_vis && t->vis[v] == i;
		if (want != listed)
			fail_msg("search \"%s\" (key \"%s\"): unit %s (key \"%.200s\") %s, the old reading %s", typed,
				t->search, r->code, k->key[i], listed ? "listed" : "not listed", want ? "lists it" : "does not");
		v += listed;
	}
	assert_int_equal(v, t->n_vis);
	compared++;
}

static uint64_t seed = 0x9e3779b97f4a7c15u;

static uint32_t rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint32_t)(seed % n);
}

/* n bytes of s from a random place (fewer at its end), into out */
static void piece(const char *s, size_t n, char *out, size_t size)
{
	size_t len = strlen(s), at = len ? rnd((uint32_t)len) : 0;

	if (n >= size)
		n = size - 1;
	snprintf(out, size, "%.*s", (int)n, s + at);
}

/* Searches made from t's own keys and codes: whole words, pieces of
 * them (across a space too), two or three at once, pieces of codes,
 * and text nobody has; each with no filter and with one status. */
static void search_around(tree_view *t, const keys *k, int searches)
{
	static const char *const fixed[] = {
		"", " ", "zzqq", "a", "1", "-", "x1 k", "thon", "Đông", "ĐÔNG hòa", "thôn   số", "(", ",", "tổ 1",
		"khu-dan", "k_0", "ngo", "ngõ 5/2", "\xc3", "ắ", "ư", "to dan pho", "1 2 3",
	};
	char typed[TREE_SEARCH_MAX], one[200];

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		check(t, k, fixed[i], -1);
	for (int s = 0; s < searches && k->n; s++) {
		int words = 1 + (int)rnd(3);
		typed[0] = '\0';
		for (int w = 0; w < words; w++) {
			uint32_t i = rnd((uint32_t)k->n);
			switch (rnd(4)) {
			case 0:   /* a piece of a key, 1 to 8 bytes (a space inside: two words) */
				piece(k->key[i], 1 + rnd(8), one, sizeof(one));
				break;
			case 1:   /* a whole word of a key */
				piece(k->key[i], 64, one, sizeof(one));
				one[strcspn(one, " ")] = '\0';
				break;
			case 2:   /* a piece of a code */
				piece(k->code[i], 1 + rnd(6), one, sizeof(one));
				break;
			default:   /* a piece of a key, then letters nobody may have after it */
				piece(k->key[i], 1 + rnd(4), one, sizeof(one));
				strcat(one, (const char *[]){ "x", "9", "ng", "" }[rnd(4)]);
				break;
			}
			if (strlen(typed) + 1 + strlen(one) < sizeof(typed))
				snprintf(typed + strlen(typed), sizeof(typed) - strlen(typed), "%s%s", w ? " " : "", one);
		}
		check(t, k, typed, -1);
		if (s % 8 == 0)
			check(t, k, typed, STATUS_NONE);
	}
}

static void the_demo_district(void **state)
{
	antt_db *db = tu_open();
	tree_view t;
	keys k;
	int made = 0;

	(void)state;
	OK(demo_build(db, 0, &made, &err));
	OK(tree_load(db, 2024, &t, &err));
	keys_read(db, &t, &k);
	/* every word of every key, alone */
	for (size_t i = 0; i < k.n; i++)
		for (const char *p = k.key[i]; *p;) {
			size_t n = strcspn(p, " ");
			char w[128];
			snprintf(w, sizeof(w), "%.*s", (int)(n < sizeof(w) ? n : sizeof(w) - 1), p);
			if (n)
				check(&t, &k, w, -1);
			p += n;
			p += strspn(p, " ");
		}
	search_around(&t, &k, 3000);
	keys_free(&k);
	tree_free(&t);
	/* the first screen's rows (tree_preview) hold their keys the same way */
	OK(tree_preview(db, 2024, 40, &t, &err));
	keys_read(db, &t, &k);
	search_around(&t, &k, 500);
	keys_free(&k);
	tree_free(&t);
	print_message("# %zu searches compared\n", compared);
	tu_cleanup(db);
}

static const char *const syllables[] = {
	"Thôn", "Xóm", "Ấp", "Bản", "Đông", "Tây", "Nam", "Bắc", "Hòa", "Bình", "Phước", "Hưng", "Nguyễn", "Trường",
	"Quảng", "Nghĩa", "Đồng", "Khánh", "Thượng", "Hạ", "Tổ", "dân", "phố", "Khu", "Phường", "Xã", "Lạc", "Ngọc",
	"Ổn", "Ưu", "số", "1", "12A", "(cũ)", "-", ",", "2/9", "Đ.", "Ngõ", "5/2", "Trần_Phú", "O'Neil", "Ỷ", "Quý",
	"Gia", "Giữa", "ĐƯỜNG", "Lê-Lợi", "Hồ", "Chí", "Minh", "…", "“Mới”",
};

/* A unit straight into the table (a package or another program may have
 * written what unit_add refuses): its key text_key's of name, unless key. */
static void put(sqlite3_stmt *st, const char *code, const char *name, const char *key, const char *type,
                sqlite3_int64 parent)
{
	char *made = key ? NULL : text_key(name);

	assert_true(key || made);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, key ? key : made, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, type, -1, SQLITE_STATIC);
	if (parent)
		sqlite3_bind_int64(st, 6, parent);
	else
		sqlite3_bind_null(st, 6);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail_msg("%s: %s", code, sqlite3_errmsg(sqlite3_db_handle(st)));
	sqlite3_reset(st);
	free(made);
}

static void random_names(void **state)
{
	antt_db *db = tu_open();
	sqlite3_stmt *st;
	tree_view t;
	keys k;
	char code[64], name[1200], long_word[400];
	int units = 7000;

	(void)state;
	assert_int_equal(sqlite3_exec(db->sql, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->sql, "INSERT INTO units (uuid, code, name, name_key, type, parent_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL), SQLITE_OK);
	put(st, "R-1", "Xã Hòa Bình", NULL, "xa", 0);
	put(st, "R_2", "Phường Đông Hưng", NULL, "phuong", 0);
	for (int i = 0; i < units; i++) {
		int words = (int)rnd(6);
		snprintf(code, sizeof(code), "%s%05d%s", (const char *[]){ "K-", "k_", "Ab", "T-x-" }[rnd(4)], i,
			(const char *[]){ "", "-B", "_c", "9" }[rnd(4)]);
		name[0] = '\0';
		for (int w = 0; w < words; w++)
			snprintf(name + strlen(name), sizeof(name) - strlen(name), "%s%s", w ? (rnd(5) ? " " : "  ") : "",
				syllables[rnd(sizeof(syllables) / sizeof(*syllables))]);
		/* three words no other unit has: past 16,384 words in all */
		snprintf(name + strlen(name), sizeof(name) - strlen(name), " Lạc%dx Bến%dy %dđ", i, i * 7, i * 13 + 1);
		put(st, code, name, NULL, "khu-dan-cu", 1 + rnd(2));
	}
	/* words past 127 bytes (a number of two groups for a length would not
	 * matter, a word's bytes all count), alone and among others */
	long_word[0] = '\0';
	while (strlen(long_word) < 300)
		strcat(long_word, "nghieng");
	put(st, "L-1", long_word, NULL, "khu-dan-cu", 1);
	snprintf(name, sizeof(name), "Thôn %.*s Đông %s", 130, long_word, long_word + 11);
	put(st, "L-2", name, NULL, "khu-dan-cu", 1);
	/* a key longer than a name can give (unit_add's 80 columns): 1,100 bytes */
	name[0] = '\0';
	for (int w = 0; w < 100; w++)
		snprintf(name + strlen(name), sizeof(name) - strlen(name), "%sw%04dabcde", w ? " " : "", w);
	put(st, "L-3", name, NULL, "khu-dan-cu", 2);
	/* keys of nothing: empty, spaces alone, spaces around and between */
	put(st, "E-1", "…", "", "khu-dan-cu", 1);
	put(st, "E-2", "   ", "   ", "khu-dan-cu", 1);
	put(st, "E-3", "x", "  a   b  ", "khu-dan-cu", 2);
	put(st, "E-4", "x", " ", "khu-dan-cu", 2);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL), SQLITE_OK);

	OK(tree_load(db, 2025, &t, &err));
	assert_int_equal(t.n_rows, (size_t)units + 2 + 3 + 4);
	keys_read(db, &t, &k);
	{
		static const char *const more[] = {
			"lac6999x", "ben48993y", "91000d", "16384", "lac16", "9x ben", "nghieng", "gnghi", "w0099abcde",
			"w0099abcde w0000", "a b", "a", "b", "e 1", "l 3", "l-3", "L_3", "r 1", "k 00001",
		};
		for (size_t i = 0; i < sizeof(more) / sizeof(*more); i++)
			check(&t, &k, more[i], -1);
		snprintf(name, sizeof(name), "thon %.*s", 200, long_word + 3);   /* a search word of 200 bytes */
		check(&t, &k, name, -1);
		check(&t, &k, long_word, -1);
	}
	search_around(&t, &k, 1500);
	/* each key spelled back as the database holds it, spaces aside */
	for (size_t i = 0; i < k.n; i++) {
		char back[1500], want[1500];
		const char *p = k.key[i];
		size_t n = 0;
		assert_true(tree_name_key(&t, &t.rows[i], back, sizeof(back)) < sizeof(back));
		while (*(p += strspn(p, " "))) {
			size_t w = strcspn(p, " ");
			n += (size_t)snprintf(want + n, sizeof(want) - n, "%s%.*s", n ? " " : "", (int)w, p);
			p += w;
		}
		want[n] = '\0';
		assert_string_equal(back, want);
	}
	print_message("# %zu searches compared\n", compared);
	keys_free(&k);
	tree_free(&t);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_demo_district),
		cmocka_unit_test(random_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
