/*
 * auth.c: pressroom-auth, signing in and out.
 *
 * The login form is protected against cross-site submission by a random
 * token kept in a short-lived cookie and echoed in the form (there is no
 * session yet to hold it).  A successful sign-in always creates a new
 * session id and removes the old one, so a session id planted before
 * sign-in is worthless afterwards.
 */
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "lim.h"
#include "rand.h"
#include "store.h"

#define LOGIN_TOKEN_AGE	3600	/* seconds the login form stays valid */

static const struct input login_inputs[] = {
	{ "user", IN_LINE, LIM_USER_MAX },
	{ "password", IN_SECRET, LIM_PASSWORD_MAX },
	{ "next", IN_LINE, LIM_PATH_MAX },
	{ NULL, 0, 0 },
};

/* Only a local path may follow sign-in (app_local_path()). */
static const char *
safe_next(struct req *r, const char *next)
{
	return app_local_path(next, app_url(r, r->conf->url_staff, "/"));
}

static enum err
login_form(struct req *r, int status, const char *user, const char *message)
{
	struct tdict	*d;
	const char	*token;
	char		 fresh[LIM_CSRF_LEN_BUF];

	token = req_cookie(r, AUTH_PRE_COOKIE);
	if (token == NULL || strlen(token) != LIM_CSRF_LEN) {
		rand_hex(fresh, LIM_CSRF_LEN);
		token = arena_strdup(&r->a, fresh);
		req_set_cookie(r, AUTH_PRE_COOKIE, token, LOGIN_TOKEN_AGE);
	}
	d = app_dict(r);
	tdict_set(d, "login_csrf", token);
	tdict_set(d, "login_user", user);
	tdict_set(d, "error", message);
	tdict_set(d, "next", safe_next(r, req_field(r, "next")[0] != '\0' ?
	    req_field(r, "next") : req_query(r, "next")));
	return app_render(r, status, "login", d);
}

static enum err
login_get(struct req *r, const char *arg)
{
	(void)arg;
	return login_form(r, 200, "", NULL);
}

static enum err
login_post(struct req *r, const char *arg)
{
	struct session	 ss;
	const char	*user, *old;
	long		 wait;
	time_t		 now = time(NULL);
	enum err	 e;

	(void)arg;
	user = req_field(r, "user");
	if (req_field_err(r, "user") != ERR_OK ||
	    req_field_err(r, "password") != ERR_OK || !auth_user_valid(user))
		return login_form(r, 403, req_field_err(r, "user") == ERR_OK ?
		    user : "", err_msg(ERR_LOGIN));
	e = auth_check_password(r->conf, r->store, &r->a, user,
	    req_field(r, "password"), now, &wait);
	if (e == ERR_LOGIN || e == ERR_THROTTLE || e == ERR_HASH)
		return login_form(r, err_status(e), user, err_msg(e));
	if (e != ERR_OK)
		return e;

	if ((old = req_cookie(r, AUTH_COOKIE)) != NULL)
		store_session_delete(r->store, old);
	store_session_prune(r->store, now);
	if ((e = auth_session_new(r->conf, r->store, user, now, &ss)) != ERR_OK)
		return e;
	req_set_cookie(r, AUTH_COOKIE, ss.id, -1);
	req_set_cookie(r, AUTH_PRE_COOKIE, "", 0);
	req_redirect(r, safe_next(r, req_field(r, "next")));
	return ERR_OK;
}

static enum err
logout_post(struct req *r, const char *arg)
{
	(void)arg;
	store_session_delete(r->store, r->sess.id);
	req_set_cookie(r, AUTH_COOKIE, "", 0);
	req_redirect(r, app_url(r, r->conf->url_auth, "/login?m=signedout"));
	return ERR_OK;
}

static enum err
root_get(struct req *r, const char *arg)
{
	(void)arg;
	req_redirect(r, app_url(r, r->conf->url_auth, "/login"));
	return ERR_OK;
}

static const struct page pages[] = {
	{ "/", PAGE_PUBLIC, ROLE_EDITOR, NULL, root_get, NULL, 0 },
	{ "/login", PAGE_LOGIN_FORM, ROLE_EDITOR, login_inputs, login_get,
	    login_post, 0 },
	{ "/logout", PAGE_STAFF, ROLE_EDITOR, NULL, NULL, logout_post, 0 },
};

static const struct program prog = {
	"auth", pages, sizeof(pages) / sizeof(pages[0]), 0
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
