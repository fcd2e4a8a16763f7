/* A document promised as a new file never replaces one: the name is
 * chosen free, then (deterministically here, by calling the writer's
 * pieces in order) a file appears under it before the workbook is done —
 * another officer printing the same document on a shared folder, a second
 * antt. That file keeps its bytes; the workbook lands under the next free
 * name (the screens), or is refused in words that say so (-o without
 * --force), and only --force replaces. */
#include "testutil.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/doc.h"

#include <dirent.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

static const char signed_doc[] = "bản đã ký của người khác";

static int is_zip(const char *path)
{
	char b[2] = { 0 };
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(b, 1, 2, fp) : 0;

	if (fp)
		fclose(fp);
	return n == 2 && b[0] == 'P' && b[1] == 'K';
}

static int holds(const char *path, const char *text)
{
	char buf[256];
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(buf, 1, sizeof(buf) - 1, fp) : 0;

	if (fp)
		fclose(fp);
	buf[n] = '\0';
	return fp && !strcmp(buf, text);
}

/* no temporary file of the writer left in the folder */
static int temporaries(void)
{
	DIR *d = opendir(tu_dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".tmp") != NULL;
	closedir(d);
	return n;
}

/* The workbook opened on path, then another file written under path, then
 * the workbook closed in mode: its status. */
static antt_status race(antt_db *db, const char *path, int mode, writer *w)
{
	struct tm tm = { .tm_year = 124, .tm_mon = 11, .tm_mday = 1 };
	report_layout head = { 0 };

	memset(w, 0, sizeof(*w));
	w->db = db;
	w->year = 2024;
	w->l = &head;
	w->mode = mode;
	OK(report_target(db, path, mode, &err));
	OK(report_book_open(w, path, "Phiếu", &tm, &err));
	workbook_add_worksheet(w->wb, "Phiếu");
	tu_write(path, signed_doc);   /* the name is taken meanwhile */
	return report_book_close(w, ANTT_OK, path, &err);
}

/* N1: the screens' mode: the file under the chosen name stays, the
 * workbook goes to the next free one, and the writer says which */
static void taken_meanwhile_goes_to_the_next_free_name(void **state)
{
	antt_db *db = tu_open();
	writer w;
	(void)state;
	tu_write(tu_path("bien-ban-K1-2024-2.xlsx"), "bản số 2");
	OK(race(db, tu_path("bien-ban-K1-2024.xlsx"), BOOK_NEXT_FREE, &w));
	assert_true(holds(tu_path("bien-ban-K1-2024.xlsx"), signed_doc));
	assert_true(holds(tu_path("bien-ban-K1-2024-2.xlsx"), "bản số 2"));
	assert_true(is_zip(tu_path("bien-ban-K1-2024-3.xlsx")));
	assert_string_equal(w.done, tu_path("bien-ban-K1-2024-3.xlsx"));
	assert_int_equal(temporaries(), 0);
	tu_cleanup(db);
}

/* N2: -o without --force: refused, the other file kept, nothing left */
static void taken_meanwhile_is_refused_without_force(void **state)
{
	antt_db *db = tu_open();
	writer w;
	(void)state;
	assert_int_equal(race(db, tu_path("bao-cao.xlsx"), BOOK_NEW, &w), ANTT_ERR_EXISTS);
	assert_true(holds(tu_path("bao-cao.xlsx"), signed_doc));
	assert_contains(err.msg, "bao-cao.xlsx");
	assert_contains(err.msg, "tệp đã có");
	assert_contains(err.msg, "chưa ghi gì");
	assert_int_equal(temporaries(), 0);
	tu_cleanup(db);
}

/* N3: --force (and F5's "Ghi đè? c") still replaces, as asked */
static void force_still_replaces(void **state)
{
	antt_db *db = tu_open();
	writer w;
	(void)state;
	OK(race(db, tu_path("bao-cao.xlsx"), BOOK_REPLACE, &w));
	assert_true(is_zip(tu_path("bao-cao.xlsx")));
	assert_string_equal(w.done, tu_path("bao-cao.xlsx"));
	assert_int_equal(temporaries(), 0);
	tu_cleanup(db);
}

/* N4: through a document's own call: a taken name (before the start this
 * time) gives the next free one, reported in o.landed */
static void a_document_says_where_it_landed(void **state)
{
	antt_db *db = tu_commune(2);
	char landed[512] = "";
	doc_opts o = { .year = 2024, .type = "khu-dan-cu", .path = tu_path("phieu.xlsx"), .next_free = 1,
	               .landed = landed, .landed_n = sizeof(landed) };
	doc_info info;
	(void)state;
	tu_write(o.path, signed_doc);
	OK(doc_checklist(db, &o, &info, &err));
	assert_true(holds(o.path, signed_doc));
	assert_string_equal(landed, tu_path("phieu-2.xlsx"));
	assert_true(is_zip(landed));
	/* without next_free the same call is refused before any work */
	o.next_free = 0;
	assert_int_equal(doc_checklist(db, &o, &info, &err), ANTT_ERR_EXISTS);
	assert_true(holds(o.path, signed_doc));
	tu_cleanup(db);
}

/* N5: a report's own call likewise; landed is its path when free */
static void a_report_says_where_it_landed(void **state)
{
	antt_db *db = tu_commune(2);
	char landed[512] = "";
	report_opts o = { .year = 2024, .path = tu_path("bc.xlsx"), .next_free = 1, .landed = landed,
	                  .landed_n = sizeof(landed) };
	report_info info;
	(void)state;
	OK(answer_set(db, "K1", 2024, "*", "đạt", NULL, -1, &err));
	OK(report_write(db, &o, &info, &err));
	assert_string_equal(landed, o.path);
	OK(report_write(db, &o, &info, &err));
	assert_string_equal(landed, tu_path("bc-2.xlsx"));
	assert_true(is_zip(o.path) && is_zip(landed));
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(taken_meanwhile_goes_to_the_next_free_name),
		cmocka_unit_test(taken_meanwhile_is_refused_without_force),
		cmocka_unit_test(force_still_replaces),
		cmocka_unit_test(a_document_says_where_it_landed),
		cmocka_unit_test(a_report_says_where_it_landed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
