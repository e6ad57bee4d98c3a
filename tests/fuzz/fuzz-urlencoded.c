/*
 * fuzz-urlencoded.c: libFuzzer harness for form_parse_urlencoded() and utf8.c.
 *
 * Each input is parsed with a fresh arena, and the result must keep the
 * parser's promises: every name non-empty, short and free of spaces and
 * controls, every value NUL-terminated at len, n within maxparams, out
 * empty on error.  A parse that succeeds must survive a url_encode() round
 * trip unchanged.  utf8_valid() and the text checks are compared against
 * a naive reference that decodes code points, written separately here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "form.h"
#include "lim.h"
#include "utf8.h"

#define CHECK(x) do {							\
	if (!(x)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #x);				\
		abort();						\
	}								\
} while (0)

/* A small maxparams, to reach ERR_TOOMANY on short inputs. */
#define SMALL_MAX	3

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * ref_decode() decodes the code point at s[i] the naive way, or returns
 * -1 if the bytes there are not one well-formed UTF-8 character.
 */
static long
ref_decode(const unsigned char *s, size_t len, size_t i, size_t *seqlen)
{
	unsigned long	 cp, min;
	size_t		 n, k;
	unsigned char	 c;

	c = s[i];
	if (c < 0x80) {
		*seqlen = 1;
		return c;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else
		return -1;
	if (len - i <= n)
		return -1;
	for (k = 1; k <= n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*seqlen = n + 1;
	return (long)cp;
}

static int
ref_utf8_valid(const unsigned char *s, size_t len)
{
	size_t	 i, n;

	for (i = 0; i < len; i += n)
		if (ref_decode(s, len, i, &n) < 0)
			return 0;
	return 1;
}

/* ref_text_check() is text_check_line() or _block() on code points. */
static enum err
ref_text_check(const unsigned char *s, size_t len, size_t max, int block)
{
	size_t	 i, n;
	long	 cp;

	if (len > max)
		return ERR_TOOBIG;
	if (!ref_utf8_valid(s, len))
		return ERR_UTF8;
	for (i = 0; i < len; i += n) {
		cp = ref_decode(s, len, i, &n);
		if (block && (cp == '\n' || cp == '\t'))
			continue;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return ERR_CTRL;
	}
	return ERR_OK;
}

static void
check_text(const uint8_t *data, size_t size)
{
	char	*s;
	size_t	 i, n, crlf;

	CHECK(utf8_valid((const char *)data, size) ==
	    ref_utf8_valid(data, size));
	CHECK(text_check_line((const char *)data, size, size) ==
	    ref_text_check(data, size, size, 0));
	CHECK(text_check_block((const char *)data, size, size) ==
	    ref_text_check(data, size, size, 1));
	if (size > 0) {
		CHECK(text_check_line((const char *)data, size, size - 1) ==
		    ERR_TOOBIG);
		CHECK(text_check_block((const char *)data, size, size - 1) ==
		    ERR_TOOBIG);
	}

	/* Newlines: no CR left, one byte less per CRLF, the rest kept. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	crlf = 0;
	for (i = 0; i + 1 < size; i++)
		if (data[i] == '\r' && data[i + 1] == '\n')
			crlf++;
	n = text_normalize_newlines(s, size);
	CHECK(n == size - crlf);
	CHECK(s[n] == '\0');
	CHECK(memchr(s, '\r', n) == NULL);
	if (memchr(data, '\r', size) == NULL)
		CHECK(memcmp(s, data, size) == 0);
	free(s);
}

static int
name_ok(const char *name)
{
	size_t	 i, len;

	len = strlen(name);
	if (len == 0 || len > LIM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x21 ||
		    (unsigned char)name[i] == 0x7F)
			return 0;
	return 1;
}

static void
check_params(const struct params *p, enum err e, size_t size, size_t max)
{
	size_t	 i, total;

	if (e != ERR_OK) {
		CHECK(e == ERR_ESCAPE || e == ERR_BADREQ || e == ERR_TOOMANY);
		CHECK(p->n == 0);
		CHECK(p->v == NULL);
		return;
	}
	CHECK(p->n <= max);
	CHECK(p->n == 0 || p->v != NULL);
	total = 0;
	for (i = 0; i < p->n; i++) {
		CHECK(name_ok(p->v[i].name));
		CHECK(strlen(p->v[i].value) <= p->v[i].len);
		CHECK(p->v[i].value[p->v[i].len] == '\0');
		total += strlen(p->v[i].name) + p->v[i].len;
	}
	/* Decoding never makes text longer. */
	CHECK(total <= size);
}

static int
same_params(const struct params *p, const struct params *q)
{
	size_t	 i;

	if (p->n != q->n)
		return 0;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, q->v[i].name) != 0 ||
		    p->v[i].len != q->v[i].len ||
		    memcmp(p->v[i].value, q->v[i].value, p->v[i].len) != 0)
			return 0;
	return 1;
}

/* count_pairs() counts the non-empty '&'-separated pairs, naively. */
static size_t
count_pairs(const uint8_t *data, size_t size)
{
	size_t	 i, n;
	int	 in;

	n = 0;
	in = 0;
	for (i = 0; i < size; i++) {
		if (data[i] == '&')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct params	 p, q, r;
	struct buf	 b;
	enum err	 e, e2;
	size_t		 i;

	check_text(data, size);

	arena_init(&a);
	e = form_parse_urlencoded(&a, (const char *)data, size,
	    LIM_PARAMS_MAX, &p);
	check_params(&p, e, size, LIM_PARAMS_MAX);
	if (count_pairs(data, size) > LIM_PARAMS_MAX)
		CHECK(e == ERR_TOOMANY);
	else
		CHECK(e != ERR_TOOMANY);
	if (e == ERR_OK)
		CHECK(p.n == count_pairs(data, size));

	/* A smaller maxparams changes nothing but the pair limit. */
	e2 = form_parse_urlencoded(&a, (const char *)data, size, SMALL_MAX,
	    &q);
	check_params(&q, e2, size, SMALL_MAX);
	if (e == ERR_OK && p.n <= SMALL_MAX)
		CHECK(e2 == ERR_OK && same_params(&p, &q));
	else if (e == ERR_OK || e == ERR_TOOMANY)
		CHECK(e2 == ERR_TOOMANY);

	if (e == ERR_OK) {
		/* Encoded again and parsed again, the pairs come back. */
		buf_init(&b, &a);
		buf_puts(&b, "");
		for (i = 0; i < p.n; i++) {
			if (i > 0)
				buf_putc(&b, '&');
			url_encode(&b, p.v[i].name, strlen(p.v[i].name));
			buf_putc(&b, '=');
			url_encode(&b, p.v[i].value, p.v[i].len);
		}
		e2 = form_parse_urlencoded(&a, b.data, b.len, LIM_PARAMS_MAX,
		    &r);
		CHECK(e2 == ERR_OK);
		CHECK(same_params(&p, &r));

		for (i = 0; i < p.n; i++) {
			CHECK(utf8_valid(p.v[i].value, p.v[i].len) ==
			    ref_utf8_valid((const unsigned char *)p.v[i].value,
			    p.v[i].len));
			CHECK(params_get(&p, p.v[i].name, NULL) != NULL);
			CHECK(params_count(&p, p.v[i].name) >= 1);
		}
	}
	arena_free(&a);
	return 0;
}
