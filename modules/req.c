/*
 * req.c: reading a request, checking its inputs, and writing the response.
 *
 * Input: every CGI variable is copied into the request arena with a length
 * cap; a value over LIM_ENV_VALUE_MAX makes the request ERR_BADREQ.  A POST
 * body is read only when Content-Length is present, numeric and within the
 * configured maximum, and exactly that many bytes are read: a client that
 * sends less gets ERR_SHORTBODY when its stream ends, never a hang beyond
 * the request timeout.  Output: headers and body are built in memory, then
 * written in one pass through the writer, so a handler never has a partly
 * sent response to worry about and a gzip'd body gets a Content-Length.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <strings.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "lim.h"
#include "req.h"
#include "utf8.h"

#define GZIP_MIN	512	/* smaller bodies are sent as they are */
#define REQ_CHUNK	(64 * 1024)	/* file and body streaming */

static const char *const security_headers =
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";
static const char *const page_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void
req_init(struct req *r, const struct conf *c, struct store *s)
{
	memset(r, 0, sizeof(*r));
	arena_init(&r->a);
	r->conf = c;
	r->store = s;
}

void
req_reset(struct req *r)
{
	struct arena	 a = r->a;
	const struct conf *c = r->conf;
	struct store	*s = r->store;

	arena_reset(&a);
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->conf = c;
	r->store = s;
}

/* Copy one CGI variable; *toolong is set when it exceeds the cap. */
static const char *
env_get(struct req *r, const char *name, int *toolong)
{
	const char	*v;
	size_t		 len;

	v = r->envp != NULL ? FCGX_GetParam(name, r->envp) : getenv(name);
	if (v == NULL)
		return "";
	len = strlen(v);
	if (len > LIM_ENV_VALUE_MAX) {
		*toolong = 1;
		return "";
	}
	return arena_strndup(&r->a, v, len);
}

/*
 * Copy one CGI variable that only tunes the answer: over max bytes it is
 * ignored (""), and the request goes on.
 */
static const char *
env_get_optional(struct req *r, const char *name, size_t max)
{
	const char	*v;
	size_t		 len;

	v = r->envp != NULL ? FCGX_GetParam(name, r->envp) : getenv(name);
	if (v == NULL || (len = strlen(v)) > max)
		return "";
	return arena_strndup(&r->a, v, len);
}

