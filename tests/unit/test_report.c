/* report: the Excel workbook is written whole or not at all (a temporary
 * file renamed), an existing file is kept unless forced, a year with
 * nothing in it is refused with nothing written, and the text for the
 * office's Word document says the year's results. The workbook's content is
 * read back by tests/report/check_report.py (tests/cli/test_report.sh). */
#include "testutil.h"
#include "answer.h"
#include "report/report.h"
#include "report/report_int.h"

#include <dirent.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static antt_db *season(void)
{
	antt_db *db = tu_commune(3);
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(answer_set(db, "K2", 2024, "4b", "không", NULL, -1, &err));
	tu_recognise(db, "K1", 2024);
	return db;
}

static int starts_with_zip(const char *path)
{
	char b[2] = { 0 };
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return 0;
	size_t n = fread(b, 1, 2, fp);
	fclose(fp);
	return n == 2 && b[0] == 'P' && b[1] == 'K';
}

/* Entries of the test folder other than the database's own files. */
static int others_in_dir(void)
{
	DIR *d = opendir(tu_dir);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' || strstr(e->d_name, ".tmp"))
			n += strncmp(e->d_name, "test.db", 7) != 0;
	closedir(d);
	return n;
}

/* Widths in hundredths of an em at 100 pt: ASCII from the font's table,
 * a Vietnamese letter as its base letter (a third wider when small, the
 * fallback font's), Đ and … as said, bold from its own table. */
static void letters_measure_as_the_font_draws_them(void **state)
{
	(void)state;
	assert_true(report_text_pt("Ab", 100, 0) == 72 + 50);
	assert_true(report_text_pt("Ab", 100, 1) == 72 + 56);
	assert_true(report_text_pt("ấ", 100, 0) == 44 * 135 / 100);
	assert_true(report_text_pt("Ơ", 100, 0) == 72 * 110 / 100);
	assert_true(report_text_pt("ư", 100, 1) == 56 * 135 / 100);
	assert_true(report_text_pt("Đđ", 100, 1) == 72 + 56);
	assert_true(report_text_pt("a…b", 100, 0) == 44 + 100 + 50);
	assert_true(report_text_pt("\xe4\xb8\xad", 100, 0) == 65);   /* 中: no base letter */
}

static void workbook_is_written_whole(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2024, .path = tu_path("bc.xlsx"), .date = "2024-12-01" };
	report_info info;
	(void)state;
	OK(report_write(db, &o, &info, &err));
	assert_true(starts_with_zip(o.path));
	assert_int_equal(info.units, 4);
	assert_int_equal(info.orphans, 0);
	assert_true(info.sheets >= 3);
	assert_int_equal(others_in_dir(), 1);
	o.summary_only = 1;
	o.path = tu_path("tong-hop.xlsx");
	OK(report_write(db, &o, &info, &err));
	assert_int_equal(info.sheets, 1);
	tu_cleanup(db);
}

static void existing_file_is_kept_unless_forced(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2024, .path = tu_path("bc.xlsx") };
	report_info info;
	(void)state;
	tu_write(o.path, "cũ");
	assert_int_equal(report_write(db, &o, &info, &err), ANTT_ERR_EXISTS);
	assert_false(starts_with_zip(o.path));
	o.force = 1;
	OK(report_write(db, &o, &info, &err));
	assert_true(starts_with_zip(o.path));
	tu_cleanup(db);
}

static void empty_year_and_bad_layout_write_nothing(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2019, .path = tu_path("bc.xlsx") };
	report_info info;
	(void)state;
	assert_int_equal(report_write(db, &o, &info, &err), ANTT_ERR_NOT_FOUND);
	assert_contains(err.msg, "năm 2019");
	o.year = 2024;
	tu_write(tu_path("l.yaml"), "title: [\n");
	o.layout = tu_path("l.yaml");
	assert_int_equal(report_write(db, &o, &info, &err), ANTT_ERR_FORM);
	assert_int_equal(others_in_dir(), 1);
	tu_cleanup(db);
}

static void text_says_the_results(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2024 };
	char *text = NULL;
	(void)state;
	OK(report_text(db, &o, &text, &err));
	assert_contains(text, "2024");
	assert_contains(text, "1/3 khu dân cư");
	assert_contains(text, "01/11/2023");
	free(text);
	tu_cleanup(db);
}

/* A word longer than a line is counted at its whole length: a pasted
 * code or link of 1,000 letters in a note got the rows of its first 511
 * bytes, and the print cut the rest off. */
