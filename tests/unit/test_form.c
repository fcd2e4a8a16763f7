/* form: every shipped criteria set loads; every malformed file under
 * tests/forms/bad gives exactly the message in its .expected file; answers
 * are parsed by type with messages; a set reloads the same from its text. */
#include "testutil.h"
#include "form.h"

#include <glob.h>

static void shipped_forms_load(void **state)
{
	form **forms;
	size_t n;
	antt_err err = { "" };
	(void)state;
	if (form_load_dir("forms", &forms, &n, &err) != ANTT_OK)
		fail_msg("%s", err.msg);
	assert_true(n >= 7);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(forms[i]->regulation);
		assert_true(forms[i]->n_items > 0);
		form_free(forms[i]);
	}
	free(forms);
}

static void khu_dan_cu_follows_the_article(void **state)
{
	form *f;
	antt_err err = { "" };
	static const char *const ids[] = { "1", "2", "3a", "3b", "3c", "3d", "3dd", "3e", "3g", "4a", "4b", "4c", "4d", "5" };
	int k;
	(void)state;
	assert_int_equal(form_load_file("forms/tt124-2021/khu-dan-cu.yaml", &f, &err), ANTT_OK);
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++)
		assert_true(form_find(f, ids[i]) >= 0);
	k = form_find(f, "4b");
	assert_true(f->items[k].exception);
	assert_string_equal(f->items[f->items[k].parent].id, "4");
	assert_true(form_applies(f, "khu-dan-cu", 2022));
	assert_false(form_applies(f, "khu-dan-cu", 2021));
	assert_false(form_applies(f, "xa", 2024));
	form_free(f);
}

