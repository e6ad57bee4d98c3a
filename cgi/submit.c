/*
 * submit.c: pressroom-submit, where staff write releases.
 *
 * Pages: the list of my releases, the new-release form, the edit form,
 * the preview (the public rendering), deleting a draft, the self-check
 * and the user's settings (the interface language).  A save names
 * the revision the form was opened at; the store refuses it if someone
 * saved in between, and the form comes back with the user's text.  A form
 * with problems comes back filled in, a message beside each field.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "attach.h"
#include "check.h"
#include "i18n.h"
#include "lim.h"
#include "msg.h"
#include "release.h"
#include "render.h"
#include "store.h"
#include "typo.h"

#define REV_DIGITS	20
/* Typography warnings shown per field, at most. */
#define TYPO_SHOWN	20

/* Filled from release_fields at start-up, plus the form's own fields. */
static struct input release_inputs[16];

static void
inputs_init(void)
{
	size_t	 i, n = 0;

	for (i = 0; i < release_nfields; i++) {
		release_inputs[n].name = release_fields[i].name;
		release_inputs[n].kind = release_fields[i].kind == FIELD_BLOCK ?
		    IN_BLOCK : IN_LINE;
		release_inputs[n].max = release_fields[i].max;
		n++;
	}
	release_inputs[n++] = (struct input){ "rev", IN_TOKEN, REV_DIGITS };
	release_inputs[n++] = (struct input){ "action", IN_TOKEN, 16 };
	release_inputs[n] = (struct input){ NULL, 0, 0 };
}

static const struct input attachment_inputs[] = {
	{ "aid", IN_TOKEN, ATTACH_ID_LEN },
	{ "caption", IN_LINE, ATTACH_CAPTION_MAX },
	{ "credit", IN_LINE, ATTACH_CREDIT_MAX },
	{ "op", IN_TOKEN, 8 },
	{ "rev", IN_TOKEN, REV_DIGITS },
	{ NULL, 0, 0 },
};

static const struct input delete_inputs[] = {
	{ "seq", IN_TOKEN, REV_DIGITS },
	{ NULL, 0, 0 },
};

static char *
today(struct req *r)
{
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 s[16];

	gmtime_r(&now, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d", &tm);
	return arena_strdup(&r->a, s);
}

static enum err
list_get(struct req *r, const char *arg)
{
	const struct release *v;
	struct tdict	*d, *it;
	size_t		 n, i, mine = 0;
	time_t		 now = time(NULL);
	enum err	 e;

	(void)arg;
	if ((e = app_releases(r, &v, &n)) != ERR_OK)
		return e;
	d = app_dict(r);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].author, r->sess.user) != 0)
			continue;
		it = tdict_add_item(d, "releases");
		tdict_set(it, "id", v[i].id);
		tdict_set(it, "title", v[i].title);
		tdict_set(it, "state", workflow_display_state(&v[i], now));
		tdict_set(it, "state_label", msg_tr(workflow_display_state(&v[i],
		    now)));
		tdict_set_bool(it, "online", release_is_public(&v[i], now));
		tdict_set(it, "lang", v[i].lang);
		app_time_set(r, it, "modified", v[i].modified);
		tdict_set_bool(it, "editable", app_may(r, &v[i], ACT_EDIT,
		    NULL));
		mine++;
	}
	tdict_set_bool(d, "has_releases", mine > 0);
	tdict_setf(d, "count", "%zu", mine);
	return app_render(r, 200, "list", d);
}

/*
 * Typography warnings for a French release, as the list "typo" (field,
 * line, excerpt, message) and has_typo.  Suggestions only: the text in
 * rel is read, never changed.
 */
