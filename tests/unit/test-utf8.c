/*
 * test-utf8.c: unit tests for utf8.c (validation, control checks, newlines).
 *
 * Byte strings are spelled with explicit lengths (sizeof - 1) so that the
 * tests can hold NUL bytes; every check asserts an exact return value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "lim.h"
#include "utf8.h"

/* L(s): a string literal and its length without the final NUL. */
#define L(s)	(s), (sizeof(s) - 1)

/* French text as typed in a release: é ’ – NBSP (U+00A0) NNBSP (U+202F). */
#define FRENCH	"L\xe2\x80\x99\xc3\xa9t\xc3\xa9 \xe2\x80\x93 " \
		"d\xc3\xa9j\xc3\xa0\xc2\xa0: 20\xe2\x80\xaf%\xc2\xa0!"

static void
test_valid_ascii_and_empty(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid("", 0), 1);
	assert_int_equal(utf8_valid(NULL, 0), 1);
	assert_int_equal(utf8_valid(L("hello, world")), 1);
	assert_int_equal(utf8_valid(L("\x7f")), 1);
}

static void
test_valid_nul(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\0")), 1);
	assert_int_equal(utf8_valid(L("a\0b")), 1);
}

static void
test_valid_boundaries(void **state)
{
	(void)state;
	/* The first and last code point of each sequence length. */
	assert_int_equal(utf8_valid(L("\xc2\x80")), 1);		/* U+0080 */
	assert_int_equal(utf8_valid(L("\xdf\xbf")), 1);		/* U+07FF */
	assert_int_equal(utf8_valid(L("\xe0\xa0\x80")), 1);	/* U+0800 */
	assert_int_equal(utf8_valid(L("\xed\x9f\xbf")), 1);	/* U+D7FF */
	assert_int_equal(utf8_valid(L("\xee\x80\x80")), 1);	/* U+E000 */
	assert_int_equal(utf8_valid(L("\xef\xbf\xbf")), 1);	/* U+FFFF */
	assert_int_equal(utf8_valid(L("\xf0\x90\x80\x80")), 1);	/* U+10000 */
	assert_int_equal(utf8_valid(L("\xf4\x8f\xbf\xbf")), 1);	/* U+10FFFF */
	assert_int_equal(utf8_valid(L("\xf3\xbf\xbf\xbf")), 1);	/* U+FFFFF */
}

static void
test_overlong(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\xc0\x80")), 0);
	assert_int_equal(utf8_valid(L("\xc1\xbf")), 0);
	assert_int_equal(utf8_valid(L("\xc0\xaf")), 0);		/* '/' */
	assert_int_equal(utf8_valid(L("\xe0\x80\x80")), 0);
	assert_int_equal(utf8_valid(L("\xe0\x9f\xbf")), 0);
	assert_int_equal(utf8_valid(L("\xf0\x80\x80\x80")), 0);
	assert_int_equal(utf8_valid(L("\xf0\x8f\xbf\xbf")), 0);
	/* The same inside otherwise good text. */
	assert_int_equal(utf8_valid(L("abc\xc0\x80" "def")), 0);
}

static void
test_surrogates(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\xed\xa0\x80")), 0);	/* U+D800 */
	assert_int_equal(utf8_valid(L("\xed\xbf\xbf")), 0);	/* U+DFFF */
	assert_int_equal(utf8_valid(L("\xed\xa0\xbd\xed\xb8\x80")), 0);
}

static void
test_above_max(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\xf4\x90\x80\x80")), 0);	/* U+110000 */
	assert_int_equal(utf8_valid(L("\xf5\x80\x80\x80")), 0);
	assert_int_equal(utf8_valid(L("\xf7\xbf\xbf\xbf")), 0);
	assert_int_equal(utf8_valid(L("\xf8\x88\x80\x80\x80")), 0);
	assert_int_equal(utf8_valid(L("\xfc\x84\x80\x80\x80\x80")), 0);
	assert_int_equal(utf8_valid(L("\xfe")), 0);
	assert_int_equal(utf8_valid(L("\xff")), 0);
}

