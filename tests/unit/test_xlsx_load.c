/* libxlsxwriter cannot be opened (removed with the package manager, or a
 * library of another version installed): a report or a document is
 * refused before any file is made, with a status of its own (not
 * ANTT_ERR_IO, which the screens read as a folder that cannot be written
 * and send the officer to pick another) and a message that names the
 * package and the command that puts it back. The loader is built here
 * with a library name no machine has, in place of libantt.a's. */
#include "testutil.h"
#include "report/doc.h"
#include "report/report.h"

#ifdef ANTT_XLSX_SONAME
#undef ANTT_XLSX_SONAME
#define ANTT_XLSX_SONAME "libxlsxwriter.so.9"
#define XLSX_SO_MISSING 1
#include "report/xlsx_load.c"
#endif

#include <dirent.h>

#ifdef XLSX_SO_MISSING
static antt_err err;
#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

/* the files in the test's folder but the database and its journal */
static int others(void)
{
	DIR *d = opendir(tu_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' ? strncmp(e->d_name, "test.db", 7) != 0 : strncmp(e->d_name, ".antt-report", 12) == 0;
	closedir(d);
	return n;
}

static void refused_says_what_to_do(void **state)
{
	antt_db *db;
	report_opts o = { .year = 2024 };
	doc_opts d = { .year = 2024, .unit = "K1" };
	report_info info;
	doc_info dinfo;

	(void)state;
	db = tu_commune(2);
	o.path = tu_path("bc.xlsx");
	d.path = tu_path("phieu.xlsx");
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	for (int k = 0; k < 2; k++) {   /* the second time as the first: nothing kept of the failure but it */
		antt_status s = k ? doc_checklist(db, &d, &dinfo, &err) : report_write(db, &o, &info, &err);
		print_message("# %s\n", err.msg);
		assert_int_equal(s, ANTT_ERR_LIBRARY);
		assert_non_null(strstr(err.msg, "libxlsxwriter.so.9"));   /* what is missing */
		assert_non_null(strstr(err.msg, "apt-get install --reinstall libxlsxwriter9"));   /* and how it comes back */
		assert_int_equal(others(), 0);   /* no file made, no temporary one left */
	}
	assert_null(xlsx_symbol("zipOpenNewFileInZip4_64"));
	tu_cleanup(db);
}
#else
static void refused_says_what_to_do(void **state)
{
	(void)state;
	skip();   /* linked (no shared library found when built): nothing is opened */
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refused_says_what_to_do),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
