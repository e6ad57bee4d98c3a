/*
 * typo.c: French typography warnings, read-only and conservative.
 *
 * Invariants: the text is only read, never written; every step looks at
 * a bounded number of bytes around the current character, so a check is
 * linear in the text's length whatever the number of warnings.  Bytes
 * that do not start a valid UTF-8 sequence count as one character each
 * and match no rule; offsets always point inside the text, and one
 * offset gets one warning at most (the space of "« »").  Only clear
 * cases are flagged: a rule that could fire on a URL, a time, a number
 * or a compound word asks for more context or stays silent.
 */
#include <string.h>

#include "typo.h"

#define CP_NONE		0xffffffffUL	/* before the start, after the end */
#define CP_BAD		0xfffdUL	/* a byte that starts no sequence */
#define EXCERPT_BEFORE	16		/* characters shown before the spot */
#define EXCERPT_AFTER	16		/* characters from the spot on */

_Static_assert((EXCERPT_BEFORE + EXCERPT_AFTER) * 4 + 6 < TYPO_EXCERPT_MAX,
    "an excerpt and its two ellipses fit in struct typo_warning");

struct text {
	const unsigned char	*s;
	size_t			 len;
};

/*
 * The character starting at i (i < len); *n gets its length in bytes,
 * 1 for a byte that does not start a complete sequence.
 */
static unsigned long
decode(const struct text *t, size_t i, size_t *n)
{
	unsigned long	 cp;
	unsigned char	 b = t->s[i];
	size_t		 need, k;

	*n = 1;
	if (b < 0x80)
		return b;
	if (b >= 0xc2 && b <= 0xdf) {
		need = 2;
		cp = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		need = 3;
		cp = b & 0x0f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		need = 4;
		cp = b & 0x07;
	} else
		return CP_BAD;
	if (need > t->len - i)
		return CP_BAD;
	for (k = 1; k < need; k++) {
		if ((t->s[i + k] & 0xc0) != 0x80)
			return CP_BAD;
		cp = (cp << 6) | (t->s[i + k] & 0x3f);
	}
	*n = need;
	return cp;
}

/* The character after the one at i of length n, or CP_NONE at the end. */
static unsigned long
next_cp(const struct text *t, size_t i, size_t n, size_t *at, size_t *len)
{
	*at = i + n;
	*len = 0;
	if (i + n >= t->len)
		return CP_NONE;
	return decode(t, i + n, len);
}

/*
 * The character that ends just before i, its start in *at; CP_NONE when
 * i is 0.  Steps back over at most three continuation bytes.
 */
static unsigned long
prev_cp(const struct text *t, size_t i, size_t *at)
{
	unsigned long	 cp;
	size_t		 j, n;

	*at = 0;
	if (i == 0)
		return CP_NONE;
	j = i - 1;
	while (j > 0 && i - j < 4 && (t->s[j] & 0xc0) == 0x80)
		j--;
	cp = decode(t, j, &n);
	if (j + n != i) {
		j = i - 1;
		cp = decode(t, j, &n);
		if (n != 1)
			cp = CP_BAD;
	}
	*at = j;
	return cp;
}

static int
is_letter(unsigned long c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return 1;
	/* Latin, Greek, Cyrillic and the like, without × and ÷. */
	return (c >= 0xc0 && c <= 0x2af && c != 0xd7 && c != 0xf7) ||
	    (c >= 0x370 && c <= 0x52f) || (c >= 0x1e00 && c <= 0x1fff);
}

static int
is_digit(unsigned long c)
{
	return c >= '0' && c <= '9';
}

/* The spaces French wants: NBSP U+00A0 and narrow NBSP U+202F. */
static int
is_nbsp(unsigned long c)
{
	return c == 0xa0 || c == 0x202f;
}

/* Any space, a line end, or the edge of the text. */
static int
is_blank(unsigned long c)
{
	return c == CP_NONE || c == ' ' || c == '\t' || c == '\n' ||
	    c == '\r' || is_nbsp(c) || c == 0x2009;
}

/* What may follow : for it to be the French colon (not 10:30, https:). */
static int
ends_colon(unsigned long c)
{
	return is_blank(c);
}

/* What may follow ; ! ? for them to be punctuation (not ![img], ?q=). */
static int
ends_mark(unsigned long c)
{
	if (is_blank(c))
		return 1;
	switch (c) {
	case '.': case ',': case ';': case ':': case '!': case '?':
	case ')': case ']': case '"': case '\'': case '*': case '_':
	case 0xbb: case 0x2019: case 0x201d: case 0x2026:
		return 1;
	default:
		return 0;
	}
}

struct scan {
	struct text		 t;
	struct typo_warning	*out;
	size_t			 max;
	size_t			 count;
	size_t			 line;
	size_t			 line_start;
	size_t			 last;		/* offset of the last warning */
};

/* The start of the character after the one at i; i < len. */
static size_t
step_fwd(const struct text *t, size_t i)
{
	size_t	 n;

	(void)decode(t, i, &n);
	return i + n;
}

