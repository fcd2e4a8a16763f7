/* The command line's output made safe to show: stdout and stderr pass
 * through a filter that turns control characters (ESC, C1, NUL, DEL, CR
 * ...) and bytes that are no UTF-8 into '?', keeping line breaks and
 * tabs, so a name from the database, a CSV cell or a package's sender
 * text can never drive the terminal. Only for the command line: the
 * screens write curses' own escape sequences. A message quoting a word
 * the user typed (a code with ESC [2J and a line break in it) shows that
 * word escaped, so it reads as typed and forges no line of its own
 * (cli_message). */
#include <stdio.h>
#include "cli.h"
#include "platform.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

struct sink {
	int fd;
	size_t n_part;   /* the bytes of a letter begun whose rest is to come */
	unsigned char part[4];
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

/* The bytes of the letter c begins (RFC 3629); 0: c begins none (a
 * continuation byte, an overlong 0xC0 0xC1, past U+10FFFF) */
static size_t letter_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
}

/* Whether b goes on the letter begun with part[0..n): no overlong form,
 * no surrogate, nothing past U+10FFFF */
static int goes_on(const unsigned char *part, size_t n, unsigned char b)
{
	if ((b & 0xC0) != 0x80)
		return 0;
	if (n > 1)
		return 1;
	switch (part[0]) {
	case 0xE0: return b >= 0xA0;
	case 0xED: return b <= 0x9F;
	case 0xF0: return b >= 0x90;
	case 0xF4: return b <= 0x8F;
	default:   return 1;
	}
}

/* Every byte of buf to the terminal as itself or as '?': a control
 * (ESC, CR, NUL, DEL; a C1, U+0080..U+009F) or a byte that is no UTF-8
 * (a lone 0x9B is CSI to a terminal that is not UTF-8) becomes '?'. A
 * letter is written whole, never split between two writes: stdio hands
 * the filter pieces of a fixed size, and a Windows console shows a letter
 * split between two writes as two replacement characters. The letter
 * begun at a piece's end waits in s->part for the next. */
static ssize_t sink_write(void *c, const char *buf, size_t n)
{
	struct sink *s = c;
	char out[4096];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)buf[i];

		if (k + 4 > sizeof(out)) {   /* an iteration adds 4 bytes at most */
			if (put_all(s->fd, out, k) < 0)
				return -1;
			k = 0;
		}
		if (s->n_part) {
			if (s->n_part == 1 && s->part[0] == 0xC2 && ch <= 0x9F && ch >= 0x80) {
				s->n_part = 0;   /* a C1 control */
				out[k++] = '?';
				continue;
			}
			if (goes_on(s->part, s->n_part, ch)) {
				s->part[s->n_part++] = ch;
				if (s->n_part == letter_len(s->part[0])) {
					memcpy(out + k, s->part, s->n_part);
					k += s->n_part;
					s->n_part = 0;
				}
				continue;
			}
			s->n_part = 0;   /* a letter broken off: '?', and ch begins anew */
			out[k++] = '?';
		}
		switch (letter_len(ch)) {
		case 0:
			out[k++] = '?';
			break;
		case 1:
			out[k++] = (ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F ? '?' : (char)ch;
			break;
		default:
			s->part[s->n_part++] = ch;
		}
	}
	if (k && put_all(s->fd, out, k) < 0)
		return -1;
	return (ssize_t)n;
}

/* At the end, a letter never finished is '?' */
static int sink_close(void *c)
{
	struct sink *s = c;

	if (!s->n_part)
		return 0;
	s->n_part = 0;
	return put_all(s->fd, "?", 1);
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
