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

/*
 * Decode one UTF-8 sequence at p (at most left bytes); *n gets its length.
 * A malformed byte is U+FFFD of length 1, which is a separator.
 */
static unsigned
decode(const unsigned char *p, size_t left, size_t *n)
{
	unsigned	 cp;
	size_t		 len, i;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0)
		len = 2, cp = p[0] & 0x1F;
	else if ((p[0] & 0xF0) == 0xE0)
		len = 3, cp = p[0] & 0x0F;
	else if ((p[0] & 0xF8) == 0xF0)
		len = 4, cp = p[0] & 0x07;
	else {
		*n = 1;
		return 0xFFFD;
	}
	if (len > left) {
		*n = 1;
		return 0xFFFD;
	}
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*n = 1;
			return 0xFFFD;
		}
		cp = cp << 6 | (p[i] & 0x3F);
	}
	*n = len;
	return cp;
}

/* Is a code point beyond Latin-1 a word character?  Not punctuation. */
static int
other_letter(unsigned cp)
{
	return cp >= 0x180 && cp != 0xFFFD &&
	    !(cp >= 0x2000 && cp <= 0x2BFF) &&	/* punctuation, symbols */
	    !(cp >= 0x3000 && cp <= 0x303F) &&	/* CJK punctuation */
	    !(cp >= 0xFE10 && cp <= 0xFE6F) &&	/* forms, small variants */
	    !(cp >= 0xFF00 && cp <= 0xFF0F) && cp < 0xFFF0;
}

/* Greek and Cyrillic capitals to small letters; the rest unchanged. */
static unsigned
lower(unsigned cp)
{
	if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 0x50;
	return cp;
}

static size_t
encode(unsigned cp, char *o)
{
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
slug_word(const char *text, size_t len, size_t *pos, size_t *start,
    size_t *end, char out[SLUG_WORD_MAX + 1])
{
	const unsigned char	*p = (const unsigned char *)text;
	const char		*piece;
	char			 one[4];
	unsigned		 cp;
	size_t			 i = *pos, n, k, olen = 0;
	int			 in = 0;

	while (i < len) {
		cp = decode(p + i, len - i, &n);
		k = 0;
		if (cp < 0x80 && isalnum(cp)) {
			one[0] = (char)tolower((int)cp);
			piece = one;
			k = 1;
		} else if (cp >= 0xC0 && cp <= 0x17F) {
			piece = latin[cp - 0xC0];
			k = strlen(piece);
		} else if (other_letter(cp)) {
			k = encode(lower(cp), one);
			piece = one;
		} else
			piece = "";
		if (k == 0) {
			if (in)
				break;
			i += n;
			continue;
		}
		if (!in) {
			in = 1;
			*start = i;
		}
		/* A long word is cut the same way in the text and a query. */
		if (olen + k <= SLUG_WORD_MAX) {
			memcpy(out + olen, piece, k);
			olen += k;
		}
		i += n;
	}
	out[olen] = '\0';
	*end = i;
	*pos = i;
	return in;
}