static void
excerpt(const struct scan *sc, size_t at, char *buf)
{
	const struct text	*t = &sc->t;
	size_t			 a = at, b = at, k, n, o = 0;

	for (k = 0; k < EXCERPT_BEFORE && a > sc->line_start; k++)
		(void)prev_cp(t, a, &a);
	if (a < sc->line_start)
		a = sc->line_start;
	for (k = 0; k < EXCERPT_AFTER && b < t->len && t->s[b] != '\n'; k++)
		b = step_fwd(t, b);
	if (a > sc->line_start) {
		memcpy(buf, "\xe2\x80\xa6", 3);
		o = 3;
	}
	n = b - a;
	/* Bounded: see the _Static_assert at the top. */
	memcpy(buf + o, t->s + a, n);
	o += n;
	if (b < t->len && t->s[b] != '\n') {
		memcpy(buf + o, "\xe2\x80\xa6", 3);
		o += 3;
	}
	buf[o] = '\0';
}

static void
warn(struct scan *sc, size_t at, enum typo_kind kind)
{
	struct typo_warning	*w;

	/* "« »": the one space is after « and before »; one warning. */
	if (sc->count > 0 && at <= sc->last)
		return;
	sc->last = at;
	if (sc->count < sc->max) {
		w = &sc->out[sc->count];
		w->offset = at;
		w->line = sc->line;
		w->kind = kind;
		excerpt(sc, at, w->excerpt);
	}
	sc->count++;
}

/*
 * The space before the punctuation at i: NBSP or NNBSP is right, a plain
 * space after a word is a warning, and so is a letter right before it.
 */
static void
check_before(struct scan *sc, size_t i, int after_digit)
{
	unsigned long	 p, pp;
	size_t		 pa, ppa;

	p = prev_cp(&sc->t, i, &pa);
	if (p == ' ') {
		pp = prev_cp(&sc->t, pa, &ppa);
		if (!is_blank(pp))
			warn(sc, pa, TYPO_SPACE_BEFORE);
	} else if (is_letter(p) || (after_digit && is_digit(p)))
		warn(sc, i, TYPO_NO_SPACE);
}

size_t
typo_check_fr(const char *text, struct typo_warning *out, size_t max)
{
	struct scan	 sc;
	unsigned long	 c, nx, nn, p, pp;
	size_t		 i, n, na, nl, nna, nnl, pa, ppa;
	int		 curly, opened = 0;

	memset(&sc, 0, sizeof(sc));
	sc.t.s = (const unsigned char *)text;
	sc.t.len = strlen(text);
	sc.out = out;
	sc.max = out == NULL ? 0 : max;
	sc.line = 1;
	curly = strstr(text, "\xe2\x80\x99") != NULL;
	for (i = 0; i < sc.t.len; i += n) {
		c = decode(&sc.t, i, &n);
		switch (c) {
		case '\n':
			sc.line++;
			sc.line_start = i + 1;
			break;
		case ':':
			nx = next_cp(&sc.t, i, n, &na, &nl);
			if (ends_colon(nx))
				check_before(&sc, i, 0);
			break;
		case ';':
		case '!':
		case '?':
			nx = next_cp(&sc.t, i, n, &na, &nl);
			if (ends_mark(nx))
				check_before(&sc, i, 0);
			break;
		case 0xab:	/* « */
			opened = 1;
			nx = next_cp(&sc.t, i, n, &na, &nl);
			if (nx == ' ') {
				nn = next_cp(&sc.t, na, nl, &nna, &nnl);
				if (!is_blank(nn))
					warn(&sc, na, TYPO_SPACE_BEFORE);
			} else if (is_letter(nx) || is_digit(nx))
				warn(&sc, i, TYPO_NO_SPACE);
			break;
		case 0xbb:	/* », only after a « (not a breadcrumb) */
			if (opened)
				check_before(&sc, i, 1);
			break;
		case '\'':
			if (!curly)
				break;
			p = prev_cp(&sc.t, i, &pa);
			nx = next_cp(&sc.t, i, n, &na, &nl);
			if (is_letter(p) && is_letter(nx))
				warn(&sc, i, TYPO_STRAIGHT_APOSTROPHE);
			break;
		case '-':
			/* "mot - mot": not a list item, a range or a word. */
			p = prev_cp(&sc.t, i, &pa);
			nx = next_cp(&sc.t, i, n, &na, &nl);
			if ((p != ' ' && p != 0xa0) || (nx != ' ' && nx != 0xa0))
				break;
			pp = prev_cp(&sc.t, pa, &ppa);
			nn = next_cp(&sc.t, na, nl, &nna, &nnl);
			if (!is_blank(pp) && !is_blank(nn) && pp != '-' &&
			    nn != '-')
				warn(&sc, i, TYPO_HYPHEN_DASH);
			break;
		default:
			break;
		}
	}
	return sc.count;
}

enum msg
typo_msg(enum typo_kind kind)
{
	switch (kind) {
	case TYPO_SPACE_BEFORE:
		return MSG_TYPO_SPACE_BEFORE;
	case TYPO_NO_SPACE:
		return MSG_TYPO_NO_SPACE;
	case TYPO_STRAIGHT_APOSTROPHE:
		return MSG_TYPO_STRAIGHT_APOSTROPHE;
	case TYPO_HYPHEN_DASH:
	default:
		return MSG_TYPO_HYPHEN_DASH;
	}
}