static void a_long_word_counts_whole(void **state)
{
	char a[2401], d[2401];
	int half;
	(void)state;
	memset(a, 'a', 2400);
	a[2400] = '\0';
	for (int i = 0; i < 2400; i += 2)
		memcpy(d + i, "\xc4\x91", 2);   /* đ */
	d[2400] = '\0';
	half = report_lines(a + 1200, 60, 12, 0);
	assert_true(half > 2);
	assert_true(report_lines(a, 60, 12, 0) >= 2 * half - 1);
	assert_true(report_lines(d, 60, 12, 0) > report_lines(d + 1200, 60, 12, 0) + 2);
}

/* Another antt commits while the report is being read (here: the moment
 * the unit list's statement starts, from a second connection): the
 * workbook is the one written before the commit, byte for byte — the
 * summary and the lists under it come from one snapshot. */
typedef struct {
	sqlite3 *other;
	int done;
} meddler;

static int meddle(unsigned type, void *ctx, void *p, void *x)
{
	meddler *m = ctx;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	(void)type;
	(void)x;
	if (!m->done && sql && strstr(sql, "walk(id, top, depth)")) {
		m->done = 1;
		char *e = NULL;
		if (sqlite3_exec(m->other, "UPDATE units SET name = name || ' (đổi tên)'",
			NULL, NULL, &e) != SQLITE_OK)
			fail_msg("%s", e);
	}
	return 0;
}

static long slurp(const char *path, char *buf, long n)
{
	FILE *fp = fopen(path, "rb");
	long got;
	assert_non_null(fp);
	got = (long)fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return got;
}

static void a_commit_meanwhile_changes_nothing(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2024, .path = tu_path("truoc.xlsx"), .date = "2024-12-01" };
	report_info info;
	meddler m = { NULL, 0 };
	static char a[1 << 20], b[1 << 20];
	long na, nb;
	(void)state;

	OK(report_write(db, &o, &info, &err));
	assert_int_equal(sqlite3_open(tu_path("test.db"), &m.other), SQLITE_OK);
	sqlite3_busy_timeout(m.other, 5000);
	sqlite3_trace_v2(db->sql, SQLITE_TRACE_STMT, meddle, &m);
	o.path = tu_path("trong-khi.xlsx");
	OK(report_write(db, &o, &info, &err));
	sqlite3_trace_v2(db->sql, 0, NULL, NULL);
	assert_int_equal(m.done, 1);
	assert_true(sqlite3_get_autocommit(db->sql));   /* the read transaction is over */
	na = slurp(tu_path("truoc.xlsx"), a, sizeof(a));
	nb = slurp(o.path, b, sizeof(b));
	assert_true(na > 1000 && na < (long)sizeof(a));
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, (size_t)na);
	/* and the commit did land: the connection sees it now */
	assert_int_equal(tu_int(db, "SELECT count(*) FROM units WHERE name LIKE '%(đổi tên)'"),
		tu_int(db, "SELECT count(*) FROM units"));
	sqlite3_close(m.other);
	tu_cleanup(db);
}

/* A unit's notes longer than a cell holds (Excel's 32,767 characters):
 * libxlsxwriter refuses the string and the cell was left out without a
 * word; now the notes are cut, the cut said. Read back with unzip. */
static void a_long_note_is_cut_not_lost(void **state)
{
	antt_db *db = season();
	report_opts o = { .year = 2024, .path = tu_path("dai.xlsx"), .date = "2024-12-01" };
	report_info info;
	size_t n = 40000;
	char *note = malloc(n + 16), cmd[600], *xml = malloc(1 << 22);
	FILE *fp;
	size_t got;
	(void)state;

	assert_non_null(note);
	assert_non_null(xml);
	if (system("unzip -v >/dev/null 2>&1") != 0) {
		free(note);
		free(xml);
		tu_cleanup(db);
		skip();
	}
	strcpy(note, "ĐẦU ");
	memset(note + strlen(note), 'x', n);
	note[n] = '\0';
	OK(answer_set(db, "K2", 2024, "4b", "không", note, -1, &err));
	OK(report_write(db, &o, &info, &err));
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' 'xl/worksheets/sheet*.xml'", o.path);
	assert_non_null(fp = popen(cmd, "r"));
	got = fread(xml, 1, (1 << 22) - 1, fp);
	pclose(fp);
	xml[got] = '\0';
	assert_non_null(strstr(xml, "4b: ĐẦU xxx"));
	assert_non_null(strstr(xml, "xxx … (ghi chú còn dài hơn một ô Excel chứa được; xem đủ trong antt)"));
	free(note);
	free(xml);
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(letters_measure_as_the_font_draws_them),
		cmocka_unit_test(workbook_is_written_whole),
		cmocka_unit_test(existing_file_is_kept_unless_forced),
		cmocka_unit_test(empty_year_and_bad_layout_write_nothing),
		cmocka_unit_test(text_says_the_results),
		cmocka_unit_test(a_commit_meanwhile_changes_nothing),
		cmocka_unit_test(a_long_word_counts_whole),
		cmocka_unit_test(a_long_note_is_cut_not_lost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
