/* The text field. Telex composes only at the end of the word under the
 * cursor: any key that is not a letter, and any cursor move, ends it. */
#include "lineedit.h"
#include "telex.h"
#include "text.h"

#include <string.h>
#include <uniwidth.h>
#include <unistr.h>
#include <uninorm.h>
#include <stdlib.h>

static void end_word(lineedit *le)
{
	le->raw_n = 0;
	le->raw[0] = '\0';
	le->word_len = 0;
}

void lineedit_init(lineedit *le, const char *utf8, int telex)
{
	size_t i = 0, n = strlen(utf8);

	memset(le, 0, sizeof(*le));
	le->telex = telex;
	while (i < n && le->len < LINEEDIT_MAX) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)utf8 + i, n - i);
		le->cp[le->len++] = uc;
		i += (size_t)(k > 0 ? k : 1);
	}
	le->cursor = le->len;
}

static void remove_at(lineedit *le, size_t at, size_t count)
{
	memmove(le->cp + at, le->cp + at + count, (le->len - at - count) * sizeof(*le->cp));
	le->len -= count;
	if (le->cursor > at)
		le->cursor = le->cursor >= at + count ? le->cursor - count : at;
}

static void insert_at(lineedit *le, size_t at, const uint32_t *c, size_t count)
{
	if (le->len + count > LINEEDIT_MAX)
		count = LINEEDIT_MAX - le->len;
	memmove(le->cp + at + count, le->cp + at, (le->len - at) * sizeof(*le->cp));
	memcpy(le->cp + at, c, count * sizeof(*c));
	le->len += count;
	if (le->cursor >= at)
		le->cursor += count;
}

/* Replace the composed word with the rendering of its keys. */
static void render_word(lineedit *le)
{
	char out[256];
	uint32_t cps[64];
	size_t n = 0, i = 0, len;

	telex_word(le->raw, out, sizeof(out));
	len = strlen(out);
	while (i < len && n < 64) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)out + i, len - i);
		cps[n++] = uc;
		i += (size_t)(k > 0 ? k : 1);
	}
	remove_at(le, le->word_start, le->word_len);
	le->cursor = le->word_start;
	insert_at(le, le->word_start, cps, n);
	le->word_len = n;
}

void lineedit_insert(lineedit *le, uint32_t c)
{
	if (c < 32 || (c >= 127 && c <= 0x9F))   /* C0, DEL, C1: never text */
		return;
	if (le->telex && c < 128 && telex_is_key((int)c) && le->raw_n + 1 < sizeof(le->raw)) {
		if (le->raw_n == 0) {
			le->word_start = le->cursor;
			le->word_len = 0;
		}
		le->raw[le->raw_n++] = (char)c;
		le->raw[le->raw_n] = '\0';
		render_word(le);
		return;
	}
	end_word(le);
	insert_at(le, le->cursor, &c, 1);
}

void lineedit_backspace(lineedit *le)
{
	if (le->raw_n > 0) {
		le->raw[--le->raw_n] = '\0';
		render_word(le);
		if (le->raw_n == 0)
			end_word(le);
		return;
	}
	if (le->cursor > 0)
		remove_at(le, le->cursor - 1, 1);
}

void lineedit_delete(lineedit *le)
{
	end_word(le);
	if (le->cursor < le->len)
		remove_at(le, le->cursor, 1);
}

void lineedit_left(lineedit *le)
{
	end_word(le);
	if (le->cursor > 0)
		le->cursor--;
}

void lineedit_right(lineedit *le)
{
	end_word(le);
	if (le->cursor < le->len)
		le->cursor++;
}

void lineedit_home(lineedit *le)
{
	end_word(le);
	le->cursor = 0;
}

void lineedit_end(lineedit *le)
{
	end_word(le);
	le->cursor = le->len;
}

void lineedit_clear(lineedit *le)
{
	end_word(le);
	le->len = le->cursor = 0;
}

char *lineedit_text(const lineedit *le, char *out, size_t n)
{
	uint8_t buf[LINEEDIT_MAX * 4 + 1];
	size_t len = 0;

	for (size_t i = 0; i < le->len; i++) {
		int k = u8_uctomb(buf + len, le->cp[i], 6);
		if (k > 0)
			len += (size_t)k;
	}
	return text_nfc_into(buf, len, out, n);
}

size_t lineedit_cursor_col(const lineedit *le)
{
	size_t col = 0;

	for (size_t i = 0; i < le->cursor; i++) {
		int w = uc_width(le->cp[i], "UTF-8");
		col += w > 0 ? (size_t)w : 0;
	}
	return col;
}