static void
typo_dict(struct tdict *d, const struct release *rel)
{
	static const char *const checked[] = {
		"title", "subtitle", "lead", "body", "contacts"
	};
	struct typo_warning	 w[TYPO_SHOWN];
	struct tdict		*it;
	size_t			 i, j, k, n, total = 0;

	if (rel->lang == NULL || strcmp(rel->lang, "fr") != 0)
		return;
	for (i = 0; i < release_nfields; i++) {
		for (k = 0; k < sizeof(checked) / sizeof(checked[0]); k++)
			if (strcmp(release_fields[i].name, checked[k]) == 0)
				break;
		if (k == sizeof(checked) / sizeof(checked[0]))
			continue;
		n = typo_check_fr(release_field(rel, &release_fields[i]), w,
		    TYPO_SHOWN);
		for (j = 0; j < n && j < TYPO_SHOWN; j++) {
			it = tdict_add_item(d, "typo");
			tdict_set(it, "field", release_fields[i].name);
			tdict_set(it, "field_label",
			    msg_field_label(release_fields[i].name));
			tdict_setf(it, "line", "%zu", w[j].line);
			tdict_set(it, "excerpt", w[j].excerpt);
			tdict_set(it, "message", msg_get(typo_msg(w[j].kind)));
		}
		total += n;
	}
	tdict_set_bool(d, "has_typo", total > 0);
}

/*
 * The release form, filled from rel; errs marks faulty fields.  Used for
 * a new release (rel->id == ""), an edit, and every refused save.
 */
static enum err
form_page(struct req *r, int status, const struct release *rel,
    const struct field_error *errs, size_t nerr, const char *message,
    int stale)
{
	const struct release *all;
	struct tdict	*d, *it;
	const char	*v;
	char		 key[64];
	size_t		 i, j, n;

	d = app_dict(r);
	for (i = 0; i < release_nfields; i++) {
		v = release_field(rel, &release_fields[i]);
		snprintf(key, sizeof(key), "f_%s", release_fields[i].name);
		tdict_set(d, key, v);
		for (j = 0; j < nerr; j++)
			if (strcmp(errs[j].field, release_fields[i].name) == 0) {
				snprintf(key, sizeof(key), "e_%s",
				    release_fields[i].name);
				tdict_set(d, key, v[0] == '\0' &&
				    errs[j].code == ERR_INVALID &&
				    release_fields[i].kind != FIELD_ID ?
				    msg_get(MSG_FIELD_REQUIRED) :
				    msg_field(errs[j].code,
				    (int)release_fields[i].kind));
			}
	}
	for (i = 0; i < r->conf->nlangs; i++) {
		it = tdict_add_item(d, "langs");
		tdict_set(it, "code", r->conf->langs[i]);
		tdict_set_bool(it, "selected",
		    strcmp(r->conf->langs[i], rel->lang) == 0);
	}
	if (app_releases(r, &all, &n) == ERR_OK)
		for (i = 0; i < n; i++) {
			if (strcmp(all[i].id, rel->id) == 0)
				continue;
			it = tdict_add_item(d, "originals");
			tdict_set(it, "id", all[i].id);
			tdict_setf(it, "label", "%s (%s, %s)", all[i].title,
			    all[i].lang, all[i].date);
			tdict_set_bool(it, "selected",
			    strcmp(all[i].id, rel->translation_of) == 0);
		}
	tdict_set(d, "id", rel->id);
	tdict_set_bool(d, "is_new", rel->id[0] == '\0');
	tdict_setf(d, "rev", "%lu", rel->rev);
	tdict_set(d, "state", workflow_display_state(rel, time(NULL)));
	tdict_set(d, "state_label", msg_tr(workflow_display_state(rel,
	    time(NULL))));
	tdict_set_bool(d, "can_submit", rel->id[0] == '\0' ||
	    app_may(r, rel, ACT_SUBMIT, NULL));
	tdict_set_bool(d, "can_delete", rel->id[0] != '\0' &&
	    app_may(r, rel, ACT_DELETE, NULL));
	tdict_set_bool(d, "online", release_is_public(rel, time(NULL)));
	tdict_set_bool(d, "correction", rel->public_rev > 0);
	render_attachments(&r->a, d, rel);
	tdict_setf(d, "max_file", "%s", attach_size_label(&r->a,
	    (off_t)r->conf->upload_file_max));
	tdict_set(d, "error", message);
	tdict_set_bool(d, "stale", stale);
	tdict_setf(d, "max_title", "%d", LIM_TITLE_MAX);
	tdict_setf(d, "max_subtitle", "%d", LIM_SUBTITLE_MAX);
	tdict_setf(d, "max_lead", "%d", LIM_LEAD_MAX);
	tdict_setf(d, "max_body", "%d", LIM_BODY_TEXT_MAX);
	tdict_setf(d, "max_contacts", "%d", LIM_CONTACTS_MAX);
	tdict_setf(d, "max_city", "%d", LIM_CITY_MAX);
	tdict_setf(d, "max_topics", "%d", LIM_TOPICS_MAX);
	typo_dict(d, rel);
	return app_render(r, status, "edit", d);
}

