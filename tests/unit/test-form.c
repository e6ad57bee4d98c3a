/*
 * test-form.c: unit tests for form.c (urlencoded data, cookies, url_encode).
 *
 * Each test owns a fresh arena.  Inputs are copied into buffers of exactly
 * their length, with no NUL after them, so that AddressSanitizer catches a
 * parser that reads one byte too far.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "err.h"
#include "form.h"
#include "lim.h"

/* L(s): a string literal and its length without the final NUL. */
#define L(s)	(s), (sizeof(s) - 1)

static enum err
parse(struct arena *a, const char *s, size_t len, size_t max,
    struct params *p)
{
	enum err	 e;
	char		*copy;

	/* An exact-size copy: no NUL after it for the parser to lean on. */
	copy = malloc(len == 0 ? 1 : len);
	assert_non_null(copy);
	memcpy(copy, s, len);
	e = form_parse_urlencoded(a, copy, len, max, p);
	/* The results must not point into the input. */
	memset(copy, '#', len);
	free(copy);
	return e;
}

/* parse_fail() asserts that s fails with e and leaves out empty. */
static void
parse_fail(const char *s, size_t len, size_t max, enum err e)
{
	struct arena	 a;
	struct params	 p;

	arena_init(&a);
	p.v = (struct param *)&p;
	p.n = 12345;
	assert_int_equal(parse(&a, s, len, max, &p), e);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	arena_free(&a);
}

static void
assert_param(const struct params *p, size_t i, const char *name,
    const char *value, size_t len)
{
	assert_true(i < p->n);
	assert_string_equal(p->v[i].name, name);
	assert_int_equal(p->v[i].len, len);
	assert_memory_equal(p->v[i].value, value, len);
	assert_int_equal(p->v[i].value[len], '\0');
}

static void
test_basic(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L("title=Hello&lang=fr"), LIM_PARAMS_MAX,
	    &p), ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "title", "Hello", 5);
	assert_param(&p, 1, "lang", "fr", 2);
	arena_free(&a);
}

