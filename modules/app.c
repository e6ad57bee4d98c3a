/*
 * app.c: the request loop shared by every program, and its supervisor.
 *
 * Start-up reads the configuration, opens the store and parses the
 * templates and the catalogues once; a failure there stops the program
 * with a message before it answers anything.  Each request then goes: read
 * and check inputs, find the page, resolve the session, choose the
 * interface language, check the method, sign-in, role and CSRF token, call
 * the handler, turn any error into an error page, send, and free the
 * request's arena.
 *
 * The interface language of a request is, in this order: the one chosen
 * with the language switcher (the pr_lang cookie, which the settings page
 * sets too), the signed-in user's setting, the best match of the
 * browser's Accept-Language, and interface_language.  The most recent
 * explicit choice thus wins on that browser, and a user's setting follows
 * them to any browser that has made none.
 *
 * libfcgi has no read timeout, so a worker arms alarm(2) for each request:
 * a client that stalls mid-request costs one worker for request_timeout
 * seconds, then that worker dies and the supervisor starts a new one.  The
 * supervisor (-w N, default 2 with -s) keeps N workers on one listening
 * socket and replaces any that exits.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <magic.h>

#include "app.h"
#include "index.h"
#include "auth.h"
#include "form.h"
#include "i18n.h"
#include "lim.h"
#include "mail.h"
#include "msg.h"
#include "rand.h"
#include "store.h"

#define WORKERS_MAX	64
#define LISTEN_BACKLOG	128
#define MAGIC_BYTES_MAX	(1024 * 1024)	/* what libmagic reads of a file */
#define LANG_COOKIE	"pr_lang"	/* the language switcher's choice */
#define LANG_COOKIE_AGE	(365L * 24 * 3600)	/* seconds */

static struct conf		 conf;
static struct store		 store;
static struct tmpl_set		*templates;
static struct i18n		*catalogues;
static magic_t			 magic;
static const struct program	*program;
static volatile sig_atomic_t	 stopping;

struct magic_set *
app_magic(void)
{
	return magic;
}

const struct tmpl_set *
app_templates(void)
{
	return templates;
}

const struct i18n *
app_catalogues(void)
{
	return catalogues;
}

char *
app_url(struct req *r, const char *prefix, const char *fmt, ...)
{
	va_list	 ap;
	char	*tail;

	va_start(ap, fmt);
	tail = arena_vprintf(&r->a, fmt, ap);
	va_end(ap);
	return arena_printf(&r->a, "%s%s", prefix, tail);
}


static const struct {
	const char	*key;
	enum msg	 msg;
} notices[] = {
	{ "saved", MSG_SAVED },
	{ "created", MSG_CREATED },
	{ "deleted", MSG_DELETED },
	{ "signedout", MSG_SIGNED_OUT },
	{ "expired", MSG_LOGIN_EXPIRED },
	{ "submit", MSG_DONE_SUBMIT },
	{ "recall", MSG_DONE_RECALL },
	{ "approve", MSG_DONE_APPROVE },
	{ "request-changes", MSG_DONE_CHANGES },
	{ "reject", MSG_DONE_REJECT },
	{ "publish", MSG_DONE_PUBLISH },
	{ "withdraw", MSG_DONE_WITHDRAW },
	{ "restore", MSG_DONE_RESTORE },
	{ "uploaded", MSG_UPLOADED },
	{ "attachment", MSG_ATTACH_SAVED },
	{ "removed", MSG_ATTACH_REMOVED },
	{ "settings", MSG_SETTINGS_SAVED },
};

/* The subject of the mail that tells an author what was decided. */
static enum msg
mail_subject_for(enum action act)
{
	switch (act) {
	case ACT_APPROVE:
		return MSG_MAIL_APPROVED;
	case ACT_REQUEST_CHANGES:
		return MSG_MAIL_CHANGES;
	case ACT_REJECT:
		return MSG_MAIL_REJECTED;
	case ACT_PUBLISH:
		return MSG_MAIL_PUBLISHED;
	case ACT_WITHDRAW:
		return MSG_MAIL_WITHDRAWN;
	case ACT_RESTORE:
		return MSG_MAIL_RESTORED;
	default:
		return MSG_MAIL_CHANGED;
	}
}

