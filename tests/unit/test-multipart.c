/*
 * test-multipart.c: unit tests for multipart.c (multipart/form-data).
 *
 * Every body is fed in pieces that are exact-size heap copies, so that
 * AddressSanitizer catches a parser that reads past a piece, and most are
 * fed in many ways (whole, a byte at a time, cut at every offset): the
 * parts collected, byte for byte, and the error must not depend on the
 * cuts.  The collecting callbacks check the call protocol as they go: no
 * part_data() or part_end() outside a part, no empty data, no call at all
 * once an error was returned.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "multipart.h"

/* L(s): a string literal and its length without the final NUL. */
#define L(s)	(s), (sizeof(s) - 1)

#define CHROME	"----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define FIREFOX	"---------------------------735323031399963166993862150"
#define CD	"Content-Disposition: form-data; "

/*
 * AddressSanitizer's count of live heap bytes, if it is linked in: the
 * tests that check that memory does not grow with the input use it.
 */
size_t	__sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

/* One part as the callbacks saw it. */
struct got_part {
	struct mp_part	 h;
	char		*data;
	size_t		 len;
	int		 ended;
};

/* What the callbacks saw of one parse, and when they should fail. */
struct got {
	struct got_part	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 ncalls;	/* callbacks of any kind */
	size_t		 ndata;		/* part_data() calls */
	size_t		 nend;		/* part_end() calls */
	int		 in_part;
	int		 stopped;	/* a callback returned non-zero */
	size_t		 stop_begin;	/* fail the nth part_begin(), or 0 */
	size_t		 stop_data;	/* fail the nth part_data(), or 0 */
	size_t		 stop_end;	/* fail the nth part_end(), or 0 */
};

/* An expected part. */
struct want {
	const char	*headers;	/* header lines, each ending in CRLF */
	const char	*name;
	const char	*filename;	/* NULL: no filename parameter */
	const char	*ctype;
	const char	*data;
	size_t		 len;
};

static const struct mp_limits	 lim_default = { 8192, 1000, 65536 };

/* check_strings() checks a part's strings: terminated and in bounds. */
static void
check_strings(const struct mp_part *h)
{
	assert_true(strnlen(h->name, sizeof(h->name)) < sizeof(h->name));
	assert_true(strnlen(h->filename, sizeof(h->filename)) <
	    sizeof(h->filename));
	assert_true(strnlen(h->content_type, sizeof(h->content_type)) <
	    sizeof(h->content_type));
	assert_true(h->name[0] != '\0');
	if (!h->has_filename)
		assert_string_equal(h->filename, "");
}

static int
cb_begin(void *arg, const struct mp_part *h)
{
	struct got	*g;

	g = arg;
	assert_false(g->stopped);
	assert_false(g->in_part);
	check_strings(h);
	g->ncalls++;
	if (g->n == g->cap) {
		g->cap = g->cap == 0 ? 8 : 2 * g->cap;
		g->v = realloc(g->v, g->cap * sizeof(*g->v));
		assert_non_null(g->v);
	}
	memset(&g->v[g->n], 0, sizeof(g->v[g->n]));
	g->v[g->n].h = *h;
	g->n++;
	g->in_part = 1;
	if (g->stop_begin == g->n) {
		g->stopped = 1;
		return 1;
	}
	return 0;
}

static int
cb_data(void *arg, const char *data, size_t len)
{
	struct got	*g;
	struct got_part	*gp;

	g = arg;
	assert_false(g->stopped);
	assert_true(g->in_part);
	assert_true(len > 0);
	g->ncalls++;
	gp = &g->v[g->n - 1];
	gp->data = realloc(gp->data, gp->len + len);
	assert_non_null(gp->data);
	memcpy(gp->data + gp->len, data, len);
	gp->len += len;
	if (++g->ndata == g->stop_data) {
		g->stopped = 1;
		return 1;
	}
	return 0;
}

static int
cb_end(void *arg)
{
	struct got	*g;

	g = arg;
	assert_false(g->stopped);
	assert_true(g->in_part);
	g->ncalls++;
	g->in_part = 0;
	g->v[g->n - 1].ended = 1;
	if (++g->nend == g->stop_end) {
		g->stopped = 1;
		return 1;
	}
	return 0;
}

static const struct mp_callbacks	 callbacks = {
	cb_begin, cb_data, cb_end
};

/* got_reset() frees what g collected and keeps its stop settings. */
static void
got_reset(struct got *g)
{
	size_t	 i;

	for (i = 0; i < g->n; i++)
		free(g->v[i].data);
	free(g->v);
	g->v = NULL;
	g->n = g->cap = g->ncalls = g->ndata = g->nend = 0;
	g->in_part = g->stopped = 0;
}

/* same_got() asserts that two parses collected the same parts. */
static void
same_got(const struct got *a, const struct got *b)
{
	size_t	 i;

	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nend, b->nend);
	for (i = 0; i < a->n; i++) {
		assert_string_equal(a->v[i].h.name, b->v[i].h.name);
		assert_string_equal(a->v[i].h.filename, b->v[i].h.filename);
		assert_int_equal(a->v[i].h.has_filename,
		    b->v[i].h.has_filename);
		assert_string_equal(a->v[i].h.content_type,
		    b->v[i].h.content_type);
		assert_int_equal(a->v[i].len, b->v[i].len);
		if (a->v[i].len > 0)
			assert_memory_equal(a->v[i].data, b->v[i].data,
			    a->v[i].len);
		assert_int_equal(a->v[i].ended, b->v[i].ended);
	}
}

/* check_want() asserts that g holds exactly the n parts of w, all ended. */
static void
check_want(const struct got *g, const struct want *w, size_t n)
{
	size_t	 i;

	assert_int_equal(g->n, n);
	for (i = 0; i < n; i++) {
		assert_string_equal(g->v[i].h.name, w[i].name);
		if (w[i].filename == NULL) {
			assert_false(g->v[i].h.has_filename);
			assert_string_equal(g->v[i].h.filename, "");
		} else {
			assert_true(g->v[i].h.has_filename);
			assert_string_equal(g->v[i].h.filename, w[i].filename);
		}
		assert_string_equal(g->v[i].h.content_type, w[i].ctype);
		assert_int_equal(g->v[i].len, w[i].len);
		if (w[i].len > 0)
			assert_memory_equal(g->v[i].data, w[i].data, w[i].len);
		assert_true(g->v[i].ended);
	}
	assert_false(g->in_part);
}

