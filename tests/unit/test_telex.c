/* telex: every line of tests/telex/words.tsv (over 300 real words, tone key
 * typed last and typed early) and the undo rules. */
#include "testutil.h"
#include "telex.h"

static void word_list(void **state)
{
	FILE *fp = fopen("tests/telex/words.tsv", "r");
	char line[256], out[256];
	int checked = 0, wrong = 0;
	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		char *tab = strchr(line, '\t'), *nl;
		if (line[0] == '#' || !tab)
			continue;
		*tab = '\0';
		if ((nl = strchr(tab + 1, '\n')))
			*nl = '\0';
		telex_word(line, out, sizeof(out));
		if (strcmp(out, tab + 1) != 0) {
			print_error("%s -> %s, expected %s\n", line, out, tab + 1);
			wrong++;
		}
		checked++;
	}
	fclose(fp);
	assert_int_equal(wrong, 0);
	assert_true(checked >= 200);
}

static void undo_and_special_keys(void **state)
{
	static const char *const cases[][2] = {
		{ "aaa", "aa" }, { "ass", "as" }, { "ddd", "dd" }, { "w", "ư" }, { "ww", "w" },
		{ "tuww", "tuw" }, { "asz", "a" }, { "z", "z" }, { "s", "s" }, { "sangs", "sáng" },
		{ "VIEEJT", "VIỆT" }, { "Ddaf", "Đà" }, { "hoaf", "hoà" }, { "hoangf", "hoàng" },
		{ "giaf", "già" }, { "gif", "gì" }, { "quys", "quý" }, { "uwow", "ươ" }, { "nuwowcs", "nước" },
	};
	char out[64];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(telex_word(cases[i][0], out, sizeof(out)), cases[i][1]);
	assert_true(telex_is_key('a'));
	assert_false(telex_is_key(' '));
	assert_false(telex_is_key('1'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(word_list),
		cmocka_unit_test(undo_and_special_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