struct apply_arg {
	const struct conf	*conf;
	struct actor		 who;
	struct arena		*a;
	const struct transition	*t;
};

static enum err
apply_fn(struct release *cur, void *arg, const char **comment)
{
	struct apply_arg	*aa = arg;

	*comment = aa->t->comment;
	return workflow_apply(aa->conf, &aa->who, aa->a, cur, aa->t);
}

/*
 * The language a user's mail goes out in: their setting, if the site still
 * has that catalogue, else the site's default.
 */
/* The language user chose in their settings, if a catalogue has it. */
static const char *
saved_lang(struct req *r, const char *user)
{
	struct prefs	 p;

	if (store_prefs_get(r->store, user, &p) != ERR_OK || p.lang[0] == '\0')
		return NULL;
	return i18n_has(catalogues, p.lang);
}

static const char *
user_lang(struct req *r, const char *user)
{
	const char	*t;

	return (t = saved_lang(r, user)) != NULL ? t : i18n_default_lang();
}

/* One notification, in language lang, to the n addresses of to. */
static void
notify_in(struct req *r, const char *lang, const char *const *to, size_t n,
    const struct release *rel, enum msg subj, const char *comment)
{
	const char	*kv[5], *subject, *by, *now, *link;

	link = arena_printf(&r->a, "%s%s/release/%s", r->conf->site_url,
	    r->conf->url_review, rel->id);
	kv[0] = "title";
	kv[1] = rel->title;
	kv[2] = NULL;
	subject = i18n_expand(&r->a, msg_get_in(lang, subj), kv);
	kv[0] = "user";
	kv[1] = r->sess.user;
	by = i18n_expand(&r->a, msg_get_in(lang, MSG_MAIL_BY), kv);
	kv[0] = "state";
	kv[1] = msg_tr_in(lang, workflow_display_state(rel, time(NULL)));
	now = i18n_expand(&r->a, msg_get_in(lang, MSG_MAIL_STATE), kv);
	(void)mail_send(r->conf, &r->a, to, n, subject, arena_printf(&r->a,
	    "%s\n\n%s%s%s\n\n%s\n%s\n", rel->title, by,
	    comment != NULL && comment[0] != '\0' ? "\n\n" : "",
	    comment != NULL ? comment : "", now, link));
}

/*
 * Who hears of a change: approvers (everyone who may approve it) when a
 * release is sent for review, the author of every decision on it.  Each
 * in their own language: one message per language.
 */
static void
notify(struct req *r, const struct release *rel, enum action act,
    const char *comment)
{
	const char	**all, **to, **langs, **group;
	const char *const *names;
	struct actor	  who;
	enum err	  why;
	enum msg	  subj;
	size_t		  n, i, j, g, k = 0;

	if (r->conf->mail_command[0] == '\0')
		return;
	if (act == ACT_SUBMIT) {
		if (auth_users_names(r->conf->users_file, &r->a, &all, &n) !=
		    ERR_OK)
			return;
		names = all;
		subj = MSG_MAIL_WAITING;
	} else {
		if (strcmp(rel->author, r->sess.user) == 0)
			return;	/* No mail about what you did yourself. */
		names = &rel->author;
		n = 1;
		subj = act == ACT_APPROVE && rel->state == STATE_REVIEW ?
		    MSG_MAIL_APPROVAL : mail_subject_for(act);
	}
	to = arena_alloc(&r->a, (n + 1) * sizeof(*to));
	langs = arena_alloc(&r->a, (n + 1) * sizeof(*langs));
	group = arena_alloc(&r->a, (n + 1) * sizeof(*group));
	for (i = 0; i < n; i++) {
		if (act == ACT_SUBMIT) {
			who.user = names[i];
			who.role = conf_role(r->conf, names[i]);
			if (!workflow_allowed(r->conf, &who, rel, ACT_APPROVE,
			    &why))
				continue;
		}
		to[k] = auth_user_email(r->conf->users_file, &r->a, names[i]);
		langs[k++] = user_lang(r, names[i]);
	}
	/* One message per language, in the order they first appear. */
	for (i = 0; i < k; i++) {
		for (j = 0; j < i && strcmp(langs[j], langs[i]) != 0; j++)
			continue;
		if (j < i)
			continue;
		for (g = 0, j = i; j < k; j++)
			if (strcmp(langs[j], langs[i]) == 0)
				group[g++] = to[j];
		notify_in(r, langs[i], group, g, rel, subj, comment);
	}
}

