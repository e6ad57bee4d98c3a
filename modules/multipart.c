/*
 * multipart.c: a streaming multipart/form-data parser (RFC 7578, 2046).
 *
 * The parser is a state machine that mp_feed() drives one byte at a time,
 * except for two fast paths: preamble and data bytes go on in runs found
 * with memchr(3), up to the next CR.  The delimiter is CRLF "--" boundary,
 * and no boundary character is CR or LF, so a CR can only be the first
 * byte of a delimiter: a partial match is always a prefix of the delimiter
 * and needs no carry buffer of its own.  match counts the bytes matched so
 * far, and on a mismatch those bytes are passed on from the delimiter
 * string itself; no restart other than at a CR is possible (no KMP table).
 * The first delimiter may open the body without a CRLF before it: the
 * parser starts as if a virtual CRLF had matched (virt), and those two
 * bytes are never passed on nor counted.  Line endings are strictly CRLF:
 * a header line ending in a bare LF or holding a bare CR is ERR_BADREQ,
 * as is a delimiter line that does not end in CRLF; "--boundary" after a
 * bare LF is data, not a delimiter.
 *
 * Invariants: memory is the struct and its header line buffer of
 * header_max bytes, fixed at mp_new(), whatever the body size; match <
 * dlen between calls; data is never passed to part_data() while it may
 * still turn out to be part of a delimiter, and never twice; part_data()
 * and part_end() are only called between part_begin() and the part's end;
 * part_end() is called only once the delimiter line after the part is
 * known to be good; preamble <= preamble_max, htotal <= header_max, hline
 * <= htotal and nparts <= parts_max at all times; once err is set no
 * callback runs again and every call returns err.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "form.h"
#include "multipart.h"

#define DELIM_MAX	(4 + MP_BOUNDARY_MAX)	/* CRLF "--" boundary */
#define ASCII_DEL	0x7F

/* Headers seen in a part, and Content-Disposition parameters seen. */
#define SEEN_CD		0x01
#define SEEN_CT		0x02
#define SEEN_CTE	0x04
#define SEEN_NAME	0x08
#define SEEN_FILENAME	0x10
#define SEEN_FILESTAR	0x20

enum mp_state {
	ST_PREAMBLE,		/* before the first delimiter */
	ST_DELIM,		/* right after a delimiter's boundary */
	ST_CLOSE,		/* after "--boundary-" */
	ST_PAD,			/* transport padding after the boundary */
	ST_LF,			/* after the CR that ends a delimiter line */
	ST_HEADERS,		/* a part's header lines */
	ST_BODY,		/* a part's data */
	ST_EPILOGUE		/* after the close delimiter: ignored */
};

struct mp_parser {
	struct mp_limits	 lim;
	struct mp_callbacks	 cb;
	void			*arg;
	enum err		 err;		/* sticky */
	enum mp_state		 st;
	char			 delim[DELIM_MAX];	/* CRLF "--" boundary */
	size_t			 dlen;
	size_t			 match;		/* delim bytes matched */
	int			 virt;		/* delim[0..2) only virtual */
	int			 in_part;	/* part_begin() done, no end */
	size_t			 nparts;	/* parts begun */
	size_t			 preamble;	/* preamble bytes so far */
	size_t			 htotal;	/* header bytes of this part */
	size_t			 hline;		/* bytes of the line in hbuf */
	int			 cr;		/* a header CR awaits LF */
	int			 seen;		/* SEEN_* bits of this part */
	struct mp_part		 part;
	char			 hbuf[];	/* header_max bytes */
};

struct span {
	size_t	 off;
	size_t	 len;
};

static int	 is_tchar(unsigned char);
static int	 is_bchar(unsigned char);
static int	 is_ctl(unsigned char);
static int	 boundary_ok(const char *, size_t);
static int	 ci_equal(const char *, size_t, const char *);
static size_t	 skip_ows(const char *, size_t, size_t);
static enum err	 param_next(const char *, size_t, size_t *, struct span *,
		    struct span *, int *);