/* Read exactly len bytes of body; ERR_SHORTBODY if the stream ends first. */
static enum err
read_body(struct req *r, size_t len, char **out)
{
	char	*p;
	size_t	 got = 0;
	ssize_t	 n;

	p = arena_alloc(&r->a, len + 1);
	while (got < len) {
		if (r->in != NULL) {
			n = FCGX_GetStr(p + got, (int)(len - got), r->in);
			if (n <= 0)
				return ERR_SHORTBODY;
		} else {
			n = read(STDIN_FILENO, p + got, len - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				return ERR_SHORTBODY;
		}
		got += (size_t)n;
	}
	p[len] = '\0';
	*out = p;
	return ERR_OK;
}

static enum err
parse_length(const char *s, long max, size_t *out)
{
	size_t	 v = 0, i;

	if (*s == '\0')
		return ERR_LENGTH;
	for (i = 0; s[i] != '\0'; i++) {
		if (!isdigit((unsigned char)s[i]) || i >= 12)
			return ERR_LENGTH;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	if (v > (size_t)max)
		return ERR_TOOBIG;
	*out = v;
	return ERR_OK;
}

/* "application/x-www-form-urlencoded", parameters and case ignored. */
static int
is_urlencoded(const char *ct)
{
	static const char	 want[] = "application/x-www-form-urlencoded";
	size_t			 n = sizeof(want) - 1;

	return strncasecmp(ct, want, n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static enum err
check_input(const struct input *in, struct field_value *fv)
{
	char	*v = (char *)fv->value;
	size_t	 i;

	switch (in->kind) {
	case IN_BLOCK:
		/* Browsers send textarea lines as CRLF; store LF. */
		fv->len = text_normalize_newlines(v, fv->len);
		return text_check_block(v, fv->len, in->max);
	case IN_LINE:
	case IN_SECRET:
		return text_check_line(v, fv->len, in->max);
	case IN_TOKEN:
		if (fv->len > in->max)
			return ERR_TOOBIG;
		for (i = 0; i < fv->len; i++)
			if (!isalnum((unsigned char)v[i]) &&
			    strchr("._-", v[i]) == NULL)
				return ERR_INVALID;
		return ERR_OK;
	}
	return ERR_INVALID;
}

enum err
req_env(struct req *r)
{
	int	 toolong = 0;

	r->method = env_get(r, "REQUEST_METHOD", &toolong);
	r->path = env_get(r, "PATH_INFO", &toolong);
	r->query = env_get(r, "QUERY_STRING", &toolong);
	r->content_type = env_get(r, "CONTENT_TYPE", &toolong);
	r->cookie = env_get(r, "HTTP_COOKIE", &toolong);
	r->accept_encoding = env_get(r, "HTTP_ACCEPT_ENCODING", &toolong);
	r->accept_language = env_get_optional(r, "HTTP_ACCEPT_LANGUAGE",
	    LIM_ACCEPT_LANGUAGE_MAX);
	r->if_none_match = env_get(r, "HTTP_IF_NONE_MATCH", &toolong);
	r->if_modified_since = env_get(r, "HTTP_IF_MODIFIED_SINCE", &toolong);
	r->range = env_get(r, "HTTP_RANGE", &toolong);
	r->if_range = env_get(r, "HTTP_IF_RANGE", &toolong);
	r->remote_user = env_get(r, "REMOTE_USER", &toolong);
	r->https = env_get(r, "HTTPS", &toolong);
	r->script_name = env_get(r, "SCRIPT_NAME", &toolong);
	r->remote_addr = env_get(r, "REMOTE_ADDR", &toolong);
	r->content_length = env_get(r, "CONTENT_LENGTH", &toolong);
	if (r->path[0] == '\0')
		r->path = "/";
	if (toolong)
		return ERR_BADREQ;
	if (strlen(r->path) > LIM_PATH_MAX)
		return ERR_NOTFOUND;
	return ERR_OK;
}

enum err
req_read(struct req *r, const struct input *inputs, int stream)
{
	const struct params	*src;
	const char		*v;
	char			*body;
	size_t			 n, len, i;
	enum err		 e;

	if (strlen(r->query) > LIM_QUERY_MAX)
		return ERR_TOOBIG;
	if ((e = form_parse_urlencoded(&r->a, r->query, strlen(r->query),
	    LIM_PARAMS_MAX, &r->qp)) != ERR_OK)
		return e;
	/* A bad cookie header is treated as no cookies, like a browser. */
	if (form_parse_cookies(&r->a, r->cookie, LIM_PARAMS_MAX,
	    &r->cookies) != ERR_OK)
		r->cookies.n = 0;

	if (stream) {
		/* The handler reads the body; a missing length means "to EOF". */
		r->body_left = -1;
		if (r->content_length[0] != '\0') {
			if ((e = parse_length(r->content_length, LONG_MAX / 2,
			    &len)) != ERR_OK)
				return e;
			r->body_left = (long long)len;
		}
		return ERR_OK;
	}
	if (strcmp(r->method, "POST") == 0) {
		if ((e = parse_length(r->content_length, r->conf->max_body,
		    &len)) != ERR_OK)
			return e;
		if (len > 0 && !is_urlencoded(r->content_type))
			return ERR_BADREQ;
		if ((e = read_body(r, len, &body)) != ERR_OK)
			return e;
		if ((e = form_parse_urlencoded(&r->a, body, len,
		    LIM_PARAMS_MAX, &r->bp)) != ERR_OK)
			return e;
	}

	if (inputs == NULL)
		return ERR_OK;
	for (n = 0; inputs[n].name != NULL; n++)
		continue;
	r->fields = arena_alloc(&r->a, (n + 1) * sizeof(*r->fields));
	r->nfields = n;
	/* Forms are read from the body of a POST, else the query string. */
	src = strcmp(r->method, "POST") == 0 ? &r->bp : &r->qp;
	for (i = 0; i < n; i++) {
		struct field_value	*fv = &r->fields[i];

		fv->name = inputs[i].name;
		if (params_count(src, fv->name) > 1)
			return ERR_TOOMANY;
		if ((v = params_get(src, fv->name, &len)) == NULL) {
			fv->value = "";
			continue;
		}
		fv->present = 1;
		fv->value = arena_strndup(&r->a, v, len);
		fv->len = len;
		fv->err = check_input(&inputs[i], fv);
		/* A refused value comes back in the form: make it showable. */
		if (fv->err == ERR_UTF8 || fv->err == ERR_CTRL) {
			fv->value = text_sanitize(&r->a, fv->value, fv->len,
			    inputs[i].kind == IN_BLOCK);
			fv->len = strlen(fv->value);
		}
	}
	return ERR_OK;
}

static const struct field_value *
field_find(const struct req *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

const char *
req_field(const struct req *r, const char *name)
{
	const struct field_value	*fv = field_find(r, name);

	return fv == NULL ? "" : fv->value;
}

enum err
req_field_err(const struct req *r, const char *name)
{
	const struct field_value	*fv = field_find(r, name);

	return fv == NULL ? ERR_OK : fv->err;
}

const char *
req_query(const struct req *r, const char *name)
{
	return params_get(&r->qp, name, NULL);
}

const char *
req_cookie(const struct req *r, const char *name)
{
	return params_get(&r->cookies, name, NULL);
}

int
req_is_https(const struct req *r)
{
	return r->https != NULL && (strcasecmp(r->https, "on") == 0 ||
	    strcmp(r->https, "1") == 0);
}

static int
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

void
req_header(struct req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value))
		return;
	if (r->headers.a == NULL)
		buf_init(&r->headers, &r->a);
	buf_printf(&r->headers, "%s: %s\r\n", name, value);
}

void
req_set_cookie(struct req *r, const char *name, const char *value,
    long maxage)
{
	int	 secure;
	char	*v;

	secure = r->conf->secure_cookies == SECURE_ON ||
	    (r->conf->secure_cookies == SECURE_AUTO && req_is_https(r));
	v = arena_printf(&r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, secure ? "; Secure" : "",
	    maxage < 0 ? "" : arena_printf(&r->a, "; Max-Age=%ld", maxage));
	req_header(r, "Set-Cookie", v);
}

void
req_redirect(struct req *r, const char *url)
{
	r->status = 303;
	req_header(r, "Location", url);
	r->ctype = "text/plain; charset=utf-8";
	if (r->body.a == NULL)
		buf_init(&r->body, &r->a);
	buf_puts(&r->body, "See other: ");
	buf_puts(&r->body, url);
	buf_putc(&r->body, '\n');
}

static void
out_write(struct req *r, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (r->in_out.fcgi != NULL)
		FCGX_PutStr(p, (int)n, r->in_out.fcgi);
	else
		fwrite(p, 1, n, r->in_out.fp);
}

/* Does Accept-Encoding allow gzip?  "gzip;q=0" means no. */
static int
accepts_gzip(const char *ae)
{
	const char	*p;

	for (p = ae; (p = strcasestr(p, "gzip")) != NULL; p += 4) {
		if (p > ae && (isalnum((unsigned char)p[-1]) || p[-1] == '-'))
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		if (strncmp(p, ";q=0", 4) == 0 &&
		    strspn(p + 4, ".0") == strcspn(p + 4, ", "))
			return 0;
		return 1;
	}
	return 0;
}

enum err
req_gzip(struct buf *b, const void *in, size_t len)
{
	z_stream	 z;
	size_t		 bound;
	int		 rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return ERR_NOMEM;
	bound = deflateBound(&z, (uLong)len) + 32;
	b->len = 0;
	buf_add(b, "", 0);
	if (b->cap < bound + 1) {
		b->data = arena_alloc(b->a, bound + 1);
		b->cap = bound + 1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)b->data;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	b->len = bound - z.avail_out;
	deflateEnd(&z);
	return rc == Z_STREAM_END ? ERR_OK : ERR_NOMEM;
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 206: return "Partial Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 416: return "Range Not Satisfiable";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 507: return "Insufficient Storage";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Status line, headers and the security headers, once. */
static void
write_head(struct req *r, long long len)
{
	struct buf	 head;

	if (r->status == 0)
		r->status = 200;
	if (r->headers.a == NULL)
		buf_init(&r->headers, &r->a);
	buf_init(&head, &r->a);
	buf_printf(&head, "Status: %d %s\r\n", r->status, status_text(r->status));
	if (r->ctype != NULL)
		buf_printf(&head, "Content-Type: %s\r\n", r->ctype);
	if (len >= 0)
		buf_printf(&head, "Content-Length: %lld\r\n", len);
	buf_printf(&head, "Cache-Control: %s\r\n",
	    r->cache != NULL ? r->cache : "no-store");
	buf_puts(&head, security_headers);
	buf_printf(&head, "Content-Security-Policy: %s\r\n",
	    r->csp != NULL ? r->csp : page_csp);
	buf_add(&head, r->headers.data == NULL ? "" : r->headers.data,
	    r->headers.len);
	buf_puts(&head, "\r\n");
	out_write(r, head.data, head.len);
	r->head_sent = 1;
}

void
req_send_head(struct req *r, long long len)
{
	if (!r->head_sent)
		write_head(r, len);
}

int
req_write(struct req *r, const void *p, size_t n)
{
	if (strcmp(r->method == NULL ? "" : r->method, "HEAD") == 0 || n == 0)
		return 0;
	if (r->in_out.fcgi != NULL)
		return FCGX_PutStr(p, (int)n, r->in_out.fcgi) == (int)n ? 0 : -1;
	return fwrite(p, 1, n, r->in_out.fp) == n ? 0 : -1;
}

enum err
req_send_fd(struct req *r, int fd, off_t off, off_t len)
{
	char	 chunk[REQ_CHUNK];
	ssize_t	 n;

	while (len > 0) {
		n = pread(fd, chunk, len < (off_t)sizeof(chunk) ? (size_t)len :
		    sizeof(chunk), off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ERR_IO;
		if (req_write(r, chunk, (size_t)n) == -1)
			return ERR_IO;	/* the client went away */
		off += n;
		len -= n;
		/* A long transfer that moves is not a stalled client. */
		alarm((unsigned)r->conf->request_timeout);
	}
	return ERR_OK;
}

ssize_t
req_body_read(struct req *r, char *buf, size_t n)
{
	ssize_t	 got;

	if (r->body_left == 0)
		return 0;
	if (r->body_left > 0 && (long long)n > r->body_left)
		n = (size_t)r->body_left;
	for (;;) {
		if (r->in != NULL)
			got = FCGX_GetStr(buf, (int)n, r->in);
		else
			got = read(STDIN_FILENO, buf, n);
		if (got < 0 && r->in == NULL && errno == EINTR)
			continue;
		break;
	}
	if (got < 0)
		return -1;
	if (got == 0)
		return r->body_left > 0 ? -1 : 0;	/* short, or EOF */
	if (r->body_left > 0)
		r->body_left -= got;
	/* A long upload that moves is not a stalled client. */
	alarm((unsigned)r->conf->request_timeout);
	return got;
}

/* t in UTC as fmt (a strftime(3) format of this file) says. */
static const char *
utc(struct req *r, const char *fmt, time_t t)
{
	struct tm	 tm;
	char		 s[64];

	gmtime_r(&t, &tm);
	if (strftime(s, sizeof(s), fmt, &tm) == 0)
		s[0] = '\0';
	return arena_strdup(&r->a, s);
}

const char *
req_http_date(struct req *r, time_t t)
{
	return utc(r, "%a, %d %b %Y %H:%M:%S GMT", t);
}

const char *
req_rfc3339(struct req *r, time_t t)
{
	return utc(r, "%Y-%m-%dT%H:%M:%SZ", t);
}

/* If-Modified-Since at or after the page's Last-Modified (RFC 9110). */
static int
not_modified_since(const struct req *r)
{
	struct tm	 tm;
	const char	*end;

	if (r->last_modified <= 0 || r->if_modified_since == NULL ||
	    r->if_modified_since[0] == '\0')
		return 0;
	memset(&tm, 0, sizeof(tm));
	end = strptime(r->if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return end != NULL && *end == '\0' && timegm(&tm) >= r->last_modified;
}

void
req_send(struct req *r)
{
	struct buf	 gz;
	const char	*body, *etag;
	size_t		 blen;
	int		 compress;

	if (r->head_sent) {
		/* A handler streamed its answer itself. */
		if (r->in_out.fp != NULL)
			fflush(r->in_out.fp);
		return;
	}
	if (r->body.a == NULL)
		buf_init(&r->body, &r->a);
	body = r->body.data == NULL ? "" : r->body.data;
	blen = r->body.len;

	compress = blen >= GZIP_MIN && r->ctype != NULL &&
	    (strncmp(r->ctype, "text/", 5) == 0 ||
	    strncmp(r->ctype, "application/json", 16) == 0 ||
	    strncmp(r->ctype, "application/xml", 15) == 0 ||
	    strstr(r->ctype, "+xml") != NULL || strstr(r->ctype, "+json") !=
	    NULL);
	/* The language comes from Accept-Language or the pr_lang cookie. */
	if (compress || r->vary_lang)
		req_header(r, "Vary", !r->vary_lang ? "Accept-Encoding" :
		    compress ? "Accept-Encoding, Accept-Language, Cookie" :
		    "Accept-Language, Cookie");

	/*
	 * A page that may be cached gets an entity tag from its bytes and its
	 * language, and a client that has them gets 304 without them.
	 */
	if (r->status == 200 && r->cache != NULL &&
	    strcmp(r->cache, "no-store") != 0 &&
	    strncmp(r->cache, "private", 7) != 0) {
		/* Weak: the gzip'd and the plain bytes share it. */
		etag = arena_printf(&r->a, "W/\"%zx-%08lx%s%s\"", blen,
		    (unsigned long)crc32(crc32(0, Z_NULL, 0),
		    (const Bytef *)body, (uInt)blen),
		    r->vary_lang && r->lang != NULL ? "-" : "",
		    r->vary_lang && r->lang != NULL ? r->lang : "");
		req_header(r, "ETag", etag);
		if (r->last_modified > 0)
			req_header(r, "Last-Modified", req_http_date(r,
			    r->last_modified));
		if ((r->if_none_match != NULL && r->if_none_match[0] != '\0') ?
		    strstr(r->if_none_match, etag) != NULL :
		    not_modified_since(r)) {
			r->status = 304;
			write_head(r, -1);
			return;
		}
	}

	if (compress && accepts_gzip(r->accept_encoding)) {
		buf_init(&gz, &r->a);
		if (req_gzip(&gz, body, blen) == ERR_OK) {
			body = gz.data;
			blen = gz.len;
			req_header(r, "Content-Encoding", "gzip");
		}
	}
	write_head(r, (long long)blen);
	(void)req_write(r, body, blen);
	if (r->in_out.fp != NULL)
		fflush(r->in_out.fp);
}
