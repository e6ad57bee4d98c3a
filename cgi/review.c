/*
 * review.c: pressroom-review, the approval workflow.
 *
 * Pages: the queue (what waits for me, oldest first), the review page of
 * one release (as the public will see it, what changed since the previous
 * revision, its history, and the buttons this user may press), and the
 * one POST that performs a transition.  Every transition names the
 * revision its page showed; workflow_apply() refuses it inside the
 * store's lock if the text changed, the state moved on, or the user may
 * not, and the page comes back saying why, with the comment kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "lim.h"
#include "msg.h"
#include "release.h"
#include "render.h"
#include "store.h"
#include "workflow.h"

#define REV_DIGITS	20
#define TIME_LEN	19	/* "YYYY-MM-DDTHH:MM:SS" */

static const struct input act_inputs[] = {
	{ "action", IN_TOKEN, 32 },
	{ "rev", IN_TOKEN, REV_DIGITS },
	{ "comment", IN_BLOCK, LIM_HISTORY_COMMENT_MAX },
	{ "publish_at", IN_LINE, TIME_LEN },
	{ NULL, 0, 0 },
};

static int
by_modified_asc(const void *pa, const void *pb)
{
	const struct release	*a = pa, *b = pb;

	if (a->modified != b->modified)
		return a->modified < b->modified ? -1 : 1;
	return strcmp(a->id, b->id);
}

static void
queue_item(struct req *r, struct tdict *d, const char *list,
    const struct release *rel, time_t now)
{
	struct tdict	*it;
	size_t		 n;

	it = tdict_add_item(d, list);
	tdict_set(it, "id", rel->id);
	tdict_set(it, "title", rel->title);
	tdict_set(it, "author", rel->author);
	tdict_set(it, "lang", rel->lang);
	tdict_set(it, "state", workflow_display_state(rel, now));
	tdict_set(it, "state_label", msg_tr(workflow_display_state(rel, now)));
	app_time_set(r, it, "since", rel->modified);
	app_time_set(r, it, "publish_at", rel->publish_at);
	n = workflow_approvals(rel, NULL, NULL);
	tdict_setf(it, "approvals", "%zu", n);
	tdict_setf(it, "required", "%ld", r->conf->approvals_required);
	tdict_set_bool(d, arena_printf(&r->a, "has_%s", list), 1);
}

static enum err
queue_get(struct req *r, const char *arg)
{
	const struct release *all;
	struct release	*v;
	struct tdict	*d;
	size_t		 n, i;
	time_t		 now = time(NULL);
	enum err	 e;

	(void)arg;
	if ((e = app_releases(r, &all, &n)) != ERR_OK)
		return e;
	/* Oldest first, on a copy: the shared list stays as it is. */
	v = arena_alloc(&r->a, (n + 1) * sizeof(*v));
	if (n > 0) {
		memcpy(v, all, n * sizeof(*v));
		qsort(v, n, sizeof(*v), by_modified_asc);
	}
	d = app_dict(r);
	for (i = 0; i < n; i++) {
		if (app_may(r, &v[i], ACT_APPROVE, NULL))
			queue_item(r, d, "waiting", &v[i], now);
		else if (v[i].state == STATE_CHANGES &&
		    strcmp(v[i].author, r->sess.user) == 0)
			queue_item(r, d, "returned", &v[i], now);
		else if (app_may(r, &v[i], ACT_PUBLISH, NULL))
			queue_item(r, d, "to_publish", &v[i], now);
		else if (v[i].state == STATE_PUBLISHED &&
		    v[i].publish_at > now && app_may(r, &v[i], ACT_VIEW, NULL))
			queue_item(r, d, "scheduled", &v[i], now);
		else if (v[i].state == STATE_REVIEW &&
		    app_may(r, &v[i], ACT_VIEW, NULL))
			queue_item(r, d, "in_review", &v[i], now);
	}
	return app_render(r, 200, "queue", d);
}

/*
 * What the reviewer compares with: the revision online if a correction is
 * under review, else the revision before this one.
 */
static void
add_diff(struct req *r, struct tdict *d, const struct release *rel)
{
	struct release	 old;
	unsigned long	 base;

	if (rel->public_rev > 0 && rel->public_rev != rel->rev)
		base = rel->public_rev;
	else if (rel->rev > 1)
		base = rel->rev - 1;
	else
		return;
	if (store_revision_get(r->store, &r->a, rel->id, base, &old) != ERR_OK)
		return;
	tdict_setf(d, "diff_base", "%lu", base);
	tdict_set_bool(d, "diff_online", base == rel->public_rev);
	render_diff(&r->a, d, &old, rel);
}

/*
 * What a history line records, in words: the states alone do not tell an
 * approval (review to review) from a save, so the revision is compared
 * with the line before.
 */
