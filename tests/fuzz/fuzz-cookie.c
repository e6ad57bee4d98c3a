/*
 * fuzz-cookie.c: libFuzzer harness for form_parse_cookies().
 *
 * The input is copied into a NUL-terminated buffer (as a CGI variable
 * would be) and parsed with a fresh arena.  Kept pairs must have a short
 * non-empty name without edge whitespace, no ';' anywhere, a value whose
 * strlen is its len and with edge whitespace only if it was quoted, and
 * both must occur in the header as they are (no decoding).  Over-long
 * headers must be ERR_TOOBIG, and out must be empty on error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "form.h"
#include "lim.h"

#define CHECK(x) do {							\
	if (!(x)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #x);				\
		abort();						\
	}								\
} while (0)

/* A small maxcookies, to reach ERR_TOOMANY on short inputs. */
#define SMALL_MAX	2

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* quoted_in() says whether h contains value between double quotes. */
static int
quoted_in(const char *h, const char *value)
{
	const char	*q;
	size_t		 len;

	len = strlen(value);
	for (q = strchr(h, '"'); q != NULL; q = strchr(q + 1, '"'))
		if (strncmp(q + 1, value, len) == 0 && q[1 + len] == '"')
			return 1;
	return 0;
}

static void
check_params(const struct params *p, enum err e, const char *h, size_t max)
{
	const char	*name, *value;
	size_t		 i, nlen, semis;

	if (e != ERR_OK) {
		CHECK(e == ERR_TOOBIG || e == ERR_TOOMANY);
		CHECK(p->n == 0);
		CHECK(p->v == NULL);
		return;
	}
	CHECK(p->n <= max);
	CHECK(p->n == 0 || p->v != NULL);
	semis = 0;
	for (i = 0; h[i] != '\0'; i++)
		if (h[i] == ';')
			semis++;
	CHECK(p->n <= semis + 1);
	for (i = 0; i < p->n; i++) {
		name = p->v[i].name;
		value = p->v[i].value;
		nlen = strlen(name);
		CHECK(nlen > 0 && nlen <= LIM_NAME_MAX);
		CHECK(!is_ows(name[0]) && !is_ows(name[nlen - 1]));
		CHECK(strchr(name, ';') == NULL && strchr(name, '=') == NULL);
		CHECK(strlen(value) == p->v[i].len);
		CHECK(strchr(value, ';') == NULL);
		/* Edge whitespace survives only inside double quotes. */
		if (p->v[i].len > 0 && (is_ows(value[0]) ||
		    is_ows(value[p->v[i].len - 1])))
			CHECK(quoted_in(h, value));
		CHECK(strstr(h, name) != NULL);
		CHECK(strstr(h, value) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct params	 p, q;
	enum err	 e, e2;
	char		*h;
	size_t		 i, hlen;

	if ((h = malloc(size + 1)) == NULL)
		abort();
	memcpy(h, data, size);
	h[size] = '\0';
	hlen = strlen(h);

	arena_init(&a);
	e = form_parse_cookies(&a, h, LIM_PARAMS_MAX, &p);
	check_params(&p, e, h, LIM_PARAMS_MAX);
	if (hlen > LIM_COOKIE_MAX)
		CHECK(e == ERR_TOOBIG);
	else
		CHECK(e != ERR_TOOBIG);

	/* A smaller maxcookies changes nothing but the pair limit. */
	e2 = form_parse_cookies(&a, h, SMALL_MAX, &q);
	check_params(&q, e2, h, SMALL_MAX);
	if (e == ERR_OK && p.n <= SMALL_MAX) {
		CHECK(e2 == ERR_OK && q.n == p.n);
		for (i = 0; i < p.n; i++) {
			CHECK(strcmp(p.v[i].name, q.v[i].name) == 0);
			CHECK(strcmp(p.v[i].value, q.v[i].value) == 0);
		}
	} else if (e == ERR_OK || e == ERR_TOOMANY)
		CHECK(e2 == ERR_TOOMANY);
	else
		CHECK(e2 == e);

	if (e == ERR_OK)
		for (i = 0; i < p.n; i++)
			CHECK(params_get(&p, p.v[i].name, NULL) != NULL);
	arena_free(&a);
	free(h);
	return 0;
}