enum err
app_transition(struct req *r, const struct release *cur,
    const struct transition *t, struct release *out)
{
	struct apply_arg	 aa;
	struct transition	 tp;
	const char		*id = cur->id;
	enum err		 e;
	int			 public;

	/* What the public sees changes: the index must follow. */
	public = t->action == ACT_PUBLISH || t->action == ACT_WITHDRAW ||
	    t->action == ACT_RESTORE;
	if (t->action == ACT_PUBLISH && t->permalink == NULL) {
		/* From cur: the change fails if it is not current any more. */
		tp = *t;
		tp.permalink = ix_new_permalink(r->store, &r->a, cur);
		t = &tp;
	}
	if (public && (e = store_index_mark(r->store, id)) != ERR_OK)
		return e;
	aa.conf = r->conf;
	aa.who.user = r->sess.user;
	aa.who.role = r->role;
	aa.a = &r->a;
	aa.t = t;
	e = store_release_update(r->store, &r->a, id, r->sess.user, apply_fn,
	    &aa, out);
	/* Whatever happened: the index takes the release as it is now. */
	if (public && ix_update(r->store, id) != ERR_OK)
		fprintf(stderr, "pressroom-%s: request %s: index update failed;"
		    " readers will retry\n", program->name, r->id);
	if (e == ERR_OK)
		notify(r, out, t->action, t->comment);
	return e;
}

/*
 * What waits for the signed-in user: releases they may approve, and for
 * everyone their own releases sent back with changes requested.
 */