/*
 * Build a release from the checked form fields.  Returns the number of
 * problems, stored in errs (at most max).
 */
static size_t
from_form(struct req *r, struct release *rel, struct field_error *errs,
    size_t max)
{
	const struct field	*f;
	const char		*langs[CONF_LANGS_MAX];
	size_t			 i, n = 0, m;
	enum err		 e;
	struct field_error	 all[16];

	for (i = 0; i < release_nfields; i++) {
		f = &release_fields[i];
		release_field_set(rel, f, req_field(r, f->name));
		if ((e = req_field_err(r, f->name)) != ERR_OK && n < max) {
			errs[n].field = f->name;
			errs[n++].code = e;
		}
	}
	for (i = 0; i < r->conf->nlangs; i++)
		langs[i] = r->conf->langs[i];
	m = release_validate(rel, langs, r->conf->nlangs, all,
	    sizeof(all) / sizeof(all[0]));
	/* Semantic problems of fields that passed the request layer. */
	for (i = 0; i < m && i < sizeof(all) / sizeof(all[0]); i++)
		if (req_field_err(r, all[i].field) == ERR_OK && n < max)
			errs[n++] = all[i];
	return n;
}

static enum err
new_get(struct req *r, const char *arg)
{
	struct release	 rel;
	const char	*t;

	(void)arg;
	release_init(&rel);
	rel.lang = r->conf->langs[0];
	rel.date = today(r);
	/* "Translate": a new release linked to the original, nothing more. */
	if ((t = req_query(r, "translation_of")) != NULL && release_id_valid(t))
		rel.translation_of = t;
	return form_page(r, 200, &rel, NULL, 0, NULL, 0);
}

/*
 * After a successful save: "Save and submit" sends the release for review
 * as a second change, "Save and preview" shows it, "Save draft" comes back
 * to the form.
 */
static enum err
after_save(struct req *r, struct release *rel, const char *m)
{
	struct transition	 t;
	enum err		 e;

	if (strcmp(req_field(r, "action"), "submit") == 0) {
		memset(&t, 0, sizeof(t));
		t.action = ACT_SUBMIT;
		t.rev = rel->rev;
		t.now = time(NULL);
		if ((e = app_transition(r, rel, &t, rel)) != ERR_OK)
			return e;
		req_redirect(r, app_url(r, r->conf->url_review,
		    "/release/%s?m=submit", rel->id));
	} else if (strcmp(req_field(r, "action"), "preview") == 0)
		req_redirect(r, app_url(r, r->conf->url_staff, "/preview/%s",
		    rel->id));
	else
		req_redirect(r, app_url(r, r->conf->url_staff,
		    "/edit/%s?m=%s", rel->id, m));
	return ERR_OK;
}