/*
 * parse_cuts() parses body[0..len) cut at the increasing offsets
 * cuts[0..ncuts), each piece an exact-size copy that is spoilt once fed,
 * and returns the first error of mp_feed(), or else that of mp_finish().
 * Once an error is returned every later call must return it again and
 * run no callback.
 */
static enum err
parse_cuts(const char *boundary, const struct mp_limits *lim,
    const char *body, size_t len, const size_t *cuts, size_t ncuts,
    struct got *g)
{
	struct mp_parser	*p;
	size_t			 k, from, to, calls;
	enum err		 e, first;
	char			*piece;

	p = mp_new(boundary, lim, &callbacks, g);
	assert_non_null(p);
	first = ERR_OK;
	calls = 0;
	from = 0;
	for (k = 0; k <= ncuts; k++) {
		to = k < ncuts ? cuts[k] : len;
		assert_true(to >= from && to <= len);
		piece = malloc(to > from ? to - from : 1);
		assert_non_null(piece);
		memcpy(piece, body + from, to - from);
		e = mp_feed(p, piece, to - from);
		memset(piece, '#', to - from);
		free(piece);
		if (first != ERR_OK) {
			assert_int_equal(e, first);
			assert_int_equal(g->ncalls, calls);
		} else if (e != ERR_OK) {
			first = e;
			calls = g->ncalls;
		}
		from = to;
	}
	e = mp_finish(p);
	if (first != ERR_OK) {
		assert_int_equal(e, first);
		assert_int_equal(g->ncalls, calls);
	}
	assert_int_equal(mp_finish(p), e);
	if (e != ERR_OK)
		assert_int_equal(mp_feed(p, L("--")), e);
	mp_free(p);
	return e;
}

/* parse_step() parses body in pieces of step bytes (0: whole). */
static enum err
parse_step(const char *boundary, const struct mp_limits *lim,
    const char *body, size_t len, size_t step, struct got *g)
{
	size_t		*cuts, n, off;
	enum err	 e;

	cuts = malloc((len + 1) * sizeof(*cuts));
	assert_non_null(cuts);
	n = 0;
	if (step > 0)
		for (off = step; off < len; off += step)
			cuts[n++] = off;
	e = parse_cuts(boundary, lim, body, len, cuts, n, g);
	free(cuts);
	return e;
}

/*
 * parse_all_ways() parses body whole, a byte at a time and cut in two at
 * every offset; each time the result must be the same.  It returns the
 * error and leaves the whole parse's parts in g.
 */
static enum err
parse_all_ways(const char *boundary, const struct mp_limits *lim,
    const char *body, size_t len, struct got *g)
{
	struct got	 h;
	size_t		 cut;
	enum err	 e;

	e = parse_step(boundary, lim, body, len, 0, g);
	memset(&h, 0, sizeof(h));
	h.stop_begin = g->stop_begin;
	h.stop_data = g->stop_data;
	h.stop_end = g->stop_end;
	if (g->stop_data == 0) {
		/* The number of data calls depends on the cuts. */
		assert_int_equal(parse_step(boundary, lim, body, len, 1, &h),
		    e);
		same_got(g, &h);
		got_reset(&h);
	}
	for (cut = 0; cut <= len; cut++) {
		assert_int_equal(parse_cuts(boundary, lim, body, len, &cut, 1,
		    &h), e);
		if (g->stop_data == 0)
			same_got(g, &h);
		got_reset(&h);
	}
	return e;
}

/* expect() parses body all ways and asserts the error it gives. */
static void
expect(const char *boundary, const struct mp_limits *lim, const char *body,
    size_t len, enum err want)
{
	struct got	 g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways(boundary, lim, body, len, &g), want);
	got_reset(&g);
}

/* expect_part() asserts that body holds one good part, as w says. */
static void
expect_part(const char *body, size_t len, const struct want *w)
{
	struct got	 g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways("B", &lim_default, body, len, &g),
	    ERR_OK);
	check_want(&g, w, 1);
	got_reset(&g);
}

/*
 * build() writes a body: the preamble, the parts of w with their headers
 * and data, the close delimiter and the epilogue.
 */
static void
build(struct buf *b, const char *boundary, const char *preamble,
    const struct want *w, size_t n, const char *epilogue)
{
	size_t	 i;

	buf_puts(b, preamble);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, "\r\n");
		buf_printf(b, "--%s\r\n%s\r\n", boundary, w[i].headers);
		buf_add(b, w[i].data, w[i].len);
	}
	buf_printf(b, "%s--%s--%s", n > 0 ? "\r\n" : "", boundary, epilogue);
}

/*
 * tricky() writes file data meant to fool a parser: every byte value,
 * CRs and LFs alone and in pairs, dashes, the delimiter cut short at
 * every length and followed by another byte, the delimiter after a bare
 * LF or with no line end before it, and a CR as its very last byte.
 */
static void
tricky(struct buf *b, const char *boundary)
{
	size_t	 i, blen;
	char	 c;

	blen = strlen(boundary);
	buf_add(b, L("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00"));
	for (i = 0; i < 256; i++) {
		c = (char)i;
		buf_add(b, &c, 1);
	}
	buf_add(b, L("\r\n--\r\n-\r\r\n\n\r--\r\n\r\n"));
	for (i = 0; i < blen; i++) {
		buf_add(b, L("\r\n--"));
		buf_add(b, boundary, i);
		buf_add(b, i % 2 ? "\r" : "X", 1);
	}
	/* A wrong last character, and a CR where a byte should be. */
	buf_add(b, L("\r\n--"));
	buf_add(b, boundary, blen - 1);
	buf_add(b, L("\x01\r\n--"));
	buf_add(b, boundary, blen - 1);
	buf_add(b, L("\r\r\n-"));
	buf_add(b, L("\n--"));
	buf_add(b, boundary, blen);
	buf_add(b, L("\r\nx--"));
	buf_add(b, boundary, blen);
	buf_add(b, L("--\x00\xff\xd9\r"));
}

