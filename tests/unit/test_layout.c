/* layout: the report's layout file. The shipped one loads with its groups
 * and columns; a unit type the database lacks, an unknown measure or a
 * missing part is refused with file:line; {year} and {prev} expand. */
#include "testutil.h"
#include "layout.h"

static antt_err err;

static int known(const char *code, void *ctx)
{
	(void)ctx;
	return strcmp(code, "khong-co") != 0;
}

static void shipped_layout_loads(void **state)
{
	report_layout *l = NULL;
	(void)state;
	assert_int_equal(layout_load("forms/reports/tong-hop.yaml", known, NULL, &l, &err), ANTT_OK);
	assert_true(l->n_groups >= 8);
	assert_string_equal(l->groups[0].label, "Khu dân cư");
	assert_string_equal(l->groups[0].types[0], "khu-dan-cu");
	assert_int_equal(l->n_columns, 4);
	assert_int_equal(l->columns[3].measure, MEASURE_RATE);
	assert_true(l->n_recipients > 0);
	assert_non_null(l->period);
	layout_free(l);
	layout_free(NULL);
}

static void expand_years(void **state)
{
	char *s = layout_expand("năm {year}, so với {prev}; {other}", 2024);
	(void)state;
	assert_string_equal(s, "năm 2024, so với 2023; {other}");
	free(s);
}

static const char head[] =
	"title: T\nsubject: S\nrow_header: R\ntotals_label: C\nprevious_label: P\ntarget_label: X\n"
	"preparer: N\nrecipients_label: \"Nơi nhận:\"\nrecipients: [A]\n";

static void write_layout(const char *groups, const char *columns)
{
	char text[1024];
	snprintf(text, sizeof(text), "%s%s%s", head, groups, columns);
	tu_write(tu_path("l.yaml"), text);
}

/* A type's place on page 1: its first mention across the groups; one
 * named twice counts once; one left out comes after every other. */
static void types_rank_by_their_first_mention(void **state)
{
	report_layout *l = NULL;
	(void)state;
	tu_mkdir();
	write_layout("groups:\n  - {label: A, types: [phuong, xa]}\n  - {label: B, types: [khu-dan-cu, xa]}\n",
		"columns:\n  - {measure: total, label: T}\n");
	assert_int_equal(layout_load(tu_path("l.yaml"), known, NULL, &l, &err), ANTT_OK);
	assert_int_equal(layout_type_rank(l, "phuong"), 0);
	assert_int_equal(layout_type_rank(l, "xa"), 1);
	assert_int_equal(layout_type_rank(l, "khu-dan-cu"), 2);
	assert_true(layout_type_rank(l, "co-quan") == SIZE_MAX);
	layout_free(l);
	tu_cleanup(NULL);
}

static void bad_layouts_are_refused(void **state)
{
	report_layout *l = NULL;
	(void)state;
	tu_mkdir();
	write_layout("groups:\n  - {label: A, types: [xa]}\n", "columns:\n  - {measure: total, label: T}\n");
	assert_int_equal(layout_load(tu_path("l.yaml"), known, NULL, &l, &err), ANTT_OK);
	layout_free(l);
	l = NULL;
	write_layout("groups:\n  - {label: A, types: [khong-co]}\n", "columns:\n  - {measure: total, label: T}\n");
	assert_int_equal(layout_load(tu_path("l.yaml"), known, NULL, &l, &err), ANTT_ERR_FORM);
	assert_null(l);
	assert_non_null(strstr(err.msg, "l.yaml:11:"));
	assert_non_null(strstr(err.msg, "\"khong-co\""));
	write_layout("groups:\n  - {label: A, types: [xa]}\n", "columns:\n  - {measure: nhieu, label: T}\n");
	assert_int_equal(layout_load(tu_path("l.yaml"), known, NULL, &l, &err), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "l.yaml:13:"));
	write_layout("", "columns:\n  - {measure: total, label: T}\n");
	assert_int_equal(layout_load(tu_path("l.yaml"), known, NULL, &l, &err), ANTT_ERR_FORM);
	assert_non_null(strstr(err.msg, "\"groups\""));
	tu_cleanup(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_layout_loads),
		cmocka_unit_test(expand_years),
		cmocka_unit_test(types_rank_by_their_first_mention),
		cmocka_unit_test(bad_layouts_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