static size_t
queue_count(struct req *r)
{
	const struct release *v;
	size_t		 n, i, count = 0;

	if (app_releases(r, &v, &n) != ERR_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (app_may(r, &v[i], ACT_APPROVE, NULL) ||
		    (v[i].state == STATE_CHANGES &&
		    strcmp(v[i].author, r->sess.user) == 0))
			count++;
	return count;
}


/* The templates' translator: the current request's language. */
static const char *
translate(void *arg, const char *msgid)
{
	(void)arg;
	return i18n_tr(msgid);
}

/* Where this program is mounted: its pages' URL prefix. */
static const char *
program_prefix(const struct conf *c)
{
	if (strcmp(program->name, "auth") == 0)
		return c->url_auth;
	if (strcmp(program->name, "submit") == 0)
		return c->url_staff;
	if (strcmp(program->name, "review") == 0)
		return c->url_review;
	if (strcmp(program->name, "upload") == 0)
		return c->url_upload;
	return c->url_public;
}

/*
 * The language switcher: one link per catalogue to this program's /lang,
 * which sets the cookie and comes back here (for a POST or an error, to the
 * program's front page: a form's answer cannot be fetched again, and an
 * error page never shows the path it was asked for).
 */
static void
switcher(struct req *r, struct tdict *d)
{
	struct tdict	*it;
	struct buf	 here;
	const char	*prefix = program_prefix(r->conf), *tag;
	size_t		 i;

	buf_init(&here, &r->a);
	buf_add(&here, "", 0);
	/* An error page shows no path (it would if the link came back). */
	if (!r->error_page && (strcmp(r->method, "GET") == 0 ||
	    strcmp(r->method, "HEAD") == 0)) {
		url_encode(&here, prefix, strlen(prefix));
		url_encode(&here, r->path, strlen(r->path));
		if (r->query[0] != '\0') {
			url_encode(&here, "?", 1);
			url_encode(&here, r->query, strlen(r->query));
		}
	} else {
		url_encode(&here, prefix, strlen(prefix));
		url_encode(&here, "/", 1);
	}
	for (i = 0; i < i18n_count(catalogues); i++) {
		tag = i18n_tag(catalogues, i);
		it = tdict_add_item(d, "ui_langs");
		tdict_set(it, "tag", tag);
		tdict_set(it, "name", msg_lang_name(tag));
		tdict_set(it, "url", arena_printf(&r->a, "%s/lang?lang=%s&next=%s",
		    prefix, tag, here.data));
		tdict_set_bool(it, "current", strcmp(tag, i18n_lang()) == 0);
	}
	tdict_set_bool(d, "has_ui_langs", i18n_count(catalogues) > 1);
}

struct tdict *
app_dict(struct req *r)
{
	struct tdict	*d;
	const char	*m;
	size_t		 i;

	d = tdict_new(&r->a);
	tdict_set_translator(d, translate, NULL);
	tdict_set(d, "ui_lang", i18n_lang());
	tdict_set(d, "site_name", r->conf->site_name);
	tdict_set(d, "url_auth", r->conf->url_auth);
	tdict_set(d, "url_staff", r->conf->url_staff);
	tdict_set(d, "url_static", r->conf->url_static);
	tdict_set(d, "url_public", r->conf->url_public);
	tdict_set(d, "request_id", r->id);
	if (r->signed_in) {
		tdict_set(d, "user", r->sess.user);
		tdict_set(d, "role", msg_tr(conf_role_name(r->role)));
		tdict_set(d, "csrf", r->sess.csrf);
		tdict_set_bool(d, "is_admin", r->role == ROLE_ADMIN);
		tdict_set_bool(d, "is_approver", r->role >= ROLE_APPROVER);
		tdict_set(d, "url_review", r->conf->url_review);
		tdict_set(d, "url_upload", r->conf->url_upload);
		tdict_setf(d, "queue_count", "%zu", queue_count(r));
	}
	switcher(r, d);
	if ((m = req_query(r, "m")) != NULL)
		for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
			if (strcmp(m, notices[i].key) == 0)
				tdict_set(d, "notice", msg_get(notices[i].msg));
	return d;
}

enum err
app_render(struct req *r, int status, const char *name, struct tdict *d)
{
	const struct tmpl	*t;

	if ((t = tmpl_get(templates, name)) == NULL)
		return ERR_CONF;
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	r->vary_lang = 1;
	req_header(r, "Content-Language", i18n_lang());
	buf_init(&r->body, &r->a);
	tmpl_render(t, d, &r->body);
	return ERR_OK;
}

int
app_may(const struct req *r, const struct release *rel, enum action act,
    enum err *why)
{
	struct actor	 who;
	enum err	 dummy;

	if (why == NULL)
		why = &dummy;
	*why = ERR_NOSESSION;
	if (!r->signed_in)
		return 0;
	who.user = r->sess.user;
	who.role = r->role;
	return workflow_allowed(r->conf, &who, rel, act, why);
}

enum err
app_load(struct req *r, const char *id, enum action act, struct release *rel)
{
	enum err	 e;

	if ((e = store_release_get(r->store, &r->a, id, rel)) != ERR_OK)
		return e;
	if (!app_may(r, rel, ACT_VIEW, &e))
		return ERR_NOTFOUND;
	if (act != ACT_VIEW && !app_may(r, rel, act, &e))
		return e;
	return ERR_OK;
}

enum err
app_releases(struct req *r, const struct release **v, size_t *n)
{
	enum err	 e;

	if (!r->all_read) {
		if ((e = store_release_list(r->store, &r->a, LIM_LIST_MAX,
		    &r->all, &r->nall)) != ERR_OK)
			return e;
		r->all_read = 1;
	}
	*v = r->all;
	*n = r->nall;
	return ERR_OK;
}

void
app_translations(struct req *r, const struct release *rel, int public,
    struct tdict *d)
{
	const struct release *v;
	struct tdict	*it;
	const char	*root;
	size_t		 n, i;
	time_t		 now = time(NULL);
	int		 any = 0;

	root = rel->translation_of[0] != '\0' ? rel->translation_of : rel->id;
	if (app_releases(r, &v, &n) != ERR_OK)
		return;
	/* A translation of a translation belongs to the first original. */
	for (i = 0; i < n; i++)
		if (strcmp(v[i].id, root) == 0 && v[i].translation_of[0] != '\0')
			root = v[i].translation_of;
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].id, rel->id) == 0 ||
		    (strcmp(v[i].id, root) != 0 &&
		    strcmp(v[i].translation_of, root) != 0))
			continue;
		if (public ? !release_is_public(&v[i], now) :
		    !app_may(r, &v[i], ACT_VIEW, NULL))
			continue;
		it = tdict_add_item(d, "translations");
		tdict_set(it, "id", v[i].id);
		tdict_set(it, "lang", v[i].lang);
		tdict_set(it, "title", v[i].title);
		tdict_set(it, "url", public ?
		    app_url(r, r->conf->url_public, "/release/%s", v[i].id) :
		    app_url(r, r->conf->url_review, "/release/%s", v[i].id));
		any = 1;
	}
	tdict_set_bool(d, "has_translations", any);
}