/* browser_parts() fills w with a form as a browser sends it. */
static size_t
browser_parts(struct arena *a, const char *boundary, struct want *w)
{
	struct buf	 b1, b2;
	size_t		 i;

	memset(w, 0, 6 * sizeof(*w));
	w[0].headers = CD "name=\"csrf\"\r\n";
	w[0].name = "csrf";
	w[0].ctype = "";
	w[0].data = "9f86d081884c7d659a2feaa0c55ad015"
	    "a3bf4f1b2b0b822cd15d6c15b0f00a08";
	w[0].len = strlen(w[0].data);

	w[1].headers = CD "name=\"caption\"\r\n";
	w[1].name = "caption";
	w[1].ctype = "";
	w[1].data = "L\xc3\xa9gende\xc2\xa0: \xc2\xab\xc2\xa0\xc3\x89lys"
	    "\xc3\xa9" "e\xc2\xa0\xc2\xbb, d\xc3\xa9j\xc3\xa0 vu \xe2\x80\x93 "
	    "\xc3\xa7" "a marche\r\nDeuxi\xc3\xa8me ligne.";
	w[1].len = strlen(w[1].data);

	buf_init(&b1, a);
	tricky(&b1, boundary);
	w[2].headers = CD "name=\"photo\"; filename=\"\xc3\xa9lys\xc3\xa9"
	    "e.jpg\"\r\nContent-Type: image/jpeg\r\n";
	w[2].name = "photo";
	w[2].filename = "\xc3\xa9lys\xc3\xa9" "e.jpg";
	w[2].ctype = "image/jpeg";
	w[2].data = b1.data;
	w[2].len = b1.len;

	/* Binary data that ends in CRLF, and so in CR LF CR LF "--". */
	buf_init(&b2, a);
	for (i = 0; i < 512; i++)
		buf_putc(&b2, (int)((i * 7 + 13) & 0xFF));
	buf_add(&b2, L("\x00\r\n"));
	w[3].headers = CD "name=\"attachment\"; filename=\"notes.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n";
	w[3].name = "attachment";
	w[3].filename = "notes.bin";
	w[3].ctype = "application/octet-stream";
	w[3].data = b2.data;
	w[3].len = b2.len;

	/* An empty file input. */
	w[4].headers = CD "name=\"extra\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n";
	w[4].name = "extra";
	w[4].filename = "";
	w[4].ctype = "application/octet-stream";
	w[4].data = "";
	w[4].len = 0;

	w[5].headers = CD "name=\"publish\"\r\n";
	w[5].name = "publish";
	w[5].ctype = "";
	w[5].data = "1";
	w[5].len = 1;
	return 6;
}

static void
test_browser_body(void **state)
{
	static const char	*boundaries[] = { CHROME, FIREFOX, "AaB03x",
	    "x" };
	struct arena		 a;
	struct buf		 b;
	struct want		 w[6];
	struct got		 g;
	size_t			 n, k;

	(void)state;
	memset(&g, 0, sizeof(g));
	for (k = 0; k < sizeof(boundaries) / sizeof(boundaries[0]); k++) {
		arena_init(&a);
		n = browser_parts(&a, boundaries[k], w);
		buf_init(&b, &a);
		build(&b, boundaries[k], "", w, n, "\r\n");
		/* Whole, a byte at a time, cut in two at every offset. */
		assert_int_equal(parse_all_ways(boundaries[k], &lim_default,
		    b.data, b.len, &g), ERR_OK);
		check_want(&g, w, n);
		got_reset(&g);
		/* Pieces of every size up to 100 bytes. */
		for (n = 2; n <= 100; n++) {
			assert_int_equal(parse_step(boundaries[k],
			    &lim_default, b.data, b.len, n, &g), ERR_OK);
			check_want(&g, w, 6);
			got_reset(&g);
		}
		arena_free(&a);
	}
}

static void
test_three_pieces(void **state)
{
	struct arena	 a;
	struct buf	 b, d;
	struct want	 w[2];
	struct got	 g;
	size_t		 cuts[2];

	(void)state;
	arena_init(&a);
	buf_init(&d, &a);
	buf_add(&d, L("\x00\r\n--AaB0\r\r\n--AaB\n\r\n-x\r\n--aab03\r"));
	memset(w, 0, sizeof(w));
	w[0].headers = CD "name=\"csrf\"\r\n";
	w[0].name = "csrf";
	w[0].ctype = "";
	w[0].data = "0123abcd";
	w[0].len = 8;
	w[1].headers = CD "name=\"f\"; filename=\"a.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n";
	w[1].name = "f";
	w[1].filename = "a.bin";
	w[1].ctype = "application/octet-stream";
	w[1].data = d.data;
	w[1].len = d.len;
	buf_init(&b, &a);
	build(&b, "AaB03", "pre\r\n", w, 2, "\r\nepilogue");
	memset(&g, 0, sizeof(g));
	for (cuts[0] = 0; cuts[0] <= b.len; cuts[0]++)
		for (cuts[1] = cuts[0]; cuts[1] <= b.len; cuts[1]++) {
			assert_int_equal(parse_cuts("AaB03", &lim_default,
			    b.data, b.len, cuts, 2, &g), ERR_OK);
			check_want(&g, w, 2);
			got_reset(&g);
		}
	arena_free(&a);
}

static void
test_preamble_epilogue(void **state)
{
	static const struct want	 w = { "", "a", NULL, "", "1", 1 };
	struct got			 g;

	(void)state;
	/* The first delimiter at the very start, or after a CRLF. */
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--"), &w);
	expect_part(L("\r\n--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--"), &w);
	/* A preamble, with things that look like delimiters and are not. */
	expect_part(L("This is a preamble. --B\r\n\n--B\r\n\r\r\n--C\r\n"
	    "\r\n--\r\n-\r\n--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--"),
	    &w);
	expect_part(L("x--B\r\n\r\n--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n"
	    "--B--"), &w);
	/* The epilogue is ignored, whatever it holds. */
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--\r\n"
	    "--B\r\n" CD "name=\"b\"\r\n\r\n2\r\n--B--\x00\xff\n\r"), &w);
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--  \t\r\n"),
	    &w);
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B---B"), &w);
	/* No parts at all: what a browser sends for an empty form. */
	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways("B", &lim_default, L("--B--\r\n"),
	    &g), ERR_OK);
	assert_int_equal(g.n, 0);
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("preamble\r\n--B--"), &g), ERR_OK);
	assert_int_equal(g.n, 0);
}

static void
test_unterminated(void **state)
{
	struct got	 g;

	(void)state;
	memset(&g, 0, sizeof(g));
	expect("B", &lim_default, "", 0, ERR_BADREQ);
	expect("B", &lim_default, L("no delimiter at all"), ERR_BADREQ);
	expect("B", &lim_default, L("--B"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r"), ERR_BADREQ);
	expect("B", &lim_default, L("--B-"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\""), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"),
	    ERR_BADREQ);
	/* A part cut off in its data never gets part_end(). */
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\nsome data\r\n--"), &g),
	    ERR_BADREQ);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.v[0].len, 9);
	assert_memory_equal(g.v[0].data, "some data", 9);
	assert_false(g.v[0].ended);
	got_reset(&g);
	/* Nor does one cut off in the delimiter line after it. */
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\nx\r\n--B  \r"), &g),
	    ERR_BADREQ);
	assert_int_equal(g.n, 1);
	assert_false(g.v[0].ended);
	got_reset(&g);
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\nx\r\n--B-"), &g), ERR_BADREQ);
	assert_false(g.v[0].ended);
	got_reset(&g);
}