static void
test_truncated(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\xc3")), 0);
	assert_int_equal(utf8_valid(L("\xe2\x80")), 0);
	assert_int_equal(utf8_valid(L("\xf0\x9f\x98")), 0);
	assert_int_equal(utf8_valid(L("ok\xe2")), 0);
	/* Cut short by an ASCII byte or a new lead byte. */
	assert_int_equal(utf8_valid(L("\xc3" "a")), 0);
	assert_int_equal(utf8_valid(L("\xe2\x80" "a")), 0);
	assert_int_equal(utf8_valid(L("\xe2\xc3\xa9")), 0);
	assert_int_equal(utf8_valid(L("\xf0\x9f\x98\x00")), 0);
	/* A complete sequence whose length argument cuts it. */
	assert_int_equal(utf8_valid("\xc3\xa9", 1), 0);
	assert_int_equal(utf8_valid("\xf0\x9f\x98\x80", 3), 0);
	assert_int_equal(utf8_valid("\xf0\x9f\x98\x80", 4), 1);
}

/*
 * count_valid() counts the valid strings made of lead byte lo..hi followed
 * by ncont bytes from 0x80..0xBF: exactly one character each, so the count
 * is the number of code points that the length may encode.
 */
static unsigned long
count_valid(unsigned lo, unsigned hi, int ncont)
{
	unsigned long	 n, k, total;
	unsigned	 lead;
	char		 s[4];
	int		 j;

	total = 1UL << (6 * ncont);
	n = 0;
	for (lead = lo; lead <= hi; lead++) {
		for (k = 0; k < total; k++) {
			s[0] = (char)lead;
			for (j = 0; j < ncont; j++)
				s[1 + j] = (char)(0x80 |
				    ((k >> (6 * (ncont - 1 - j))) & 0x3f));
			n += (unsigned long)utf8_valid(s, (size_t)ncont + 1);
		}
	}
	return n;
}

static void
test_counts(void **state)
{
	(void)state;
	/* U+0080..U+07FF. */
	assert_int_equal(count_valid(0xc0, 0xdf, 1), 0x800 - 0x80);
	/* U+0800..U+FFFF less the 2048 surrogates. */
	assert_int_equal(count_valid(0xe0, 0xef, 2), 0x10000 - 0x800 - 0x800);
	/* U+10000..U+10FFFF. */
	assert_int_equal(count_valid(0xf0, 0xff, 3), 0x110000 - 0x10000);
	/* No lead byte makes a valid string with too few continuations. */
	assert_int_equal(count_valid(0xe0, 0xff, 1), 0);
	assert_int_equal(count_valid(0xf0, 0xff, 2), 0);
	/* Nor may a two- or three-byte lead take more (a stray remains). */
	assert_int_equal(count_valid(0xc0, 0xdf, 2), 0);
	assert_int_equal(count_valid(0xc0, 0xef, 3), 0);
}

static void
test_stray_continuation(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L("\x80")), 0);
	assert_int_equal(utf8_valid(L("\xbf")), 0);
	assert_int_equal(utf8_valid(L("a\x80")), 0);
	assert_int_equal(utf8_valid(L("\xc3\xa9\xa9")), 0);
}

static void
test_french_valid(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(L(FRENCH)), 1);
	assert_int_equal(text_check_line(L(FRENCH), LIM_TITLE_MAX), ERR_OK);
	assert_int_equal(text_check_block(L(FRENCH "\n\t" FRENCH),
	    LIM_LEAD_MAX), ERR_OK);
	/* An emoji (4 bytes) passes too. */
	assert_int_equal(text_check_line(L("\xf0\x9f\x93\xb0 News"),
	    LIM_TITLE_MAX), ERR_OK);
}