int
app_parse_count(const char *s, unsigned long *out)
{
	char	*end;

	if (s[0] < '1' || s[0] > '9' || strspn(s, "0123456789") != strlen(s))
		return 0;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0';
}

char *
app_time(struct req *r, time_t t)
{
	return msg_time(&r->a, NULL, t);
}

void
app_time_set(struct req *r, struct tdict *d, const char *key, time_t t)
{
	struct tm	 tm;
	char		 iso[32];

	gmtime_r(&t, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%MZ", &tm);
	tdict_set(d, key, app_time(r, t));
	tdict_set(d, arena_printf(&r->a, "%s_iso", key), iso);
}

const char *
app_local_path(const char *path, const char *fallback)
{
	const unsigned char	*p;

	if (path == NULL || path[0] != '/' || path[1] == '/')
		return fallback;
	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '\\')
			return fallback;
	return path;
}

/* The switcher's cookie, even before req_read() parsed the Cookie header. */
static const char *
lang_cookie(struct req *r)
{
	struct params	 c;

	if (r->cookies.n > 0)
		return req_cookie(r, LANG_COOKIE);
	if (r->cookie == NULL || r->cookie[0] == '\0' ||
	    form_parse_cookies(&r->a, r->cookie, LIM_PARAMS_MAX, &c) != ERR_OK)
		return NULL;
	return params_get(&c, LANG_COOKIE, NULL);
}

/*
 * The interface language of the request (see the top of this file).  A
 * cookie or setting naming no catalogue (malformed, too long, a language
 * since removed) is passed over.
 */
static void
choose_lang(struct req *r)
{
	const char	*tag;

	tag = i18n_has(catalogues, lang_cookie(r));
	if (tag == NULL && r->signed_in)
		tag = saved_lang(r, r->sess.user);
	if (tag == NULL && r->accept_language != NULL)
		tag = i18n_negotiate(catalogues, r->accept_language);
	i18n_set_lang(tag);
	r->lang = i18n_lang();
}

void
app_set_lang_cookie(struct req *r, const char *tag)
{
	if (tag == NULL || tag[0] == '\0')
		req_set_cookie(r, LANG_COOKIE, "", 0);
	else
		req_set_cookie(r, LANG_COOKIE, tag, LANG_COOKIE_AGE);
}

/*
 * GET /lang?lang=TAG&next=PATH, on every program: the language switcher.
 * It sets the cookie and goes back to next (a local path); a language
 * without a catalogue is a 400 that says so, and changes nothing.
 */
static enum err
lang_get(struct req *r, const char *arg)
{
	const char	*want, *tag, *next;
	size_t		 len;

	(void)arg;
	/* A decoded NUL ("fr%00") would hide the rest of the value. */
	if ((want = params_get(&r->qp, "lang", &len)) == NULL ||
	    strlen(want) != len || (tag = i18n_has(catalogues, want)) == NULL)
		return ERR_LANG;
	if ((next = params_get(&r->qp, "next", &len)) != NULL &&
	    strlen(next) != len)
		next = NULL;
	app_set_lang_cookie(r, tag);
	i18n_set_lang(tag);
	r->lang = i18n_lang();
	req_redirect(r, app_local_path(next, app_url(r,
	    program_prefix(r->conf), "/")));
	return ERR_OK;
}

static const struct page lang_page = {
	"/lang", PAGE_PUBLIC, ROLE_EDITOR, NULL, lang_get, NULL, 0
};

