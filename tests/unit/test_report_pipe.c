/* report_pipe: the rows read on one thread reach the writing one whole, in
 * order, NULLs kept, past many batches and through a row far larger than
 * a batch; a writer that stops is never handed another row and the reader
 * hears it; and the report written on two threads is the report written
 * on one, byte for byte, with a failure on the writing side coming back
 * as the report's own, nothing left on disk. */
#include "testutil.h"
#include "demo.h"
#include "report/report.h"
#include "report/report_int.h"

#include <dirent.h>

static antt_err err;

#define OK(call) do { if ((call) != ANTT_OK) fail_msg("%s: %s", #call, err.msg); } while (0)

#define ROWS 2000
#define BIG (300 * 1024)

/* Row k's expected fields: some NULL, lengths varying, one very long. */
static void row_of(int k, char *a, size_t an, char *b, size_t bn, const char **s)
{
	snprintf(a, an, "hàng %d — Xã Đông Sơn %d", k, k * 7);
	if (k == 777) {
		memset(b, 'x', BIG);
		b[BIG] = '\0';
	} else {
		snprintf(b, bn, "%.*s", k % 97, "ghi chú dài ghi chú dài ghi chú dài ghi chú dài ghi chú dài ghi chú dài ghi chú");
	}
	s[0] = a;
	s[1] = k % 5 ? b : NULL;
	s[2] = k % 3 ? "" : NULL;
}

typedef struct {
	int seen;       /* rows written so far */
	int bad;        /* the first row that differed, + 1 */
	int stop_at;    /* stop when this row comes (-1: never) */
	char *b;
} sink;

static int check_row(const pipe_row *r, void *ctx)
{
	sink *k = ctx;
	char a[100];
	const char *s[3];

	if (k->stop_at >= 0 && k->seen > k->stop_at)
		k->bad = k->bad ? k->bad : k->seen + 1;   /* a row after the stop */
	row_of(k->seen, a, sizeof(a), k->b, BIG + 1, s);
	for (int c = 0; c < 3; c++)
		if (!s[c] != !r->s[c] || (s[c] && strcmp(s[c], r->s[c])))
			k->bad = k->bad ? k->bad : k->seen + 1;
	if (r->i[0] != k->seen || r->i[1] != -k->seen)
		k->bad = k->bad ? k->bad : k->seen + 1;
	return k->seen++ == k->stop_at;
}

static void rows_arrive_whole_and_in_order(void **state)
{
	char *b = malloc(BIG + 1), *mine = malloc(BIG + 1);
	(void)state;
	assert_non_null(b);
	assert_non_null(mine);
	for (int one = 0; one <= 1; one++) {
		sink k = { .stop_at = -1, .b = mine };
		report_pipe *p = NULL;
		char a[100];
		const char *s[3];

		assert_int_equal(report_pipe_open(&p, 3, one, check_row, &k), ANTT_OK);
		for (int r = 0; r < ROWS; r++) {
			int ints[PIPE_INTS] = { r, -r };
			row_of(r, a, sizeof(a), b, BIG + 1, s);
			assert_int_equal(report_pipe_put(p, s, ints), 0);
			/* the reader's buffers are its own again at once */
			memset(a, '?', sizeof(a) - 1);
			if (s[1] == b)
				b[0] = '?';
		}
		assert_int_equal(report_pipe_close(p), ANTT_OK);
		assert_int_equal(k.seen, ROWS);
		assert_int_equal(k.bad, 0);
	}
	free(b);
	free(mine);
}

static void a_stopped_writer_gets_nothing_more(void **state)
{
	char *b = malloc(BIG + 1), *mine = malloc(BIG + 1);
	(void)state;
	assert_non_null(b);
	for (int one = 0; one <= 1; one++) {
		sink k = { .stop_at = 300, .b = mine };
		report_pipe *p = NULL;
		int r, refused = 0;

		assert_int_equal(report_pipe_open(&p, 3, one, check_row, &k), ANTT_OK);
		for (r = 0; r < ROWS && !refused; r++) {
			char a[100];
			const char *s[3];
			int ints[PIPE_INTS] = { r, -r };
			row_of(r, a, sizeof(a), b, BIG + 1, s);
			refused = report_pipe_put(p, s, ints);
		}
		assert_true(refused);            /* the reader heard it ... */
		assert_true(r < ROWS);           /* ... and stopped reading */
		{   /* and every later row is refused too */
			const char *none[3] = { "x", NULL, NULL };
			assert_int_equal(report_pipe_put(p, none, NULL), 1);
		}
		assert_int_equal(report_pipe_close(p), ANTT_OK);
		assert_int_equal(k.seen, 301);
		assert_int_equal(k.bad, 0);
	}
	free(b);
	free(mine);
}

