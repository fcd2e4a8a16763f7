/* report_deflate: a part deflated in chunks on two threads is one raw
 * deflate stream that inflates to the part, whatever the sizes it came in
 * (empty, a byte, just under, at and over a chunk, many chunks, data that
 * will not shrink); its size and CRC-32 are the part's; the bytes are the
 * same on one thread and on two; the chunks' dictionaries keep it as small
 * as one stream would be; and a failing writer is heard, not ignored.
 * And the temporary files libxlsxwriter opens while a workbook closes
 * are buffered in 64 KiB, not in one disk block. Every check holds for
 * zlib and ISA-L alike (the part is inflated by zlib). */
#include "testutil.h"
#include "report/report_int.h"
#include "report/xlsx.h"

#include <sys/stat.h>
#include <zlib.h>
#ifdef ANTT_ISAL_SONAME
#include <isa-l/igzip_lib.h>
#endif

#define CHUNK (128 * 1024)

typedef struct {
	unsigned char *p;
	size_t n, cap;
	int calls, fail_at;   /* put fails on call fail_at (0: never) */
} sink;

static int put(void *ctx, const void *buf, size_t n)
{
	sink *k = ctx;

	if (++k->calls == k->fail_at)
		return 1;
	if (k->n + n > k->cap) {
		k->cap = (k->n + n) * 2;
		assert_non_null(k->p = realloc(k->p, k->cap));
	}
	memcpy(k->p + k->n, buf, n);
	k->n += n;
	return 0;
}

/* A sheet's XML, numbers varying, then (noise) bytes that do not shrink. */
static unsigned char *part(size_t n, int noise)
{
	unsigned char *p = malloc(n + 1);
	size_t at = 0;
	unsigned x = 12345;

	assert_non_null(p);
	for (int r = 0; at < n; r++) {
		char row[160];
		int len = snprintf(row, sizeof(row), "<row r=\"%d\"><c r=\"A%d\" s=\"3\" t=\"s\"><v>%d</v></c>"
			"<c r=\"B%d\"><v>%d</v></c></row>", r, r, r * 7 % 1000, r, r % 13);
		for (int k = 0; k < len && at < n; k++) {
			x = x * 1103515245u + 12345u;
			p[at++] = noise ? (unsigned char)(x >> 16) : (unsigned char)row[k];
		}
	}
	return p;
}

/* Deflate p in pieces of the sizes given in turn (0: all at once). */
static int deflate_part(const unsigned char *p, size_t n, int threads, const size_t *pieces, sink *k,
                        unsigned long long *total, unsigned long *crc)
{
	report_deflate *d = report_deflate_open(1, 8, Z_DEFAULT_STRATEGY, threads, put, k);
	size_t at = 0;
	int rc = 0;

	assert_non_null(d);
	for (int i = 0; at < n; i++) {
		size_t take = pieces && pieces[i % 5] ? pieces[i % 5] : n - at;
		if (take > n - at)
			take = n - at;
		if (report_deflate_write(d, p + at, take))
			rc = -1;
		at += take;
	}
	return report_deflate_close(d, total, crc) || rc ? -1 : 0;
}

static void inflates_to(const sink *k, const unsigned char *p, size_t n)
{
	z_stream z = { 0 };
	unsigned char *back = malloc(n + 1);

	assert_non_null(back);
	assert_int_equal(inflateInit2(&z, -MAX_WBITS), Z_OK);
	z.next_in = k->p;
	z.avail_in = (uInt)k->n;
	z.next_out = back;
	z.avail_out = (uInt)n + 1;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.avail_in, 0);   /* nothing after the final block */
	assert_int_equal(z.total_out, n);
	assert_memory_equal(back, p, n);
	inflateEnd(&z);
	free(back);
}

static void parts_of_every_size_inflate_whole(void **state)
{
	const size_t sizes[] = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17, 5 * 1024 * 1024 };
	const size_t odd[5] = { 1, 7, 4096, 100003, CHUNK };

	(void)state;
	for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++)
		for (int noise = 0; noise < 2; noise++) {
			unsigned char *p = part(sizes[s], noise);
			unsigned long want = crc32(0L, p, (uInt)sizes[s]);
			sink one = { 0 }, two = { 0 }, odd_two = { 0 };
			unsigned long long total;
			unsigned long crc;

			assert_int_equal(deflate_part(p, sizes[s], 0, NULL, &one, &total, &crc), 0);
			assert_int_equal(total, sizes[s]);
			assert_int_equal(crc, want);
			inflates_to(&one, p, sizes[s]);

			assert_int_equal(deflate_part(p, sizes[s], 1, NULL, &two, &total, &crc), 0);
			assert_int_equal(total, sizes[s]);
			assert_int_equal(crc, want);
			assert_int_equal(two.n, one.n);
			assert_memory_equal(two.p, one.p, one.n);

			assert_int_equal(deflate_part(p, sizes[s], 1, odd, &odd_two, &total, &crc), 0);
			assert_int_equal(total, sizes[s]);
			assert_int_equal(crc, want);
			assert_int_equal(odd_two.n, one.n);
			assert_memory_equal(odd_two.p, one.p, one.n);

			free(one.p);
			free(two.p);
			free(odd_two.p);
			free(p);
		}
}

/* Each chunk's stream is primed with the 32 KiB before it: cut into 40
 * chunks, a sheet comes out within 2 % of one stream's size, of the same
 * engine (without the dictionaries, each chunk would start with nothing
 * to match against: with ISA-L 3 % larger, with zlib more). */