/* The error page: a fixed sentence and the request id, nothing else. */
static void
error_page(struct req *r, enum err e)
{
	struct tdict	*d;

	if (e == ERR_NOSESSION && strcmp(r->method, "POST") != 0) {
		req_redirect(r, app_url(r, r->conf->url_auth, "/login"));
		return;
	}
	if (err_status(e) >= 500)
		fprintf(stderr, "pressroom-%s: request %s: %s\n",
		    program->name, r->id, err_name(e));
	if (r->lang == NULL)
		choose_lang(r);
	r->error_page = 1;
	d = app_dict(r);
	tdict_set(d, "message", err_msg(e));
	tdict_setf(d, "status", "%d", err_status(e));
	tdict_set_bool(d, "need_login", e == ERR_NOSESSION);
	r->headers.len = 0;
	if (r->headers.data != NULL)
		r->headers.data[0] = '\0';
	if (e == ERR_METHOD && r->allow != NULL)
		req_header(r, "Allow", r->allow);
	if (app_render(r, err_status(e), "error", d) != ERR_OK) {
		r->status = err_status(e);
		r->ctype = "text/plain; charset=utf-8";
		buf_init(&r->body, &r->a);
		buf_printf(&r->body, "%s\nRequest %s\n", err_msg(e), r->id);
	}
}

/* Match PATH_INFO against the table; *arg gets the id of "/x/:id" pages. */
static const struct page *
find_page(struct arena *a, const char *path, const char **arg,
    const char **rest)
{
	const struct page	*p;
	char			*id;
	size_t			 i, len;

	*arg = NULL;
	*rest = NULL;
	for (i = 0; i < program->npages; i++) {
		p = &program->pages[i];
		len = strlen(p->path);
		if (len >= 4 && strcmp(p->path + len - 4, "/:id") == 0) {
			if (strncmp(path, p->path, len - 3) == 0 &&
			    release_id_valid(path + len - 3)) {
				*arg = path + len - 3;
				return p;
			}
		} else if (len >= 10 && strcmp(p->path + len - 10, "/:id/:rest") == 0) {
			/* The pattern without ":id/:rest", then id and "/". */
			size_t	 pre = len - 9;

			if (strncmp(path, p->path, pre) == 0 &&
			    strlen(path + pre) > RELEASE_ID_LEN &&
			    path[pre + RELEASE_ID_LEN] == '/') {
				id = arena_strndup(a, path + pre,
				    RELEASE_ID_LEN);
				if (!release_id_valid(id))
					continue;
				*arg = id;
				*rest = path + pre + RELEASE_ID_LEN + 1;
				return p;
			}
		} else if (len >= 2 && strcmp(p->path + len - 2, "/*") == 0) {
			/* Everything under the prefix; the page parses it. */
			if (strncmp(path, p->path, len - 1) == 0) {
				*rest = path + len - 1;
				return p;
			}
		} else if (strcmp(path, p->path) == 0)
			return p;
	}
	if (strcmp(path, lang_page.path) == 0)
		return &lang_page;
	return NULL;
}

/* Who is asking: the session cookie, or REMOTE_USER where trusted. */
static enum err
resolve_user(struct req *r, time_t now)
{
	const char	*sid, *ru;
	char		*hash;
	enum err	 e;

	sid = req_cookie(r, AUTH_COOKIE);
	if (sid != NULL && store_session_get(r->store, sid, now, &r->sess) ==
	    ERR_OK)
		r->signed_in = 1;
	ru = r->remote_user;
	if (r->conf->trust_remote_user && auth_user_valid(ru)) {
		if (!r->signed_in || strcmp(r->sess.user, ru) != 0) {
			if ((e = auth_session_new(r->conf, r->store, ru, now,
			    &r->sess)) != ERR_OK)
				return e;
			req_set_cookie(r, AUTH_COOKIE, r->sess.id, -1);
			r->signed_in = 1;
		}
	} else if (r->signed_in && !r->conf->trust_remote_user) {
		/* A user removed from the users file is signed out. */
		e = auth_users_lookup(r->conf->users_file, &r->a, r->sess.user,
		    &hash);
		if (e == ERR_NOTFOUND) {
			store_session_delete(r->store, r->sess.id);
			r->signed_in = 0;
		} else if (e != ERR_OK)
			return e;
	}
	if (r->signed_in)
		r->role = conf_role(r->conf, r->sess.user);
	return ERR_OK;
}