static void
test_delimiter_lines(void **state)
{
	static const struct want	 w = { "", "a", NULL, "", "1", 1 };
	struct got			 g;

	(void)state;
	/* Transport padding. */
	expect_part(L("--B \t \r\n" CD "name=\"a\"\r\n\r\n1\r\n--B--"), &w);
	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--B\t\r\n"
	    CD "name=\"b\"\r\n\r\n2\r\n--B--"), &g), ERR_OK);
	assert_int_equal(g.n, 2);
	assert_true(g.v[0].ended && g.v[1].ended);
	got_reset(&g);
	/* Anything else after the boundary is wrong. */
	expect("B", &lim_default, L("--BX\r\n"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\n" CD "name=\"a\"\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\rX"), ERR_BADREQ);
	expect("B", &lim_default, L("--B \n"), ERR_BADREQ);
	expect("B", &lim_default, L("--B x\r\n"), ERR_BADREQ);
	expect("B", &lim_default, L("--B-x"), ERR_BADREQ);
	expect("B", &lim_default, L("pre\r\n--Bz\r\n"), ERR_BADREQ);
	/* The part before a bad delimiter line does not end. */
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n--Bz\r\n--B--"), &g),
	    ERR_BADREQ);
	assert_int_equal(g.n, 1);
	assert_false(g.v[0].ended);
	got_reset(&g);
	/* After a bare LF, or with no line end, "--B" is data. */
	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"a\"\r\n\r\n\n--B\r\nx--B--\r\n--B--"), &g),
	    ERR_OK);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.v[0].len, 12);
	assert_memory_equal(g.v[0].data, "\n--B\r\nx--B--", 12);
	got_reset(&g);
}

static void
test_parts_max(void **state)
{
	struct mp_limits	 lim;
	struct got		 g;
	static const char	 body[] = "--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n"
	    "--B\r\n" CD "name=\"b\"\r\n\r\n2\r\n--B\r\n" CD "name=\"c\"\r\n"
	    "\r\n3\r\n--B--\r\n";

	(void)state;
	memset(&g, 0, sizeof(g));
	lim = lim_default;
	lim.parts_max = 3;
	assert_int_equal(parse_all_ways("B", &lim, L(body), &g), ERR_OK);
	assert_int_equal(g.n, 3);
	got_reset(&g);
	lim.parts_max = 2;
	assert_int_equal(parse_all_ways("B", &lim, L(body), &g),
	    ERR_TOOMANY);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.nend, 2);
	got_reset(&g);
	/* The close delimiter alone is no part. */
	lim.parts_max = 0;
	expect("B", &lim, L("--B--"), ERR_OK);
	expect("B", &lim, L("--B\r\n"), ERR_TOOMANY);
}

static void
test_many_parts(void **state)
{
	static const char	 part[] = "--b\r\n" CD "name=\"t\"\r\n\r\n"
	    "x\r\n";
	struct mp_limits	 lim;
	struct mp_parser	*p;
	struct got		 g;
	char			*body;
	size_t			 n, len, off, step;
	enum err		 e;

	(void)state;
	n = 10000;
	len = n * (sizeof(part) - 1) + 5;
	body = malloc(len);
	assert_non_null(body);
	for (off = 0; off < n; off++)
		memcpy(body + off * (sizeof(part) - 1), part,
		    sizeof(part) - 1);
	memcpy(body + len - 5, "--b--", 5);

	memset(&g, 0, sizeof(g));
	lim = lim_default;
	lim.parts_max = 20;
	assert_int_equal(parse_step("b", &lim, body, len, 0, &g),
	    ERR_TOOMANY);
	assert_int_equal(g.n, 20);
	assert_int_equal(g.nend, 20);
	got_reset(&g);

	/* In pieces: the error comes with the 21st delimiter line. */
	step = 64;
	p = mp_new("b", &lim, &callbacks, &g);
	assert_non_null(p);
	for (off = 0; off < len; off += step)
		if ((e = mp_feed(p, body + off, len - off < step ? len - off :
		    step)) != ERR_OK)
			break;
	assert_int_equal(e, ERR_TOOMANY);
	assert_true(off <= 20 * (sizeof(part) - 1) + 5);
	assert_true(off + step >= 20 * (sizeof(part) - 1) + 5);
	assert_int_equal(mp_finish(p), ERR_TOOMANY);
	mp_free(p);
	got_reset(&g);

	lim.parts_max = n;
	assert_int_equal(parse_step("b", &lim, body, len, 0, &g), ERR_OK);
	assert_int_equal(g.n, n);
	assert_int_equal(g.nend, n);
	got_reset(&g);
	free(body);
}

/*
 * header_body() writes a part whose header block, from after the
 * delimiter line to the empty line's CRLF included, is hlen bytes.
 */
static void
header_body(struct buf *b, size_t hlen)
{
	static const char	 first[] = CD "name=\"a\"\r\nX-Pad: ";
	size_t			 pad;

	assert_true(hlen >= sizeof(first) - 1 + 4);
	pad = hlen - (sizeof(first) - 1) - 4;
	buf_puts(b, "--B\r\n");
	buf_puts(b, first);
	while (pad-- > 0)
		buf_putc(b, 'p');
	buf_puts(b, "\r\n\r\ndata\r\n--B--");
}

