/*
 * workflow.h: who may do what to a release, and what it does.
 *
 * The allowed transitions are one table in workflow.c: for each action,
 * the states it starts from, the roles allowed, whether it is for the
 * author only or for anyone but the author (four eyes), whether it needs a
 * comment, and the state it leads to.  Pages ask workflow_allowed() to
 * offer only the buttons a user may press, and workflow_apply() checks the
 * same table again inside the store's lock before anything changes.
 */
#ifndef PR_WORKFLOW_H
#define PR_WORKFLOW_H

#include <time.h>

#include "arena.h"
#include "conf.h"
#include "err.h"
#include "release.h"

enum action {
	ACT_VIEW,		/* see it in the staff pages */
	ACT_EDIT,		/* change its text */
	ACT_DELETE,		/* delete a draft never published */
	ACT_SUBMIT,		/* send it for review */
	ACT_RECALL,		/* take it back from review (the author) */
	ACT_APPROVE,		/* add an approval; the Nth approves it */
	ACT_REQUEST_CHANGES,	/* send it back to the author, with why */
	ACT_REJECT,		/* close it, with why */
	ACT_PUBLISH,		/* put the approved text online, now or later */
	ACT_WITHDRAW,		/* take it offline, with why */
	ACT_RESTORE,		/* put a withdrawn release online again */
	ACT__COUNT
};

/* Who is acting. */
struct actor {
	const char	*user;
	enum role	 role;
};

/* action_name() gives "approve", ...; action_parse() the reverse. */
const char	*action_name(enum action);
int		 action_parse(const char *, enum action *);

/* action_needs_comment() is 1 for request-changes, reject and withdraw. */
int		 action_needs_comment(enum action);

/*
 * workflow_allowed() is 1 when the actor may do the action to r as it
 * is now (state, author, approvals so far, site settings).  It returns 0
 * with *why set (an error code) otherwise: ERR_FORBIDDEN (role or four
 * eyes), ERR_STATE (not from this state), ERR_EXISTS (already approved by
 * this user).
 */
int		 workflow_allowed(const struct conf *, const struct actor *,
		    const struct release *, enum action, enum err *why);

/*
 * What the actor asked for: the action, the revision their page showed,
 * a comment, and for publishing the time (0 = now).
 */
struct transition {
	enum action	 action;
	unsigned long	 rev;
	const char	*comment;
	time_t		 publish_at;
	time_t		 now;
	const char	*permalink;	/* publish: the address to fix if the
					   release has none yet, or NULL */
};

/*
 * workflow_apply() changes r (the current version, inside the store's
 * lock) as the transition says, after checking it: ERR_STALE if r's
 * revision is not the one the actor saw, ERR_INVALID if a comment is
 * needed and missing, and workflow_allowed()'s errors.  On ERR_OK, *to is
 * the state reached (also r->state).  Strings go into the arena.
 */
enum err	 workflow_apply(const struct conf *, const struct actor *,
		    struct arena *, struct release *, const struct transition *);

/*
 * workflow_after_edit() gives the state a release enters when its author
 * saves new text in state s: draft and changes stay, approved goes back
 * to review (its approvals are dropped by the store), and a published
 * release starts a correction as a draft while its public text stays
 * online.
 */
enum release_state workflow_after_edit(enum release_state s);

/*
 * workflow_approvals() counts the distinct approvals in r->approvals and
 * tells whether user is among them.  workflow_approver_list() gives them
 * as "ann, bob" (arena), for messages.
 */
size_t		 workflow_approvals(const struct release *, const char *user,
		    int *by_user);
const char	*workflow_approver_list(struct arena *, const struct release *);

/*
 * workflow_display_state() is what staff see: the stored state, except
 * "scheduled" for a published release whose time has not come, and
 * "online" suffixes are left to templates.
 */
const char	*workflow_display_state(const struct release *, time_t now);

#endif /* PR_WORKFLOW_H */
