/* The command line's output made safe to show: stdout and stderr pass
 * through a filter that turns control characters (ESC, C1, NUL, DEL, CR
 * ...) into '?', keeping line breaks and tabs, so a name from the
 * database, a CSV cell or a package's sender text can never drive the
 * terminal. Only for the command line: the screens write curses' own
 * escape sequences. */
#include <stdio.h>
#include "cli.h"
#include "platform.h"

#include <errno.h>
#include <unistd.h>

struct sink {
	int fd;
	int held;        /* a 0xC2 byte waiting to see if a C1 control follows */
};

static struct sink out_sink = { STDOUT_FILENO, 0 }, err_sink = { STDERR_FILENO, 0 };

static int put_all(int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t sink_write(void *c, const char *buf, size_t n)
{
	struct sink *s = c;
	char out[4096];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)buf[i];

		if (s->held) {
			s->held = 0;
			if (ch >= 0x80 && ch <= 0x9F) {
				out[k++] = '?';
				continue;
			}
			out[k++] = (char)0xC2;
		}
		if (ch == 0xC2) {
			s->held = 1;
			continue;
		}
		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F)
			ch = '?';
		out[k++] = (char)ch;
		if (k >= sizeof(out) - 2) {
			if (put_all(s->fd, out, k) < 0)
				return -1;
			k = 0;
		}
	}
	if (k && put_all(s->fd, out, k) < 0)
		return -1;
	return (ssize_t)n;
}

static int sink_close(void *c)
{
	struct sink *s = c;
	return s->held ? put_all(s->fd, "?", 1) : 0;
}

void cli_safe_output(void)
{
	platform_filter_stdio(sink_write, sink_close, &out_sink, &err_sink, &out_sink.fd, &err_sink.fd);
}