static void
test_header_max(void **state)
{
	static const struct want	 w = { "", "a", NULL, "", "data", 4 };
	struct mp_limits		 lim;
	struct arena			 a;
	struct buf			 b;
	struct got			 g;

	(void)state;
	memset(&g, 0, sizeof(g));
	lim = lim_default;
	lim.header_max = 300;
	arena_init(&a);
	buf_init(&b, &a);
	header_body(&b, 300);
	assert_int_equal(parse_all_ways("B", &lim, b.data, b.len, &g),
	    ERR_OK);
	check_want(&g, &w, 1);
	got_reset(&g);
	buf_init(&b, &a);
	header_body(&b, 301);
	expect("B", &lim, b.data, b.len, ERR_TOOBIG);
	/* The limit is per part. */
	buf_init(&b, &a);
	buf_puts(&b, "--B\r\n" CD "name=\"a\"\r\n\r\n1\r\n");
	header_body(&b, 300);
	expect("B", &lim, b.data, b.len, ERR_OK);
	/* One byte less of limit, and the same block is refused. */
	buf_init(&b, &a);
	header_body(&b, 300);
	lim.header_max = 299;
	expect("B", &lim, b.data, b.len, ERR_TOOBIG);
	lim.header_max = 0;
	expect("B", &lim, L("--B\r\n\r\n"), ERR_TOOBIG);
	expect("B", &lim, L("--B--"), ERR_OK);
	arena_free(&a);
}

/* live_bytes() returns the heap in use, or 0 without AddressSanitizer. */
static size_t
live_bytes(void)
{
	if (__sanitizer_get_current_allocated_bytes == NULL)
		return 0;
	return __sanitizer_get_current_allocated_bytes();
}

static void
test_huge_header(void **state)
{
	static const char	 head[] = "--B\r\n" CD "name=\"a\"\r\nX-Big: ";
	struct mp_limits	 lim;
	struct mp_parser	*p;
	struct got		 g;
	char			*chunk;
	size_t			 before, fed, k;
	enum err		 e;

	(void)state;
	memset(&g, 0, sizeof(g));
	lim = lim_default;
	chunk = malloc(4096);
	assert_non_null(chunk);
	memset(chunk, 'h', 4096);
	p = mp_new("B", &lim, &callbacks, &g);
	assert_non_null(p);
	before = live_bytes();
	assert_int_equal(mp_feed(p, L(head)), ERR_OK);
	fed = sizeof(head) - 1 - 5;
	/* 1 MB of one header line, 4 KB at a time. */
	e = ERR_OK;
	for (k = 0; k < 256; k++) {
		e = mp_feed(p, chunk, 4096);
		fed += 4096;
		if (e != ERR_OK)
			break;
	}
	assert_int_equal(e, ERR_TOOBIG);
	/* It stopped with the piece that went over header_max. */
	assert_true(fed > lim.header_max && fed - 4096 <= lim.header_max);
	assert_int_equal(live_bytes(), before);
	assert_int_equal(g.ncalls, 0);
	assert_int_equal(mp_feed(p, chunk, 4096), ERR_TOOBIG);
	assert_int_equal(mp_finish(p), ERR_TOOBIG);
	mp_free(p);
	free(chunk);
}

static void
test_big_data_flat_memory(void **state)
{
	static const char	 head[] = "--B\r\n" CD "name=\"f\"; "
	    "filename=\"big.bin\"\r\n\r\n";
	struct mp_parser	*p;
	char			*chunk;
	size_t			 before, k;

	(void)state;
	/* 16 MB of data, with CRs and near-delimiters, in 64 KB pieces. */
	chunk = malloc(65536);
	assert_non_null(chunk);
	for (k = 0; k < 65536; k++)
		chunk[k] = (char)(k % 251);
	for (k = 0; k + 8 < 65536; k += 1000)
		memcpy(chunk + k, "\r\n--C\r\r\n-", 8);
	p = mp_new("B", &lim_default, NULL, NULL);
	assert_non_null(p);
	before = live_bytes();
	assert_int_equal(mp_feed(p, L(head)), ERR_OK);
	for (k = 0; k < 256; k++)
		assert_int_equal(mp_feed(p, chunk, 65536), ERR_OK);
	assert_int_equal(live_bytes(), before);
	assert_int_equal(mp_feed(p, L("\r\n--B--")), ERR_OK);
	assert_int_equal(mp_finish(p), ERR_OK);
	mp_free(p);
	free(chunk);
}