static enum err
new_post(struct req *r, const char *arg)
{
	struct release		 rel;
	struct field_error	 errs[16];
	size_t			 n;
	enum err		 e;

	(void)arg;
	release_init(&rel);
	if ((n = from_form(r, &rel, errs, 16)) > 0)
		return form_page(r, 422, &rel, errs, n,
		    msg_get(MSG_FORM_PROBLEMS), 0);
	if ((e = store_release_create(r->store, &r->a, &rel,
	    r->sess.user)) != ERR_OK)
		return e;
	return after_save(r, &rel, "created");
}

static enum err
edit_get(struct req *r, const char *id)
{
	struct release	 rel;
	enum err	 e;

	if ((e = app_load(r, id, ACT_EDIT, &rel)) != ERR_OK)
		return e;
	return form_page(r, 200, &rel, NULL, 0, NULL, 0);
}

struct edit_arg {
	struct req		*r;
	const struct release	*form;
	unsigned long		 base;
};

/*
 * The save, inside the release's lock: still editable by this user (the
 * release may have been submitted from another tab), still at the
 * revision the form was opened at, and the state the new text leads to
 * decided from the state as it is now.
 */
static enum err
edit_fn(struct release *cur, void *arg, const char **comment)
{
	struct edit_arg	*ea = arg;
	enum err	 e;
	size_t		 i;

	*comment = NULL;
	if (!app_may(ea->r, cur, ACT_EDIT, &e))
		return e;
	if (cur->rev != ea->base)
		return ERR_STALE;
	if (release_same_content(cur, ea->form))
		return ERR_OK;
	cur->state = workflow_after_edit(cur->state);
	for (i = 0; i < release_nfields; i++)
		release_field_set(cur, &release_fields[i],
		    release_field(ea->form, &release_fields[i]));
	return ERR_OK;
}

static enum err
edit_post(struct req *r, const char *id)
{
	struct release		 cur, rel;
	struct field_error	 errs[16];
	struct edit_arg		 ea;
	size_t			 n;
	enum err		 e;

	if ((e = app_load(r, id, ACT_EDIT, &cur)) != ERR_OK)
		return e;
	rel = cur;
	if (!app_parse_count(req_field(r, "rev"), &rel.rev))
		return ERR_BADREQ;
	if ((n = from_form(r, &rel, errs, 16)) > 0)
		return form_page(r, 422, &rel, errs, n,
		    msg_get(MSG_FORM_PROBLEMS), 0);
	ea.r = r;
	ea.form = &rel;
	ea.base = rel.rev;
	e = store_release_update(r->store, &r->a, id, r->sess.user, edit_fn,
	    &ea, &cur);
	if (e == ERR_STALE)
		return form_page(r, 409, &rel, NULL, 0,
		    msg_get(MSG_STALE_EDIT), 1);
	if (e == ERR_STATE || e == ERR_FORBIDDEN)
		return form_page(r, 409, &rel, NULL, 0,
		    msg_get(MSG_STATE_CHANGED), 1);
	if (e != ERR_OK)
		return e;
	return after_save(r, &cur, "saved");
}

struct meta_arg {
	struct req	*r;
	unsigned long	 base;
};

/* Caption, credit, order or removal of one attachment, inside the lock. */
static enum err
meta_fn(struct release *cur, void *arg, const char **comment)
{
	struct meta_arg		*ma = arg;
	struct req		*r = ma->r;
	struct attachment	*v, t;
	const char		*op = req_field(r, "op");
	size_t			 n;
	long			 i;
	enum err		 e;

	*comment = NULL;
	if (!app_may(r, cur, ACT_EDIT, &e))
		return e;
	if (cur->rev != ma->base)
		return ERR_STALE;
	if (attach_parse(&r->a, cur->attachments, &v, &n) != ERR_OK)
		return ERR_CORRUPT;
	if ((i = attach_find(v, n, req_field(r, "aid"))) < 0)
		return ERR_NOTFOUND;
	if (strcmp(op, "save") == 0) {
		v[i].caption = req_field(r, "caption");
		v[i].credit = req_field(r, "credit");
	} else if (strcmp(op, "up") == 0 && i > 0) {
		t = v[i - 1];
		v[i - 1] = v[i];
		v[i] = t;
	} else if (strcmp(op, "down") == 0 && (size_t)i + 1 < n) {
		t = v[i + 1];
		v[i + 1] = v[i];
		v[i] = t;
	} else if (strcmp(op, "remove") == 0) {
		/* The bytes stay: older revisions may still name them. */
		memmove(&v[i], &v[i + 1], (n - (size_t)i - 1) * sizeof(*v));
		n--;
	} else if (strcmp(op, "up") != 0 && strcmp(op, "down") != 0)
		return ERR_BADREQ;
	cur->attachments = attach_format(&r->a, v, n);
	cur->state = workflow_after_edit(cur->state);
	return ERR_OK;
}

