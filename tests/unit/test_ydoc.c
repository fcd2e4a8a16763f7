/* ydoc: the YAML helpers every loader uses. Errors name file:line:column
 * (in a stream of documents, counted from the file's start), unknown and
 * repeated keys are refused, values come typed and NFC. */
#include "testutil.h"
#include "ydoc.h"

static antt_err err;

static const char doc[] =
	"title: \"  Bộ tiêu chí  \"\n"
	"strict: true\n"
	"types: [xa, phuong]\n"
	"empty: []\n";

static void values_come_typed(void **state)
{
	ydoc y;
	yaml_node_t *root;
	char *title = NULL, *none = NULL, **types = NULL;
	size_t n = 0;
	int strict = 0, lax = 7;
	(void)state;
	assert_int_equal(ydoc_load(&y, "a.yaml", doc, strlen(doc), &err), ANTT_OK);
	root = ydoc_node(&y, 1);
	assert_non_null(root);
	assert_int_equal(ydoc_text(&y, root, "title", 1, &title), ANTT_OK);
	assert_string_equal(title, "Bộ tiêu chí");
	assert_int_equal(ydoc_text(&y, root, "note", 0, &none), ANTT_OK);
	assert_null(none);
	assert_int_equal(ydoc_bool(&y, root, "strict", 0, &strict), ANTT_OK);
	assert_int_equal(strict, 1);
	assert_int_equal(ydoc_bool(&y, root, "lax", 0, &lax), ANTT_OK);
	assert_int_equal(lax, 0);
	assert_int_equal(ydoc_list(&y, ydoc_get(&y, root, "types"), "types", &types, &n), ANTT_OK);
	assert_int_equal(n, 2);
	assert_string_equal(types[1], "phuong");
	for (size_t i = 0; i < n; i++)
		free(types[i]);
	free(types);
	free(title);
	ydoc_free(&y);
}

static void refusals_name_the_place(void **state)
{
	static const char *const allowed[] = { "title", "strict", "types", NULL };
	ydoc y;
	yaml_node_t *root;
	char *v = NULL, **l = NULL;
	size_t n;
	(void)state;
	assert_int_equal(ydoc_load(&y, "a.yaml", doc, strlen(doc), &err), ANTT_OK);
	root = ydoc_node(&y, 1);
	assert_int_equal(ydoc_check_keys(&y, root, allowed, "bộ tiêu chí"), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "a.yaml:4:1: khóa \"empty\""));
	assert_int_equal(ydoc_text(&y, root, "note", 1, &v), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "thiếu khóa \"note\""));
	assert_int_equal(ydoc_list(&y, ydoc_get(&y, root, "empty"), "empty", &l, &n), ANTT_ERR_FORM);
	free(l);
	assert_int_equal(ydoc_bool(&y, root, "title", 0, &(int){ 0 }), ANTT_ERR_FORM);
	ydoc_free(&y);

	assert_int_equal(ydoc_load(&y, "b.yaml", "a: 1\na: 2\n", 10, &err), ANTT_OK);
	assert_int_equal(ydoc_check_keys(&y, ydoc_node(&y, 1), (const char *const[]){ "a", NULL }, "x"), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "b.yaml:2:1: khóa \"a\" xuất hiện hai lần"));
	ydoc_free(&y);

	assert_int_equal(ydoc_load(&y, "c.yaml", "a: [1, 2\nb: 3\n", 14, &err), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "c.yaml:"));
	assert_non_null(strstr(err.msg, "YAML sai cú pháp"));
}

static void a_stream_counts_lines_from_the_file_start(void **state)
{
	static const char text[] = "a: 1\n---\nb: 2\nc: [\n";
	ydoc_stream s;
	ydoc y;
	int end = 0, docs = 0;
	antt_status st;
	(void)state;
	assert_int_equal(ydoc_stream_open(&s, "s.yaml", text, strlen(text), &err), ANTT_OK);
	while ((st = ydoc_stream_next(&s, &y, &end)) == ANTT_OK && !end) {
		docs++;
		ydoc_free(&y);
	}
	ydoc_stream_close(&s);
	assert_int_equal(docs, 1);
	assert_int_equal(st, ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "s.yaml:5:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_come_typed),
		cmocka_unit_test(refusals_name_the_place),
		cmocka_unit_test(a_stream_counts_lines_from_the_file_start),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
