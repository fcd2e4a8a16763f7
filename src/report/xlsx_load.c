/* libxlsxwriter opened when the first workbook is made (xlsx.h says why).
 * RTLD_NOW: a function missing from the library is found here, with a
 * message, not in the middle of a report; the library is never closed
 * (a later report uses it again). Not opened: ANTT_ERR_LIBRARY, not
 * ANTT_ERR_IO, which the screens take for a folder that cannot be
 * written; the message names the package and the command that puts it
 * back. */
#define XLSX_LOADER
#include "xlsx.h"

#ifdef ANTT_XLSX_SONAME

#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct xlsx_functions xlsx_fn;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *lib;
static char failed[512];   /* why the load failed; "" when it did not */

static void load_once(void)
{
	const char *why;

	if (!(lib = dlopen(ANTT_XLSX_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		why = dlerror();
		snprintf(failed, sizeof(failed), "%s", why ? why : ANTT_XLSX_SONAME);
		return;
	}
#define XLSX_LOOKUP(f) \
	if (!failed[0] && !(*(void **)&xlsx_fn.f = dlsym(lib, #f))) \
		snprintf(failed, sizeof(failed), "%s: không có hàm %s", ANTT_XLSX_SONAME, #f);
	XLSX_FUNCTIONS(XLSX_LOOKUP)
#undef XLSX_LOOKUP
}

/* The Debian package of a library: its name and version out of the
 * SONAME ("libxlsxwriter.so.4": libxlsxwriter4; a name ending in a digit
 * takes a '-' before the version, Debian's rule). */
static void package_of(const char *soname, char *out, size_t n)
{
	const char *so = strstr(soname, ".so.");
	int len = so ? (int)(so - soname) : (int)strlen(soname);

	snprintf(out, n, "%.*s%s%s", len, soname, so && len && isdigit((unsigned char)soname[len - 1]) ? "-" : "",
		so ? so + 4 : "");
}

antt_status xlsx_load(antt_err *err)
{
	char package[128];

	pthread_once(&once, load_once);
	if (!failed[0])
		return ANTT_OK;
	package_of(ANTT_XLSX_SONAME, package, sizeof(package));
	return err_set(err, ANTT_ERR_LIBRARY, "máy thiếu thư viện ghi tệp Excel %s, chưa ghi gì. Nhờ người quản trị "
		"máy cài lại bằng lệnh: sudo apt-get install --reinstall %s (chi tiết: %s)", ANTT_XLSX_SONAME, package,
		failed);
}

void *xlsx_symbol(const char *name)
{
	return lib ? dlsym(lib, name) : NULL;
}

#else

antt_status xlsx_load(antt_err *err)
{
	(void)err;
	return ANTT_OK;
}

#endif