static enum err
attachment_post(struct req *r, const char *id)
{
	struct release	 cur;
	struct meta_arg	 ma;
	enum err	 e;

	if ((e = app_load(r, id, ACT_EDIT, &cur)) != ERR_OK)
		return e;
	if (req_field_err(r, "caption") != ERR_OK ||
	    req_field_err(r, "credit") != ERR_OK)
		return form_page(r, 422, &cur, NULL, 0,
		    msg_get(MSG_FORM_PROBLEMS), 0);
	if (!app_parse_count(req_field(r, "rev"), &ma.base) ||
	    !attach_id_valid(req_field(r, "aid")))
		return ERR_BADREQ;
	ma.r = r;
	e = store_release_update(r->store, &r->a, id, r->sess.user, meta_fn,
	    &ma, &cur);
	if (e == ERR_STALE)
		return form_page(r, 409, &cur, NULL, 0,
		    msg_get(MSG_STALE_EDIT), 1);
	if (e != ERR_OK)
		return e;
	req_redirect(r, app_url(r, r->conf->url_staff, "/edit/%s?m=%s#attachments",
	    id, strcmp(req_field(r, "op"), "remove") == 0 ? "removed" :
	    "attachment"));
	return ERR_OK;
}

static enum err
preview_get(struct req *r, const char *id)
{
	struct release	 rel;
	struct tdict	*d;
	enum err	 e;

	if ((e = app_load(r, id, ACT_VIEW, &rel)) != ERR_OK)
		return e;
	d = app_dict(r);
	render_release(&r->a, d, &rel);
	app_translations(r, &rel, 0, d);
	tdict_set(d, "state", workflow_display_state(&rel, time(NULL)));
	tdict_set(d, "state_label", msg_tr(workflow_display_state(&rel,
	    time(NULL))));
	tdict_setf(d, "rev", "%lu", rel.rev);
	tdict_set_bool(d, "editable", app_may(r, &rel, ACT_EDIT, NULL));
	return app_render(r, 200, "preview", d);
}

static enum err
delete_get(struct req *r, const char *id)
{
	struct release	 rel;
	struct tdict	*d;
	enum err	 e;

	if ((e = app_load(r, id, ACT_DELETE, &rel)) != ERR_OK)
		return e;
	d = app_dict(r);
	tdict_set(d, "id", rel.id);
	tdict_set(d, "title", rel.title);
	tdict_setf(d, "seq", "%lu", rel.seq);
	return app_render(r, 200, "delete", d);
}

static enum err
delete_post(struct req *r, const char *id)
{
	struct release	 rel;
	unsigned long	 base;
	enum err	 e;

	if ((e = app_load(r, id, ACT_DELETE, &rel)) != ERR_OK)
		return e;
	if (!app_parse_count(req_field(r, "seq"), &base))
		return ERR_BADREQ;
	if ((e = store_release_delete(r->store, id, base)) != ERR_OK)
		return e;
	req_redirect(r, app_url(r, r->conf->url_staff, "/?m=deleted"));
	return ERR_OK;
}

