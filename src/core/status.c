/* Status messages, generated from the one table in status.h. */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A message longer than err->msg keeps its end: what is typed goes in the
 * middle of a sentence ("mã \"…\" không hợp lệ: cần …") and the end says
 * what is wrong or what to do, so a long typed word is cut in the middle
 * with "…" rather than the sentence at the buffer's end. Cuts fall between
 * UTF-8 characters. */
#define ERR_TAIL 400

static size_t utf8_back(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

antt_status err_set(antt_err *err, antt_status st, const char *fmt, ...)
{
	va_list ap, again;
	char *all;
	size_t head, tail;
	int len;

	if (!err)
		return st;
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(err->msg) && (all = malloc((size_t)len + 1)) != NULL) {
		vsnprintf(all, (size_t)len + 1, fmt, again);
		tail = (size_t)len - ERR_TAIL;
		while (tail < (size_t)len && ((unsigned char)all[tail] & 0xC0) == 0x80)
			tail++;
		head = utf8_back(all, sizeof(err->msg) - 1 - ((size_t)len - tail) - strlen("…"));
		snprintf(err->msg, sizeof(err->msg), "%.*s…%s", (int)head, all, all + tail);
		free(all);
	}
	va_end(again);
	return st;
}

void err_clear(antt_err *err)
{
	if (err)
		err->msg[0] = '\0';
}
