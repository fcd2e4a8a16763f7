/* units: types typed any way, the hierarchy's rules, and CSV import that is
 * all or nothing with every bad line named. */
#include "testutil.h"
#include "unit_import.h"
#include "unit.h"
#include "assess.h"

static void type_accepts_code_and_vietnamese_name(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	char code[32];
	static const char *const typed[] = { "khu-dan-cu", "Khu dân cư", "khu dan cu", "KHU DÂN CƯ", "Khu-Dân-Cư" };
	(void)state;
	for (size_t i = 0; i < sizeof(typed) / sizeof(*typed); i++) {
		assert_int_equal(unit_type_resolve(db, typed[i], code, sizeof(code), &err), ANTT_OK);
		assert_string_equal(code, "khu-dan-cu");
	}
	assert_int_equal(unit_type_resolve(db, "Đặc khu", code, sizeof(code), &err), ANTT_OK);
	assert_string_equal(code, "dac-khu");
	assert_int_equal(unit_type_resolve(db, "làng", code, sizeof(code), &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "Khu dân cư (khu-dan-cu)");
	tu_cleanup(db);
}

static void add_get_rename_and_audit(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	unit_row u;
	(void)state;
	assert_int_equal(unit_add(db, "X1", "xã", "Xã Hòa Bình", NULL, &err), ANTT_OK);
	assert_int_equal(unit_add(db, "K1", "Khu dân cư", "Thôn Đông", "X1", &err), ANTT_OK);
	assert_int_equal(unit_get(db, "K1", &u, &err), ANTT_OK);
	assert_string_equal(u.parent_code, "X1");
	assert_string_equal(u.type, "khu-dan-cu");
	assert_int_equal(strlen(u.uuid), 36);
	assert_int_equal(unit_rename(db, "K1", "Thôn Đông Hạ", &err), ANTT_OK);
	assert_int_equal(unit_get(db, "K1", &u, &err), ANTT_OK);
	assert_string_equal(u.name, "Thôn Đông Hạ");
	assert_int_equal(tu_int(db, "SELECT rev FROM units WHERE code = 'K1'"), 2);
	assert_int_equal(tu_int(db, "SELECT count(*) FROM audit WHERE tbl = 'units' AND action = 'update'"
		" AND json_extract(old_value, '$.name') = 'Thôn Đông' AND json_extract(new_value, '$.name') = 'Thôn Đông Hạ'"), 1);
	/* refusals */
	assert_int_equal(unit_add(db, "K1", "khu-dan-cu", "Khác", "X1", &err), ANTT_ERR_EXISTS);
	assert_int_equal(unit_add(db, "K2", "khu-dan-cu", "Thôn Tây", "X9", &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "X9");
	assert_int_equal(unit_add(db, "K 3", "khu-dan-cu", "Thôn", "X1", &err), ANTT_ERR_INVALID);
	assert_int_equal(unit_add(db, "K3", "khu-dan-cu", "   ", "X1", &err), ANTT_ERR_INVALID);
	assert_int_equal(unit_get(db, "nope", &u, &err), ANTT_ERR_NOT_FOUND);
	tu_cleanup(db);
}

static void move_refuses_cycles(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	unit_row u;
	(void)state;
	assert_int_equal(unit_add(db, "H", "huyen", "Huyện A", NULL, &err), ANTT_OK);
	assert_int_equal(unit_add(db, "X1", "xa", "Xã 1", "H", &err), ANTT_OK);
	assert_int_equal(unit_add(db, "X2", "xa", "Xã 2", "H", &err), ANTT_OK);
	assert_int_equal(unit_add(db, "K1", "khu-dan-cu", "Thôn 1", "X1", &err), ANTT_OK);
	assert_int_equal(unit_move(db, "H", "K1", &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "vòng lặp");
	assert_int_equal(unit_move(db, "X1", "X1", &err), ANTT_ERR_INVALID);
	assert_int_equal(unit_move(db, "K1", "X2", &err), ANTT_OK);
	assert_int_equal(unit_get(db, "K1", &u, &err), ANTT_OK);
	assert_string_equal(u.parent_code, "X2");
	tu_cleanup(db);
}

static void retire_merge_and_exclude(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	unit_row u;
	(void)state;
	assert_int_equal(unit_add(db, "X1", "xa", "Xã 1", NULL, &err), ANTT_OK);
	assert_int_equal(unit_add(db, "X2", "xa", "Xã 2", NULL, &err), ANTT_OK);
	assert_int_equal(unit_retire(db, "X1", "2025-07-01", "X2", &err), ANTT_OK);
	assert_int_equal(unit_get(db, "X1", &u, &err), ANTT_OK);
	assert_string_equal(u.valid_to, "2025-07-01");
	assert_string_equal(u.merged_into, "X2");
	/* a day typed day first is read; a day June does not have is refused */
	assert_int_equal(unit_retire(db, "X2", "31/06/2025", NULL, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "tháng 6 năm 2025 chỉ có 30 ngày");
	assert_int_equal(unit_add(db, "X3", "xa", "Xã 3", NULL, &err), ANTT_OK);
	assert_int_equal(unit_retire(db, "X3", "1/7/2025", NULL, &err), ANTT_OK);
	assert_int_equal(unit_get(db, "X3", &u, &err), ANTT_OK);
	assert_string_equal(u.valid_to, "2025-07-01");
	assert_int_equal(unit_retire(db, "X2", NULL, "X2", &err), ANTT_ERR_INVALID);
	assert_int_equal(assess_set_excluded(db, "X2", 1, &err), ANTT_OK);
	assert_int_equal(unit_get(db, "X2", &u, &err), ANTT_OK);
	assert_int_equal(u.excluded, 1);
	tu_cleanup(db);
}

static int collect(const unit_row *u, void *ctx)
{
	strcat(ctx, u->code);
	strcat(ctx, " ");
	return 0;
}

static void list_filters_and_searches_without_accents(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	char out[512];
	unit_filter f = { 0 };
	(void)state;
	assert_int_equal(unit_add(db, "H", "huyen", "Huyện Sông Lam", NULL, &err), ANTT_OK);
	assert_int_equal(unit_add(db, "X1", "xa", "Xã Hòa Bình", "H", &err), ANTT_OK);
	assert_int_equal(unit_add(db, "X2", "xa", "Xã Đồng Tâm", "H", &err), ANTT_OK);
	assert_int_equal(unit_add(db, "K1", "khu-dan-cu", "Thôn Đông", "X1", &err), ANTT_OK);
	assert_int_equal(unit_add(db, "K2", "khu-dan-cu", "Thôn Hà Nội", "X2", &err), ANTT_OK);

	out[0] = '\0';
	assert_int_equal(unit_list(db, &f, collect, out, &err), ANTT_OK);
	assert_string_equal(out, "H X1 K1 X2 K2 ");
	out[0] = '\0';
	f.under = "X2";
	assert_int_equal(unit_list(db, &f, collect, out, &err), ANTT_OK);
	assert_string_equal(out, "X2 K2 ");
	out[0] = '\0';
	f.under = NULL;
	f.type = "Khu dân cư";
	assert_int_equal(unit_list(db, &f, collect, out, &err), ANTT_OK);
	assert_string_equal(out, "K1 K2 ");
	out[0] = '\0';
	f.type = NULL;
	f.search = "ha noi";
	assert_int_equal(unit_list(db, &f, collect, out, &err), ANTT_OK);
	assert_string_equal(out, "K2 ");
	out[0] = '\0';
	f.search = "dong";
	assert_int_equal(unit_list(db, &f, collect, out, &err), ANTT_OK);
	assert_string_equal(out, "K1 X2 "); /* tree order */
	tu_cleanup(db);
}

static void import_reads_excel_csv(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	unit_row u;
	int n = 0;
	(void)state;
	/* BOM, CRLF, a header, quoted fields with a comma and a quote */
	tu_write(tu_path("units.csv"),
		"\xEF\xBB\xBF" "code,parent_code,type,name,excluded\r\n"
		"K1,X1,Khu dân cư,\"Thôn Đông, Hạ\",\r\n"
		"X1,,xa,Xã Hòa Bình,0\r\n"
		"G1,X1,co so giao duc,\"Trường Tiểu học \"\"Kim Đồng\"\"\",1\r\n");
	assert_int_equal(unit_import_csv(db, tu_path("units.csv"), &n, &err), ANTT_OK);
	assert_int_equal(n, 3);
	assert_int_equal(unit_get(db, "K1", &u, &err), ANTT_OK);
	assert_string_equal(u.name, "Thôn Đông, Hạ");
	assert_string_equal(u.parent_code, "X1");
	assert_int_equal(unit_get(db, "G1", &u, &err), ANTT_OK);
	assert_string_equal(u.name, "Trường Tiểu học \"Kim Đồng\"");
	assert_int_equal(u.excluded, 1);
	tu_cleanup(db);
}

/* Each bad file: nothing is written and the message names the line. */
static void import_refuses_bad_files_whole(void **state)
{
	static const struct { const char *csv, *line, *what; } bad[] = {
		{ "X1,,xa,Xã 1\nX1,,xa,Xã 2\n", "dòng 2", "trùng với dòng 1" },
		{ "X1,,xa,Xã 1\nK1,X9,khu-dan-cu,Thôn\n", "dòng 2", "\"X9\" không có" },
		{ "X1,,xa,Xã 1\nA,B,khu-dan-cu,Thôn A\nB,A,khu-dan-cu,Thôn B\n", "dòng 2", "vòng lặp" },
		{ "X1,,xa,Xã 1\nK1,X1,làng,Thôn\n", "dòng 2", "loại đơn vị \"làng\" không có" },
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu\n", "dòng 2", "có 3 cột" },
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu,Thôn,có lẽ\n", "dòng 2", "excluded" },
		/* a flag is one of the listed words, not a word the key of which is one */
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu,Thôn,-1\n", "dòng 2", "cột excluded" },
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu,Thôn,1-\n", "dòng 2", "\"1-\"" },
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu,Thôn,_0\n", "dòng 2", "cột excluded" },
		{ "X1,,xa,Xã 1\nG1,X1,co-quan,Chi cục,0,-1\n", "dòng 2", "cột managed_above" },
		{ "X1,,xa,Xã 1\nG1,X1,co-quan,Chi cục,0,c-o\n", "dòng 2", "cột managed_above" },
		{ "X1,,xa,Xã 1\nK1,X1,khu-dan-cu,\"Thôn\n", "dòng 2", "ngoặc kép" },
		{ "X1,,xa,X\xe3 1\n", "dòng 1", "UTF-8" },
		{ "X0,,xa,Xã 0\n", "dòng 1", "đã có trong cơ sở dữ liệu" },
	};
	antt_db *db = tu_open();
	antt_err err = { "" };
	int n;
	(void)state;
	assert_int_equal(unit_add(db, "X0", "xa", "Xã có sẵn", NULL, &err), ANTT_OK);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		tu_write(tu_path("bad.csv"), bad[i].csv);
		n = -1;
		err.msg[0] = '\0';
		assert_int_not_equal(unit_import_csv(db, tu_path("bad.csv"), &n, &err), ANTT_OK);
		assert_int_equal(n, 0);
		assert_contains(err.msg, bad[i].line);
		assert_contains(err.msg, bad[i].what);
		assert_int_equal(tu_int(db, "SELECT count(*) FROM units"), 1);
	}
	tu_cleanup(db);
}

static void import_lists_every_bad_line(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	int n;
	(void)state;
	tu_write(tu_path("bad.csv"), "code,parent_code,type,name\nX1,,xa,Xã 1\nK1,X1,thon,A\nK2,X1,khu-dan-cu,\nK3,Q,khu-dan-cu,C\n");
	assert_int_equal(unit_import_csv(db, tu_path("bad.csv"), &n, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "3 lỗi");
	assert_contains(err.msg, "dòng 3");
	assert_contains(err.msg, "dòng 4");
	assert_contains(err.msg, "dòng 5");
	tu_cleanup(db);
}

/* Many long errors: the message holds whole lines only and says how many
 * more there are; the full list has every one (the screens show it). */
static void import_keeps_every_error(void **state)
{
	antt_db *db = tu_open();
	antt_err err = { "" };
	char csv[4096] = "code,parent_code,type,name\nH1,,huyen,H\n", *all = NULL;
	int n;
	(void)state;
	for (int i = 1; i <= 30; i++)
		snprintf(csv + strlen(csv), sizeof(csv) - strlen(csv), "X%d,H1,khong-co,Xã %d\n", i, i);
	tu_write(tu_path("many.csv"), csv);
	assert_int_equal(unit_import_csv_list(db, tu_path("many.csv"), &n, &all, &err), ANTT_ERR_CSV);
	assert_contains(err.msg, "30 lỗi");
	assert_contains(err.msg, "lỗi khác");
	assert_true(strstr(err.msg, "dòng 32") == NULL);
	assert_non_null(all);
	for (int line = 3; line <= 32; line++) {
		char want[32];
		snprintf(want, sizeof(want), "dòng %d: loại", line);
		assert_contains(all, want);
	}
	/* every line of the message is whole: none ends cut in a word */
	assert_true(err.msg[strlen(err.msg) - 1] != ' ');
	free(all);
	assert_int_equal(unit_import_csv_list(db, tu_path("many.csv"), &n, NULL, &err), ANTT_ERR_CSV);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_keeps_every_error),
		cmocka_unit_test(type_accepts_code_and_vietnamese_name),
		cmocka_unit_test(add_get_rename_and_audit),
		cmocka_unit_test(move_refuses_cycles),
		cmocka_unit_test(retire_merge_and_exclude),
		cmocka_unit_test(list_filters_and_searches_without_accents),
		cmocka_unit_test(import_reads_excel_csv),
		cmocka_unit_test(import_refuses_bad_files_whole),
		cmocka_unit_test(import_lists_every_bad_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
