/*
 * fuzz-multipart.c: libFuzzer harness for the multipart/form-data parser.
 *
 * The first input byte chooses how to cut the body (bits 0-1), which
 * limits to use (bits 2-3), which callback fails on purpose (bits 4-5)
 * and a piece size (bits 6-7); the rest is a body for the boundary
 * "AaB03x".  The body is parsed whole and then cut into pieces, each
 * piece an exact-size heap copy, and both parses must give the same
 * error and the same transcript of parts (headers, data bytes, ends).
 * The callbacks check the protocol and the promises of multipart.h: no
 * call after an error, strings NUL-terminated within their arrays, a name
 * always, no data outside a part and none of it empty, at most parts_max
 * parts.  Afterwards the data of all parts must be a subsequence of the
 * body, no part's data may hold the delimiter, and ERR_OK means the body
 * held the close delimiter and every part was ended.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "multipart.h"

#define CHECK(x) do {							\
	if (!(x)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #x);				\
		abort();						\
	}								\
} while (0)

#define BOUNDARY	"AaB03x"
#define DELIM		"\r\n--" BOUNDARY
#define CLOSE		"--" BOUNDARY "--"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* What one parse did. */
struct rec {
	unsigned char		*log;		/* begins and ends */
	size_t			 len;
	size_t			 cap;
	unsigned char		*data;		/* all parts' data */
	size_t			 dlen;
	size_t			 dcap;
	size_t			 part_off;	/* this part's data */
	size_t			 nbegin;
	size_t			 nend;
	int			 in_part;
	int			 dead;		/* an error was returned */
	int			 failed;	/* a callback said stop */
	size_t			 fail_begin;	/* this part_begin() fails */
	size_t			 fail_end;	/* this part_end() fails */
	const struct mp_limits	*lim;
};

static const struct mp_limits	 limits[4] = {
	{ 8192, 1000, 65536 },
	{ 64, 3, 16 },
	{ 0, 2, 0 },
	{ 256, 20, 1024 },
};

static void
grow(unsigned char **p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return;
	while (*cap < need)
		*cap = *cap == 0 ? 256 : 2 * *cap;
	if ((*p = realloc(*p, *cap)) == NULL)
		abort();
}

static void
log_add(struct rec *r, const void *s, size_t n)
{
	grow(&r->log, &r->cap, r->len + n);
	memcpy(r->log + r->len, s, n);
	r->len += n;
}

/* check_string() checks that s is NUL-terminated within its size bytes. */
static void
check_string(const char *s, size_t size)
{
	CHECK(strnlen(s, size) < size);
}

static int
cb_begin(void *arg, const struct mp_part *h)
{
	struct rec	*r;

	r = arg;
	CHECK(!r->dead && !r->failed);
	CHECK(!r->in_part);
	check_string(h->name, sizeof(h->name));
	check_string(h->filename, sizeof(h->filename));
	check_string(h->content_type, sizeof(h->content_type));
	CHECK(h->name[0] != '\0');
	CHECK(h->has_filename == 0 || h->has_filename == 1);
	if (!h->has_filename)
		CHECK(h->filename[0] == '\0');
	r->in_part = 1;
	r->part_off = r->dlen;
	CHECK(++r->nbegin <= r->lim->parts_max);
	log_add(r, "B", 1);
	log_add(r, h->name, strlen(h->name) + 1);
	log_add(r, h->has_filename ? "f" : "-", 1);
	log_add(r, h->filename, strlen(h->filename) + 1);
	log_add(r, h->content_type, strlen(h->content_type) + 1);
	if (r->nbegin == r->fail_begin) {
		r->failed = 1;
		return 1;
	}
	return 0;
}

static int
cb_data(void *arg, const char *data, size_t len)
{
	struct rec	*r;

	r = arg;
	CHECK(!r->dead && !r->failed);
	CHECK(r->in_part);
	CHECK(data != NULL && len > 0);
	grow(&r->data, &r->dcap, r->dlen + len);
	memcpy(r->data + r->dlen, data, len);
	r->dlen += len;
	return 0;
}

static int
cb_end(void *arg)
{
	struct rec	*r;
	uint64_t	 n;

	r = arg;
	CHECK(!r->dead && !r->failed);
	CHECK(r->in_part);
	r->in_part = 0;
	r->nend++;
	n = r->dlen - r->part_off;
	log_add(r, "E", 1);
	log_add(r, &n, sizeof(n));
	/* Had the data held the delimiter, the part would have ended there. */
	CHECK(n == 0 || memmem(r->data + r->part_off, n, DELIM,
	    sizeof(DELIM) - 1) == NULL);
	if (r->nend == r->fail_end) {
		r->failed = 1;
		return 1;
	}
	return 0;
}

static const struct mp_callbacks	 callbacks = {
	cb_begin, cb_data, cb_end
};

/* An xorshift generator, seeded from the body, for piece sizes. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * cuts_for() fills cuts (room for len + 1) with increasing offsets for
 * the strategy and returns how many.
 */
