/*
 * form.c: parsers for urlencoded data and Cookie headers, and url_encode().
 *
 * Both parsers make two passes over their input: the first only counts
 * pairs, so that a flood of pairs is refused before anything is allocated
 * or decoded, and the second decodes each pair once into arena memory
 * sized from its raw length (decoding never makes text longer).  Every
 * byte is looked at a bounded number of times, so a hostile 1 MB input
 * costs a few milliseconds.  out is written only once all pairs are good.
 */
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "err.h"
#include "form.h"
#include "lim.h"

#define NAME_MIN_BYTE	0x21	/* names hold no space and no C0 control */
#define ASCII_DEL	0x7F

struct span {
	size_t	 off;
	size_t	 len;
};

static enum err	 pct_decode(char *, const char *, size_t, size_t *);
static int	 name_ok(const char *, size_t);
static size_t	 seg_end(const char *, size_t, size_t, int);
static int	 is_ows(char);
static int	 cookie_pair(const char *, size_t, size_t, struct span *,
		    struct span *);
static int	 unreserved(unsigned char);

int
form_hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * pct_decode() decodes src[0..len) into dst, which has room for len + 1
 * bytes, adds a NUL and stores the decoded length in *outlen.
 */
static enum err
pct_decode(char *dst, const char *src, size_t len, size_t *outlen)
{
	size_t	 i, j;
	int	 hi, lo;

	for (i = j = 0; i < len; i++) {
		if (src[i] == '+')
			dst[j++] = ' ';
		else if (src[i] == '%') {
			if (len - i < 3 ||
			    (hi = form_hex_digit((unsigned char)src[i + 1])) < 0 ||
			    (lo = form_hex_digit((unsigned char)src[i + 2])) < 0)
				return ERR_ESCAPE;
			dst[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			dst[j++] = src[i];
	}
	dst[j] = '\0';
	*outlen = j;
	return ERR_OK;
}

/* name_ok() says whether a decoded field name is acceptable. */
static int
name_ok(const char *name, size_t len)
{
	size_t	 i;

	if (len == 0 || len > LIM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] < NAME_MIN_BYTE ||
		    (unsigned char)name[i] == ASCII_DEL)
			return 0;
	return 1;
}

/* seg_end() returns the index of the next sep at or after i, or len. */
static size_t
seg_end(const char *s, size_t len, size_t i, int sep)
{
	const char	*p;

	p = memchr(s + i, sep, len - i);
	return p == NULL ? len : (size_t)(p - s);
}

enum err
form_parse_urlencoded(struct arena *a, const char *data, size_t len,
    size_t maxparams, struct params *out)
{
	struct param	*v;
	char		*name, *value;
	size_t		 i, end, eq, n, k, nlen, vlen;
	enum err	 e;

	out->v = NULL;
	out->n = 0;

	n = 0;
	for (i = 0; i < len; i = end + 1) {
		end = seg_end(data, len, i, '&');
		if (end > i && ++n > maxparams)
			return ERR_TOOMANY;
	}
	if (n == 0)
		return ERR_OK;

	v = arena_alloc(a, n * sizeof(*v));
	k = 0;
	for (i = 0; i < len; i = end + 1) {
		end = seg_end(data, len, i, '&');
		if (end == i)
			continue;
		eq = seg_end(data, end, i, '=');
		/* Room for both decoded halves and their NULs. */
		name = arena_alloc(a, end - i + 2);
		if ((e = pct_decode(name, data + i, eq - i, &nlen)) != ERR_OK)
			return e;
		if (!name_ok(name, nlen))
			return ERR_BADREQ;
		value = name + nlen + 1;
		vlen = 0;
		if (eq < end && (e = pct_decode(value, data + eq + 1,
		    end - eq - 1, &vlen)) != ERR_OK)
			return e;
		v[k].name = name;
		v[k].value = value;
		v[k].len = vlen;
		k++;
	}
	out->v = v;
	out->n = k;
	return ERR_OK;
}

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * cookie_pair() looks at the pair h[i..end) and returns 1 if it is kept,
 * with the trimmed and unquoted name and value as spans of h, or 0 if it
 * is skipped.
 */
static int
cookie_pair(const char *h, size_t end, size_t i, struct span *name,
    struct span *value)
{
	size_t	 eq, b, e;

	eq = seg_end(h, end, i, '=');
	if (eq == end)
		return 0;
	for (b = i; b < eq && is_ows(h[b]); b++)
		continue;
	for (e = eq; e > b && is_ows(h[e - 1]); e--)
		continue;
	if (e == b || e - b > LIM_NAME_MAX)
		return 0;
	name->off = b;
	name->len = e - b;
	for (b = eq + 1; b < end && is_ows(h[b]); b++)
		continue;
	for (e = end; e > b && is_ows(h[e - 1]); e--)
		continue;
	if (e - b >= 2 && h[b] == '"' && h[e - 1] == '"') {
		b++;
		e--;
	}
	value->off = b;
	value->len = e - b;
	return 1;
}

enum err
form_parse_cookies(struct arena *a, const char *header, size_t maxcookies,
    struct params *out)
{
	struct param	*v;
	struct span	 name, value;
	size_t		 hlen, i, end, n, k;

	out->v = NULL;
	out->n = 0;
	if (header == NULL)
		return ERR_OK;
	hlen = strnlen(header, LIM_COOKIE_MAX + 1);
	if (hlen > LIM_COOKIE_MAX)
		return ERR_TOOBIG;

	n = 0;
	for (i = 0; i < hlen; i = end + 1) {
		end = seg_end(header, hlen, i, ';');
		if (cookie_pair(header, end, i, &name, &value) &&
		    ++n > maxcookies)
			return ERR_TOOMANY;
	}
	if (n == 0)
		return ERR_OK;

	v = arena_alloc(a, n * sizeof(*v));
	k = 0;
	for (i = 0; i < hlen; i = end + 1) {
		end = seg_end(header, hlen, i, ';');
		if (!cookie_pair(header, end, i, &name, &value))
			continue;
		v[k].name = arena_strndup(a, header + name.off, name.len);
		v[k].value = arena_strndup(a, header + value.off, value.len);
		v[k].len = value.len;
		k++;
	}
	out->v = v;
	out->n = k;
	return ERR_OK;
}

const char *
params_get(const struct params *p, const char *name, size_t *lenp)
{
	size_t	 i;

	for (i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].name, name) == 0) {
			if (lenp != NULL)
				*lenp = p->v[i].len;
			return p->v[i].value;
		}
	}
	return NULL;
}

size_t
params_count(const struct params *p, const char *name)
{
	size_t	 i, n;

	n = 0;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			n++;
	return n;
}

/* unreserved() says whether c is an RFC 3986 unreserved character. */
static int
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

void
url_encode(struct buf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, run;
	unsigned char		 c;
	char			 esc[3];

	i = 0;
	while (i < len) {
		for (run = i; run < len && unreserved((unsigned char)s[run]);
		    run++)
			continue;
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		c = (unsigned char)s[i++];
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 0x0F];
		buf_add(b, esc, sizeof(esc));
	}
}
