/* Status messages, generated from the one table in status.h. */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const messages[] = {
#define X(name, msg) msg,
	ANTT_STATUS_LIST(X)
#undef X
};

const char *antt_strerror(antt_status st)
{
	if ((int)st < 0 || st >= ANTT_STATUS_COUNT)
		return "lỗi không xác định";
	return messages[st];
}

antt_status err_set(antt_err *err, antt_status st, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return st;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return st;
}

void err_clear(antt_err *err)
{
	if (err)
		err->msg[0] = '\0';
}
