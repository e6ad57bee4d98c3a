/*
 * req.h: one HTTP request and its response, as the programs see them.
 *
 * The request object owns everything a request allocates (its arena);
 * req_reset() releases it all at the end of each turn of the loop.  CGI
 * variables are copied out of libfcgi's environment, never kept.  Input
 * fields are declared by the page (struct input) and checked here before
 * any handler runs; a field that fails keeps its value so the form can
 * come back filled in.  All output goes through one writer with two back
 * ends, a FastCGI stream or stdio (plain CGI and tests).
 */
#ifndef PR_REQ_H
#define PR_REQ_H

#include <sys/types.h>

#include <stddef.h>
#include <stdio.h>

#include <fcgiapp.h>

#include "arena.h"
#include "conf.h"
#include "err.h"
#include "form.h"
#include "release.h"
#include "store.h"

enum input_kind {
	IN_LINE,	/* one line: UTF-8, no control characters */
	IN_BLOCK,	/* several lines: CRLF becomes LF, tabs allowed */
	IN_TOKEN,	/* ASCII letters, digits and . _ - only */
	IN_SECRET	/* like IN_LINE, but never shown back */
};

/* One declared input field; a page lists them, ended by a NULL name. */
struct input {
	const char	*name;
	enum input_kind	 kind;
	size_t		 max;	/* bytes */
};

/* A declared field after checking. */
struct field_value {
	const char	*name;
	const char	*value;	/* "" if absent; kept even when invalid */
	size_t		 len;
	int		 present;
	enum err	 err;	/* ERR_OK, or why the value was refused */
};

/* The writer's back end. */
struct writer {
	FCGX_Stream	*fcgi;	/* NULL: use fp */
	FILE		*fp;
};

struct req {
	struct arena	 a;
	const struct conf *conf;
	struct store	*store;
	char		 id[9];		/* request id, shown on error pages */

	/* CGI variables (arena copies; "" when absent). */
	const char	*method;
	const char	*path;		/* PATH_INFO, "/" when empty */
	const char	*rest;		/* after "/:id/" in a page's path */
	const char	*query;
	const char	*content_type;
	const char	*cookie;
	const char	*accept_encoding;
	const char	*accept_language;	/* "" when over LIM_ACCEPT_LANGUAGE_MAX */
	const char	*if_none_match;
	const char	*if_modified_since;
	const char	*range;
	const char	*if_range;
	const char	*remote_user;
	const char	*https;
	const char	*script_name;
	const char	*remote_addr;
	const char	*content_length;

	struct params	 qp;		/* query string */
	struct params	 bp;		/* urlencoded body */
	struct params	 cookies;
	struct field_value *fields;	/* declared inputs, after checks */
	size_t		 nfields;

	/* Who is asking (set by the request loop). */
	int		 signed_in;
	struct session	 sess;
	enum role	 role;

	/* The response being built. */
	int		 status;
	struct buf	 headers;	/* "Name: value\r\n" lines */
	struct buf	 body;
	const char	*ctype;
	const char	*cache;		/* Cache-Control value */
	time_t		 last_modified;	/* cacheable pages: Last-Modified */
	const char	*allow;		/* the page's methods, for 405 */
	struct release	*all;		/* every release, read once (app.h) */
	size_t		 nall;
	int		 all_read;
	const char	*csp;		/* Content-Security-Policy, NULL: pages' */
	const char	*lang;		/* the interface language of the answer */
	int		 vary_lang;	/* the answer depends on the language */
	int		 error_page;	/* the answer is an error page */
	int		 head_sent;	/* a handler streamed the answer */
	long long	 body_left;	/* streamed body: bytes left, -1: to EOF */

	struct writer	 in_out;	/* where the response goes */
	FCGX_Stream	*in;		/* FastCGI input, NULL for stdin */
	FCGX_ParamArray	 envp;		/* FastCGI environment, NULL: environ */
};

/*
 * req_init() prepares a request for one turn of the loop; req_reset()
 * frees everything it allocated.  Both keep long-lived pointers (conf,
 * store) untouched.
 */