static enum err
check_csrf(struct req *r, const struct page *p)
{
	const char	*sent, *want;

	sent = params_get(&r->bp, "csrf", NULL);
	if (sent == NULL || params_count(&r->bp, "csrf") != 1)
		return ERR_CSRF;
	if (p->auth == PAGE_LOGIN_FORM)
		want = req_cookie(r, AUTH_PRE_COOKIE);
	else
		want = r->signed_in ? r->sess.csrf : NULL;
	if (want == NULL || strlen(want) != LIM_CSRF_LEN ||
	    !auth_token_equal(sent, want))
		return ERR_CSRF;
	return ERR_OK;
}

static enum err
dispatch(struct req *r)
{
	const struct page	*p;
	const char		*arg;
	int			 get, post;
	enum err		 e;
	time_t			 now = time(NULL);

	if ((e = req_env(r)) != ERR_OK)
		return e;
	if ((p = find_page(&r->a, r->path, &arg, &r->rest)) == NULL)
		return ERR_NOTFOUND;
	r->allow = p->get != NULL && p->post != NULL ? "GET, HEAD, POST" :
	    p->get != NULL ? "GET, HEAD" : "POST";
	get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
	post = strcmp(r->method, "POST") == 0;
	if ((get && p->get == NULL) || (post && p->post == NULL) ||
	    (!get && !post))
		return ERR_METHOD;
	if ((e = req_read(r, p->inputs, post && p->stream)) != ERR_OK)
		return e;
	if ((e = resolve_user(r, now)) != ERR_OK)
		return e;
	choose_lang(r);
	if (p->auth == PAGE_STAFF) {
		if (!r->signed_in)
			return ERR_NOSESSION;
		if (r->role < p->min_role)
			return ERR_FORBIDDEN;
	}
	if (post && p->auth != PAGE_PUBLIC && !p->stream &&
	    (e = check_csrf(r, p)) != ERR_OK)
		return e;
	return get ? p->get(r, arg) : p->post(r, arg);
}

static void
handle(struct req *r, FCGX_Request *fr)
{
	enum err	 e;

	if (fr != NULL) {
		r->in = fr->in;
		r->envp = fr->envp;
		r->in_out.fcgi = fr->out;
	} else
		r->in_out.fp = stdout;
	rand_hex(r->id, sizeof(r->id) - 1);
	i18n_set_lang(NULL);
	if ((e = dispatch(r)) != ERR_OK)
		error_page(r, e);
	req_send(r);
	req_reset(r);
}

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
on_alarm(int sig)
{
	static const char	 msg[] = "pressroom: request timed out; "
	    "this worker stops and is replaced\n";

	ssize_t			 n;

	(void)sig;
	n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	_exit(n < 0 ? 4 : 3);
}

