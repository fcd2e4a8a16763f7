/* The command line's output made safe to show: stdout and stderr pass
 * through a filter that turns control characters (ESC, C1, NUL, DEL, CR
 * ...) into '?', keeping line breaks and tabs, so a name from the
 * database, a CSV cell or a package's sender text can never drive the
 * terminal. Only for the command line: the screens write curses' own
 * escape sequences. A message quoting a word the user typed (a code with
 * ESC [2J and a line break in it) shows that word escaped, so it reads as
 * typed and forges no line of its own (cli_message). */
#include <stdio.h>
#include "cli.h"
#include "platform.h"

#include <errno.h>
#include <string.h>
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

/* --- the words typed ------------------------------------------------------ */

static char **typed;
static int n_typed;

void cli_typed(int argc, char **argv)
{
	typed = argv;
	n_typed = argc;
}

/* A word holds a byte that would drive the terminal or break the line. */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			return 1;
	return 0;
}

/* w written visibly: a line break as \n, a tab as \t, any other control
 * byte (ESC, DEL, a C1's two bytes) as \xNN. */
static void put_visible(FILE *out, const char *w)
{
	for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
		int c1 = *p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7F || c1) {
			fprintf(out, "\\x%02x", *p);
			if (c1)
				fprintf(out, "\\x%02x", *++p);
		} else
			fputc(*p, out);
	}
}

void cli_message(FILE *out, const char *msg)
{
	while (*msg) {
		const char *hit = NULL, *word = NULL;
		/* the earliest typed word with a control byte in what is left */
		for (int i = 0; i < n_typed; i++) {
			const char *at;
			if (!typed[i][0] || !has_control(typed[i]) || !(at = strstr(msg, typed[i])))
				continue;
			if (!hit || at < hit || (at == hit && strlen(typed[i]) > strlen(word))) {
				hit = at;
				word = typed[i];
			}
		}
		if (!hit) {
			fputs(msg, out);
			return;
		}
		fwrite(msg, 1, (size_t)(hit - msg), out);
		put_visible(out, word);
		msg = hit + strlen(word);
	}
}
