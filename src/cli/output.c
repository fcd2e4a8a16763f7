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
#include <unistr.h>

struct sink {
	int fd;
	int held;        /* a 0xC2 byte waiting to see if a C1 control follows */
	size_t n_part;   /* the first bytes of a letter whose rest is to come */
	char part[4];
};

static struct sink out_sink = { .fd = STDOUT_FILENO }, err_sink = { .fd = STDERR_FILENO };

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

/* Write out[0..k) up to its last whole letter and keep the bytes of one
 * begun at its end for the next write: stdio hands the filter pieces of a
 * fixed size, and a Windows console shows a letter split between two
 * writes as two replacement characters. Bytes that are not UTF-8 go as
 * they are. */
static int put_whole(struct sink *s, const char *out, size_t k)
{
	size_t lead = k, need = 0;

	for (size_t back = 1; back <= 3 && back <= k; back++) {
		unsigned char c = (unsigned char)out[k - back];
		if (c < 0x80 || c >= 0xC0) {
			lead = k - back;
			need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			break;
		}
	}
	if (need <= k - lead || need > 4)
		lead = k;
	s->n_part = k - lead;
	memcpy(s->part, out + lead, s->n_part);
	return lead ? put_all(s->fd, out, lead) : 0;
}

static ssize_t sink_write(void *c, const char *buf, size_t n)
{
	struct sink *s = c;
	char out[4096];
	size_t k = s->n_part;

	memcpy(out, s->part, k);
	s->n_part = 0;
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
			if (put_whole(s, out, k) < 0)
				return -1;
			memcpy(out, s->part, s->n_part);
			k = s->n_part;
			s->n_part = 0;
		}
	}
	if (k && put_whole(s, out, k) < 0)
		return -1;
	return (ssize_t)n;
}

/* At the end, what is held goes as it is: a letter never finished, and a
 * lone 0xC2 as '?' */
static int sink_close(void *c)
{
	struct sink *s = c;

	if (s->n_part && put_all(s->fd, s->part, s->n_part) < 0)
		return -1;
	s->n_part = 0;
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

/* A word holds a byte that would drive the terminal or break the line, or
 * bytes that are not UTF-8 (another code page's: shown as \xNN, not as
 * whatever the terminal makes of them). */
static int has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			return 1;
	return u8_check((const uint8_t *)s, strlen(s)) != NULL;
}

/* The first n bytes of w written visibly: a line break as \n, a tab as
 * \t, any other control byte (ESC, DEL, a C1's two bytes) and a byte that
 * is not UTF-8 as \xNN. */
static void put_visible(FILE *out, const char *w, size_t n)
{
	const unsigned char *p = (const unsigned char *)w, *end = p + n;

	for (; p < end && *p; p++) {
		int c1 = *p == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F;
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7F || c1) {
			fprintf(out, "\\x%02x", *p);
			if (c1)
				fprintf(out, "\\x%02x", *++p);
		} else if (*p >= 0x80) {
			ucs4_t uc;
			int k = u8_mbtoucr(&uc, p, (size_t)(end - p));
			if (k < 0)
				fprintf(out, "\\x%02x", *p);
			else {
				fwrite(p, 1, (size_t)k, out);
				p += k - 1;
			}
		} else
			fputc(*p, out);
	}
}

/* A typed word quoted in a message is shown up to QUOTE_MAX characters,
 * then "…": a pasted page or a 5,000-character code reads as a code, not
 * as a screenful (and core's message may hold only its beginning). */
#define QUOTE_MAX 60

/* The bytes of w's first QUOTE_MAX characters (UTF-8). */
static size_t quote_bytes(const char *w)
{
	size_t i = 0;

	for (int c = 0; w[i] && c < QUOTE_MAX; c++)
		for (i++; ((unsigned char)w[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

/* Where w is quoted in msg: at its whole, or for a long word at its first
 * QUOTE_MAX characters; *span is how much of msg the quote takes. */
static const char *quoted_at(const char *msg, const char *w, size_t *span)
{
	size_t k = w[quote_bytes(w)] ? quote_bytes(w) : strlen(w);

	for (const char *at = strchr(msg, w[0]); at; at = strchr(at + 1, w[0]))
		if (!strncmp(at, w, k)) {
			for (*span = k; w[*span] && at[*span] == w[*span]; (*span)++)
				;
			return at;
		}
	return NULL;
}

void cli_message(FILE *out, const char *msg)
{
	while (*msg) {
		const char *hit = NULL, *word = NULL;
		size_t span = 0;
		/* the earliest typed word in what is left that has a control
		 * byte or is too long to quote whole */
		for (int i = 0; i < n_typed; i++) {
			const char *at;
			size_t n;
			if (!typed[i][0] || (!has_control(typed[i]) && !typed[i][quote_bytes(typed[i])]) ||
			    !(at = quoted_at(msg, typed[i], &n)))
				continue;
			if (!hit || at < hit || (at == hit && n > span)) {
				hit = at;
				word = typed[i];
				span = n;
			}
		}
		if (!hit) {
			fputs(msg, out);
			return;
		}
		fwrite(msg, 1, (size_t)(hit - msg), out);
		if (word[quote_bytes(word)]) {
			put_visible(out, word, quote_bytes(word));
			fputs("…", out);
			/* the message was cut inside the word (core keeps 1 KB):
			 * the quote is closed all the same */
			if (!hit[span] && hit > msg && hit[-1] == '"')
				fputc('"', out);
			/* core cut a long message in the middle of the word
			 * (err_set keeps the end): the word's end is skipped
			 * up to its closing quote */
			const char *close = !strncmp(hit + span, "…", strlen("…")) && hit > msg && hit[-1] == '"'
				? strchr(hit + span, '"') : NULL;
			if (close) {
				msg = close;
				continue;
			}
		} else
			put_visible(out, word, span);
		msg = hit + span;
	}
}
