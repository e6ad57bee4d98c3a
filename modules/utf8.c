/*
 * utf8.c: strict UTF-8 validation and control checks for text fields.
 *
 * The validator follows the table of well-formed byte sequences in the
 * Unicode standard (chapter 3, table 3-7): the second byte's range depends
 * on the lead byte, which is what rules out overlong forms, surrogates and
 * code points above U+10FFFF without decoding anything.  Every function
 * looks at each byte a bounded number of times and never reads s[len].
 */
#include <stddef.h>

#include "err.h"
#include "utf8.h"

#define ASCII_DEL	0x7F
#define C0_END		0x20	/* C0 controls are the bytes below this */
#define C1_LEAD		0xC2	/* U+0080..U+009F are C2 80..C2 9F */
#define C1_LAST		0x9F
#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

static enum err	text_check(const char *, size_t, size_t, int);

/*
 * The length of the valid UTF-8 sequence at p[i], or 0 if there is none
 * (overlong, surrogate, past U+10FFFF, stray continuation, truncated).
 */
static size_t
seq_len(const unsigned char *p, size_t i, size_t len)
{
	size_t		 k, n;
	unsigned char	 c = p[i], lo, hi;

	if (c < 0x80)
		return 1;
	/* n: continuation bytes; lo..hi: range of the first one. */
	lo = 0x80;
	hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		n = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		if (c == 0xE0)
			lo = 0xA0;	/* below is overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* above is a surrogate */
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		if (c == 0xF0)
			lo = 0x90;	/* below is overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* above is past U+10FFFF */
	} else
		return 0;	/* continuation, C0, C1 or F5..FF */
	if (len - i - 1 < n)
		return 0;
	if (p[i + 1] < lo || p[i + 1] > hi)
		return 0;
	for (k = 2; k <= n; k++)
		if ((p[i + k] & 0xC0) != 0x80)
			return 0;
	return n + 1;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if ((n = seq_len(p, i, len)) == 0)
			return 0;
	return 1;
}

char *
text_sanitize(struct arena *a, const char *s, size_t len, int block)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 i, n;
	int			 bad;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	for (i = 0; i < len; i += n) {
		if ((n = seq_len(p, i, len)) == 0) {
			n = 1;
			bad = 1;
		} else if (n == 1)
			bad = p[i] == ASCII_DEL || (p[i] < C0_END &&
			    !(block && (p[i] == '\n' || p[i] == '\t')));
		else
			bad = n == 2 && p[i] == C1_LEAD && p[i + 1] <= C1_LAST;
		if (bad)
			buf_puts(&b, REPLACEMENT);
		else
			buf_add(&b, s + i, n);
	}
	return b.data;
}

/*
 * text_check() is the common body of the two public checks; block says
 * whether LF and TAB are allowed.
 */
static enum err
text_check(const char *s, size_t len, size_t max, int block)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;
	unsigned char		 c;

	if (len > max)
		return ERR_TOOBIG;
	if (!utf8_valid(s, len))
		return ERR_UTF8;
	for (i = 0; i < len; i++) {
		c = p[i];
		if (c < C0_END) {
			if (block && (c == '\n' || c == '\t'))
				continue;
			return ERR_CTRL;
		}
		if (c == ASCII_DEL)
			return ERR_CTRL;
		/*
		 * The text is valid UTF-8 by now, so a C2 lead byte is always
		 * followed by a continuation byte inside s.
		 */
		if (c == C1_LEAD && p[i + 1] <= C1_LAST)
			return ERR_CTRL;
	}
	return ERR_OK;
}

enum err
text_check_line(const char *s, size_t len, size_t max)
{
	return text_check(s, len, max, 0);
}

enum err
text_check_block(const char *s, size_t len, size_t max)
{
	return text_check(s, len, max, 1);
}

size_t
text_normalize_newlines(char *s, size_t len)
{
	size_t	 i, j;

	for (i = j = 0; i < len; i++) {
		if (s[i] == '\r') {
			s[j++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			s[j++] = s[i];
	}
	s[j] = '\0';
	return j;
}