static void chunks_cost_little_over_one_stream(void **state)
{
	size_t n = 40 * CHUNK;
	unsigned char *p = part(n, 0);
	sink k = { 0 };
	z_stream z = { 0 };
	unsigned char *one = malloc(n);
	size_t one_n;

	(void)state;
	assert_non_null(one);
#ifdef ANTT_ISAL_SONAME
	/* against one stream of the engine that deflates the chunks */
	if (!strcmp(report_deflate_engine(), "isa-l")) {
		struct isal_zstream *is = malloc(sizeof(*is));
		unsigned char *buf = malloc(ISAL_DEF_LVL1_SMALL);
		assert_non_null(is);
		assert_non_null(buf);
		isal_deflate_init(is);
		is->level = 1;
		is->level_buf = buf;
		is->level_buf_size = ISAL_DEF_LVL1_SMALL;
		is->gzip_flag = IGZIP_DEFLATE;
		is->end_of_stream = 1;
		is->next_in = p;
		is->avail_in = (uint32_t)n;
		is->next_out = one;
		is->avail_out = (uint32_t)n;
		assert_int_equal(isal_deflate(is), COMP_OK);
		assert_int_equal(is->internal_state.state, ZSTATE_END);
		one_n = is->total_out;
		free(buf);
		free(is);
	} else
#endif
	{
		assert_int_equal(deflateInit2(&z, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
		z.next_in = p;
		z.avail_in = (uInt)n;
		z.next_out = one;
		z.avail_out = (uInt)n;
		assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
		one_n = z.total_out;
		deflateEnd(&z);
	}

	assert_int_equal(deflate_part(p, n, 1, NULL, &k, NULL, NULL), 0);
	inflates_to(&k, p, n);
	print_message("chunked %zu bytes, one stream %zu (%s)\n", k.n, one_n, report_deflate_engine());
	assert_true(k.n <= one_n + one_n / 50);
	free(k.p);
	free(one);
	free(p);
}

/* put failing at its first, a middle and its last call: write or close
 * says so, on one thread and on two, and nothing after is believed. */
static void a_failing_writer_is_heard(void **state)
{
	size_t n = 6 * CHUNK + 5;
	unsigned char *p = part(n, 0);
	sink all = { 0 };

	(void)state;
	assert_int_equal(deflate_part(p, n, 0, NULL, &all, NULL, NULL), 0);
	for (int threads = 0; threads < 2; threads++)
		for (int at = 1; at <= all.calls; at++) {
			sink k = { .fail_at = at };
			assert_int_equal(deflate_part(p, n, threads, NULL, &k, NULL, NULL), -1);
			assert_true(k.n < all.n);
			free(k.p);
		}
	free(all.p);
	free(p);
}

/* Closing without a write gives an empty part: one empty final block. */
static void close_at_once_is_an_empty_part(void **state)
{
	sink k = { 0 };
	unsigned long long total = 99;
	unsigned long crc = 99;
	report_deflate *d = report_deflate_open(1, 8, Z_DEFAULT_STRATEGY, 1, put, &k);

	(void)state;
	assert_non_null(d);
	assert_int_equal(report_deflate_close(d, &total, &crc), 0);
	assert_int_equal(total, 0);
	assert_int_equal(crc, 0);
	inflates_to(&k, (const unsigned char *)"", 0);
	assert_int_equal(report_deflate_close(NULL, NULL, NULL), -1);
	free(k.p);
	/* below memory level 8 a chunk could outgrow its buffer: refused,
	 * and report_zip.c leaves the part to minizip */
	assert_null(report_deflate_open(1, 7, Z_DEFAULT_STRATEGY, 1, put, &k));
}

/* 8 KiB in small writes: with packing on none of it has reached the
 * file yet; off (the default buffer), most of it has. */
static off_t on_disk_after_8k(int packing)
{
	FILE *f;
	struct stat st;
	char line[100];

	report_zip_packing(packing);
	assert_non_null(f = lxw_tmpfile(NULL));
	memset(line, 'x', sizeof(line));
	for (int k = 0; k < 82; k++)
		assert_int_equal(fwrite(line, 1, sizeof(line), f), sizeof(line));
	assert_int_equal(fstat(fileno(f), &st), 0);
	fclose(f);
	report_zip_packing(0);   /* frees the buffer: under ASan, a leak otherwise */
	return st.st_size;
}

static void packing_files_get_a_larger_buffer(void **state)
{
	(void)state;
	assert_int_equal(on_disk_after_8k(1), 0);
	assert_true(on_disk_after_8k(0) >= 4096);
}

/* Built where ISA-L is, the parts are deflated by it: not a silent
 * fall back to zlib (four times slower) on a machine that has it. */
static void isal_where_built_with_it(void **state)
{
	(void)state;
#ifdef ANTT_ISAL_SONAME
	assert_string_equal(report_deflate_engine(), "isa-l");
#else
	assert_string_equal(report_deflate_engine(), "zlib");
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parts_of_every_size_inflate_whole),
		cmocka_unit_test(chunks_cost_little_over_one_stream),
		cmocka_unit_test(a_failing_writer_is_heard),
		cmocka_unit_test(close_at_once_is_an_empty_part),
		cmocka_unit_test(packing_files_get_a_larger_buffer),
		cmocka_unit_test(isal_where_built_with_it),
	};
	antt_err err;

	/* zlib is taken from the library report writing opens */
	if (xlsx_load(&err) != ANTT_OK) {
		print_message("%s\n", err.msg);
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
