/* libxlsxwriter opened when the first workbook is made (xlsx.h says why).
 * RTLD_NOW: a function missing from the library is found here, with a
 * message, not in the middle of a report; the library is never closed
 * (a later report uses it again). */
#define XLSX_LOADER
#include "xlsx.h"

#ifdef ANTT_XLSX_SONAME

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

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

antt_status xlsx_load(antt_err *err)
{
	pthread_once(&once, load_once);
	if (failed[0])
		return err_set(err, ANTT_ERR_IO, "không nạp được thư viện ghi tệp Excel (%s); "
			"cài lại gói libxlsxwriter4", failed);
	return ANTT_OK;
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