static size_t
cuts_for(const uint8_t *body, size_t len, unsigned mode, size_t *cuts)
{
	static const size_t	 steps[4] = { 2, sizeof(DELIM) - 2,
	    sizeof(DELIM) - 1, 17 };
	uint64_t		 seed;
	size_t			 n, off, i, step;

	n = 0;
	switch (mode & 3) {
	case 0:
		/* A byte at a time. */
		for (off = 1; off < len; off++)
			cuts[n++] = off;
		break;
	case 1:
		/* Random sizes, 1 to 128 bytes. */
		seed = 0x9E3779B97F4A7C15ULL ^ len;
		for (i = 0; i < len; i++)
			seed = (seed ^ body[i]) * 0x100000001B3ULL;
		if (seed == 0)
			seed = 1;
		off = 0;
		for (;;) {
			off += 1 + next_rand(&seed) % (1U <<
			    (next_rand(&seed) % 8));
			if (off >= len)
				break;
			cuts[n++] = off;
		}
		break;
	case 2:
		/* Before every CR, LF and dash, where delimiters begin. */
		for (off = 1; off < len; off++)
			if (body[off] == '\r' || body[off] == '\n' ||
			    body[off] == '-')
				cuts[n++] = off;
		break;
	default:
		step = steps[(mode >> 6) & 3];
		for (off = step; off < len; off += step)
			cuts[n++] = off;
		break;
	}
	return n;
}

/*
 * parse() parses body cut at cuts[0..ncuts) and returns the first error;
 * every call after it must return it again, and no callback may run.
 */
static enum err
parse(const uint8_t *body, size_t len, const size_t *cuts, size_t ncuts,
    struct rec *r)
{
	struct mp_parser	*p;
	size_t			 k, from, to;
	enum err		 e, first;
	char			*piece;

	CHECK((p = mp_new(BOUNDARY, r->lim, &callbacks, r)) != NULL);
	first = ERR_OK;
	from = 0;
	for (k = 0; k <= ncuts; k++) {
		to = k < ncuts ? cuts[k] : len;
		CHECK(to >= from && to <= len);
		if ((piece = malloc(to > from ? to - from : 1)) == NULL)
			abort();
		memcpy(piece, body + from, to - from);
		e = mp_feed(p, piece, to - from);
		memset(piece, 0xA5, to - from);
		free(piece);
		if (first != ERR_OK)
			CHECK(e == first);
		else if (e != ERR_OK) {
			first = e;
			r->dead = 1;
		}
		from = to;
	}
	e = mp_finish(p);
	if (first != ERR_OK)
		CHECK(e == first);
	r->dead = e != ERR_OK;
	CHECK(mp_finish(p) == e);
	if (e != ERR_OK)
		CHECK(mp_feed(p, DELIM "\r\n", sizeof(DELIM) + 1) == e);
	mp_free(p);
	return e;
}

/* check_rec() checks what one parse did against the body. */
static void
check_rec(const struct rec *r, enum err e, const uint8_t *body, size_t len)
{
	size_t	 i, j;

	CHECK(e == ERR_OK || e == ERR_BADREQ || e == ERR_TOOBIG ||
	    e == ERR_TOOMANY || e == ERR_INVALID);
	CHECK((e == ERR_INVALID) == r->failed);
	CHECK(r->nend <= r->nbegin);
	if (e == ERR_OK) {
		CHECK(!r->in_part);
		CHECK(r->nbegin == r->nend);
		CHECK(memmem(body, len, CLOSE, sizeof(CLOSE) - 1) != NULL);
	}
	/* The data of all parts, in order, is a subsequence of the body. */
	CHECK(r->dlen <= len);
	for (i = j = 0; i < r->dlen; i++, j++) {
		while (j < len && body[j] != r->data[i])
			j++;
		CHECK(j < len);
	}
}

static void
rec_init(struct rec *r, unsigned mode)
{
	memset(r, 0, sizeof(*r));
	r->lim = &limits[(mode >> 2) & 3];
	switch ((mode >> 4) & 3) {
	case 1:
		r->fail_begin = 1;
		break;
	case 2:
		r->fail_begin = 2;
		break;
	case 3:
		r->fail_end = 1;
		break;
	default:
		break;
	}
}

static void
rec_free(struct rec *r)
{
	free(r->log);
	free(r->data);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec	 whole, cut;
	size_t		*cuts, ncuts, len;
	const uint8_t	*body;
	unsigned	 mode;
	enum err	 e1, e2;

	if (size < 1)
		return 0;
	mode = data[0];
	body = data + 1;
	len = size - 1;

	rec_init(&whole, mode);
	e1 = parse(body, len, NULL, 0, &whole);
	check_rec(&whole, e1, body, len);

	if ((cuts = malloc((len + 1) * sizeof(*cuts))) == NULL)
		abort();
	ncuts = cuts_for(body, len, mode, cuts);
	rec_init(&cut, mode);
	e2 = parse(body, len, cuts, ncuts, &cut);
	check_rec(&cut, e2, body, len);
	free(cuts);

	/* However it is cut, the body gives the same parts and error. */
	CHECK(e1 == e2);
	CHECK(whole.len == cut.len);
	CHECK(whole.len == 0 || memcmp(whole.log, cut.log, whole.len) == 0);
	CHECK(whole.dlen == cut.dlen);
	CHECK(whole.dlen == 0 || memcmp(whole.data, cut.data, whole.dlen) ==
	    0);
	CHECK(whole.in_part == cut.in_part);
	rec_free(&whole);
	rec_free(&cut);
	return 0;
}
