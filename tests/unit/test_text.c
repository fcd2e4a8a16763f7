/* text: NFC, search keys, display widths, Vietnamese number formats. */
#include "testutil.h"
#include "text.h"

static void nfc_composes_decomposed_input(void **state)
{
	/* "Việt" typed as e + combining dot below + combining circumflex */
	char *out = NULL;
	(void)state;
	assert_int_equal(text_nfc("  Vie\xcc\xa3\xcc\x82t Nam \r\n", &out), ANTT_OK);
	assert_string_equal(out, "Việt Nam");
	assert_int_equal(text_width(out), 8);
	free(out);
}

static void nfc_refuses_invalid_utf8(void **state)
{
	char *out = (char *)1;
	(void)state;
	assert_int_equal(text_nfc("Vi\xe1\xbb", &out), ANTT_ERR_INVALID);
	assert_null(out);
}

static void key_drops_accents_case_and_dashes(void **state)
{
	static const char *const cases[][2] = {
		{ "Hà Nội", "ha noi" }, { "ĐƯỜNG Đá", "duong da" }, { "Khu dân cư", "khu dan cu" },
		{ "khu-dan-cu", "khu dan cu" }, { "  Cơ  sở   giáo dục ", "co so giao duc" },
		{ "Vie\xcc\xa3\xcc\x82t", "viet" }, { "Thị trấn", "thi tran" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *k = text_key(cases[i][0]);
		assert_non_null(k);
		assert_string_equal(k, cases[i][1]);
		free(k);
	}
	assert_null(text_key("\xff"));
	/* with a status: bad input is told from no memory (test_nomem) */
	{
		char *k = (char *)"x";
		assert_int_equal(text_key_of("\xff", &k), ANTT_ERR_INVALID);
		assert_null(k);
		assert_int_equal(text_key_of("Khu dân cư", &k), ANTT_OK);
		assert_string_equal(k, "khu dan cu");
		free(k);
	}
}

static void width_and_fit_count_columns(void **state)
{
	char buf[64];
	(void)state;
	assert_int_equal(text_width("Đặc khu"), 7);
	assert_int_equal(text_fit("Đặc khu", 3), strlen("Đặc"));
	assert_string_equal(text_pad(buf, sizeof(buf), "Xã", 5), "Xã   ");
	assert_string_equal(text_pad(buf, sizeof(buf), "Phường", 3), "Ph…");
}

/* Issue 13, item 5: a text that does not fit ends in a mark, by display
 * width, at a character boundary, and never shows part of a word or code
 * as if whole. */
static void cut_marks_what_does_not_fit(void **state)
{
	char buf[64];
	int cut;
	(void)state;
	assert_string_equal(text_cut(buf, sizeof(buf), "Xã", 5, "…"), "Xã");
	assert_string_equal(text_cut(buf, sizeof(buf), "Phường", 6, "…"), "Phường");
	assert_string_equal(text_cut(buf, sizeof(buf), "Phường", 5, "…"), "Phườ…");
	assert_string_equal(text_cut(buf, sizeof(buf), "Phường", 5, "~"), "Phườ~");
	/* only spaces left off: nothing is lost, no mark */
	assert_int_equal(text_fit_cut("Xã     ", 3, 1, &cut), strlen("Xã "));
	assert_int_equal(cut, 0);
	/* a list of codes is cut between items: "3d" of "3dd" would mislead */
	assert_string_equal(text_cut(buf, sizeof(buf), "còn thiếu: 1.1, 3c, 3dd", 22, "…"), "còn thiếu: 1.1, 3c,…");
	assert_string_equal(text_cut(buf, sizeof(buf), "Đặc khu Đặc", 9, "…"), "Đặc khu…");
	assert_int_equal(text_width(text_cut(buf, sizeof(buf), "Hạn công nhận khu dân cư: 15/11/2024", 20, "…")) <= 20, 1);
	/* a long word with no space near: cut inside it, by width */
	assert_string_equal(text_cut(buf, sizeof(buf), "Trạm Khuyếnnôngthúyyyyyy", 12, "…"), "Trạm Khuyến…");
	/* wide characters: by columns, not bytes or characters */
	assert_string_equal(text_cut(buf, sizeof(buf), "漢字漢字", 5, "…"), "漢字…");
	assert_string_equal(text_cut(buf, sizeof(buf), "漢字漢字", 5, "..."), "漢...");
	/* a mark wider than the room: only what fits */
	assert_string_equal(text_cut(buf, sizeof(buf), "abc", 1, "…"), "…");
	/* a list wraps between its items */
	assert_int_equal(text_wrap_line("Xã 13/17 · Cơ quan 34/40 · Khu dân cư 143/156", 35),
		strlen("Xã 13/17 · Cơ quan 34/40 ·"));
	assert_int_equal(text_wrap_line("một hai ba bốn", 9), strlen("một hai"));
	/* a word wider than any line is broken where the line ends, not
	 * left to the next with the line before it holding a label alone
	 * ("Ghi chú:" on a row of its own, the note cut on the next) */
	assert_int_equal(text_wrap_line("Ghi chú: https://congan.gov.vn/vanban/2024/qd-ubnd-xa-hoa-binh", 20),
		strlen("Ghi chú: https://con"));
	/* a long word that fits on a line of its own still goes there */
	assert_int_equal(text_wrap_line("Ghi chú: Khuyếnnôngthúy", 20), strlen("Ghi chú:"));
	/* a character wider than the whole line goes alone and whole, and so
	 * does a Vietnamese letter on a line of no column */
	assert_int_equal(text_wrap_line("漢字", 1), strlen("漢"));
	assert_int_equal(text_wrap_line("ưa", 0), strlen("ư"));
	assert_int_equal(text_wrap_line("", 0), 0);
	/* a small buffer still ends at a character boundary */
	assert_string_equal(text_cut(buf, 5, "ưưư", 10, "…"), "ưư");
}

static void numbers_in_vietnamese_format(void **state)
{
	char buf[32];
	(void)state;
	assert_string_equal(text_fmt_int(buf, sizeof(buf), 1686), "1.686");
	assert_string_equal(text_fmt_int(buf, sizeof(buf), 1234567), "1.234.567");
	assert_string_equal(text_fmt_int(buf, sizeof(buf), 0), "0");
	assert_string_equal(text_fmt_int(buf, sizeof(buf), 999), "999");
	assert_string_equal(text_fmt_pct(buf, sizeof(buf), 97.56), "97,6");
	assert_string_equal(text_fmt_pct(buf, sizeof(buf), 100), "100,0");
}

/* Issue 12: control characters at input are refused (line breaks and
 * tabs fold into one space); stored text is made safe to print. */
static void clean_folds_breaks_and_refuses_controls(void **state)
{
	antt_err err = { "" };
	char *out = NULL;
	(void)state;
	assert_int_equal(text_clean(" Thôn Hai\r\nHòa\tBình ", "tên", &out, &err), ANTT_OK);
	assert_string_equal(out, "Thôn Hai Hòa Bình");
	free(out);
	assert_int_equal(text_clean("Thôn \033[2J", "tên đơn vị", &out, &err), ANTT_ERR_INVALID);
	assert_null(out);
	assert_contains(err.msg, "tên đơn vị có ký tự điều khiển không in được (mã U+001B, ký tự thứ 6)");
	assert_int_equal(text_clean("a\x7f", "x", &out, &err), ANTT_ERR_INVALID);
	assert_int_equal(text_clean("a\xc2\x9b" "1m", "x", &out, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "U+009B");
	assert_int_equal(text_clean("a\xff", "ghi chú", &out, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "ghi chú không phải văn bản UTF-8");
}

static void make_safe_shows_controls(void **state)
{
	char s[] = "Thôn \033[2J\nBốn \xc2\x9b" "1m\xff\t.";
	char buf[64];
	(void)state;
	assert_string_equal(text_make_safe(s), "Thôn ?[2J Bốn ?1m? .");
	assert_string_equal(text_pad(buf, sizeof(buf), "a\033b\nc", 6), "a?b c ");
	assert_string_equal(text_rpad(buf, sizeof(buf), "a\033b", 5), "  a?b");
}

/* Bidirectional overrides reorder what follows them wherever the text is
 * shown with bidi (Excel, newer terminals): a name could read as another
 * one, or hide "không" in a report. Line and paragraph separators break a
 * line like a line break. */
static void bidi_controls_and_separators(void **state)
{
	antt_err err = { "" };
	char *out = NULL;
	char s[] = "A\xe2\x80\xae" "B\xe2\x81\xa6" "C\xe2\x80\xa8" "D";
	(void)state;
	assert_int_equal(text_clean("Thôn A\xe2\x80\xae" "tạđ gnôhk", "tên đơn vị", &out, &err), ANTT_ERR_INVALID);
	assert_null(out);
	assert_contains(err.msg, "U+202E");
	assert_int_equal(text_clean("x\xe2\x81\xa7y", "tên", &out, &err), ANTT_ERR_INVALID);
	assert_contains(err.msg, "U+2067");
	assert_int_equal(text_clean("Thôn\xe2\x80\xa8Hai\xe2\x80\xa9" "Ba", "tên", &out, &err), ANTT_OK);
	assert_string_equal(out, "Thôn Hai Ba");
	free(out);
	assert_string_equal(text_make_safe(s), "A?B?C D");
}

static void upper_and_lower_case_vietnamese(void **state)
{
	char buf[64], small[8];
	(void)state;
	assert_string_equal(text_upper("Công an huyện Sông Lam", buf, sizeof(buf)), "CÔNG AN HUYỆN SÔNG LAM");
	assert_string_equal(text_lower("Đặc khu", buf, sizeof(buf)), "đặc khu");
	assert_string_equal(text_lower("Cơ sở giáo dục", buf, sizeof(buf)), "cơ sở giáo dục");
	text_upper("đường", small, sizeof(small));   /* cut at a character, never inside one */
	assert_string_equal(small, "ĐƯỜ");
}

/* text_safe_width is text_width(text_make_safe(copy)) without the copy:
 * on Vietnamese, wide letters, marks, controls of every kind and bytes
 * that are no UTF-8, mixed at random (a fixed seed: the same strings each
 * run). */
static void safe_width_is_the_width_made_safe(void **state)
{
	static const char *const parts[] = {
		"Thôn ", "Đông", "中", "e\xcc\x81", "\x01", "\x1b[2J", "\x7f", "\xc2\x85", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x80\xa8", "\t", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xef\xbf\xbd", "\xc2\xad", "\xe2\x80\x8b", "a",
	};
	unsigned seed = 19;
	(void)state;
	for (int n = 0; n < 2000; n++) {
		char s[256] = "", copy[256];
		int k = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
		for (int i = 0; i < k; i++)
			strcat(s, parts[((seed = seed * 1103515245u + 12345u) >> 16) % (sizeof(parts) / sizeof(*parts))]);
		snprintf(copy, sizeof(copy), "%s", s);
		if (text_safe_width(s) != text_width(text_make_safe(copy)))
			fail_msg("string %d: %zu columns measured, %zu drawn", n, text_safe_width(s), text_width(copy));
	}
	assert_int_equal(text_safe_width(""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nfc_composes_decomposed_input),
		cmocka_unit_test(upper_and_lower_case_vietnamese),
		cmocka_unit_test(nfc_refuses_invalid_utf8),
		cmocka_unit_test(key_drops_accents_case_and_dashes),
		cmocka_unit_test(width_and_fit_count_columns),
		cmocka_unit_test(cut_marks_what_does_not_fit),
		cmocka_unit_test(numbers_in_vietnamese_format),
		cmocka_unit_test(clean_folds_breaks_and_refuses_controls),
		cmocka_unit_test(make_safe_shows_controls),
		cmocka_unit_test(bidi_controls_and_separators),
		cmocka_unit_test(safe_width_is_the_width_made_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