static int tick_row(const pipe_row *r, void *ctx)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

/* Rows of long notes (a unit's notes have no bound) go on before a batch
 * has its 256 rows: what the pipe holds stays near a megabyte a batch,
 * not 256 of them. Written in line (one thread), the rows seen tell. */
static void big_rows_go_on_sooner(void **state)
{
	char *b = malloc(BIG + 1);
	report_pipe *p = NULL;
	int seen = 0;
	(void)state;

	assert_non_null(b);
	memset(b, 'x', BIG);
	b[BIG] = '\0';
	assert_int_equal(report_pipe_open(&p, 1, 1, tick_row, &seen), ANTT_OK);
	for (int r = 0; r < 8; r++) {
		const char *s[1] = { b };
		assert_int_equal(report_pipe_put(p, s, NULL), 0);
	}
	assert_true(seen >= 4);   /* 4 × 300 KB: past a megabyte */
	assert_int_equal(report_pipe_close(p), ANTT_OK);
	assert_int_equal(seen, 8);
	free(b);
}

/* Three copies of the demo district: 800 units, many batches, sheets
 * begun mid-batch. */
static antt_db *three_districts(void)
{
	antt_db *db = tu_open();
	int units = 0;

	OK(demo_build_scaled(db, 0, 3, &units, &err));
	assert_true(units > 3 * 256);
	return db;
}

static void two_threads_write_what_one_writes(void **state)
{
	antt_db *db = three_districts();
	report_opts one = { .year = 2024, .path = tu_path("mot.xlsx"), .date = "2024-11-20", .one_thread = 1 };
	report_opts two = { .year = 2024, .path = tu_path("hai.xlsx"), .date = "2024-11-20" };
	report_info i1, i2;
	(void)state;

	OK(report_write(db, &one, &i1, &err));
	OK(report_write(db, &two, &i2, &err));
	assert_int_equal(i1.units, i2.units);
	assert_int_equal(i1.sheets, i2.sheets);
	assert_true(tu_same_files(one.path, two.path) > 10000);
	/* the Chưa đạt list read back by the temporary table is gone */
	assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'report_failed'"), 0);
	/* and under a commune (report --under): the same again */
	one.under = two.under = "X001";
	one.path = tu_path("mot-xa.xlsx");
	two.path = tu_path("hai-xa.xlsx");
	OK(report_write(db, &one, &i1, &err));
	OK(report_write(db, &two, &i2, &err));
	assert_true(i1.units > 0 && i1.units < 3 * 256);
	assert_int_equal(i1.units, i2.units);
	tu_same_files(one.path, two.path);
	tu_cleanup(db);
}

/* A sheet the writing thread cannot make (a type named as the report's
 * own "Tổng hợp" sheet): the report fails with what the writer said,
 * nothing is left in the folder, and the database is as it was. */
static void the_writers_failure_is_the_reports(void **state)
{
	antt_db *db = three_districts();
	report_info info;
	(void)state;

	assert_int_equal(sqlite3_exec(db->sql, "UPDATE unit_types SET name = 'Tổng hợp' WHERE code = 'co-quan'",
		NULL, NULL, NULL), SQLITE_OK);
	for (int one = 0; one <= 1; one++) {
		report_opts o = { .year = 2024, .path = tu_path("bc.xlsx"), .date = "2024-11-20", .one_thread = one };
		DIR *d;
		struct dirent *e;
		int others = 0;

		err.msg[0] = '\0';
		assert_int_not_equal(report_write(db, &o, &info, &err), ANTT_OK);
		assert_non_null(strstr(err.msg, "Tổng hợp"));
		assert_non_null(d = opendir(tu_dir));
		while ((e = readdir(d)))
			/* the temporary workbook is a dot file: counted too */
			others += (e->d_name[0] != '.' || !strncmp(e->d_name, ".antt-report-", 13)) &&
			          strncmp(e->d_name, "test.db", 7);
		closedir(d);
		assert_int_equal(others, 0);
		assert_int_equal(tu_int(db, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'report_failed'"), 0);
	}
	tu_cleanup(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rows_arrive_whole_and_in_order),
		cmocka_unit_test(a_stopped_writer_gets_nothing_more),
		cmocka_unit_test(big_rows_go_on_sooner),
		cmocka_unit_test(two_threads_write_what_one_writes),
		cmocka_unit_test(the_writers_failure_is_the_reports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
