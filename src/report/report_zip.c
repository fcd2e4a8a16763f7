/* The workbook's compression. libxlsxwriter 1.1.4 deflates every part of
 * the workbook at zlib's default level (6), on the one thread, and has no
 * option for either; at 30 provinces that is 70 MB of sheet XML and a
 * third of the report's time. So the three calls that open, write and
 * close a part in the zip are taken on their way to minizip: the part is
 * opened raw, at zlib's fastest level (1: a third of the time for a file
 * about a quarter larger, 5.5 → 7 MB), deflated on both cores
 * (report_deflate.c), and minizip is told its size and CRC at close. On
 * Linux the executable's definitions come first in the dynamic lookup and
 * pass on to minizip's own (RTLD_NEXT, or through the library's handle
 * when it is opened by name: xlsx.h); in the static Windows build the
 * linker's --wrap sends the calls here (windows.mk). */
#include "report_int.h"

#include <limits.h>
#include <zlib.h>

#ifdef _WIN32
#define ZIP_OPEN __wrap_zipOpenNewFileInZip4_64
#define ZIP_WRITE __wrap_zipWriteInFileInZip
#define ZIP_CLOSE __wrap_zipCloseFileInZip
#define TMPFILE __wrap_lxw_tmpfile
#else
#include <dlfcn.h>
#define ZIP_OPEN zipOpenNewFileInZip4_64
#define ZIP_WRITE zipWriteInFileInZip
#define ZIP_CLOSE zipCloseFileInZip
#define TMPFILE lxw_tmpfile
#endif

/* minizip's zip.h (not installed with Debian's libxlsxwriter-dev): its
 * types spelled out — zipFile is a pointer, uInt/uLong zlib's, ZPOS64_T
 * 64 bits */
typedef int zip_open_fn(void *file, const char *filename, const void *zipfi, const void *extra_local,
	uInt extra_local_size, const void *extra_global, uInt extra_global_size, const char *comment,
	int method, int level, int raw, int window_bits, int mem_level, int strategy, const char *password,
	uLong crc_for_crypting, uLong version_made_by, uLong flag_base, int zip64);
typedef int zip_write_fn(void *file, const void *buf, unsigned len);
typedef int zip_close_fn(void *file);
typedef int zip_close_raw_fn(void *file, unsigned long long uncompressed_size, uLong crc);

typedef FILE *tmpfile_fn(char *tmpdir);

zip_open_fn ZIP_OPEN;
zip_write_fn ZIP_WRITE;
zip_close_fn ZIP_CLOSE;
tmpfile_fn TMPFILE;
#ifdef _WIN32
zip_open_fn __real_zipOpenNewFileInZip4_64;
zip_write_fn __real_zipWriteInFileInZip;
zip_close_fn __real_zipCloseFileInZip;
zip_close_raw_fn zipCloseFileInZipRaw64;
tmpfile_fn __real_lxw_tmpfile;
#endif

/* minizip's ZIP_OK and ZIP_INTERNALERROR: libxlsxwriter then reports the
 * zip failed */
#define ZIP_OK 0
#define ZIP_FAILED (-104)

static struct {
	zip_open_fn *open;
	zip_write_fn *write;
	zip_close_fn *close;
	zip_close_raw_fn *close_raw;
	tmpfile_fn *tmpfile;
} real;

/* the part deflated here, while one is open; zip_rc: minizip's failure
 * writing it, given back as minizip's own (a full disk is ZIP_ERRNO, which
 * libxlsxwriter tells from its other errors) */
static struct {
	void *file;
	report_deflate *d;
	int zip_rc;
} part;

static int one_thread;

void report_zip_one_thread(int on)
{
	one_thread = on;
}

#ifndef _WIN32
static void *next_symbol(const char *name)
{
#ifdef ANTT_XLSX_SONAME
	return xlsx_symbol(name);   /* the library was opened by name (xlsx.h) */
#else
	return dlsym(RTLD_NEXT, name);
#endif
}
#endif

static int find_real(void)
{
#ifdef _WIN32
	real.open = __real_zipOpenNewFileInZip4_64;
	real.write = __real_zipWriteInFileInZip;
	real.close = __real_zipCloseFileInZip;
	real.close_raw = zipCloseFileInZipRaw64;
	real.tmpfile = __real_lxw_tmpfile;
#else
	if (!real.open) {
		*(void **)&real.write = next_symbol("zipWriteInFileInZip");
		*(void **)&real.close = next_symbol("zipCloseFileInZip");
		*(void **)&real.close_raw = next_symbol("zipCloseFileInZipRaw64");
		*(void **)&real.tmpfile = next_symbol("lxw_tmpfile");
		*(void **)&real.open = next_symbol("zipOpenNewFileInZip4_64");
	}
#endif
	return real.open && real.write && real.close && real.close_raw && real.tmpfile;
}

/* report_deflate's output: the part's deflated bytes, to minizip as they
 * are (the part is open raw); nothing once the part is given up */
