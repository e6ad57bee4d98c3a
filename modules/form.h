/*
 * form.h: parsers for query strings, urlencoded bodies and Cookie headers.
 *
 * The parsers copy and decode into the caller's arena and never keep a
 * pointer into their input, so the input may be freed or reused after the
 * call.  A decoded value may hold NUL bytes (from "%00"): use its len.
 * The parsers run in time linear in the input and enforce the limits of
 * limits.h; the caller still caps the body size (LIM_BODY_MAX) itself.
 */
#ifndef PR_FORM_H
#define PR_FORM_H

#include <stddef.h>

#include "arena.h"
#include "err.h"

struct param {
	const char	*name;		/* NUL-terminated, decoded */
	const char	*value;		/* decoded, NUL-terminated; see len */
	size_t		 len;		/* length of value */
};

struct params {
	struct param	*v;		/* in input order; NULL when n is 0 */
	size_t		 n;
};

/*
 * form_parse_urlencoded() parses len bytes (no NUL needed) of urlencoded data
 * or QUERY_STRING: '&' splits pairs, empty pairs skipped, no '=' means "".
 * '+' is space, '%' needs two hex digits (ERR_ESCAPE).  Bad decoded names
 * (empty, > LIM_NAME_MAX, byte < 0x21 or 0x7F) are ERR_BADREQ; > maxparams
 * pairs ERR_TOOMANY, checked before decoding.  Memory is the arena's; out is
 * filled only on success (on error out->n is 0).
 */
enum err form_parse_urlencoded(struct arena *, const char *data, size_t len,
	    size_t maxparams, struct params *out);

/*
 * form_parse_cookies() parses a Cookie header "a=1; b=2" (RFC 6265 5.4,
 * lenient): ';' splits pairs, spaces and tabs trimmed, "quoted" values
 * unquoted, no decoding; pairs without '=', or with an empty name or one
 * over LIM_NAME_MAX, skipped.  NULL is an empty header.  Over LIM_COOKIE_MAX
 * bytes: ERR_TOOBIG; over maxcookies pairs: ERR_TOOMANY (out->n is then 0).
 */
enum err form_parse_cookies(struct arena *, const char *header,
	    size_t maxcookies, struct params *out);

/*
 * params_get() returns the value of the first pair called name, or NULL if
 * there is none; if lenp is not NULL it gets the value's length.  The
 * string belongs to the arena that the params were parsed into.
 */
const char	*params_get(const struct params *, const char *name,
		    size_t *lenp);

/*
 * params_count() returns how many pairs are called name, so that a handler
 * can refuse a field that must appear once but was sent twice.
 */
size_t	 params_count(const struct params *, const char *name);

/*
 * form_hex_digit() is the value of one hex digit (either case), or -1:
 * the one place percent escapes are decoded from.
 */
int	 form_hex_digit(unsigned char c);

/*
 * url_encode() appends s[0..len) to b, percent-encoded for a URL query
 * component: A-Za-z0-9 and -._~ are kept, every other byte becomes %XX
 * with uppercase hex digits.  Memory comes from b's arena.
 */
void	 url_encode(struct buf *b, const char *s, size_t len);

#endif /* PR_FORM_H */