static int
serve(int listenfd)
{
	FCGX_Request	 fr;
	struct req	 r;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (FCGX_InitRequest(&fr, listenfd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	req_init(&r, &conf, &store);
	while (FCGX_Accept_r(&fr) >= 0) {
		alarm((unsigned)conf.request_timeout);
		handle(&r, &fr);
		FCGX_Finish_r(&fr);
		alarm(0);
	}
	arena_free(&r.a);
	return 0;
}

static pid_t
spawn(int listenfd)
{
	pid_t	 pid;

	if ((pid = fork()) == 0)
		_exit(serve(listenfd));
	return pid;
}

static int
supervise(int listenfd, int n, const char *sockpath)
{
	struct sigaction sa;
	pid_t		 pids[WORKERS_MAX], pid;
	time_t		 started[WORKERS_MAX];
	int		 i, st, quick = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < n; i++) {
		pids[i] = spawn(listenfd);
		started[i] = time(NULL);
	}
	while (!stopping) {
		if ((pid = wait(&st)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < n && pids[i] != pid; i++)
			continue;
		if (i == n || stopping)
			continue;
		fprintf(stderr, "pressroom-%s: worker %d %s %d; starting "
		    "another\n", program->name, (int)pid,
		    WIFSIGNALED(st) ? "killed by signal" : "exited with",
		    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		/* A worker that dies at once, again and again: slow down. */
		if (time(NULL) - started[i] < 1 && ++quick > 5)
			sleep(1);
		else if (time(NULL) - started[i] >= 1)
			quick = 0;
		pids[i] = spawn(listenfd);
		started[i] = time(NULL);
	}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
	if (sockpath != NULL)
		unlink(sockpath);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: pressroom-%s [-c config] [-s socket] "
	    "[-w workers]\n", program->name);
}

int
app_main(int argc, char *argv[], const struct program *prog)
{
	const char	*cpath = NULL, *sockpath = NULL;
	char		 errbuf[512];
	long		 workers = -1;
	char		*end;
	int		 ch, listenfd, rc;
	struct req	 r;

	program = prog;
	while ((ch = getopt(argc, argv, "c:s:w:")) != -1)
		switch (ch) {
		case 'c':
			cpath = optarg;
			break;
		case 's':
			sockpath = optarg;
			break;
		case 'w':
			workers = strtol(optarg, &end, 10);
			if (*end != '\0' || workers < 1 ||
			    workers > WORKERS_MAX) {
				usage();
				return 2;
			}
			break;
		default:
			usage();
			return 2;
		}
	cpath = conf_find(cpath);
	if (conf_load(&conf, cpath, errbuf, sizeof(errbuf)) != ERR_OK) {
		fprintf(stderr, "pressroom-%s: %s\n", prog->name, errbuf);
		return 1;
	}
	if (store_open(&store, conf.data_dir) != ERR_OK) {
		fprintf(stderr, "pressroom-%s: %s: cannot open or create the "
		    "data directory\n", prog->name, conf.data_dir);
		return 1;
	}
	if (tmpl_set_load(conf.templates_dir, &templates, errbuf,
	    sizeof(errbuf)) != ERR_OK) {
		fprintf(stderr, "pressroom-%s: templates: %s\n", prog->name,
		    errbuf);
		return 1;
	}
	if (i18n_load(conf.locale_dir, &catalogues, errbuf, sizeof(errbuf)) !=
	    ERR_OK) {
		fprintf(stderr, "pressroom-%s: catalogues: %s\n", prog->name,
		    errbuf);
		return 1;
	}
	if (i18n_has(catalogues, conf.interface_language) == NULL) {
		fprintf(stderr, "pressroom-%s: %s:%u: interface_language %s: "
		    "no catalogue %s/%s.po\n", prog->name, conf.path,
		    conf.interface_language_line, conf.interface_language,
		    conf.locale_dir, conf.interface_language);
		return 1;
	}
	i18n_use(catalogues, conf.interface_language);
	/*
	 * A file-size limit (ulimit -f, systemd's LimitFSIZE) must fail the
	 * write, which we answer, not kill the worker mid-request.
	 */
	signal(SIGXFSZ, SIG_IGN);
	if (prog->magic) {
		if ((magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) == NULL ||
		    magic_load(magic, conf.magic_database[0] == '\0' ? NULL :
		    conf.magic_database) == -1) {
			fprintf(stderr, "pressroom-%s: the magic database "
			    "cannot be loaded: %s\n", prog->name, magic == NULL ?
			    "out of memory" : magic_error(magic));
			return 1;
		}
		/*
		 * libmagic reads up to 7 MiB of a file by default; the first
		 * MiB decides every allowed type and keeps a worker small.
		 */
		magic_setparam(magic, MAGIC_PARAM_BYTES_MAX,
		    &(size_t){ MAGIC_BYTES_MAX });
	}
	if (FCGX_Init() != 0)
		return 1;

	if (sockpath != NULL) {
		if ((listenfd = FCGX_OpenSocket(sockpath, LISTEN_BACKLOG)) < 0) {
			fprintf(stderr, "pressroom-%s: %s: cannot listen\n",
			    prog->name, sockpath);
			return 1;
		}
		if (workers < 0)
			workers = 2;
	} else if (!FCGX_IsCGI())
		listenfd = 0;	/* spawn-fcgi, mod_fcgid, systemd */
	else {
		/* Plain CGI: one request on stdin and stdout. */
		req_init(&r, &conf, &store);
		handle(&r, NULL);
		arena_free(&r.a);
		rc = 0;
		goto out;
	}
	/* -w (or -s) asks for a supervisor, even of one worker. */
	if (workers >= 1)
		rc = supervise(listenfd, (int)workers, sockpath);
	else
		rc = serve(listenfd);
out:
	if (magic != NULL)
		magic_close(magic);
	tmpl_set_free(templates);
	i18n_use(NULL, NULL);
	i18n_free(catalogues);
	store_close(&store);
	conf_free(&conf);
	return rc;
}