void		 req_init(struct req *, const struct conf *, struct store *);
void		 req_reset(struct req *);

/*
 * req_env() copies the CGI variables into the request (method, path,
 * query, cookies, ...); ERR_BADREQ when one is over LIM_ENV_VALUE_MAX,
 * ERR_NOTFOUND for a path over LIM_PATH_MAX.  The method and path are set
 * even on error, so an error page can be chosen.
 */
enum err	 req_env(struct req *);

/*
 * req_read() then parses the query string, cookies
 * and, for a POST, the urlencoded body (Content-Length required and at
 * most max_body; ERR_LENGTH, ERR_TOOBIG, ERR_SHORTBODY, ERR_BADREQ or a
 * parser's error).  It then checks the declared inputs (may be NULL): a
 * field sent twice is ERR_TOOMANY for the whole request; a field that
 * fails its check gets its own err and does not fail the request.
 */
enum err	 req_read(struct req *, const struct input *inputs, int stream);

/*
 * req_field() returns a declared field's value ("" if absent or
 * undeclared); req_field_err() its error.  Strings live until req_reset().
 */
const char	*req_field(const struct req *, const char *name);
enum err	 req_field_err(const struct req *, const char *name);

/*
 * req_http_date() formats t as HTTP wants it (IMF-fixdate, GMT);
 * req_rfc3339() as feeds and metadata do ("2026-11-26T09:30:00Z").
 */
const char	*req_http_date(struct req *, time_t);
const char	*req_rfc3339(struct req *, time_t);

/* req_query() returns a query-string value or NULL. */
const char	*req_query(const struct req *, const char *name);

/* req_cookie() returns a cookie's value or NULL. */
const char	*req_cookie(const struct req *, const char *name);

/* req_is_https() is 1 when the request came over HTTPS. */
int		 req_is_https(const struct req *);

/*
 * req_header() adds a response header.  Names and values with CR, LF or
 * NUL are dropped (header injection is impossible by construction).
 */
void		 req_header(struct req *, const char *name, const char *value);

/*
 * req_set_cookie() adds a Set-Cookie header with HttpOnly, SameSite=Lax,
 * Path=/ and Secure as configured; maxage < 0 makes a session cookie and
 * maxage == 0 deletes the cookie.
 */
void		 req_set_cookie(struct req *, const char *name,
		    const char *value, long maxage);

/* req_redirect() answers 303 See Other to url (a local path). */
void		 req_redirect(struct req *, const char *url);

/*
 * req_send() writes status, headers (the security headers are added
 * here, once), and the body, gzip-compressed through zlib when the client
 * accepts it and the body is worth it.  A HEAD request gets no body.  An
 * answer that depends on the language (vary_lang) says so in Vary, and
 * its entity tag names the language, so no cache hands an English page
 * to a French reader.
 */
void		 req_send(struct req *);

/*
 * For pages that stream (stream set in req_read()): the body is not read
 * there, only its Content-Length checked (ERR_LENGTH if not a number;
 * absent means "read to the end").  req_body_read() then gives the next
 * at most n bytes: the count, 0 at the end, -1 if the body ended before
 * its Content-Length or the stream failed.
 */
ssize_t		 req_body_read(struct req *, char *buf, size_t n);

/*
 * Streaming answers: req_send_head() writes status and headers once (len
 * < 0: no Content-Length), then req_write() and req_send_fd() (len bytes
 * of fd from off) write the body; req_send() then only flushes.  A write
 * to a client that went away returns -1 (ERR_IO).  HEAD gets no body.
 */
void		 req_send_head(struct req *, long long len);
int		 req_write(struct req *, const void *, size_t);
enum err	 req_send_fd(struct req *, int fd, off_t off, off_t len);

/* req_gzip() compresses in[0..len) as a gzip member into b (zlib). */
enum err	 req_gzip(struct buf *b, const void *in, size_t len);

#endif /* PR_REQ_H */
