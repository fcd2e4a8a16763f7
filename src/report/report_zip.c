/* The workbook's compression. libxlsxwriter 1.1.4 deflates every part of
 * the workbook at zlib's default level (6) and has no option for it; at
 * 30 provinces that is 70 MB of sheet XML and a third of the report's
 * time. zlib's fastest level (1) takes a third of that for a file about a
 * quarter larger (5.5 → 7 MB), every byte still the same for the same
 * workbook. So the one call that opens a part in the zip is taken on its
 * way: on Linux the executable's definition comes first in the dynamic
 * lookup and passes on to minizip's own (RTLD_NEXT, or through the
 * library's handle when it is opened by name: xlsx.h); in the static
 * Windows build the linker's --wrap sends the call here (windows.mk). */
#include "report_int.h"

#include <zlib.h>

#ifdef _WIN32
#define ZIP_OPEN __wrap_zipOpenNewFileInZip4_64
#define ZIP_REAL __real_zipOpenNewFileInZip4_64
#else
#include <dlfcn.h>
#define ZIP_OPEN zipOpenNewFileInZip4_64
#endif

/* minizip's zip.h (not installed with Debian's libxlsxwriter-dev): its
 * types spelled out — zipFile is a pointer, uInt/uLong zlib's */
typedef int zip_open_fn(void *file, const char *filename, const void *zipfi, const void *extra_local,
	uInt extra_local_size, const void *extra_global, uInt extra_global_size, const char *comment,
	int method, int level, int raw, int window_bits, int mem_level, int strategy, const char *password,
	uLong crc_for_crypting, uLong version_made_by, uLong flag_base, int zip64);

zip_open_fn ZIP_OPEN;
#ifdef _WIN32
zip_open_fn ZIP_REAL;
#endif

/* minizip's ZIP_INTERNALERROR: libxlsxwriter then reports the zip failed */
#define ZIP_FAILED (-104)

int ZIP_OPEN(void *file, const char *filename, const void *zipfi, const void *extra_local,
	uInt extra_local_size, const void *extra_global, uInt extra_global_size, const char *comment,
	int method, int level, int raw, int window_bits, int mem_level, int strategy, const char *password,
	uLong crc_for_crypting, uLong version_made_by, uLong flag_base, int zip64)
{
#ifdef _WIN32
	zip_open_fn *real = ZIP_REAL;
#else
	static zip_open_fn *real;

#ifdef ANTT_XLSX_SONAME
	if (!real)   /* the library was opened by name (xlsx.h) */
		*(void **)&real = xlsx_symbol("zipOpenNewFileInZip4_64");
#else
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
#endif
	if (!real)
		return ZIP_FAILED;
#endif
	if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION)
		level = REPORT_ZIP_LEVEL;
	return real(file, filename, zipfi, extra_local, extra_local_size, extra_global, extra_global_size, comment,
		method, level, raw, window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by,
		flag_base, zip64);
}

/* report.c calls this, so the definition above is linked wherever the
 * report is (a static archive would otherwise leave it out) */
int report_zip_level(void)
{
	return REPORT_ZIP_LEVEL;
}
