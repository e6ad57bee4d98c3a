/*
 * workflow.c: the policy table and the transitions of a release.
 *
 * The table below is the whole policy; nothing else in the press room
 * decides who may do what.  States:
 *
 *	draft --submit--> review --approve (N distinct)--> approved
 *	review --request changes--> changes --submit--> review
 *	review --reject--> rejected (closed, kept)
 *	review --recall (author)--> draft
 *	approved --publish (now or at a time)--> published
 *	published --withdraw--> withdrawn --restore--> published
 *
 * Editing approved text sends it back to review; editing a published
 * release starts a correction as a draft while the published revision
 * stays online, and publishing the approved correction replaces it.
 * Approvals ("user:time" words in r->approvals) belong to one revision:
 * the store drops them when the text changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lim.h"
#include "workflow.h"

#define S(x)		(1u << (x))
#define R_EDITOR	(1u << ROLE_EDITOR)
#define R_APPROVER	(1u << ROLE_APPROVER)
#define R_ADMIN		(1u << ROLE_ADMIN)
#define R_STAFF		(R_EDITOR | R_APPROVER | R_ADMIN)

enum who {
	WHO_ANY,		/* anyone with the role */
	WHO_AUTHOR,		/* the author; admins too */
	WHO_OTHERS		/* anyone but the author (four eyes) */
};

struct rule {
	const char	*name;
	unsigned	 from;		/* states it starts from */
	unsigned	 roles;
	enum who	 who;
	int		 comment;	/* a comment is required */
	int		 online;	/* also from any state while online */
	int		 to;		/* the state reached, -1: depends */
};

static const struct rule rules[ACT__COUNT] = {
	/* action		from states		roles
	 *			who		comment online	to */
	[ACT_VIEW] = { "view", ~0u, R_STAFF,
	    WHO_AUTHOR, 0, 0, -1 },
	[ACT_EDIT] = { "edit", S(STATE_DRAFT) | S(STATE_CHANGES) |
	    S(STATE_APPROVED) | S(STATE_PUBLISHED), R_STAFF,
	    WHO_AUTHOR, 0, 0, -1 },
	[ACT_DELETE] = { "delete", S(STATE_DRAFT), R_STAFF,
	    WHO_AUTHOR, 0, 0, -1 },
	[ACT_SUBMIT] = { "submit", S(STATE_DRAFT) | S(STATE_CHANGES), R_STAFF,
	    WHO_AUTHOR, 0, 0, STATE_REVIEW },
	[ACT_RECALL] = { "recall", S(STATE_REVIEW), R_STAFF,
	    WHO_AUTHOR, 0, 0, STATE_DRAFT },
	[ACT_APPROVE] = { "approve", S(STATE_REVIEW), R_APPROVER | R_ADMIN,
	    WHO_OTHERS, 0, 0, -1 },
	[ACT_REQUEST_CHANGES] = { "request-changes", S(STATE_REVIEW),
	    R_APPROVER | R_ADMIN,
	    WHO_OTHERS, 1, 0, STATE_CHANGES },
	[ACT_REJECT] = { "reject", S(STATE_REVIEW), R_APPROVER | R_ADMIN,
	    WHO_OTHERS, 1, 0, STATE_REJECTED },
	[ACT_PUBLISH] = { "publish", S(STATE_APPROVED), R_APPROVER | R_ADMIN,
	    WHO_ANY, 0, 0, STATE_PUBLISHED },
	[ACT_WITHDRAW] = { "withdraw", S(STATE_PUBLISHED), R_APPROVER |
	    R_ADMIN,
	    WHO_ANY, 1, 1, STATE_WITHDRAWN },
	[ACT_RESTORE] = { "restore", S(STATE_WITHDRAWN), R_APPROVER | R_ADMIN,
	    WHO_ANY, 0, 0, STATE_PUBLISHED },
};

const char *
action_name(enum action a)
{
	return (unsigned)a < ACT__COUNT ? rules[a].name : "?";
}

int
action_parse(const char *s, enum action *out)
{
	size_t	 i;

	for (i = 0; i < ACT__COUNT; i++)
		if (strcmp(s, rules[i].name) == 0) {
			*out = (enum action)i;
			return 1;
		}
	return 0;
}

int
action_needs_comment(enum action a)
{
	return (unsigned)a < ACT__COUNT && rules[a].comment;
}