static void
test_line_length_edges(void **state)
{
	char	*s;
	size_t	 i;

	(void)state;
	s = malloc(LIM_TITLE_MAX + 2);
	assert_non_null(s);
	memset(s, 'a', LIM_TITLE_MAX + 1);
	s[LIM_TITLE_MAX + 1] = '\0';
	assert_int_equal(text_check_line(s, LIM_TITLE_MAX, LIM_TITLE_MAX),
	    ERR_OK);
	assert_int_equal(text_check_line(s, LIM_TITLE_MAX + 1, LIM_TITLE_MAX),
	    ERR_TOOBIG);
	assert_int_equal(text_check_block(s, LIM_TITLE_MAX, LIM_TITLE_MAX),
	    ERR_OK);
	assert_int_equal(text_check_block(s, LIM_TITLE_MAX + 1,
	    LIM_TITLE_MAX), ERR_TOOBIG);
	/* The limit is in bytes: 150 "é" are 300 bytes, 151 are too many. */
	memset(s, 0, LIM_TITLE_MAX + 2);
	for (i = 0; i + 1 < LIM_TITLE_MAX + 2; i += 2) {
		s[i] = '\xc3';
		s[i + 1] = '\xa9';
	}
	assert_int_equal(text_check_line(s, LIM_TITLE_MAX, LIM_TITLE_MAX),
	    ERR_OK);
	assert_int_equal(text_check_line(s, LIM_TITLE_MAX + 2, LIM_TITLE_MAX),
	    ERR_TOOBIG);
	free(s);
	assert_int_equal(text_check_line("", 0, 0), ERR_OK);
	assert_int_equal(text_check_line(L("a"), 0), ERR_TOOBIG);
}

static void
test_check_order(void **state)
{
	(void)state;
	/* Too long and bad UTF-8 and a control: length wins. */
	assert_int_equal(text_check_line(L("\xc0\x80\n"), 2), ERR_TOOBIG);
	/* Bad UTF-8 and a control: UTF-8 wins. */
	assert_int_equal(text_check_line(L("\n\xc0\x80"), 100), ERR_UTF8);
	assert_int_equal(text_check_block(L("\r\xed\xa0\x80"), 100),
	    ERR_UTF8);
}

static void
test_line_bad_utf8(void **state)
{
	(void)state;
	assert_int_equal(text_check_line(L("\xc0\x80"), 100), ERR_UTF8);
	assert_int_equal(text_check_line(L("\xed\xa0\x80"), 100), ERR_UTF8);
	assert_int_equal(text_check_line(L("\xf4\x90\x80\x80"), 100),
	    ERR_UTF8);
	assert_int_equal(text_check_line(L("caf\xc3"), 100), ERR_UTF8);
	assert_int_equal(text_check_block(L("caf\xe9"), 100), ERR_UTF8);
}

