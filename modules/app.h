/*
 * app.h: the shared main of every program: configuration, the request
 * loop, dispatch through a page table, sign-in and CSRF checks, error
 * pages, and the worker supervisor.
 *
 * A program is a table of pages and one small handler per page; its main()
 * only calls app_main().  Handlers get a request whose inputs are checked,
 * whose user is known (for pages that need one) and whose CSRF token was
 * verified (for every POST); they fill the response or return an error,
 * which only the loop turns into a status and an error page.
 */
#ifndef PR_APP_H
#define PR_APP_H

#include "conf.h"
#include "err.h"
#include "i18n.h"
#include "release.h"
#include "req.h"
#include "tmpl.h"
#include "workflow.h"

/* How a page is protected. */
enum page_auth {
	PAGE_PUBLIC,		/* anyone */
	PAGE_LOGIN_FORM,	/* anyone; POST checks the login-form token */
	PAGE_STAFF		/* a signed-in user of at least min_role */
};

/*
 * One page.  path is matched against PATH_INFO: "/new" matches exactly,
 * "/edit/:id" matches "/edit/" and a well-formed release id, which is
 * passed to the handler as arg (NULL otherwise).  get answers GET and
 * HEAD; post answers POST; a missing one makes that method 405.  A path
 * may end in "/:id/:rest": the id, then anything, which the handler finds in
 * req.rest.  A path ending in "/" "*" matches everything under its prefix
 * (put it last), the rest after the "/" in req.rest.
 */
struct page {
	const char		*path;
	enum page_auth		 auth;
	enum role		 min_role;
	const struct input	*inputs;	/* may be NULL */
	enum err		(*get)(struct req *, const char *arg);
	enum err		(*post)(struct req *, const char *arg);
	int			 stream;	/* POST body read by the handler,
						   which checks the CSRF token */
};

struct program {
	const char		*name;		/* "submit", for logs */
	const struct page	*pages;
	size_t			 npages;
	int			 magic;		/* open libmagic at start-up */
};

/*
 * app_main() runs a program: it parses the command line (-c config,
 * -s socket path, -w workers), loads the configuration, templates and
 * store once, then answers requests as a FastCGI responder (on the socket
 * given, or on the listening socket inherited as stdin) or, when started
 * as plain CGI, answers the one request and returns.  It returns the
 * process exit status.
 */
int		 app_main(int argc, char *argv[], const struct program *);

/*
 * app_dict() returns a template dictionary pre-filled with what every
 * page shows: site name, URLs, the signed-in user, role and CSRF token,
 * the interface language (ui_lang) and the switcher's links (ui_langs:
 * tag, name, url, current), a notice from the "m" query parameter if it
 * names a known one; its {{t:...}} are translated into the request's
 * language.
 */
struct tdict	*app_dict(struct req *);

/*
 * app_render() renders template name with d (layout included by the
 * template itself) into the response, with the given status.
 */
enum err	 app_render(struct req *, int status, const char *name,
		    struct tdict *d);

/*
 * app_magic() returns the libmagic handle opened at start-up (with
 * MAGIC_MIME_TYPE, from the magic_database setting or libmagic's own
 * database), for programs that asked for it; NULL otherwise.
 */
struct magic_set *app_magic(void);

/* app_templates() returns the loaded template set (long-lived). */
const struct tmpl_set *app_templates(void);

/* app_catalogues() returns the catalogues loaded at start-up. */
const struct i18n *app_catalogues(void);

/*
 * app_set_lang_cookie() makes this browser's interface language tag (a
 * catalogue's), or forgets the choice for NULL or "".
 */
void		 app_set_lang_cookie(struct req *, const char *tag);

/*
 * app_local_path() returns path if it is a local path ("/x", never
 * "//host", no control character, space or backslash, which browsers
 * would bend into another host), else fallback.
 */
const char	*app_local_path(const char *path, const char *fallback);

/*
 * app_url() returns conf URL prefix + path, e.g. app_url(r, r->conf->
 * url_staff, "/edit/%s", id); the string lives until req_reset().
 */
char		*app_url(struct req *, const char *prefix, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * app_may() is 1 when the signed-in user may do act to rel, by the policy
 * table of workflow.c (0 when nobody is signed in); *why as there.
 */
int		 app_may(const struct req *, const struct release *,
		    enum action act, enum err *why);

/*
 * app_load() reads a release for a staff page: ERR_NOTFOUND when it does
 * not exist or the user may not even see it (so that ids of other
 * people's drafts do not leak), else what workflow_allowed() says about
 * act (ERR_FORBIDDEN, ERR_STATE), or ERR_OK.
 */
enum err	 app_load(struct req *, const char *id, enum action act,
		    struct release *);

/*
 * app_transition() applies t to release cur (as the caller read it) in
 * one store change, as the signed-in user (workflow_apply() inside the
 * lock, which checks that cur is still the current revision), then sends
 * the notifications it calls for.  On success *out is the new version.
 * Errors: those of workflow_apply() and the store.
 */
enum err	 app_transition(struct req *, const struct release *cur,
		    const struct transition *, struct release *out);

/*
 * app_parse_count() reads a revision or change number: decimal digits
 * only, no sign, no leading zero, at most ULONG_MAX.  0 if malformed.
 */
int		 app_parse_count(const char *, unsigned long *);

/*
 * app_translations() adds to d the list "translations" (id, lang, title,
 * url) of the other members of rel's translation group: the original
 * (the release that rel or its siblings name in Translation-Of) and every
 * release that names it.  With public set, only releases public now are
 * listed, linked to their public pages; otherwise those the user may see,
 * linked to their review pages.  has_translations is set when there are
 * any.
 */
void		 app_translations(struct req *, const struct release *rel,
		    int public, struct tdict *d);

/*
 * app_releases() gives every release (newest change first), read from the
 * store once per request however many parts of the page ask: the list,
 * the queue count in the navigation, the translations.  Callers must not
 * change or reorder the array (copy it first); it lives until req_reset().
 */
enum err	 app_releases(struct req *, const struct release **v,
		    size_t *n);

/*
 * app_time() writes a time for people, in the request's language: "26
 * November 2026, 18:47 UTC" (arena).  app_time_set() sets key to that in
 * d, and key_iso to "2026-11-26T18:47Z" for a <time datetime>.
 */
char		*app_time(struct req *, time_t);
void		 app_time_set(struct req *, struct tdict *d, const char *key,
		    time_t);

#endif /* PR_APP_H */