static void
test_preamble_max(void **state)
{
	struct mp_limits	 lim;
	struct mp_parser	*p;
	struct arena		 a;
	struct buf		 b;
	char			*crlf;
	size_t			 k;
	enum err		 e;

	(void)state;
	arena_init(&a);
	lim = lim_default;
	lim.preamble_max = 100;
	buf_init(&b, &a);
	for (k = 0; k < 100; k++)
		buf_putc(&b, 'p');
	buf_puts(&b, "\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_OK);
	buf_init(&b, &a);
	for (k = 0; k < 101; k++)
		buf_putc(&b, 'p');
	buf_puts(&b, "\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_TOOBIG);
	/* Line ends count too: 50 CRLFs, then the delimiter's own. */
	buf_init(&b, &a);
	for (k = 0; k < 50; k++)
		buf_puts(&b, "\r\n");
	buf_puts(&b, "\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_OK);
	buf_init(&b, &a);
	buf_putc(&b, '\r');
	for (k = 0; k < 50; k++)
		buf_puts(&b, "\r\n");
	buf_puts(&b, "\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_TOOBIG);
	/* Near-delimiters count too. */
	buf_init(&b, &a);
	for (k = 0; k < 20; k++)
		buf_puts(&b, "\r\n--C");
	buf_puts(&b, "\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_OK);
	buf_init(&b, &a);
	for (k = 0; k < 20; k++)
		buf_puts(&b, "\r\n--C");
	buf_puts(&b, "\r\r\n--B--");
	expect("B", &lim, b.data, b.len, ERR_TOOBIG);
	/* No preamble allowed at all. */
	lim.preamble_max = 0;
	expect("B", &lim, L("--B--"), ERR_OK);
	expect("B", &lim, L("\r\n--B--"), ERR_OK);
	expect("B", &lim, L("x\r\n--B--"), ERR_TOOBIG);
	expect("B", &lim, L("\n--B--"), ERR_TOOBIG);
	arena_free(&a);

	/* Megabytes of CRLF are refused as soon as they pass the limit. */
	lim.preamble_max = 1024;
	crlf = malloc(65536);
	assert_non_null(crlf);
	for (k = 0; k < 65536; k += 2)
		memcpy(crlf + k, "\r\n", 2);
	p = mp_new("B", &lim, NULL, NULL);
	assert_non_null(p);
	/* 1024 bytes counted and a CRLF that may begin the delimiter. */
	assert_int_equal(mp_feed(p, crlf, 1024), ERR_OK);
	assert_int_equal(mp_feed(p, crlf, 2), ERR_OK);
	assert_int_equal(mp_feed(p, L("x")), ERR_TOOBIG);
	mp_free(p);
	p = mp_new("B", &lim, NULL, NULL);
	assert_non_null(p);
	e = ERR_OK;
	for (k = 0; k < 64 && e == ERR_OK; k++)
		e = mp_feed(p, crlf, 65536);
	assert_int_equal(e, ERR_TOOBIG);
	assert_int_equal(k, 1);
	mp_free(p);
	free(crlf);
}

static void
test_headers(void **state)
{
	struct want	 w;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.name = "a";
	w.ctype = "";
	w.data = "1";
	w.len = 1;
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n\r\n1\r\n--B--"), &w);
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n"
	    "content-transfer-encoding:8BIT\r\n\r\n1\r\n--B--"), &w);
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding: Binary \r\n\r\n1\r\n--B--"), &w);
	/* Unknown headers are ignored; names and values ignore case. */
	expect_part(L("--B\r\nX-Whatever: yes\r\n"
	    "CONTENT-DISPOSITION:FORM-DATA;NAME=a\r\n\r\n1\r\n--B--"), &w);
	expect_part(L("--B\r\ncontent-disposition: Form-Data ; Name = \"a\" ;"
	    " \r\n\r\n1\r\n--B--"), &w);
	/* Other parameters are ignored. */
	expect_part(L("--B\r\n" CD "size=12; name=\"a\"; x=\"y;z\"\r\n\r\n1"
	    "\r\n--B--"), &w);
	w.ctype = "Text/Plain; charset=UTF-8";
	expect_part(L("--B\r\n" CD "name=\"a\"\r\ncontent-type:  "
	    "Text/Plain; charset=UTF-8 \t\r\n\r\n1\r\n--B--"), &w);
	/* Data may be empty. */
	w.ctype = "";
	w.data = "";
	w.len = 0;
	expect_part(L("--B\r\n" CD "name=\"a\"\r\n\r\n\r\n--B--"), &w);
}

static void
test_bad_headers(void **state)
{
	(void)state;
	/* Transfer encodings. */
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding: 7bit; x=y\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"
	    "Content-Transfer-Encoding:\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	/* No Content-Disposition, or not form-data, or no name. */
	expect("B", &lim_default, L("--B\r\nContent-Type: text/plain\r\n\r\n"
	    "1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition: attachment;"
	    " name=\"a\"\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition: form-datax;"
	    " name=\"a\"\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition: form-data"
	    "\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition: form-data; "
	    "filename=\"x\"\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"\"\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition:\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	/* Malformed parameters. */
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\\\"\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\" x\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=a b\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD ";; name=a\r\n\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "=a\r\n\r\n1\r\n--B--"),
	    ERR_BADREQ);
	/* Twice the same header or parameter: which one would count? */
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n" CD
	    "name=\"b\"\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"; NAME=\"b\"\r\n"
	    "\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=a; filename=x; "
	    "filename=y\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=a\r\nContent-Type: a/b"
	    "\r\nContent-Type: c/d\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	/* Lines: folding, no colon, blank or bad names, controls. */
	expect("B", &lim_default, L("--B\r\n" CD "\r\n name=\"a\"\r\n\r\n1"
	    "\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n"
	    "\tX-Cont: y\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\nX-Foo\r\n"
	    "\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n: v\r\n"
	    "\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\nContent-Disposition : form-data;"
	    " name=\"a\"\r\n\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\nX(y): v\r\n"
	    "\r\n1\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\x00\"\r\n\r\n1"
	    "\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\x7f\"\r\n\r\n1"
	    "\r\n--B--"), ERR_BADREQ);
	/* Strict CRLF: bare LF or CR in the headers. */
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\n\n1\r\n--B--"),
	    ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n\n1\r\n"
	    "--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\rX: y\r\n\r\n1"
	    "\r\n--B--"), ERR_BADREQ);
	expect("B", &lim_default, L("--B\r\n" CD "name=\"a\"\r\n\r\r\n1\r\n"
	    "--B--"), ERR_BADREQ);
}

/*
 * field_length() asserts that the body pre, n bytes 'v', post gives want:
 * a field of n bytes between pre and post.
 */
static void
field_length(struct arena *a, const char *pre, size_t n, const char *post,
    enum err want)
{
	char	*v, *s;

	v = arena_alloc(a, n + 1);
	memset(v, 'v', n);
	s = arena_printf(a, "--B\r\n%s%s%s\r\n\r\n\r\n--B--", pre, v, post);
	expect("B", &lim_default, s, strlen(s), want);
}

static void
test_field_lengths(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	field_length(&a, CD "name=\"", MP_NAME_MAX, "\"", ERR_OK);
	field_length(&a, CD "name=\"", MP_NAME_MAX + 1, "\"", ERR_BADREQ);
	field_length(&a, CD "name=", MP_NAME_MAX, "", ERR_OK);
	field_length(&a, CD "name=", MP_NAME_MAX + 1, "", ERR_BADREQ);
	/* The limit is on the unescaped name. */
	field_length(&a, CD "name=\"\\\\", MP_NAME_MAX - 1, "\"", ERR_OK);
	field_length(&a, CD "name=\"\\\\", MP_NAME_MAX, "\"", ERR_BADREQ);
	field_length(&a, CD "name=a; filename=\"", MP_FILENAME_MAX, "\"",
	    ERR_OK);
	field_length(&a, CD "name=a; filename=\"", MP_FILENAME_MAX + 1, "\"",
	    ERR_BADREQ);
	field_length(&a, CD "name=a; filename*=UTF-8''", MP_FILENAME_MAX, "",
	    ERR_OK);
	field_length(&a, CD "name=a; filename*=UTF-8''", MP_FILENAME_MAX + 1,
	    "", ERR_BADREQ);
	field_length(&a, CD "name=a\r\nContent-Type: ", MP_CTYPE_MAX, "",
	    ERR_OK);
	field_length(&a, CD "name=a\r\nContent-Type: ", MP_CTYPE_MAX + 1, "",
	    ERR_BADREQ);
	arena_free(&a);
}

/* filename_bad() asserts that filename*=value is refused. */
static void
filename_bad(struct arena *a, const char *value)
{
	char	*s;

	s = arena_printf(a, "--B\r\n" CD "name=\"f\"; filename*=%s\r\n\r\n"
	    "x\r\n--B--", value);
	expect("B", &lim_default, s, strlen(s), ERR_BADREQ);
}

/* expect_filename() parses one part with disposition parameters params. */
static void
expect_filename(struct arena *a, const char *params, const char *filename)
{
	struct want	 w;
	char		*s;

	memset(&w, 0, sizeof(w));
	w.name = "f";
	w.filename = filename;
	w.ctype = "";
	w.data = "x";
	w.len = 1;
	s = arena_printf(a, "--B\r\n" CD "name=\"f\"; %s\r\n\r\nx\r\n--B--",
	    params);
	expect_part(s, strlen(s), &w);
}

static void
test_filenames(void **state)
{
	struct arena	 a;

	(void)state;
	arena_init(&a);
	expect_filename(&a, "filename=\"photo.jpg\"", "photo.jpg");
	expect_filename(&a, "filename=plain.txt", "plain.txt");
	expect_filename(&a, "filename=\"\"", "");
	expect_filename(&a, "FileName=\"a b.txt\"", "a b.txt");
	expect_filename(&a, "filename=\"a;b=c.txt\"", "a;b=c.txt");
	/* Backslash escapes in a quoted-string. */
	expect_filename(&a, "filename=\"a\\\"b\\\\c.txt\"", "a\"b\\c.txt");
	expect_filename(&a, "filename=\"C:\\\\fakepath\\\\x.png\"",
	    "C:\\fakepath\\x.png");
	expect_filename(&a, "filename=\"\\a\\b\"", "ab");
	/* Raw UTF-8, as browsers send it. */
	expect_filename(&a, "filename=\"R\xc3\xa9sum\xc3\xa9 \xe2\x82\xac "
	    "\xf0\x9f\x93\xb7.pdf\"",
	    "R\xc3\xa9sum\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xb7.pdf");
	/* filename* wins, before or after filename. */
	expect_filename(&a, "filename*=UTF-8''%C3%A9t%C3%A9%20%E2%82%AC.txt",
	    "\xc3\xa9t\xc3\xa9 \xe2\x82\xac.txt");
	expect_filename(&a, "filename=\"ete.txt\"; "
	    "filename*=UTF-8''%c3%a9t%c3%a9.txt", "\xc3\xa9t\xc3\xa9.txt");
	expect_filename(&a, "filename*=utf-8'fr'%C3%A9t%C3%A9.txt; "
	    "filename=\"ete.txt\"", "\xc3\xa9t\xc3\xa9.txt");
	expect_filename(&a, "filename*=UTF-8'en-GB'a!#$&+-.^_`|~b",
	    "a!#$&+-.^_`|~b");
	expect_filename(&a, "filename*=UTF-8''", "");
	expect_filename(&a, "filename*=ISO-8859-1''%E9t%E9%A0x",
	    "\xc3\xa9t\xc3\xa9\xc2\xa0x");
	/* Bad filename* values. */
	filename_bad(&a, "UTF-8''a%00b");
	filename_bad(&a, "UTF-8''a%0Ab");
	filename_bad(&a, "UTF-8''a%09b");
	filename_bad(&a, "UTF-8''a%zz");
	filename_bad(&a, "UTF-8''a%4");
	filename_bad(&a, "UTF-8''a*b");
	filename_bad(&a, "UTF-8''a\xc3\xa9");
	filename_bad(&a, "KOI8-R''a");
	filename_bad(&a, "''a");
	filename_bad(&a, "UTF-8'a");
	filename_bad(&a, "UTF-8");
	filename_bad(&a, "UTF-8'e_n'a");
	filename_bad(&a, "\"UTF-8''a\"");
	filename_bad(&a, "UTF-8''a; filename*=UTF-8''b");
	arena_free(&a);
}

static void
test_names(void **state)
{
	struct got	 g;

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(parse_all_ways("B", &lim_default,
	    L("--B\r\n" CD "name=\"r\xc3\xa9" "f\\\"x\"\r\n\r\n\r\n"
	    "--B\r\n" CD "name=token_name.1\r\n\r\n\r\n"
	    "--B\r\n" CD "name=\"a;b\"\r\n\r\n\r\n--B--"), &g), ERR_OK);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.v[0].h.name, "r\xc3\xa9" "f\"x");
	assert_string_equal(g.v[1].h.name, "token_name.1");
	assert_string_equal(g.v[2].h.name, "a;b");
	assert_int_equal(g.v[0].len + g.v[1].len + g.v[2].len, 0);
	got_reset(&g);
}

