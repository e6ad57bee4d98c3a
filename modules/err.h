/*
 * err.h: the error codes that modules return.
 *
 * Modules report failure with one of these codes and never print, exit or
 * choose an HTTP status.  Only the request loop (app.c) turns a code into a
 * status and an error page, through err_status() and err_msg().
 */
#ifndef PR_ERR_H
#define PR_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOMEM,		/* out of memory */
	ERR_IO,			/* the data directory could not be read or written */
	ERR_NOTFOUND,		/* no such release, user or page */
	ERR_STALE,		/* someone else saved in between */
	ERR_INVALID,		/* a value failed its validator */
	ERR_TOOBIG,		/* a value or body over its limit */
	ERR_UTF8,		/* invalid UTF-8 */
	ERR_CTRL,		/* a control character where none is allowed */
	ERR_ESCAPE,		/* a bad percent escape */
	ERR_TOOMANY,		/* too many fields or repetitions */
	ERR_CSRF,		/* missing or wrong CSRF token */
	ERR_LOGIN,		/* wrong user name or password */
	ERR_THROTTLE,		/* too many failed sign-ins: wait */
	ERR_HASH,		/* the user's password hash is of an unsupported kind */
	ERR_NOSESSION,		/* not signed in, or the session expired */
	ERR_FORBIDDEN,		/* signed in, but not allowed */
	ERR_METHOD,		/* wrong HTTP method for this page */
	ERR_BADREQ,		/* a malformed request */
	ERR_LENGTH,		/* missing, bad or too large Content-Length */
	ERR_SHORTBODY,		/* the body ended before Content-Length */
	ERR_CONF,		/* the configuration is wrong */
	ERR_CORRUPT,		/* a stored file does not parse */
	ERR_EXISTS,		/* already exists */
	ERR_STATE,		/* not possible in the release's current state */
	ERR_BUSY,		/* try again in a moment (index being rebuilt) */
	ERR_LANG,		/* no interface in the language asked for */
	ERR__COUNT
};

/*
 * err_msg() returns the fixed, user-facing sentence for an error, from the
 * message table (msg.c), in the current request's language.  The string
 * is long-lived.
 */
const char	*err_msg(enum err);

/*
 * err_status() returns the HTTP status that the request loop answers an
 * error with, for example 404 for ERR_NOTFOUND and 409 for ERR_STALE.
 */
int		 err_status(enum err);

/* err_name() returns the code's name ("ERR_STALE"), for logs and tests. */
const char	*err_name(enum err);

#endif /* PR_ERR_H */