static void bad_forms_give_their_messages(void **state)
{
	glob_t g;
	int checked = 0;
	(void)state;
	assert_int_equal(glob("tests/forms/bad/*.yaml", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char expected_path[512], expected[1024] = "";
		form *f = NULL;
		antt_err err = { "" };
		FILE *fp;
		size_t len;

		snprintf(expected_path, sizeof(expected_path), "%.*s.expected",
			(int)(strlen(g.gl_pathv[i]) - 5), g.gl_pathv[i]);
		fp = fopen(expected_path, "r");
		if (!fp)
			fail_msg("%s has no .expected file", g.gl_pathv[i]);
		len = fread(expected, 1, sizeof(expected) - 1, fp);
		fclose(fp);
		expected[len] = '\0';
		if (len && expected[len - 1] == '\n')
			expected[len - 1] = '\0';
		assert_int_not_equal(form_load_file(g.gl_pathv[i], &f, &err), ANTT_OK);
		assert_null(f);
		assert_string_equal(err.msg, expected);
		checked++;
	}
	globfree(&g);
	assert_true(checked >= 10);
}

/* Inputs the fuzzers found: each must be refused cleanly (the ASan+UBSan
 * run of make check catches a leak or a crash). */
static void fuzz_regressions_are_refused(void **state)
{
	glob_t g;
	int n = 0;
	(void)state;
	if (glob("tests/fuzz/regress/form-*", 0, NULL, &g) != 0)
		fail_msg("no regression inputs in tests/fuzz/regress");
	for (size_t i = 0; i < g.gl_pathc; i++) {
		form *f = NULL;
		antt_err err = { "" };
		assert_int_not_equal(form_load_file(g.gl_pathv[i], &f, &err), ANTT_OK);
		assert_null(f);
		assert_true(err.msg[0] != '\0');
		n++;
	}
	globfree(&g);
	assert_true(n >= 1);
}

static void stored_text_reloads_identically(void **state)
{
	form *a, *b;
	antt_err err = { "" };
	(void)state;
	assert_int_equal(form_load_file("forms/tt124-2021/xa-phuong-thi-tran.yaml", &a, &err), ANTT_OK);
	assert_int_equal(form_load_text("db", a->text, a->text_len, &b, &err), ANTT_OK);
	assert_string_equal(a->sha256, b->sha256);
	assert_int_equal(a->n_items, b->n_items);
	for (size_t i = 0; i < a->n_items; i++) {
		assert_string_equal(a->items[i].id, b->items[i].id);
		if (a->items[i].leaf)
			assert_string_equal(a->items[i].rule, b->items[i].rule);
	}
	assert_int_equal(strlen(a->sha256), 64);
	form_free(a);
	form_free(b);
}

static const char *item_form =
	"regulation: R\nversion: \"1\"\ntitle: T\nunit_types: [khu-dan-cu]\nyears: {from: 2022}\ncriteria:\n"
	"  - {id: \"1\", label: Có/không, type: yesno}\n"
	"  - {id: \"2\", label: Đếm, type: count, pass: value = 0}\n"
	"  - {id: \"3\", label: Tỷ lệ, type: percent, pass: value >= 100}\n"
	"  - {id: \"4\", label: Chọn, type: choice, options: [Đạt, Không đạt]}\n"
	"  - {id: \"5\", label: Ngày, type: date, required: false}\n"
	"  - {id: \"6\", label: Chữ, type: text}\n";

static void values_are_parsed_by_type(void **state)
{
	form *f;
	rule_value v;
	antt_err err = { "" };
	(void)state;
	if (form_load_text("t", item_form, strlen(item_form), &f, &err) != ANTT_OK)
		fail_msg("%s", err.msg);
#define ITEM(id) (&f->items[form_find(f, id)])
	assert_int_equal(form_parse_value(ITEM("1"), "Có", &v, &err), ANTT_OK);
	assert_int_equal(v.i, 1);
	assert_int_equal(form_parse_value(ITEM("1"), "khong", &v, &err), ANTT_OK);
	assert_int_equal(v.i, 0);
	assert_int_equal(form_parse_value(ITEM("1"), "có lẽ", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "\"có\" hoặc \"không\"");
	assert_int_equal(form_parse_value(ITEM("2"), "1.234", &v, &err), ANTT_OK);
	assert_int_equal(v.i, 1234);
	assert_int_equal(form_parse_value(ITEM("2"), "-1", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "không được âm");
	assert_int_equal(form_parse_value(ITEM("2"), "1.23", &v, &err), ANTT_ERR_INVALID);
	assert_int_equal(form_parse_value(ITEM("3"), "97,5 %", &v, &err), ANTT_OK);
	assert_true(v.d > 97.49 && v.d < 97.51);
	assert_int_equal(form_parse_value(ITEM("3"), "101", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "từ 0 đến 100");
	assert_int_equal(form_parse_value(ITEM("3"), "abc", &v, &err), ANTT_ERR_INVALID);
	assert_int_equal(form_parse_value(ITEM("4"), "khong dat", &v, &err), ANTT_OK);
	assert_string_equal(v.s, "Không đạt");
	free((char *)v.s);
	assert_int_equal(form_parse_value(ITEM("4"), "Tốt", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "Đạt; Không đạt");
	assert_int_equal(form_parse_value(ITEM("5"), "29/02/2024", &v, &err), ANTT_OK);
	assert_string_equal(v.s, "2024-02-29");
	free((char *)v.s);
	assert_int_equal(form_parse_value(ITEM("5"), "29/02/2023", &v, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tiêu chí 5: ngày \"29/02/2023\": tháng 2 năm 2023 chỉ có 28 ngày");
	assert_int_equal(form_parse_value(ITEM("5"), "5/3/2024", &v, &err), ANTT_OK);
	assert_string_equal(v.s, "2024-03-05");
	free((char *)v.s);
	assert_int_equal(form_parse_value(ITEM("6"), "Vie\xcc\xa3\xcc\x82t", &v, &err), ANTT_OK);
	assert_string_equal(v.s, "Việt");
	free((char *)v.s);
	form_free(f);
}

/* What a count or a percentage needs, in words, from a rule that is one
 * comparison with a number; nothing from any other rule or type. */
static void a_numbers_rule_in_words(void **state)
{
	static const char *const text =
		"regulation: R\nversion: \"1\"\ntitle: T\nunit_types: [khu-dan-cu]\nyears: {from: 2022}\ncriteria:\n"
		"  - {id: \"1\", label: A, type: percent, pass: value >= 100}\n"
		"  - {id: \"2\", label: B, type: count, pass: value >= 1}\n"
		"  - {id: \"3\", label: C, type: count, pass: value = 0}\n"
		"  - {id: \"4\", label: D, type: percent, pass: \"value <= 2.5\"}\n"
		"  - {id: \"5\", label: E, type: count, pass: value >= 1 AND value <= 3}\n"
		"  - {id: \"6\", label: F, type: yesno}\n"
		"  - {id: \"7\", label: G, type: count, pass: value < 1.5}\n";
	form *f;
	char buf[96];
	antt_err err = { "" };
	(void)state;
	if (form_load_text("t", text, strlen(text), &f, &err) != ANTT_OK)
		fail_msg("%s", err.msg);
	assert_true(form_rule_words(ITEM("1"), buf, sizeof(buf)));
	assert_string_equal(buf, "cần ít nhất 100 %");
	assert_true(form_rule_words(ITEM("2"), buf, sizeof(buf)));
	assert_string_equal(buf, "cần ít nhất 1");
	assert_true(form_rule_words(ITEM("3"), buf, sizeof(buf)));
	assert_string_equal(buf, "cần đúng 0");
	assert_true(form_rule_words(ITEM("4"), buf, sizeof(buf)));
	assert_string_equal(buf, "cần không quá 2,5 %");
	assert_false(form_rule_words(ITEM("5"), buf, sizeof(buf)));   /* two comparisons: no words */
	assert_string_equal(buf, "");
	assert_false(form_rule_words(ITEM("6"), buf, sizeof(buf)));   /* yes/no says itself */
	assert_false(form_rule_words(ITEM("7"), buf, sizeof(buf)));   /* a count is whole */
	form_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_forms_load),
		cmocka_unit_test(khu_dan_cu_follows_the_article),
		cmocka_unit_test(bad_forms_give_their_messages),
		cmocka_unit_test(stored_text_reloads_identically),
		cmocka_unit_test(fuzz_regressions_are_refused),
		cmocka_unit_test(values_are_parsed_by_type),
		cmocka_unit_test(a_numbers_rule_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