static void
test_callback_stops(void **state)
{
	static const char	 body[] = "--B\r\n" CD "name=\"a\"\r\n\r\n"
	    "first\r\n--B\r\n" CD "name=\"b\"\r\n\r\nsecond\r\n--B--";
	struct got		 g;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.stop_begin = 2;
	assert_int_equal(parse_all_ways("B", &lim_default, L(body), &g),
	    ERR_INVALID);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.nend, 1);
	assert_int_equal(g.v[1].len, 0);
	got_reset(&g);

	memset(&g, 0, sizeof(g));
	g.stop_data = 1;
	assert_int_equal(parse_all_ways("B", &lim_default, L(body), &g),
	    ERR_INVALID);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.nend, 0);
	got_reset(&g);

	memset(&g, 0, sizeof(g));
	g.stop_end = 1;
	assert_int_equal(parse_all_ways("B", &lim_default, L(body), &g),
	    ERR_INVALID);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.nend, 1);
	got_reset(&g);

	/* The last part_end() comes with the close delimiter's "--". */
	memset(&g, 0, sizeof(g));
	g.stop_end = 2;
	assert_int_equal(parse_all_ways("B", &lim_default, L(body), &g),
	    ERR_INVALID);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.nend, 2);
	got_reset(&g);
}

static void
test_no_callbacks(void **state)
{
	struct mp_parser	*p;

	(void)state;
	p = mp_new("B", &lim_default, NULL, NULL);
	assert_non_null(p);
	assert_int_equal(mp_feed(p, NULL, 0), ERR_OK);
	assert_int_equal(mp_feed(p, L("--B\r\n" CD "name=a\r\n\r\n1\r\n")),
	    ERR_OK);
	assert_int_equal(mp_feed(p, NULL, 0), ERR_OK);
	assert_int_equal(mp_feed(p, L("--B--")), ERR_OK);
	assert_int_equal(mp_finish(p), ERR_OK);
	/* After the end, more bytes are epilogue. */
	assert_int_equal(mp_feed(p, L("--B\r\n")), ERR_OK);
	assert_int_equal(mp_finish(p), ERR_OK);
	mp_free(p);
	mp_free(NULL);
}