static enum err	 unquote(const char *, struct span, int, char *, size_t);
static int	 is_attr_char(unsigned char);
static enum err	 ext_value(const char *, struct span, char *, size_t);
static enum err	 disposition(struct mp_parser *, const char *, size_t);
static enum err	 header_line(struct mp_parser *);
static enum err	 headers(struct mp_parser *, const char *, size_t,
		    size_t *);
static enum err	 emit(struct mp_parser *, const char *, size_t);
static enum err	 scan(struct mp_parser *, const char *, size_t, size_t *);
static enum err	 part_stop(struct mp_parser *);
static enum err	 part_start(struct mp_parser *);
static enum err	 delim_byte(struct mp_parser *, unsigned char);

/* is_tchar() says whether c may be in an RFC 7230 token. */
static int
is_tchar(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* is_bchar() says whether c may be in a boundary (RFC 2046 bchars). */
static int
is_bchar(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* is_ctl() says whether c is a control other than HT: never in a header. */
static int
is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == ASCII_DEL;
}

/* boundary_ok() checks 1..70 bchars, the last of them not a space. */
static int
boundary_ok(const char *b, size_t len)
{
	size_t	 i;

	if (len == 0 || len > MP_BOUNDARY_MAX || b[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if (!is_bchar((unsigned char)b[i]))
			return 0;
	return 1;
}

/* ci_equal() compares s[0..len) to the lower-case lit, ignoring case. */
static int
ci_equal(const char *s, size_t len, const char *lit)
{
	size_t		 i;
	unsigned char	 c;

	if (strlen(lit) != len)
		return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if (c != (unsigned char)lit[i])
			return 0;
	}
	return 1;
}

/* skip_ows() returns the index of the first non-blank at or after i. */
static size_t
skip_ows(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/*
 * param_next() parses the next "; name=value" parameter of s[0..len) at
 * *ip, blanks allowed around ';' and '='.  The value is a quoted-string
 * (*quoted set, the span inside the quotes, escapes still in it) or a run
 * of visible bytes other than ';' and '"'.  At the end of s, or after a
 * final ';', name->len is 0.
 */
static enum err
param_next(const char *s, size_t len, size_t *ip, struct span *name,
    struct span *val, int *quoted)
{
	size_t	 i;

	name->off = name->len = val->off = val->len = 0;
	*quoted = 0;
	i = skip_ows(s, len, *ip);
	if (i < len) {
		if (s[i] != ';')
			return ERR_BADREQ;
		i = skip_ows(s, len, i + 1);
	}
	if (i == len) {
		*ip = i;
		return ERR_OK;
	}
	name->off = i;
	while (i < len && is_tchar((unsigned char)s[i]))
		i++;
	name->len = i - name->off;
	if (name->len == 0)
		return ERR_BADREQ;
	i = skip_ows(s, len, i);
	if (i == len || s[i] != '=')
		return ERR_BADREQ;
	i = skip_ows(s, len, i + 1);
	val->off = i;
	if (i < len && s[i] == '"') {
		*quoted = 1;
		val->off = ++i;
		while (i < len && s[i] != '"') {
			if (s[i] == '\\' && ++i == len)
				return ERR_BADREQ;
			i++;
		}
		if (i == len)
			return ERR_BADREQ;
		val->len = i - val->off;
		i++;
	} else {
		while (i < len && (unsigned char)s[i] > ' ' &&
		    (unsigned char)s[i] != ASCII_DEL && s[i] != ';' &&
		    s[i] != '"')
			i++;
		val->len = i - val->off;
		if (val->len == 0)
			return ERR_BADREQ;
	}
	*ip = i;
	return ERR_OK;
}

/*
 * unquote() copies the value v of s into out (max + 1 bytes), resolving
 * backslash escapes if it was quoted, and adds a NUL.  ERR_BADREQ if it
 * is longer than max.
 */
static enum err
unquote(const char *s, struct span v, int quoted, char *out, size_t max)
{
	size_t	 i, j;

	for (i = j = 0; i < v.len; i++, j++) {
		/* param_next() made sure that an escaped byte follows. */
		if (quoted && s[v.off + i] == '\\')
			i++;
		if (j == max)
			return ERR_BADREQ;
		out[j] = s[v.off + i];
	}
	out[j] = '\0';
	return ERR_OK;
}

/* is_attr_char() says whether c may stand unescaped in an RFC 8187 value. */
static int
is_attr_char(unsigned char c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$&+-.^_`|~", c) != NULL;
}

/*
 * ext_value() decodes an RFC 8187 (was 5987) ext-value, charset "'"
 * [language] "'" percent-encoded bytes, into out (max + 1 bytes) as UTF-8.
 * The charset is UTF-8, whose bytes are copied as they are (the caller
 * validates text), or ISO-8859-1, which is converted; any other charset,
 * a bad escape, a byte outside attr-char or a decoded control character
 * is ERR_BADREQ, as is a result longer than max.
 */
static enum err
ext_value(const char *s, struct span v, char *out, size_t max)
{
	const char	*p, *q1, *q2, *end;
	size_t		 j;
	int		 latin1, hi, lo;
	unsigned char	 c;

	p = s + v.off;
	end = p + v.len;
	if ((q1 = memchr(p, '\'', v.len)) == NULL ||
	    (q2 = memchr(q1 + 1, '\'', (size_t)(end - q1 - 1))) == NULL)
		return ERR_BADREQ;
	if (ci_equal(p, (size_t)(q1 - p), "utf-8"))
		latin1 = 0;
	else if (ci_equal(p, (size_t)(q1 - p), "iso-8859-1"))
		latin1 = 1;
	else
		return ERR_BADREQ;
	for (p = q1 + 1; p < q2; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return ERR_BADREQ;
	j = 0;
	for (p = q2 + 1; p < end; p++) {
		c = (unsigned char)*p;
		if (c == '%') {
			if (end - p < 3 ||
			    (hi = form_hex_digit((unsigned char)p[1])) < 0 ||
			    (lo = form_hex_digit((unsigned char)p[2])) < 0)
				return ERR_BADREQ;
			c = (unsigned char)(hi << 4 | lo);
			p += 2;
		} else if (!is_attr_char(c))
			return ERR_BADREQ;
		if (is_ctl(c) || c == '\t')
			return ERR_BADREQ;
		if (latin1 && c >= 0x80) {
			if (max - j < 2)
				return ERR_BADREQ;
			out[j++] = (char)(0xC0 | c >> 6);
			out[j++] = (char)(0x80 | (c & 0x3F));
		} else {
			if (j == max)
				return ERR_BADREQ;
			out[j++] = (char)c;
		}
	}
	out[j] = '\0';
	return ERR_OK;
}

/*
 * disposition() parses a Content-Disposition value: "form-data", then
 * parameters; name is required and not empty, filename* wins over
 * filename whatever their order, others are ignored.  A parameter given
 * twice is ERR_BADREQ: two parsers must not read two different names.
 */
static enum err
disposition(struct mp_parser *p, const char *s, size_t len)
{
	struct span	 name, val;
	size_t		 i;
	int		 quoted;
	enum err	 e;

	for (i = 0; i < len && is_tchar((unsigned char)s[i]); i++)
		continue;
	if (!ci_equal(s, i, "form-data"))
		return ERR_BADREQ;
	for (;;) {
		if ((e = param_next(s, len, &i, &name, &val, &quoted)) !=
		    ERR_OK)
			return e;
		if (name.len == 0)
			break;
		if (ci_equal(s + name.off, name.len, "name")) {
			if (p->seen & SEEN_NAME)
				return ERR_BADREQ;
			p->seen |= SEEN_NAME;
			if ((e = unquote(s, val, quoted, p->part.name,
			    MP_NAME_MAX)) != ERR_OK)
				return e;
		} else if (ci_equal(s + name.off, name.len, "filename")) {
			if (p->seen & SEEN_FILENAME)
				return ERR_BADREQ;
			p->seen |= SEEN_FILENAME;
			p->part.has_filename = 1;
			if (!(p->seen & SEEN_FILESTAR) &&
			    (e = unquote(s, val, quoted, p->part.filename,
			    MP_FILENAME_MAX)) != ERR_OK)
				return e;
		} else if (ci_equal(s + name.off, name.len, "filename*")) {
			if ((p->seen & SEEN_FILESTAR) || quoted)
				return ERR_BADREQ;
			p->seen |= SEEN_FILESTAR;
			p->part.has_filename = 1;
			if ((e = ext_value(s, val, p->part.filename,
			    MP_FILENAME_MAX)) != ERR_OK)
				return e;
		}
	}
	if (!(p->seen & SEEN_NAME) || p->part.name[0] == '\0')
		return ERR_BADREQ;
	return ERR_OK;
}

/*
 * header_line() handles the complete header line in hbuf (its CRLF
 * already taken off).  The empty line ends the headers and begins the
 * part's data.
 */
static enum err
header_line(struct mp_parser *p)
{
	const char	*s, *colon;
	size_t		 len, nlen, vb, ve, i;
	int		 bit;

	s = p->hbuf;
	len = p->hline;
	p->hline = 0;
	if (len == 0) {
		if (!(p->seen & SEEN_CD))
			return ERR_BADREQ;
		p->st = ST_BODY;
		p->match = 0;
		p->in_part = 1;
		if (p->cb.part_begin != NULL &&
		    p->cb.part_begin(p->arg, &p->part) != 0)
			return ERR_INVALID;
		return ERR_OK;
	}
	/* A line that starts blank would continue the last: obsolete. */
	if (s[0] == ' ' || s[0] == '\t')
		return ERR_BADREQ;
	if ((colon = memchr(s, ':', len)) == NULL)
		return ERR_BADREQ;
	nlen = (size_t)(colon - s);
	if (nlen == 0)
		return ERR_BADREQ;
	for (i = 0; i < nlen; i++)
		if (!is_tchar((unsigned char)s[i]))
			return ERR_BADREQ;
	vb = skip_ows(s, len, nlen + 1);
	for (ve = len; ve > vb && (s[ve - 1] == ' ' || s[ve - 1] == '\t'); ve--)
		continue;

	if (ci_equal(s, nlen, "content-disposition"))
		bit = SEEN_CD;
	else if (ci_equal(s, nlen, "content-type"))
		bit = SEEN_CT;
	else if (ci_equal(s, nlen, "content-transfer-encoding"))
		bit = SEEN_CTE;
	else
		return ERR_OK;
	if (p->seen & bit)
		return ERR_BADREQ;
	p->seen |= bit;
	switch (bit) {
	case SEEN_CD:
		return disposition(p, s + vb, ve - vb);
	case SEEN_CT:
		if (ve - vb > MP_CTYPE_MAX)
			return ERR_BADREQ;
		memcpy(p->part.content_type, s + vb, ve - vb);
		p->part.content_type[ve - vb] = '\0';
		return ERR_OK;
	default:
		if (ci_equal(s + vb, ve - vb, "7bit") ||
		    ci_equal(s + vb, ve - vb, "8bit") ||
		    ci_equal(s + vb, ve - vb, "binary"))
			return ERR_OK;
		return ERR_BADREQ;
	}
}

/*
 * headers() takes header bytes from data[*ip..len) into the line buffer
 * until the data is used up or the empty line has begun the part's data.
 * Every byte counts against header_max, CRLFs and the empty line too.
 */
static enum err
headers(struct mp_parser *p, const char *data, size_t len, size_t *ip)
{
	unsigned char	 c;
	enum err	 e;

	while (*ip < len && p->st == ST_HEADERS) {
		c = (unsigned char)data[(*ip)++];
		if (p->htotal == p->lim.header_max)
			return ERR_TOOBIG;
		p->htotal++;
		if (p->cr) {
			if (c != '\n')
				return ERR_BADREQ;
			p->cr = 0;
			if ((e = header_line(p)) != ERR_OK)
				return e;
		} else if (c == '\r')
			p->cr = 1;
		else if (is_ctl(c))
			return ERR_BADREQ;
		else
			p->hbuf[p->hline++] = (char)c;
	}
	return ERR_OK;
}

/* emit() passes on n bytes of preamble (to count) or of part data. */
static enum err
emit(struct mp_parser *p, const char *s, size_t n)
{
	if (n == 0)
		return ERR_OK;
	if (p->st == ST_PREAMBLE) {
		if (n > p->lim.preamble_max - p->preamble)
			return ERR_TOOBIG;
		p->preamble += n;
		return ERR_OK;
	}
	if (p->cb.part_data != NULL && p->cb.part_data(p->arg, s, n) != 0)
		return ERR_INVALID;
	return ERR_OK;
}

/*
 * scan() looks for the delimiter in data[*ip..len), passing on what is
 * surely not part of it, until the data is used up (a partial match is
 * kept in match) or the delimiter is complete (state ST_DELIM).
 */
static enum err
scan(struct mp_parser *p, const char *data, size_t len, size_t *ip)
{
	const char	*cr;
	size_t		 start, n, skip;
	enum err	 e;

	for (;;) {
		while (*ip < len && p->match < p->dlen &&
		    data[*ip] == p->delim[p->match]) {
			p->match++;
			(*ip)++;
		}
		if (p->match == p->dlen) {
			p->match = 0;
			p->virt = 0;
			p->st = ST_DELIM;
			return ERR_OK;
		}
		if (*ip == len)
			return ERR_OK;
		if (p->match > 0) {
			/* Not a delimiter after all: the bytes were data. */
			skip = p->virt ? 2 : 0;
			n = p->match - skip;
			p->match = 0;
			p->virt = 0;
			if ((e = emit(p, p->delim + skip, n)) != ERR_OK)
				return e;
			continue;
		}
		/* data[*ip] is not a CR: pass on the run up to the next. */
		start = *ip;
		cr = memchr(data + start + 1, '\r', len - start - 1);
		n = cr == NULL ? len - start : (size_t)(cr - (data + start));
		*ip += n;
		if ((e = emit(p, data + start, n)) != ERR_OK)
			return e;
	}
}

/* part_stop() ends the current part, if any. */
static enum err
part_stop(struct mp_parser *p)
{
	if (!p->in_part)
		return ERR_OK;
	p->in_part = 0;
	if (p->cb.part_end != NULL && p->cb.part_end(p->arg) != 0)
		return ERR_INVALID;
	return ERR_OK;
}

/* part_start() ends the last part and starts reading the next's headers. */
static enum err
part_start(struct mp_parser *p)
{
	enum err	 e;

	if ((e = part_stop(p)) != ERR_OK)
		return e;
	if (p->nparts >= p->lim.parts_max)
		return ERR_TOOMANY;
	p->nparts++;
	memset(&p->part, 0, sizeof(p->part));
	p->seen = 0;
	p->htotal = 0;
	p->hline = 0;
	p->cr = 0;
	p->st = ST_HEADERS;
	return ERR_OK;
}

/*
 * delim_byte() takes one byte of the rest of a delimiter line: "--" for
 * the close delimiter, or transport padding (blanks) and CRLF.
 */
static enum err
delim_byte(struct mp_parser *p, unsigned char c)
{
	switch (p->st) {
	case ST_DELIM:
		if (c == '-') {
			p->st = ST_CLOSE;
			return ERR_OK;
		}
		if (c == ' ' || c == '\t') {
			p->st = ST_PAD;
			return ERR_OK;
		}
		if (c == '\r') {
			p->st = ST_LF;
			return ERR_OK;
		}
		return ERR_BADREQ;
	case ST_PAD:
		if (c == ' ' || c == '\t')
			return ERR_OK;
		if (c == '\r') {
			p->st = ST_LF;
			return ERR_OK;
		}
		return ERR_BADREQ;
	case ST_CLOSE:
		if (c != '-')
			return ERR_BADREQ;
		p->st = ST_EPILOGUE;
		return part_stop(p);
	case ST_LF:
		if (c != '\n')
			return ERR_BADREQ;
		return part_start(p);
	default:
		return ERR_BADREQ;
	}
}

enum err
mp_boundary(const char *content_type, char *out)
{
	static const char	 type[] = "multipart/form-data";
	struct span		 name, val;
	char			 b[MP_BOUNDARY_MAX + 1];
	size_t			 len, i;
	int			 quoted, found;
	enum err		 e;

	if (content_type == NULL)
		return ERR_BADREQ;
	len = strlen(content_type);
	i = skip_ows(content_type, len, 0);
	if (len - i < sizeof(type) - 1 ||
	    !ci_equal(content_type + i, sizeof(type) - 1, type))
		return ERR_BADREQ;
	i += sizeof(type) - 1;
	found = 0;
	for (;;) {
		if ((e = param_next(content_type, len, &i, &name, &val,
		    &quoted)) != ERR_OK)
			return ERR_BADREQ;
		if (name.len == 0)
			break;
		if (!ci_equal(content_type + name.off, name.len, "boundary"))
			continue;
		if (found)
			return ERR_BADREQ;
		found = 1;
		if (unquote(content_type, val, quoted, b, MP_BOUNDARY_MAX) !=
		    ERR_OK)
			return ERR_BADREQ;
	}
	if (!found || !boundary_ok(b, strlen(b)))
		return ERR_BADREQ;
	memcpy(out, b, strlen(b) + 1);
	return ERR_OK;
}

struct mp_parser *
mp_new(const char *boundary, const struct mp_limits *lim,
    const struct mp_callbacks *cb, void *arg)
{
	struct mp_parser	*p;
	size_t			 blen;

	if (boundary == NULL || lim == NULL)
		return NULL;
	blen = strnlen(boundary, MP_BOUNDARY_MAX + 1);
	if (!boundary_ok(boundary, blen))
		return NULL;
	if (lim->header_max > SIZE_MAX - sizeof(*p))
		return NULL;
	if ((p = malloc(sizeof(*p) + lim->header_max)) == NULL)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->lim = *lim;
	if (cb != NULL)
		p->cb = *cb;
	p->arg = arg;
	p->err = ERR_OK;
	p->st = ST_PREAMBLE;
	memcpy(p->delim, "\r\n--", 4);
	memcpy(p->delim + 4, boundary, blen);
	p->dlen = 4 + blen;
	/* The first delimiter needs no CRLF before it. */
	p->match = 2;
	p->virt = 1;
	return p;
}

void
mp_free(struct mp_parser *p)
{
	free(p);
}

enum err
mp_feed(struct mp_parser *p, const char *data, size_t len)
{
	size_t		 i;
	enum err	 e;

	if (p->err != ERR_OK)
		return p->err;
	e = ERR_OK;
	i = 0;
	while (i < len && e == ERR_OK) {
		switch (p->st) {
		case ST_PREAMBLE:
		case ST_BODY:
			e = scan(p, data, len, &i);
			break;
		case ST_HEADERS:
			e = headers(p, data, len, &i);
			break;
		case ST_EPILOGUE:
			i = len;
			break;
		default:
			e = delim_byte(p, (unsigned char)data[i++]);
			break;
		}
	}
	p->err = e;
	return e;
}

enum err
mp_finish(struct mp_parser *p)
{
	if (p->err == ERR_OK && p->st != ST_EPILOGUE)
		p->err = ERR_BADREQ;
	return p->err;
}