static void
test_line_controls(void **state)
{
	unsigned char	c;
	char		s[4];

	(void)state;
	assert_int_equal(text_check_line(L("a\0b"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("a\tb"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("a\rb"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("a\nb"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("title\r\n"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("a\x7f"), 100), ERR_CTRL);
	assert_int_equal(text_check_line(L("\x1b[31m"), 100), ERR_CTRL);
	/* Every C0 control, alone and between letters. */
	for (c = 0; c < 0x20; c++) {
		s[0] = 'x';
		s[1] = (char)c;
		s[2] = 'y';
		assert_int_equal(text_check_line(s, 3, 100), ERR_CTRL);
		assert_int_equal(text_check_line(s + 1, 1, 100), ERR_CTRL);
	}
	/* The edges of the ranges: 0x20 and 0x7E are fine. */
	assert_int_equal(text_check_line(L(" ~"), 100), ERR_OK);
}

static void
test_c1_controls(void **state)
{
	unsigned char	c;
	char		s[2];

	(void)state;
	for (c = 0x80; c <= 0x9f; c++) {
		s[0] = '\xc2';
		s[1] = (char)c;
		assert_int_equal(text_check_line(s, 2, 100), ERR_CTRL);
		assert_int_equal(text_check_block(s, 2, 100), ERR_CTRL);
	}
	/* U+0085 NEL is no line break here. */
	assert_int_equal(text_check_block(L("a\xc2\x85" "b"), 100), ERR_CTRL);
	/* U+00A0 is the first code point after C1. */
	assert_int_equal(text_check_line(L("\xc2\xa0"), 100), ERR_OK);
	/* A 9F continuation byte after another lead is no C1 control. */
	assert_int_equal(text_check_line(L("\xc3\x9f"), 100), ERR_OK);
	assert_int_equal(text_check_line(L("\xe2\x80\x9f"), 100), ERR_OK);
}

static void
test_block_controls(void **state)
{
	(void)state;
	assert_int_equal(text_check_block(L("a\nb\tc\n\n"), 100), ERR_OK);
	assert_int_equal(text_check_block(L("a\r\nb"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("a\rb"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("a\0b"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("a\x0b" "b"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("a\x0c" "b"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("a\x7f"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("\x01"), 100), ERR_CTRL);
	assert_int_equal(text_check_block(L("\x1f"), 100), ERR_CTRL);
}

static void
test_normalize(void **state)
{
	char	s[32];

	(void)state;
	memcpy(s, "a\r\nb", 5);
	assert_int_equal(text_normalize_newlines(s, 4), 3);
	assert_string_equal(s, "a\nb");

	memcpy(s, "a\rb", 4);
	assert_int_equal(text_normalize_newlines(s, 3), 3);
	assert_string_equal(s, "a\nb");

	memcpy(s, "\r\r\n\n\r", 6);
	assert_int_equal(text_normalize_newlines(s, 5), 4);
	assert_string_equal(s, "\n\n\n\n");

	memcpy(s, "\n\r", 3);
	assert_int_equal(text_normalize_newlines(s, 2), 2);
	assert_string_equal(s, "\n\n");

	memcpy(s, "x\r", 3);
	assert_int_equal(text_normalize_newlines(s, 2), 2);
	assert_string_equal(s, "x\n");

	memcpy(s, "plain", 6);
	assert_int_equal(text_normalize_newlines(s, 5), 5);
	assert_string_equal(s, "plain");

	/* The NUL goes at the new end even when the input had none. */
	memset(s, 'z', sizeof(s));
	memcpy(s, "a\r\n\r\nb", 6);
	assert_int_equal(text_normalize_newlines(s, 6), 4);
	assert_memory_equal(s, "a\n\nb\0", 5);

	/* Only len bytes are looked at: the CR after them stays. */
	memcpy(s, "ab\r\n", 5);
	assert_int_equal(text_normalize_newlines(s, 2), 2);
	assert_string_equal(s, "ab");

	/* A CRLF cut by len becomes LF; the LF after len is not consumed. */
	memcpy(s, "a\r\n", 4);
	assert_int_equal(text_normalize_newlines(s, 2), 2);
	assert_memory_equal(s, "a\n\0", 3);

	s[0] = 'q';
	assert_int_equal(text_normalize_newlines(s, 0), 0);
	assert_int_equal(s[0], '\0');

	/* NUL bytes pass through untouched. */
	memcpy(s, "a\0\r\nb", 6);
	assert_int_equal(text_normalize_newlines(s, 5), 4);
	assert_memory_equal(s, "a\0\nb\0", 5);

	/* Then the block check passes. */
	memcpy(s, "Bonjour\r\n\xc3\xa9t\xc3\xa9\r", 16);
	assert_int_equal(text_check_block(s, 15, 100), ERR_CTRL);
	assert_int_equal(text_normalize_newlines(s, 15), 14);
	assert_int_equal(text_check_block(s, 14, 100), ERR_OK);
	assert_string_equal(s, "Bonjour\n\xc3\xa9t\xc3\xa9\n");
}

static void
test_fixture_text(void **state)
{
	FILE	*fp;
	char	*s;
	size_t	 n;

	(void)state;
	/* The French fixture release, when run from the source tree. */
	if ((fp = fopen("tests/fixtures/ccre-nalas-2026-fr.txt", "rb")) == NULL)
		skip();
	s = malloc(LIM_BODY_TEXT_MAX + 1);
	assert_non_null(s);
	n = fread(s, 1, LIM_BODY_TEXT_MAX, fp);
	fclose(fp);
	assert_true(n > 1000);
	assert_int_equal(utf8_valid(s, n), 1);
	n = text_normalize_newlines(s, n);
	assert_int_equal(text_check_block(s, n, LIM_BODY_TEXT_MAX), ERR_OK);
	free(s);
}

static void
test_big_linear(void **state)
{
	char	*s;
	size_t	 i, n;

	(void)state;
	/* 1 MB of two-byte, three-byte and four-byte characters. */
	n = 1024 * 1024;
	s = malloc(n);
	assert_non_null(s);
	for (i = 0; i + 9 <= n; i += 9)
		memcpy(s + i, "\xc3\xa9\xe2\x80\x99\xf0\x9f\x93\xb0", 9);
	for (; i < n; i++)
		s[i] = 'a';
	assert_int_equal(utf8_valid(s, n), 1);
	assert_int_equal(text_check_block(s, n, n), ERR_OK);
	assert_int_equal(text_check_block(s, n, n - 1), ERR_TOOBIG);
	/* One bad byte at the very end is found. */
	s[n - 1] = '\xc3';
	assert_int_equal(utf8_valid(s, n), 0);
	assert_int_equal(text_check_block(s, n, n), ERR_UTF8);
	free(s);
}

/* text_sanitize(): what a refused value looks like when shown back. */
static void
test_sanitize(void **state)
{
	struct arena	 a;
	const char	*fffd = "\xef\xbf\xbd";
	char		 want[64];

	(void)state;
	arena_init(&a);
	/* Valid text, LF and TAB in a block: unchanged. */
	assert_string_equal(text_sanitize(&a, "n\xc3\xa9go\tx\ny", 9, 1),
	    "n\xc3\xa9go\tx\ny");
	/* ... but controls in a line become U+FFFD. */
	snprintf(want, sizeof(want), "a%sb%sc", fffd, fffd);
	assert_string_equal(text_sanitize(&a, "a\nb\tc", 5, 0), want);
	/* Overlong '/': each bad byte becomes one U+FFFD. */
	snprintf(want, sizeof(want), "x%s%sy", fffd, fffd);
	assert_string_equal(text_sanitize(&a, "x\xc0\xafy", 4, 0), want);
	/* An encoded surrogate and a lone 0xFF. */
	snprintf(want, sizeof(want), "%s%s%s%s", fffd, fffd, fffd, fffd);
	assert_string_equal(text_sanitize(&a, "\xed\xa0\x80\xff", 4, 1), want);
	/* NUL, DEL and a C1 control. */
	snprintf(want, sizeof(want), "%s%s%s", fffd, fffd, fffd);
	assert_string_equal(text_sanitize(&a, "\0\x7f\xc2\x85", 4, 1), want);
	/* Whatever comes out passes the check it failed. */
	assert_int_equal(text_check_line(want, strlen(want), 64), ERR_OK);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_ascii_and_empty),
		cmocka_unit_test(test_valid_nul),
		cmocka_unit_test(test_valid_boundaries),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_above_max),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_stray_continuation),
		cmocka_unit_test(test_french_valid),
		cmocka_unit_test(test_line_length_edges),
		cmocka_unit_test(test_check_order),
		cmocka_unit_test(test_line_bad_utf8),
		cmocka_unit_test(test_line_controls),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_block_controls),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_fixture_text),
		cmocka_unit_test(test_big_linear),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