static enum msg
event_of(const struct history *h, const struct history *prev)
{
	int	 edited = prev != NULL && h->rev != prev->rev;

	if (prev == NULL)
		return MSG_EV_CREATED;
	if (h->to == STATE_WITHDRAWN)
		return MSG_EV_WITHDRAWN;
	switch (h->from) {
	case STATE_REVIEW:
		if (h->to == STATE_REVIEW)
			return edited ? MSG_EV_EDITED : MSG_EV_APPROVED;
		if (h->to == STATE_APPROVED)
			return MSG_EV_APPROVED;
		if (h->to == STATE_CHANGES)
			return MSG_EV_CHANGES;
		if (h->to == STATE_REJECTED)
			return MSG_EV_REJECTED;
		if (h->to == STATE_DRAFT)
			return MSG_EV_RECALLED;
		break;
	case STATE_APPROVED:
		if (h->to == STATE_PUBLISHED)
			return MSG_EV_PUBLISHED;
		break;
	case STATE_WITHDRAWN:
		if (h->to == STATE_PUBLISHED)
			return MSG_EV_RESTORED;
		break;
	default:
		break;
	}
	if (h->to == STATE_REVIEW && h->from != STATE_REVIEW && !edited)
		return MSG_EV_SUBMITTED;
	return edited ? MSG_EV_EDITED : MSG_EV_SAVED;
}

static void
add_history(struct req *r, struct tdict *d, const char *id)
{
	struct history	*h;
	struct tdict	*it;
	size_t		 n, i;

	if (store_history_get(r->store, &r->a, id, &h, &n) != ERR_OK)
		return;
	/* Newest first: what happened last is what a reviewer wants. */
	for (i = n; i-- > 0; ) {
		it = tdict_add_item(d, "history");
		app_time_set(r, it, "time", h[i].time);
		tdict_set(it, "user", h[i].user);
		tdict_set(it, "event", msg_get(event_of(&h[i],
		    i > 0 ? &h[i - 1] : NULL)));
		tdict_set(it, "from", release_state_name(h[i].from));
		tdict_set(it, "to", release_state_name(h[i].to));
		tdict_set(it, "from_label", msg_tr(release_state_name(h[i].from)));
		tdict_set(it, "to_label", msg_tr(release_state_name(h[i].to)));
		tdict_setf(it, "rev", "%lu", h[i].rev);
		tdict_set(it, "comment", h[i].comment);
	}
}

/* The review page, with an optional message about a refused action. */
static enum err
review_page(struct req *r, int status, const struct release *rel,
    const char *message, const char *detail)
{
	static const enum action buttons[] = {
		ACT_SUBMIT, ACT_RECALL, ACT_APPROVE, ACT_REQUEST_CHANGES,
		ACT_REJECT, ACT_PUBLISH, ACT_WITHDRAW, ACT_RESTORE,
	};
	struct tdict	*d;
	enum err	 why;
	time_t		 now = time(NULL);
	size_t		 i;
	int		 mine;

	d = app_dict(r);
	render_release(&r->a, d, rel);
	app_translations(r, rel, 0, d);
	tdict_set_bool(d, "can_translate", app_may(r, rel, ACT_VIEW, NULL));
	tdict_setf(d, "rev", "%lu", rel->rev);
	tdict_set(d, "author", rel->author);
	tdict_set(d, "state", workflow_display_state(rel, now));
	tdict_set(d, "state_label", msg_tr(workflow_display_state(rel, now)));
	tdict_set_bool(d, "online", release_is_public(rel, now));
	tdict_set_bool(d, "scheduled", rel->public_rev > 0 &&
	    rel->state != STATE_WITHDRAWN && rel->publish_at > now);
	tdict_setf(d, "public_rev", "%lu", rel->public_rev);
	tdict_set_bool(d, "has_public", rel->public_rev > 0);
	if (rel->publish_at > 0)
		app_time_set(r, d, "publish_at", rel->publish_at);
	if (rel->updated_at > 0)
		app_time_set(r, d, "updated_at", rel->updated_at);
	tdict_setf(d, "approvals", "%zu", workflow_approvals(rel,
	    r->sess.user, &mine));
	tdict_set(d, "approvers", workflow_approver_list(&r->a, rel));
	tdict_setf(d, "required", "%ld", r->conf->approvals_required);
	tdict_set_bool(d, "approved_by_me", mine);
	tdict_set_bool(d, "can_edit", app_may(r, rel, ACT_EDIT, NULL));
	for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++)
		tdict_set_bool(d, arena_printf(&r->a, "can_%s",
		    action_name(buttons[i])), workflow_allowed(r->conf,
		    &(struct actor){ r->sess.user, r->role }, rel, buttons[i],
		    &why));
	tdict_set(d, "error", message);
	tdict_set(d, "error_detail", detail);
	tdict_set(d, "f_comment", req_field(r, "comment"));
	tdict_set(d, "f_publish_at", req_field(r, "publish_at"));
	tdict_set(d, "f_action", req_field(r, "action"));
	add_diff(r, d, rel);
	add_history(r, d, rel->id);
	return app_render(r, status, "review", d);
}