static int put_raw(void *ctx, const void *buf, size_t n)
{
	const char *p = buf;

	(void)ctx;
	while (n) {
		unsigned k = n > UINT_MAX / 2 ? UINT_MAX / 2 : (unsigned)n;
		int rc;
		if (!part.file)
			return -1;
		if ((rc = real.write(part.file, p, k)) < 0) {
			part.zip_rc = rc;
			return -1;
		}
		p += k;
		n -= k;
	}
	return 0;
}

/* A part left open (libxlsxwriter stopped in the middle of one): its
 * thread stopped and its memory freed, nothing more written. */
static void give_up(void)
{
	report_deflate *d = part.d;

	part.file = NULL;
	part.d = NULL;
	report_deflate_close(d, NULL, NULL);
}

int ZIP_OPEN(void *file, const char *filename, const void *zipfi, const void *extra_local,
	uInt extra_local_size, const void *extra_global, uInt extra_global_size, const char *comment,
	int method, int level, int raw, int window_bits, int mem_level, int strategy, const char *password,
	uLong crc_for_crypting, uLong version_made_by, uLong flag_base, int zip64)
{
	int rc;

	if (!find_real())
		return ZIP_FAILED;
	if (part.d)
		give_up();
	if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION)
		level = REPORT_ZIP_LEVEL;
	/* the level still goes to minizip: it writes it into the part's flags */
	part.zip_rc = ZIP_OK;
	if (method == Z_DEFLATED && !raw && !password && window_bits == -MAX_WBITS &&
	    (part.d = report_deflate_open(level, mem_level, strategy, !one_thread, put_raw, NULL))) {
		rc = real.open(file, filename, zipfi, extra_local, extra_local_size, extra_global, extra_global_size,
			comment, method, level, 1, window_bits, mem_level, strategy, password, crc_for_crypting,
			version_made_by, flag_base, zip64);
		if (rc == ZIP_OK)
			part.file = file;
		else
			give_up();
		return rc;
	}
	return real.open(file, filename, zipfi, extra_local, extra_local_size, extra_global, extra_global_size,
		comment, method, level, raw, window_bits, mem_level, strategy, password, crc_for_crypting,
		version_made_by, flag_base, zip64);
}

int ZIP_WRITE(void *file, const void *buf, unsigned len)
{
	if (!find_real())
		return ZIP_FAILED;
	if (!part.d || file != part.file)
		return real.write(file, buf, len);
	if (report_deflate_write(part.d, buf, len) == 0)
		return ZIP_OK;
	give_up();
	return part.zip_rc != ZIP_OK ? part.zip_rc : ZIP_FAILED;
}

int ZIP_CLOSE(void *file)
{
	unsigned long long total;
	unsigned long crc;
	int rc, closed;

	if (!find_real())
		return ZIP_FAILED;
	if (!part.d || file != part.file)
		return real.close(file);
	rc = report_deflate_close(part.d, &total, &crc);
	part.d = NULL;
	part.file = NULL;
	/* closed in any case: minizip's part is then ended */
	if ((closed = real.close_raw(file, total, crc)) != ZIP_OK)
		return closed;
	if (rc != 0)
		return part.zip_rc != ZIP_OK ? part.zip_rc : ZIP_FAILED;
	return ZIP_OK;
}

/* While a workbook closes, libxlsxwriter writes each part to a temporary
 * file through a stdio buffer of one disk block, copying a streamed sheet
 * into it 4 KiB at a time and reading it back for the zip: at 30
 * provinces 70 MB, some 20,000 write()s and read()s. The files it opens
 * then get a larger buffer, freed when the workbook is closed
 * (report_zip_packing(0)): every such file is closed by then. */
#define PACK_BUFFER (64 * 1024)

static struct {
	int on;
	char **buf;
	size_t n;
} pack;

void report_zip_packing(int on)
{
	/* a part libxlsxwriter left open (it stops in the middle of one on a
	 * read error) and minizip closed without us (the static Windows build:
	 * zipClose's own call is not wrapped): its thread and memory let go */
	if (!on && part.d)
		give_up();
	if (!on) {
		for (size_t i = 0; i < pack.n; i++)
			free(pack.buf[i]);
		free(pack.buf);
		pack.buf = NULL;
		pack.n = 0;
	}
	pack.on = on;
}

FILE *TMPFILE(char *tmpdir)
{
	FILE *f;
	char **more;

	if (!find_real() || !(f = real.tmpfile(tmpdir)))
		return NULL;
	/* nothing is written yet, so the buffer can still be set; without
	 * memory, the default one: slower, the same bytes */
	if (pack.on && (more = realloc(pack.buf, (pack.n + 1) * sizeof(*more)))) {
		pack.buf = more;
		if ((more[pack.n] = malloc(PACK_BUFFER)) && setvbuf(f, more[pack.n], _IOFBF, PACK_BUFFER) == 0)
			pack.n++;
		else
			free(more[pack.n]);
	}
	return f;
}

/* report.c calls this, so the definitions above are linked wherever the
 * report is (a static archive would otherwise leave them out) */
int report_zip_level(void)
{
	return REPORT_ZIP_LEVEL;
}
