/* csvtab: CSV files as Excel saves them (BOM, CRLF, quoted cells with
 * commas and line breaks), each record with the line it starts on, cells
 * trimmed and NFC; a broken quote or invalid UTF-8 refuses the file with
 * its line. */
#include "testutil.h"
#include "csvtab.h"

static antt_err err;

static void excel_csv_reads_with_lines(void **state)
{
	csvtab t;
	(void)state;
	tu_mkdir();
	tu_write(tu_path("a.csv"), "\xEF\xBB\xBFMã đơn vị,tên\r\nK1,\" Thôn 1, xóm Đông \"\r\nK2,\"Thôn\r\nhai\"\r\nK3,Ba\r\n");
	assert_int_equal(csvtab_read(tu_path("a.csv"), &t, &err), ANTT_OK);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.rows[0].line, 1);
	assert_string_equal(t.rows[0].fields[0], "Mã đơn vị");
	assert_string_equal(t.rows[1].fields[1], "Thôn 1, xóm Đông");
	assert_int_equal(t.rows[2].line, 3);
	assert_string_equal(t.rows[2].fields[1], "Thôn hai");
	assert_int_equal(t.rows[3].line, 5);
	assert_int_equal(t.rows[3].n, 2);
	csvtab_free(&t);
	tu_cleanup(NULL);
}

/* Decomposed letters (as some editors save them) become the composed ones
 * the database holds, so "Hòa" typed either way is the same name. */
static void cells_are_nfc(void **state)
{
	csvtab t;
	(void)state;
	tu_mkdir();
	tu_write(tu_path("n.csv"), "Ho\xCC\x80" "a\n");
	assert_int_equal(csvtab_read(tu_path("n.csv"), &t, &err), ANTT_OK);
	assert_string_equal(t.rows[0].fields[0], "Hòa");
	csvtab_free(&t);
	tu_cleanup(NULL);
}

/* A record whose first cell runs over lines starts at the cell's first
 * line (it was counted at the line where the cell ended). */
static void multi_line_first_cell_keeps_its_start(void **state)
{
	csvtab t;
	(void)state;
	tu_mkdir();
	tu_write(tu_path("m.csv"), "\"K\nX\nY\",a\nK2,\"b\nc\"\n\n\"K\r\n3\",d\n");
	assert_int_equal(csvtab_read(tu_path("m.csv"), &t, &err), ANTT_OK);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.rows[0].line, 1);
	assert_int_equal(t.rows[1].line, 4);
	assert_int_equal(t.rows[2].line, 7);
	csvtab_free(&t);
	tu_cleanup(NULL);
}

/* An empty file, a header alone, or blank lines alone hold no data row:
 * refused with what a row holds; a header and one row start at row 1. */
static void no_data_row_is_refused(void **state)
{
	static const char *const names[] = { "unit code", NULL };
	static const char *const files[] = { "", "unit_code,year\r\n", "\xEF\xBB\xBF\r\n\r\n", "unit_code\n\n,\n" };
	csvtab t;
	size_t first = 9;
	(void)state;
	tu_mkdir();
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		tu_write(tu_path("e.csv"), files[i]);
		assert_int_equal(csvtab_read(tu_path("e.csv"), &t, &err), ANTT_OK);
		assert_int_equal(csvtab_data_start(&t, names, "e.csv", "tệp điểm", "các cột X,Y", &first, &err),
			ANTT_ERR_CSV);
		assert_non_null(strstr(err.msg, "e.csv: tệp điểm không có dòng dữ liệu nào"));
		assert_non_null(strstr(err.msg, i == 1 || i == 3 ? "chỉ có dòng tiêu đề" : "tệp trống"));
		assert_non_null(strstr(err.msg, "; các cột X,Y"));
		csvtab_free(&t);
	}
	tu_write(tu_path("e.csv"), "unit_code,year\nK1,2024\n");
	assert_int_equal(csvtab_read(tu_path("e.csv"), &t, &err), ANTT_OK);
	assert_int_equal(csvtab_data_start(&t, names, "e.csv", "tệp", NULL, &first, &err), ANTT_OK);
	assert_int_equal(first, 1);
	csvtab_free(&t);
	tu_write(tu_path("e.csv"), "K1,2024\n");
	assert_int_equal(csvtab_read(tu_path("e.csv"), &t, &err), ANTT_OK);
	assert_int_equal(csvtab_data_start(&t, names, "e.csv", "tệp", NULL, &first, &err), ANTT_OK);
	assert_int_equal(first, 0);
	csvtab_free(&t);
	tu_cleanup(NULL);
}

static void header_is_matched_by_key(void **state)
{
	static const char *const names[] = { "unit code", "ma don vi", NULL };
	char *a[] = { "MÃ ĐƠN VỊ" }, *b[] = { "K1" };
	csvtab_row ra = { 1, a, 1 }, rb = { 2, b, 1 };
	(void)state;
	assert_true(csvtab_is_header(&ra, names));
	assert_false(csvtab_is_header(&rb, names));
}

static void bad_files_are_refused_with_their_line(void **state)
{
	csvtab t = { 0 };
	(void)state;
	tu_mkdir();
	tu_write(tu_path("q.csv"), "K1,a\nK2,\"not closed\nK3,b\n");
	assert_int_equal(csvtab_read(tu_path("q.csv"), &t, &err), ANTT_ERR_CSV);
	assert_non_null(strstr(err.msg, "q.csv: dòng 2: "));
	tu_write(tu_path("u.csv"), "K1,a\nK2,\xff\xfe\n");
	assert_int_equal(csvtab_read(tu_path("u.csv"), &t, &err), ANTT_ERR_CSV);
	assert_non_null(strstr(err.msg, "u.csv: dòng 2: không phải văn bản UTF-8"));
	assert_int_equal(csvtab_read(tu_path("missing.csv"), &t, &err), ANTT_ERR_IO);
	tu_cleanup(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(excel_csv_reads_with_lines),
		cmocka_unit_test(cells_are_nfc),
		cmocka_unit_test(multi_line_first_cell_keeps_its_start),
		cmocka_unit_test(no_data_row_is_refused),
		cmocka_unit_test(header_is_matched_by_key),
		cmocka_unit_test(bad_files_are_refused_with_their_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