static enum err
release_get(struct req *r, const char *id)
{
	struct release	 rel;
	enum err	 e;

	if ((e = app_load(r, id, ACT_VIEW, &rel)) != ERR_OK)
		return e;
	return review_page(r, 200, &rel, NULL, NULL);
}

/*
 * "YYYY-MM-DDTHH:MM", with ":SS" or not (an HTML datetime-local, taken as
 * UTC), or "" for now.
 */
static int
parse_time(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*end;
	size_t		 len = strlen(s);

	*out = 0;
	if (len == 0)
		return 1;
	memset(&tm, 0, sizeof(tm));
	if ((len != TIME_LEN && len != TIME_LEN - 3) ||
	    (end = strptime(s, len == TIME_LEN ? "%Y-%m-%dT%H:%M:%S" :
	    "%Y-%m-%dT%H:%M", &tm)) == NULL || *end != '\0')
		return 0;
	*out = timegm(&tm);
	return *out > 0;
}

static enum err
act_post(struct req *r, const char *id)
{
	struct release		 rel, cur;
	struct transition	 t;
	const char		*detail = NULL;
	enum msg		 m;
	enum err		 e;

	/* Someone who may not even see it learns nothing about it. */
	if ((e = app_load(r, id, ACT_VIEW, &cur)) != ERR_OK)
		return e;
	memset(&t, 0, sizeof(t));
	t.now = time(NULL);
	t.comment = req_field(r, "comment");
	if (!action_parse(req_field(r, "action"), &t.action) ||
	    t.action == ACT_VIEW || t.action == ACT_EDIT ||
	    t.action == ACT_DELETE)
		return ERR_BADREQ;
	if (req_field_err(r, "rev") != ERR_OK ||
	    !app_parse_count(req_field(r, "rev"), &t.rev))
		return ERR_BADREQ;
	if (req_field_err(r, "comment") != ERR_OK)
		return review_page(r, 422, &cur, msg_get(MSG_COMMENT_NEEDED),
		    NULL);
	if (req_field_err(r, "publish_at") != ERR_OK ||
	    !parse_time(req_field(r, "publish_at"), &t.publish_at))
		return review_page(r, 422, &cur, msg_get(MSG_BAD_TIME), NULL);

	if (t.action == ACT_PUBLISH && t.publish_at > t.now &&
	    release_is_public(&cur, t.now))
		return review_page(r, 422, &cur, msg_get(MSG_CORRECTION_NOW),
		    NULL);
	e = app_transition(r, &cur, &t, &rel);
	if (e == ERR_OK) {
		req_redirect(r, app_url(r, r->conf->url_review,
		    "/release/%s?m=%s", id, action_name(t.action)));
		return ERR_OK;
	}
	if (e != ERR_STALE && e != ERR_STATE && e != ERR_EXISTS &&
	    e != ERR_INVALID && e != ERR_FORBIDDEN)
		return e;
	/* Say why, on the page as it is now. */
	if ((e == ERR_STATE || e == ERR_STALE || e == ERR_EXISTS) &&
	    store_release_get(r->store, &r->a, id, &cur) != ERR_OK)
		return ERR_NOTFOUND;
	switch (e) {
	case ERR_STALE:
		m = MSG_STALE_REVIEW;
		break;
	case ERR_EXISTS:
		m = MSG_ALREADY_YOURS;
		break;
	case ERR_INVALID:
		m = MSG_COMMENT_NEEDED;
		break;
	case ERR_FORBIDDEN:
		m = MSG_NOT_ALLOWED;
		break;
	default:
		if (t.action == ACT_APPROVE && (cur.state == STATE_APPROVED ||
		    cur.state == STATE_PUBLISHED)) {
			m = MSG_ALREADY_APPROVED;
			detail = workflow_approver_list(&r->a, &cur);
		} else
			m = MSG_STATE_CHANGED;
		break;
	}
	return review_page(r, e == ERR_INVALID ? 422 : e == ERR_FORBIDDEN ?
	    403 : 409, &cur, msg_get(m), detail);
}

static const struct page pages[] = {
	{ "/", PAGE_STAFF, ROLE_EDITOR, NULL, queue_get, NULL, 0 },
	{ "/release/:id", PAGE_STAFF, ROLE_EDITOR, NULL, release_get, NULL, 0 },
	{ "/act/:id", PAGE_STAFF, ROLE_EDITOR, act_inputs, NULL, act_post, 0 },
};

static const struct program prog = {
	"review", pages, sizeof(pages) / sizeof(pages[0]), 0
};

int
main(int argc, char *argv[])
{
	return app_main(argc, argv, &prog);
}