static void
test_empty_pairs(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L("&&a=1&&b=2&"), LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "a", "1", 1);
	assert_param(&p, 1, "b", "2", 1);

	assert_int_equal(parse(&a, "", 0, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	assert_int_equal(form_parse_urlencoded(&a, NULL, 0, LIM_PARAMS_MAX,
	    &p), ERR_OK);
	assert_int_equal(p.n, 0);

	assert_int_equal(parse(&a, L("&&&"), LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	assert_int_equal(parse(&a, L("&"), 0, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	arena_free(&a);
}

static void
test_no_equals(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L("publish&a=&b==c&d=x=y"), LIM_PARAMS_MAX,
	    &p), ERR_OK);
	assert_int_equal(p.n, 4);
	assert_param(&p, 0, "publish", "", 0);
	assert_param(&p, 1, "a", "", 0);
	assert_param(&p, 2, "b", "=c", 2);
	assert_param(&p, 3, "d", "x=y", 3);
	arena_free(&a);
}

static void
test_decoding(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a,
	    L("t=%C3%A9t%c3%a9+%E2%80%99&q=a%2Bb%26c%3Dd&%3D%21=1&x=++"),
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 4);
	assert_param(&p, 0, "t", "\xc3\xa9t\xc3\xa9 \xe2\x80\x99", 9);
	assert_param(&p, 1, "q", "a+b&c=d", 7);
	assert_param(&p, 2, "=!", "1", 1);
	assert_param(&p, 3, "x", "  ", 2);
	/* A name in UTF-8 is allowed. */
	assert_int_equal(parse(&a, L("r%C3%A9f=1"), LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_param(&p, 0, "r\xc3\xa9" "f", "1", 1);
	/* Every byte value decodes, in both cases of hex digits. */
	assert_int_equal(parse(&a, L("v=%00%01%7f%7F%80%fF%0a%0D"),
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_param(&p, 0, "v", "\x00\x01\x7f\x7f\x80\xff\n\r", 8);
	arena_free(&a);
}

static void
test_nul_in_value(void **state)
{
	struct arena	 a;
	struct params	 p;
	size_t		 len;
	const char	*v;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L("a=x%00y&b=%00"), LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "a", "x\0y", 3);
	assert_param(&p, 1, "b", "\0", 1);
	v = params_get(&p, "a", &len);
	assert_int_equal(len, 3);
	assert_int_equal(strlen(v), 1);
	arena_free(&a);
}

static void
test_not_terminated(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	/* Only len bytes count, whatever follows them. */
	assert_int_equal(form_parse_urlencoded(&a, "a=1&b=2", 5,
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "a", "1", 1);
	assert_param(&p, 1, "b", "", 0);
	/* An escape cut by len is bad even if the bytes after it are hex. */
	p.n = 99;
	assert_int_equal(form_parse_urlencoded(&a, "a=%41", 4,
	    LIM_PARAMS_MAX, &p), ERR_ESCAPE);
	assert_int_equal(p.n, 0);
	arena_free(&a);
}

static void
test_bad_escapes(void **state)
{
	(void)state;
	parse_fail(L("%"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("%4"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("%zz"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("%%"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("%%41"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%4"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%zz"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%%"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%4g"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%g4"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%-1"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=% 1"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%\xc3\xa9"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%4&b=1"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("a=%&41"), LIM_PARAMS_MAX, ERR_ESCAPE);
	parse_fail(L("n%zz=1"), LIM_PARAMS_MAX, ERR_ESCAPE);
	/* A bad escape in the last pair spoils the whole parse. */
	parse_fail(L("a=1&b=2&c=3%"), LIM_PARAMS_MAX, ERR_ESCAPE);
}

static void
test_bad_names(void **state)
{
	(void)state;
	parse_fail(L("=x"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("="), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a=1&=2"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a+b=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("+=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a b=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%20b=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%00=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%09=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%0A=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%0d"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%1F=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a%7F=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a\x7f=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a\n=1"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("a\0=1"), LIM_PARAMS_MAX, ERR_BADREQ);
}

static void
test_name_length(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		 s[3 * LIM_NAME_MAX + 8];
	size_t		 i;

	(void)state;
	arena_init(&a);
	memset(s, 'n', LIM_NAME_MAX + 1);
	memcpy(s + LIM_NAME_MAX, "=v", 2);
	assert_int_equal(parse(&a, s, LIM_NAME_MAX + 2, LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(strlen(p.v[0].name), LIM_NAME_MAX);
	assert_param(&p, 0, p.v[0].name, "v", 1);

	memset(s, 'n', LIM_NAME_MAX + 1);
	memcpy(s + LIM_NAME_MAX + 1, "=v", 2);
	parse_fail(s, LIM_NAME_MAX + 3, LIM_PARAMS_MAX, ERR_BADREQ);
	/* Without '=' too. */
	parse_fail(s, LIM_NAME_MAX + 1, LIM_PARAMS_MAX, ERR_BADREQ);

	/* The limit is on the decoded name: 64 x "%61" is 64 bytes. */
	for (i = 0; i < LIM_NAME_MAX; i++)
		memcpy(s + 3 * i, "%61", 3);
	assert_int_equal(parse(&a, s, 3 * LIM_NAME_MAX, LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(strlen(p.v[0].name), LIM_NAME_MAX);
	memcpy(s + 3 * LIM_NAME_MAX, "%61", 3);
	parse_fail(s, 3 * LIM_NAME_MAX + 3, LIM_PARAMS_MAX, ERR_BADREQ);
	arena_free(&a);
}

/* many() builds "f=1&f=1&..." with n pairs, in a malloc'ed buffer. */
static char *
many(size_t n, size_t *lenp)
{
	char	*s;
	size_t	 i;

	s = malloc(4 * n + 1);
	assert_non_null(s);
	for (i = 0; i < n; i++)
		memcpy(s + 4 * i, "f=1&", 4);
	*lenp = n == 0 ? 0 : 4 * n - 1;
	s[*lenp] = '\0';
	return s;
}

static void
test_maxparams_edges(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		*s;
	size_t		 len;

	(void)state;
	arena_init(&a);
	s = many(LIM_PARAMS_MAX, &len);
	assert_int_equal(parse(&a, s, len, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, LIM_PARAMS_MAX);
	assert_int_equal(params_count(&p, "f"), LIM_PARAMS_MAX);
	assert_param(&p, LIM_PARAMS_MAX - 1, "f", "1", 1);
	free(s);

	s = many(LIM_PARAMS_MAX + 1, &len);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_TOOMANY);
	free(s);

	/* maxparams 0: only an input without pairs passes. */
	assert_int_equal(parse(&a, L("&&"), 0, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	parse_fail(L("a"), 0, ERR_TOOMANY);
	/* Empty pairs do not count. */
	assert_int_equal(parse(&a, L("&a=1&&&&"), 1, &p), ERR_OK);
	assert_int_equal(p.n, 1);
	parse_fail(L("&a=1&&&&b"), 1, ERR_TOOMANY);
	arena_free(&a);
}

static void
test_repeated_10000(void **state)
{
	char	*s;
	size_t	 len;

	(void)state;
	s = many(10000, &len);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_TOOMANY);
	free(s);
}

static void
test_toomany_first(void **state)
{
	(void)state;
	/* Too many pairs is found before any decoding. */
	parse_fail(L("%zz&b&c"), 2, ERR_TOOMANY);
	parse_fail(L("=&b&c"), 2, ERR_TOOMANY);
	parse_fail(L("%zz&b"), 2, ERR_ESCAPE);
	/* Otherwise the first bad pair decides. */
	parse_fail(L("=1&b=%zz"), LIM_PARAMS_MAX, ERR_BADREQ);
	parse_fail(L("b=%zz&=1"), LIM_PARAMS_MAX, ERR_ESCAPE);
}

static void
test_big_value(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		*s;
	size_t		 i, len, n;

	(void)state;
	arena_init(&a);
	/* A body of exactly LIM_BODY_MAX bytes: "body=" and "%C3%A9+x" * n. */
	n = (LIM_BODY_MAX - 5) / 8;
	len = 5 + 8 * n;
	s = malloc(len);
	assert_non_null(s);
	memcpy(s, "body=", 5);
	for (i = 0; i < n; i++)
		memcpy(s + 5 + 8 * i, "%C3%A9+x", 8);
	assert_int_equal(parse(&a, s, len, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].name, "body");
	assert_int_equal(p.v[0].len, 4 * n);
	assert_memory_equal(p.v[0].value, "\xc3\xa9 x", 4);
	assert_memory_equal(p.v[0].value + 4 * (n - 1), "\xc3\xa9 x\0", 5);

	/* 1 MB of 'x' after the name. */
	memset(s + 5, 'x', len - 5);
	assert_int_equal(parse(&a, s, len, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.v[0].len, len - 5);
	assert_int_equal(strlen(p.v[0].value), len - 5);
	free(s);
	arena_free(&a);
}

static void
test_pathological(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		*s;
	size_t		 len, i;

	(void)state;
	arena_init(&a);
	len = LIM_BODY_MAX;
	s = malloc(len);
	assert_non_null(s);

	memset(s, '&', len);
	assert_int_equal(parse(&a, s, len, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 0);

	memset(s, '=', len);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_BADREQ);

	memset(s, '%', len);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_ESCAPE);

	memset(s, 'n', len);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_BADREQ);

	/* Half a million pairs, all allowed. */
	for (i = 0; i + 1 < len; i += 2)
		memcpy(s + i, "a&", 2);
	assert_int_equal(parse(&a, s, len, len, &p), ERR_OK);
	assert_int_equal(p.n, len / 2);
	assert_int_equal(params_count(&p, "a"), len / 2);
	parse_fail(s, len, LIM_PARAMS_MAX, ERR_TOOMANY);

	/* A million '=' in one value, and the same with escapes. */
	memcpy(s, "v=", 2);
	memset(s + 2, '=', len - 2);
	assert_int_equal(parse(&a, s, len, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.v[0].len, len - 2);
	for (i = 2; i + 3 <= len; i += 3)
		memcpy(s + i, "%3D", 3);
	assert_int_equal(parse(&a, s, i, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.v[0].len, (i - 2) / 3);
	free(s);
	arena_free(&a);
}

static void
test_release_form(void **state)
{
	struct arena	 a;
	struct params	 p;
	const char	*v;
	size_t		 len;
	static const char body[] =
	    "csrf=3f9a0c4e8b1d2f7a6c5e4b3a2918f7e6"
	    "d5c4b3a29180f7e6d5c4b3a2918f7e6d"
	    "&title=Le+CCRE+et+NALAS+renforcent+leur+coop%C3%A9ration"
	    "&subtitle=Aujourd%E2%80%99hui+%E2%80%93+Bruxelles"
	    "&lead=Prix%C2%A0%3A+20%E2%80%AF%25%0D%0ADeuxi%C3%A8me+ligne"
	    "&topics=europe&topics=balkans&lang=fr&publish";

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L(body), LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 8);
	v = params_get(&p, "csrf", &len);
	assert_non_null(v);
	assert_int_equal(len, LIM_CSRF_LEN);
	assert_string_equal(params_get(&p, "title", NULL),
	    "Le CCRE et NALAS renforcent leur coop\xc3\xa9ration");
	assert_string_equal(params_get(&p, "subtitle", NULL),
	    "Aujourd\xe2\x80\x99hui \xe2\x80\x93 Bruxelles");
	v = params_get(&p, "lead", &len);
	assert_string_equal(v, "Prix\xc2\xa0: 20\xe2\x80\xaf%\r\n"
	    "Deuxi\xc3\xa8me ligne");
	assert_int_equal(len, strlen(v));
	assert_int_equal(params_count(&p, "topics"), 2);
	assert_string_equal(params_get(&p, "topics", NULL), "europe");
	v = params_get(&p, "publish", &len);
	assert_string_equal(v, "");
	assert_int_equal(len, 0);
	arena_free(&a);
}

static void
test_params_get_count(void **state)
{
	struct arena	 a;
	struct params	 p;
	size_t		 len;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, L("a=1&b=22&a=333&A=4&ab=5"),
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 5);
	len = 99;
	assert_string_equal(params_get(&p, "a", &len), "1");
	assert_int_equal(len, 1);
	assert_string_equal(params_get(&p, "b", &len), "22");
	assert_int_equal(len, 2);
	assert_string_equal(params_get(&p, "A", NULL), "4");
	len = 99;
	assert_null(params_get(&p, "c", &len));
	assert_int_equal(len, 99);
	assert_null(params_get(&p, "", NULL));
	assert_int_equal(params_count(&p, "a"), 2);
	assert_int_equal(params_count(&p, "A"), 1);
	assert_int_equal(params_count(&p, "ab"), 1);
	assert_int_equal(params_count(&p, "c"), 0);

	assert_int_equal(parse(&a, "", 0, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_null(params_get(&p, "a", NULL));
	assert_int_equal(params_count(&p, "a"), 0);
	arena_free(&a);
}

/* cookies() parses a header with a fresh copy of it. */
static enum err
cookies(struct arena *a, const char *h, size_t max, struct params *p)
{
	char		*copy;
	enum err	 e;

	copy = strdup(h);
	assert_non_null(copy);
	e = form_parse_cookies(a, copy, max, p);
	memset(copy, '#', strlen(copy));
	free(copy);
	return e;
}

static void
test_cookie_basic(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "a=1; b=2", LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "a", "1", 1);
	assert_param(&p, 1, "b", "2", 1);

	assert_int_equal(cookies(&a, "sid=0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef; lang=fr; _ga=GA1.2.3.4",
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.v[0].len, LIM_SESSION_ID_LEN);
	assert_string_equal(params_get(&p, "lang", NULL), "fr");
	assert_string_equal(params_get(&p, "_ga", NULL), "GA1.2.3.4");
	arena_free(&a);
}

static void
test_cookie_whitespace_quotes(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "  a = 1 ;\tb=\t2\t;c=3;d = x y ",
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 4);
	assert_param(&p, 0, "a", "1", 1);
	assert_param(&p, 1, "b", "2", 1);
	assert_param(&p, 2, "c", "3", 1);
	assert_param(&p, 3, "d", "x y", 3);

	assert_int_equal(cookies(&a, "q=\"x y\"; e=\"\"; h=\"; t=\"a\"b; "
	    "s= \"v\" ", LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 5);
	assert_param(&p, 0, "q", "x y", 3);
	assert_param(&p, 1, "e", "", 0);
	assert_param(&p, 2, "h", "\"", 1);
	assert_param(&p, 3, "t", "\"a\"b", 4);
	assert_param(&p, 4, "s", "v", 1);
	arena_free(&a);
}

static void
test_cookie_skipped(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "foo; =1; a=1; = 2;  =3; ;;b=; c==d",
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 3);
	assert_param(&p, 0, "a", "1", 1);
	assert_param(&p, 1, "b", "", 0);
	assert_param(&p, 2, "c", "=d", 2);

	assert_int_equal(cookies(&a, "", LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	assert_int_equal(cookies(&a, " ;;; ", LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 0);
	p.n = 7;
	assert_int_equal(form_parse_cookies(&a, NULL, LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 0);
	arena_free(&a);
}

static void
test_cookie_no_decoding(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "a=%41+b; n%41=x&y",
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 2);
	assert_param(&p, 0, "a", "%41+b", 5);
	assert_param(&p, 1, "n%41", "x&y", 3);
	/* Bytes above ASCII pass as they are. */
	assert_int_equal(cookies(&a, "pr\xc3\xa9" "f=\xc3\xa9t\xc3\xa9",
	    LIM_PARAMS_MAX, &p), ERR_OK);
	assert_param(&p, 0, "pr\xc3\xa9" "f", "\xc3\xa9t\xc3\xa9", 5);
	arena_free(&a);
}

static void
test_cookie_name_length(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		 h[LIM_NAME_MAX + 16];

	(void)state;
	arena_init(&a);
	memset(h, 'n', LIM_NAME_MAX);
	strcpy(h + LIM_NAME_MAX, "=1; b=2");
	assert_int_equal(cookies(&a, h, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(strlen(p.v[0].name), LIM_NAME_MAX);
	memset(h, 'n', LIM_NAME_MAX + 1);
	strcpy(h + LIM_NAME_MAX + 1, "=1; b=2");
	assert_int_equal(cookies(&a, h, LIM_PARAMS_MAX, &p), ERR_OK);
	assert_int_equal(p.n, 1);
	assert_param(&p, 0, "b", "2", 1);
	arena_free(&a);
}

static void
test_cookie_header_length(void **state)
{
	struct arena	 a;
	struct params	 p;
	char		*h;

	(void)state;
	arena_init(&a);
	h = malloc(LIM_COOKIE_MAX + 2);
	assert_non_null(h);
	memcpy(h, "big=", 4);
	memset(h + 4, 'v', LIM_COOKIE_MAX - 4);
	h[LIM_COOKIE_MAX] = '\0';
	assert_int_equal(form_parse_cookies(&a, h, LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].len, LIM_COOKIE_MAX - 4);
	h[LIM_COOKIE_MAX] = 'v';
	h[LIM_COOKIE_MAX + 1] = '\0';
	p.n = 5;
	assert_int_equal(form_parse_cookies(&a, h, LIM_PARAMS_MAX, &p),
	    ERR_TOOBIG);
	assert_int_equal(p.n, 0);
	free(h);
	arena_free(&a);
}

static void
test_cookie_toomany(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "a=1; b=2; c=3", 3, &p), ERR_OK);
	assert_int_equal(p.n, 3);
	p.n = 5;
	assert_int_equal(cookies(&a, "a=1; b=2; c=3; d=4", 3, &p),
	    ERR_TOOMANY);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	/* Skipped pairs do not count. */
	assert_int_equal(cookies(&a, "x; a=1; =y; b=2; ; c=3; z", 3, &p),
	    ERR_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(cookies(&a, "a=1", 0, &p), ERR_TOOMANY);
	assert_int_equal(cookies(&a, "a", 0, &p), ERR_OK);
	arena_free(&a);
}

static void
test_cookie_repeated(void **state)
{
	struct arena	 a;
	struct params	 p;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookies(&a, "sid=first; sid=second", LIM_PARAMS_MAX,
	    &p), ERR_OK);
	assert_int_equal(params_count(&p, "sid"), 2);
	assert_string_equal(params_get(&p, "sid", NULL), "first");
	arena_free(&a);
}

/* encoded() returns url_encode() of s[0..len) as a string. */
static const char *
encoded(struct arena *a, const char *s, size_t len)
{
	struct buf	 b;

	buf_init(&b, a);
	buf_puts(&b, "");
	url_encode(&b, s, len);
	return b.data;
}

static void
test_url_encode(void **state)
{
	struct arena	 a;
	struct buf	 b;

	(void)state;
	arena_init(&a);
	assert_string_equal(encoded(&a, L("")), "");
	assert_string_equal(encoded(&a, L("AZaz09-._~")), "AZaz09-._~");
	assert_string_equal(encoded(&a, L("a b")), "a%20b");
	assert_string_equal(encoded(&a, L("+&=%/?#")),
	    "%2B%26%3D%25%2F%3F%23");
	assert_string_equal(encoded(&a, L("\xc3\xa9t\xc3\xa9")),
	    "%C3%A9t%C3%A9");
	assert_string_equal(encoded(&a, L("\0\x01\x7f\x80\xff")),
	    "%00%01%7F%80%FF");
	assert_string_equal(encoded(&a, L("\r\n")), "%0D%0A");
	assert_string_equal(encoded(&a, L("@:!*'()[];,$")),
	    "%40%3A%21%2A%27%28%29%5B%5D%3B%2C%24");

	/* It appends. */
	buf_init(&b, &a);
	buf_puts(&b, "/release?id=");
	url_encode(&b, L("2026/01 a"));
	buf_puts(&b, "&lang=");
	url_encode(&b, L("fr"));
	assert_string_equal(b.data, "/release?id=2026%2F01%20a&lang=fr");
	assert_int_equal(b.len, strlen(b.data));
	arena_free(&a);
}

static void
test_url_encode_roundtrip(void **state)
{
	struct arena	 a;
	struct params	 p;
	struct buf	 b;
	char		 all[256];
	size_t		 i;

	(void)state;
	arena_init(&a);
	for (i = 0; i < sizeof(all); i++)
		all[i] = (char)i;
	buf_init(&b, &a);
	buf_puts(&b, "v=");
	url_encode(&b, all, sizeof(all));
	assert_int_equal(b.len, 2 + 3 * (256 - 66) + 66);
	assert_int_equal(parse(&a, b.data, b.len, LIM_PARAMS_MAX, &p),
	    ERR_OK);
	assert_int_equal(p.n, 1);
	assert_param(&p, 0, "v", all, sizeof(all));
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_empty_pairs),
		cmocka_unit_test(test_no_equals),
		cmocka_unit_test(test_decoding),
		cmocka_unit_test(test_nul_in_value),
		cmocka_unit_test(test_not_terminated),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_name_length),
		cmocka_unit_test(test_maxparams_edges),
		cmocka_unit_test(test_repeated_10000),
		cmocka_unit_test(test_toomany_first),
		cmocka_unit_test(test_big_value),
		cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_release_form),
		cmocka_unit_test(test_params_get_count),
		cmocka_unit_test(test_cookie_basic),
		cmocka_unit_test(test_cookie_whitespace_quotes),
		cmocka_unit_test(test_cookie_skipped),
		cmocka_unit_test(test_cookie_no_decoding),
		cmocka_unit_test(test_cookie_name_length),
		cmocka_unit_test(test_cookie_header_length),
		cmocka_unit_test(test_cookie_toomany),
		cmocka_unit_test(test_cookie_repeated),
		cmocka_unit_test(test_url_encode),
		cmocka_unit_test(test_url_encode_roundtrip),
	};

	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