/* The admin's self-check, as a page. */
static enum err
selfcheck_get(struct req *r, const char *arg)
{
	struct finding	 f[CHECK_FINDINGS];
	struct tdict	*d, *it;
	size_t		 n, i;
	int		 bad = 0;

	(void)arg;
	n = check_site(r->conf, r->store, f);
	d = app_dict(r);
	for (i = 0; i < n; i++) {
		it = tdict_add_item(d, "findings");
		tdict_set(it, "what", f[i].what);
		tdict_set_bool(it, "ok", f[i].ok);
		tdict_set(it, "detail", f[i].detail);
		bad += !f[i].ok;
	}
	tdict_set_bool(d, "all_ok", bad == 0);
	return app_render(r, 200, "selfcheck", d);
}

static const struct input settings_inputs[] = {
	{ "language", IN_TOKEN, LIM_UI_LANG_MAX },
	{ NULL, 0, 0 },
};

/*
 * The user's settings: the interface language, one of the catalogues or
 * "" (the browser's choice, else the site's default).
 */
static enum err
settings_get(struct req *r, const char *arg)
{
	const struct i18n *cats = app_catalogues();
	struct prefs	 p;
	struct tdict	*d, *it;
	const char	*tag;
	size_t		 i;
	enum err	 e;

	(void)arg;
	if ((e = store_prefs_get(r->store, r->sess.user, &p)) != ERR_OK)
		return e;
	d = app_dict(r);
	for (i = 0; i < i18n_count(cats); i++) {
		tag = i18n_tag(cats, i);
		it = tdict_add_item(d, "languages");
		tdict_set(it, "tag", tag);
		tdict_set(it, "name", msg_lang_name(tag));
		tdict_set_bool(it, "selected", strcmp(tag, p.lang) == 0);
	}
	tdict_set_bool(d, "automatic", i18n_has(cats, p.lang) == NULL);
	return app_render(r, 200, "settings", d);
}

static enum err
settings_post(struct req *r, const char *arg)
{
	struct prefs	 p;
	const char	*want, *tag = "";
	enum err	 e;

	(void)arg;
	want = req_field(r, "language");
	if (req_field_err(r, "language") != ERR_OK || (want[0] != '\0' &&
	    (tag = i18n_has(app_catalogues(), want)) == NULL))
		return ERR_LANG;
	memset(&p, 0, sizeof(p));
	memcpy(p.lang, tag, strlen(tag) + 1);
	if ((e = store_prefs_put(r->store, r->sess.user, &p)) != ERR_OK)
		return e;
	/* The switcher's cookie would win over the setting: make it agree. */
	app_set_lang_cookie(r, tag);
	req_redirect(r, app_url(r, r->conf->url_staff, "/settings?m=settings"));
	return ERR_OK;
}

static const struct page pages[] = {
	{ "/", PAGE_STAFF, ROLE_EDITOR, NULL, list_get, NULL, 0 },
	{ "/new", PAGE_STAFF, ROLE_EDITOR, release_inputs, new_get, new_post, 0 },
	{ "/edit/:id", PAGE_STAFF, ROLE_EDITOR, release_inputs, edit_get,
	    edit_post, 0 },
	{ "/preview/:id", PAGE_STAFF, ROLE_EDITOR, NULL, preview_get, NULL, 0 },
	{ "/attachment/:id", PAGE_STAFF, ROLE_EDITOR, attachment_inputs, NULL,
	    attachment_post, 0 },
	{ "/selfcheck", PAGE_STAFF, ROLE_ADMIN, NULL, selfcheck_get, NULL, 0 },
	{ "/settings", PAGE_STAFF, ROLE_EDITOR, settings_inputs, settings_get,
	    settings_post, 0 },
	{ "/delete/:id", PAGE_STAFF, ROLE_EDITOR, delete_inputs, delete_get,
	    delete_post, 0 },
};

static const struct program prog = {
	"submit", pages, sizeof(pages) / sizeof(pages[0]), 0
};

int
main(int argc, char *argv[])
{
	inputs_init();
	return app_main(argc, argv, &prog);
}