size_t
workflow_approvals(const struct release *r, const char *user, int *by_user)
{
	const char	*p = r->approvals == NULL ? "" : r->approvals;
	size_t		 n = 0, len, ul = user == NULL ? 0 : strlen(user);

	if (by_user != NULL)
		*by_user = 0;
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, ":");
		if (user != NULL && by_user != NULL && len == ul &&
		    strncmp(p, user, ul) == 0)
			*by_user = 1;
		n++;
		p += strcspn(p, " ");
	}
	return n;
}

const char *
workflow_approver_list(struct arena *a, const struct release *r)
{
	struct buf	 b;
	const char	*p = r->approvals == NULL ? "" : r->approvals;
	size_t		 len;

	buf_init(&b, a);
	buf_add(&b, "", 0);
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, ": ");
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_add(&b, p, len);
		p += strcspn(p, " ");
	}
	return b.data;
}

int
workflow_allowed(const struct conf *c, const struct actor *who,
    const struct release *r, enum action act, enum err *why)
{
	const struct rule	*ru;
	int			 author, mine;

	*why = ERR_FORBIDDEN;
	if ((unsigned)act >= ACT__COUNT || who == NULL || who->user == NULL)
		return 0;
	ru = &rules[act];
	author = strcmp(r->author, who->user) == 0;
	if (!(ru->roles & (1u << who->role)))
		return 0;
	/* Approvers and admins see every release; editors their own. */
	if (act == ACT_VIEW)
		return author || who->role >= ROLE_APPROVER;
	if (ru->who == WHO_AUTHOR && !author && who->role != ROLE_ADMIN)
		return 0;
	if (ru->who == WHO_OTHERS && author && !c->allow_self_approval)
		return 0;
	*why = ERR_STATE;
	/* A takedown must not wait for a correction in progress. */
	if (!(ru->from & S(r->state)) && !(ru->online && r->public_rev > 0 &&
	    r->state != STATE_WITHDRAWN))
		return 0;
	/* A release that was ever online is withdrawn, never deleted. */
	if (act == ACT_DELETE && r->public_rev > 0)
		return 0;
	if (act == ACT_APPROVE) {
		workflow_approvals(r, who->user, &mine);
		if (mine) {
			*why = ERR_EXISTS;
			return 0;
		}
	}
	*why = ERR_OK;
	return 1;
}

enum release_state
workflow_after_edit(enum release_state s)
{
	switch (s) {
	case STATE_APPROVED:
		return STATE_REVIEW;
	case STATE_PUBLISHED:
		return STATE_DRAFT;
	default:
		return s;
	}
}

enum err
workflow_apply(const struct conf *c, const struct actor *who,
    struct arena *a, struct release *r, const struct transition *t)
{
	enum err	 why;
	size_t		 n;

	if (!workflow_allowed(c, who, r, t->action, &why))
		return why;
	if (t->rev != r->rev)
		return ERR_STALE;
	if (rules[t->action].comment &&
	    (t->comment == NULL || t->comment[strspn(t->comment, " \t\n")] ==
	    '\0'))
		return ERR_INVALID;
	switch (t->action) {
	case ACT_APPROVE:
		r->approvals = arena_printf(a, "%s%s%s:%lld", r->approvals,
		    r->approvals[0] == '\0' ? "" : " ", who->user,
		    (long long)t->now);
		n = workflow_approvals(r, NULL, NULL);
		if (n >= (size_t)c->approvals_required)
			r->state = STATE_APPROVED;
		return ERR_OK;
	case ACT_PUBLISH:
		/*
		 * A correction of a public release goes online at once: a
		 * later time would take the text online now offline until
		 * then.
		 */
		if (release_is_public(r, t->now) && t->publish_at > t->now)
			return ERR_INVALID;
		if (r->published_at != 0 && r->public_rev != r->rev)
			r->updated_at = t->now;
		r->public_rev = r->rev;
		r->publish_at = t->publish_at > t->now ? t->publish_at : t->now;
		if (r->published_at == 0)
			r->published_at = r->publish_at;
		if ((r->permalink == NULL || r->permalink[0] == '\0') &&
		    t->permalink != NULL)
			r->permalink = t->permalink;
		r->state = STATE_PUBLISHED;
		return ERR_OK;
	case ACT_RECALL:
	case ACT_REQUEST_CHANGES:
	case ACT_REJECT:
		/* Approvals were for a review that ends here. */
		r->approvals = "";
		break;
	default:
		break;
	}
	if (rules[t->action].to >= 0)
		r->state = (enum release_state)rules[t->action].to;
	return ERR_OK;
}

const char *
workflow_display_state(const struct release *r, time_t now)
{
	if (r->state == STATE_PUBLISHED && r->publish_at > now)
		return "scheduled";
	return release_state_name(r->state);
}
