/* How much room a text takes when printed in Times New Roman, so a row can
 * be made tall enough for its wrapped text before any viewer sees it
 * (Excel and LibreOffice do not grow rows a program wrote). The widths are
 * the font's own (as its metric twin Liberation Serif has them, the font
 * LibreOffice prints with); a Vietnamese letter is as wide as its base
 * letter (see char_width). tests/report/fontwidth.py reads the widths
 * from the font files. */
#include "report_int.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Advance widths of ' ' .. '~' in hundredths of an em, regular and bold. */
static const unsigned char REGULAR[95] = {
	25, 33, 41, 50, 50, 83, 78, 18, 33, 33, 50, 56, 25, 33, 25, 28, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 28, 28,
	56, 56, 56, 44, 92, 72, 67, 67, 72, 61, 56, 72, 72, 33, 39, 72, 61, 89, 72, 72, 56, 72, 67, 56, 61, 72, 72, 94,
	72, 72, 61, 33, 28, 33, 47, 50, 33, 44, 50, 44, 50, 44, 33, 50, 50, 28, 28, 50, 28, 78, 50, 50, 50, 50, 33, 39,
	28, 50, 50, 72, 50, 50, 44, 48, 20, 48, 54 };
static const unsigned char BOLD[95] = {
	25, 33, 56, 50, 50, 100, 83, 28, 33, 33, 50, 57, 25, 33, 25, 28, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 33, 33,
	57, 57, 57, 50, 93, 72, 67, 72, 72, 67, 61, 78, 78, 39, 50, 78, 67, 94, 72, 78, 61, 78, 72, 56, 67, 72, 72, 100,
	72, 72, 67, 33, 28, 33, 58, 50, 33, 50, 56, 44, 56, 44, 33, 50, 56, 28, 33, 56, 28, 83, 56, 50, 56, 56, 44, 39,
	33, 56, 50, 72, 50, 50, 44, 39, 22, 39, 52 };

/* One character's width in hundredths of an em. A Vietnamese letter
 * beyond Latin-1 (ạ, ơ, ư, ế …) is as wide as its base letter in Times New
 * Roman, but where the installed Liberation Serif lacks it (older ones do)
 * LibreOffice prints it in DejaVu Serif, a third wider for small letters:
 * counted at that width, so the row is tall enough either way. */
static int char_width(ucs4_t c, int bold)
{
	const unsigned char *t = bold ? BOLD : REGULAR;
	ucs4_t dec[UC_DECOMPOSITION_MAX_LENGTH];
	int wide = c >= 0x100;

	for (int depth = 0; depth < 4; depth++) {
		if (c >= ' ' && c <= '~')
			return wide ? t[c - ' '] * (c >= 'a' ? 135 : 110) / 100 : t[c - ' '];
		/* ấ -> â + ◌́ -> a + ◌̂ + ◌́, ơ -> o + ◌̛: the base letter's width */
		if (uc_canonical_decomposition(c, dec) <= 0)
			break;
		c = dec[0];
	}
	if (c == 0x2026)           /* … */
		return 100;
	if (c == 0x0110)           /* Đ */
		return 72;
	if (c == 0x0111)           /* đ */
		return bold ? 56 : 50;
	if (c == 0x2013 || c == 0x2014)   /* – — */
		return c == 0x2013 ? 50 : 100;
	return uc_is_upper(c) ? 80 : 65;
}

/* char_width of the characters below TABLE_END (Latin, Vietnamese, the
 * combining marks), worked out once: a 30-province report measures
 * millions of characters, each decomposed by libunistring (a tenth of the
 * time of the thread writing the sheets). Filled before any thread reads
 * it, by pthread_once. */
#define TABLE_END 0x2000
static unsigned char widths[2][TABLE_END];
static pthread_once_t widths_once = PTHREAD_ONCE_INIT;

static void widths_fill(void)
{
	for (int bold = 0; bold < 2; bold++)
		for (ucs4_t c = 0; c < TABLE_END; c++)
			widths[bold][c] = (unsigned char)char_width(c, bold);
}

/* The width of text's first n bytes. */
static double text_pt_n(const char *text, size_t n, double pt, int bold)
{
	const uint8_t *p = (const uint8_t *)text, *end = p + n;
	const unsigned char *w = widths[!!bold];
	long hundredths = 0;

	pthread_once(&widths_once, widths_fill);
	while (p < end) {
		ucs4_t c;
		int k;
		if (*p < 0x80) {   /* ASCII: most of every name and note */
			hundredths += w[*p++];
			continue;
		}
		k = u8_mbtouc(&c, p, (size_t)(end - p));
		hundredths += c < TABLE_END ? w[c] : char_width(c, bold);
		p += k > 0 ? k : 1;
	}
	return (double)hundredths * pt / 100.0;
}

double report_text_pt(const char *text, double pt, int bold)
{
	return text_pt_n(text, strlen(text), pt, bold);
}

/* The room inside a cell of width units: LibreOffice's pixels (the
 * report's rule) at 96 dpi, less its padding on both sides. */
static double inner_pt(double width)
{
	return report_col_px(width) * 0.75 - 3;
}

int report_lines(const char *text, double width, double pt, int bold)
{
	double room = inner_pt(width), space = report_text_pt(" ", pt, bold), used = 0;
	int lines = 1;

	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " \n");
		double w = text_pt_n(p, n, pt, bold);   /* a word however long, whole */

		if (used > 0 && used + space + w > room) {
			lines++;
			used = 0;
		}
		used += (used > 0 ? space : 0) + w;
		while (used > room) {   /* a word longer than the line is broken */
			lines++;
			used -= room;
		}
		p += n;
		if (*p == '\n') {
			lines++;
			used = 0;
		}
		if (*p)
			p++;
	}
	return lines;
}

int report_wrap(const char *text, double width, double pt, int bold,
                void (*fn)(const char *line, size_t n, void *ctx), void *ctx)
{
	double room = inner_pt(width), space = report_text_pt(" ", pt, bold), used = 0;
	const char *start = text, *p = text;
	int lines = 0;

	while (*p) {
		size_t n = strcspn(p, " ");
		double w = text_pt_n(p, n, pt, bold);   /* a word however long, whole */

		if (used > 0 && used + space + w > room) {
			fn(start, (size_t)(p - 1 - start), ctx);   /* without the space before p */
			lines++;
			start = p;
			used = 0;
		}
		used += (used > 0 ? space : 0) + w;
		p += n;
		if (*p)
			p++;
	}
	fn(start, strlen(start), ctx);
	return lines + 1;
}

double report_row_height(int lines, double pt)
{
	/* Times New Roman's line: ascent and descent 1.107 em, with a little air */
	return pt * 1.12 * lines + 3;
}