static void
test_new(void **state)
{
	struct mp_parser	*p;
	char			 b[MP_BOUNDARY_MAX + 2];

	(void)state;
	memset(b, 'b', sizeof(b) - 1);
	b[sizeof(b) - 1] = '\0';
	assert_null(mp_new(b, &lim_default, &callbacks, NULL));
	b[MP_BOUNDARY_MAX] = '\0';
	p = mp_new(b, &lim_default, &callbacks, NULL);
	assert_non_null(p);
	mp_free(p);
	p = mp_new("'()+_,-./:=? x", &lim_default, &callbacks, NULL);
	assert_non_null(p);
	mp_free(p);
	assert_null(mp_new("", &lim_default, &callbacks, NULL));
	assert_null(mp_new("a ", &lim_default, &callbacks, NULL));
	assert_null(mp_new("a\r", &lim_default, &callbacks, NULL));
	assert_null(mp_new("a\nb", &lim_default, &callbacks, NULL));
	assert_null(mp_new("a\"b", &lim_default, &callbacks, NULL));
	assert_null(mp_new(NULL, &lim_default, &callbacks, NULL));
	assert_null(mp_new("a", NULL, &callbacks, NULL));
}

/* boundary_is() asserts that mp_boundary() finds want in ct. */
static void
boundary_is(const char *ct, const char *want)
{
	char	 out[MP_BOUNDARY_MAX + 1];

	memset(out, '#', sizeof(out));
	assert_int_equal(mp_boundary(ct, out), ERR_OK);
	assert_string_equal(out, want);
}

/* boundary_bad() asserts that mp_boundary() refuses ct, out untouched. */
static void
boundary_bad(const char *ct)
{
	char	 out[MP_BOUNDARY_MAX + 1];

	memset(out, '#', sizeof(out));
	assert_int_equal(mp_boundary(ct, out), ERR_BADREQ);
	assert_int_equal(out[0], '#');
}

static void
test_boundary(void **state)
{
	struct arena	 a;
	char		 b70[MP_BOUNDARY_MAX + 1], b71[MP_BOUNDARY_MAX + 2];
	char		 b200[201];

	(void)state;
	boundary_is("multipart/form-data; boundary=" CHROME, CHROME);
	boundary_is("multipart/form-data; boundary=" FIREFOX, FIREFOX);
	boundary_is("multipart/form-data; boundary=\"" CHROME "\"", CHROME);
	boundary_is("MULTIPART/Form-Data;BOUNDARY=xyz", "xyz");
	boundary_is("Multipart/form-data; Boundary=\"xyz\"", "xyz");
	boundary_is("  multipart/form-data ; charset=utf-8;\tboundary=\"x y\""
	    " ;  ", "x y");
	boundary_is("multipart/form-data; charset=\"a;boundary=no\"; "
	    "boundary=yes", "yes");
	boundary_is("multipart/form-data; boundary=AaB03x; charset=UTF-8",
	    "AaB03x");
	boundary_is("multipart/form-data; boundary=\"'()+_,-./:=? z\"",
	    "'()+_,-./:=? z");
	boundary_is("multipart/form-data; boundary='()+_,-./:=?",
	    "'()+_,-./:=?");
	boundary_is("multipart/form-data; boundary=\"a\\bc\"", "abc");
	boundary_is("multipart/form-data; boundary=1", "1");
	memset(b70, 'z', sizeof(b70) - 1);
	b70[sizeof(b70) - 1] = '\0';
	memset(b71, 'z', sizeof(b71) - 1);
	b71[sizeof(b71) - 1] = '\0';
	memset(b200, '-', sizeof(b200) - 1);
	b200[sizeof(b200) - 1] = '\0';
	arena_init(&a);
	boundary_is(arena_printf(&a, "multipart/form-data; boundary=%s", b70),
	    b70);
	boundary_is(arena_printf(&a, "multipart/form-data; boundary=\"%s\"",
	    b70), b70);
	boundary_bad(arena_printf(&a, "multipart/form-data; boundary=%s",
	    b71));
	boundary_bad(arena_printf(&a, "multipart/form-data; boundary=\"%s\"",
	    b71));
	boundary_bad(arena_printf(&a, "multipart/form-data; boundary=%s",
	    b200));
	arena_free(&a);

	boundary_bad(NULL);
	boundary_bad("");
	boundary_bad("multipart/form-data");
	boundary_bad("multipart/form-data;");
	boundary_bad("multipart/form-data; charset=utf-8");
	boundary_bad("multipart/form-data; boundary=");
	boundary_bad("multipart/form-data; boundary=\"\"");
	boundary_bad("multipart/form-data; boundary=\"abc");
	boundary_bad("multipart/form-data; boundary=\"abc\\\"");
	boundary_bad("multipart/form-data; boundary=\"a b \"");
	boundary_bad("multipart/form-data; boundary=a@b");
	boundary_bad("multipart/form-data; boundary=a[b]");
	boundary_bad("multipart/form-data; boundary=\"a\\\"b\"");
	boundary_bad("multipart/form-data; boundary=\"a\tb\"");
	boundary_bad("multipart/form-data; boundary=\"a\rb\"");
	boundary_bad("multipart/form-data; boundary=\xc3\xa9t\xc3\xa9");
	boundary_bad("multipart/form-data; boundary=a\"b\"");
	boundary_bad("multipart/form-data; boundary=a b");
	boundary_bad("multipart/form-data; boundary=a;b");
	boundary_bad("multipart/form-data; boundary=a; boundary=a");
	boundary_bad("multipart/form-data; boundary=a; BOUNDARY=b");
	boundary_bad("multipart/form-data boundary=a");
	boundary_bad("multipart/form-databoundary=a");
	boundary_bad("multipart/form-data-x; boundary=a");
	boundary_bad("multipart/form; boundary=a");
	boundary_bad("multipart/mixed; boundary=a");
	boundary_bad("multipart/alternative; boundary=a");
	boundary_bad("text/plain; boundary=a");
	boundary_bad("application/x-www-form-urlencoded");
	boundary_bad("form-data; boundary=a");
	boundary_bad("multipart/form-data; =a; boundary=b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_browser_body),
		cmocka_unit_test(test_three_pieces),
		cmocka_unit_test(test_preamble_epilogue),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_delimiter_lines),
		cmocka_unit_test(test_parts_max),
		cmocka_unit_test(test_many_parts),
		cmocka_unit_test(test_header_max),
		cmocka_unit_test(test_huge_header),
		cmocka_unit_test(test_big_data_flat_memory),
		cmocka_unit_test(test_preamble_max),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_field_lengths),
		cmocka_unit_test(test_filenames),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_no_callbacks),
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_boundary),
	};

	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
