/*
 * slug.c: transliteration of Latin letters for URLs.
 *
 * A table of the Latin-1 Supplement and Latin Extended-A letters (what
 * French, German, Spanish, Portuguese, Italian, Dutch, Polish, Czech,
 * Romanian, Hungarian... write) to their plain ASCII letters.  Anything
 * else that is not an ASCII letter or digit is a separator.
 */
#include <ctype.h>
#include <string.h>

#include "slug.h"

/* U+00C0..U+017F, 192 code points; "" means a separator. */
static const char *const latin[] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", "",
	/* D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", "",
	/* F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* 108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* 118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* 128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* 138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* 148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* 158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* 168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* 178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

char *
slug_make(struct arena *a, const char *text, size_t max)
{
	const unsigned char	*p = (const unsigned char *)text;
	struct buf		 b;
	const char		*piece;
	unsigned		 cp;
	size_t			 n, cut;
	int			 sep = 0;
	char			 one[2] = { 0, 0 };

	buf_init(&b, a);
	buf_add(&b, "", 0);
	for (; *p != '\0'; p += n) {
		/* Decode one UTF-8 sequence (the text was validated). */
		if (*p < 0x80) {
			cp = *p;
			n = 1;
		} else if ((*p & 0xE0) == 0xC0 && p[1] != '\0') {
			cp = (unsigned)(*p & 0x1F) << 6 | (p[1] & 0x3F);
			n = 2;
		} else {
			cp = 0xFFFF;	/* beyond the table: a separator */
			for (n = 1; p[n] != '\0' && (p[n] & 0xC0) == 0x80; n++)
				continue;
		}
		if (cp < 0x80 && (isalnum(cp) || cp == '.')) {
			one[0] = (char)tolower((int)cp);
			piece = one;
		} else if (cp >= 0xC0 && cp <= 0x17F)
			piece = latin[cp - 0xC0];
		else
			piece = "";
		if (piece[0] == '\0') {
			sep = 1;
			continue;
		}
		if (sep && b.len > 0)
			buf_putc(&b, '-');
		sep = 0;
		buf_puts(&b, piece);
	}
	if (b.len > max) {
		/* Cut at the last '-' within max, else at max itself. */
		for (cut = max; cut > 0 && b.data[cut] != '-'; cut--)
			continue;
		b.len = cut > max / 2 ? cut : max;
		b.data[b.len] = '\0';
	}
	while (b.len > 0 && (b.data[b.len - 1] == '-' ||
	    b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	n = strspn(b.data, "-.");
	if (b.data[n] == '\0')
		return arena_strdup(a, "file");
	return arena_strdup(a, b.data + n);
}
