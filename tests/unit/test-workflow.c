/*
 * test-workflow.c: unit tests for workflow.c (the policy table and the
 * transitions) and diff.c (the reviewers' line diff).
 *
 * The expected policy is written out here independently, as the issue
 * states it, and compared with workflow_allowed() for every role, author
 * relation, state and action.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "conf.h"
#include "diff.h"
#include "release.h"
#include "workflow.h"

static struct conf	 conf;

static void
release_in(struct release *r, enum release_state s, const char *author)
{
	release_init(r);
	r->id = "20261126-0000abcd";
	r->author = author;
	r->state = s;
	r->rev = 3;
	if (s == STATE_PUBLISHED || s == STATE_WITHDRAWN)
		r->public_rev = 3;
}

/* The policy as the issue states it. */
static int
expected(enum role role, int author, enum release_state s, enum action a)
{
	int	 approver = role >= ROLE_APPROVER;
	int	 own = author || role == ROLE_ADMIN;

	switch (a) {
	case ACT_VIEW:
		return author || approver;
	case ACT_EDIT:
		return own && (s == STATE_DRAFT || s == STATE_CHANGES ||
		    s == STATE_APPROVED || s == STATE_PUBLISHED);
	case ACT_DELETE:
		/* Drafts only; these drafts were never published. */
		return own && s == STATE_DRAFT;
	case ACT_SUBMIT:
		return own && (s == STATE_DRAFT || s == STATE_CHANGES);
	case ACT_RECALL:
		return own && s == STATE_REVIEW;
	case ACT_APPROVE:
	case ACT_REQUEST_CHANGES:
	case ACT_REJECT:
		return approver && !author && s == STATE_REVIEW;
	case ACT_PUBLISH:
		return approver && s == STATE_APPROVED;
	case ACT_WITHDRAW:
		return approver && s == STATE_PUBLISHED;
	case ACT_RESTORE:
		return approver && s == STATE_WITHDRAWN;
	default:
		return 0;
	}
}

static void
test_policy_matrix(void **state)
{
	struct release	 r;
	struct actor	 who;
	enum err	 why;
	int		 role, author, s, a, got, want, mismatches = 0;

	(void)state;
	for (role = ROLE_EDITOR; role <= ROLE_ADMIN; role++)
		for (author = 0; author <= 1; author++)
			for (s = 0; s < STATE__COUNT; s++)
				for (a = 0; a < ACT__COUNT; a++) {
					release_in(&r, (enum release_state)s,
					    author ? "me" : "someone");
					who.user = "me";
					who.role = (enum role)role;
					got = workflow_allowed(&conf, &who, &r,
					    (enum action)a, &why);
					want = expected((enum role)role, author,
					    (enum release_state)s,
					    (enum action)a);
					if (got != want) {
						print_error("role %s author %d "
						    "state %s action %s: got "
						    "%d want %d\n",
						    conf_role_name(
						    (enum role)role), author,
						    release_state_name(
						    (enum release_state)s),
						    action_name((enum action)a),
						    got, want);
						mismatches++;
					}
				}
	assert_int_equal(mismatches, 0);
}

static void
test_self_approval_setting(void **state)
{
	struct release	 r;
	struct actor	 who = { "me", ROLE_APPROVER };
	enum err	 why;

	(void)state;
	release_in(&r, STATE_REVIEW, "me");
	assert_false(workflow_allowed(&conf, &who, &r, ACT_APPROVE, &why));
	assert_int_equal(why, ERR_FORBIDDEN);
	conf.allow_self_approval = 1;
	assert_true(workflow_allowed(&conf, &who, &r, ACT_APPROVE, &why));
	conf.allow_self_approval = 0;
}

static enum err
apply(struct arena *a, struct release *r, const char *user, enum role role,
    enum action act, unsigned long rev, const char *comment)
{
	struct actor		 who = { user, role };
	struct transition	 t;

	memset(&t, 0, sizeof(t));
	t.action = act;
	t.rev = rev;
	t.comment = comment;
	t.now = 1795700000;
	return workflow_apply(&conf, &who, a, r, &t);
}

static void
test_n_distinct_approvals(void **state)
{
	struct arena	 a;
	struct release	 r;
	int		 mine;

	(void)state;
	arena_init(&a);
	conf.approvals_required = 2;
	release_in(&r, STATE_REVIEW, "ed");
	assert_int_equal(apply(&a, &r, "ann", ROLE_APPROVER, ACT_APPROVE, 3,
	    NULL), ERR_OK);
	assert_int_equal(r.state, STATE_REVIEW);
	/* The same approver again: refused, nothing added. */
	assert_int_equal(apply(&a, &r, "ann", ROLE_APPROVER, ACT_APPROVE, 3,
	    NULL), ERR_EXISTS);
	assert_int_equal(workflow_approvals(&r, "ann", &mine), 1);
	assert_true(mine);
	/* A stale revision: refused. */
	assert_int_equal(apply(&a, &r, "bob", ROLE_APPROVER, ACT_APPROVE, 2,
	    NULL), ERR_STALE);
	assert_int_equal(apply(&a, &r, "bob", ROLE_ADMIN, ACT_APPROVE, 3,
	    NULL), ERR_OK);
	assert_int_equal(r.state, STATE_APPROVED);
	assert_string_equal(workflow_approver_list(&a, &r), "ann, bob");
	/* Approved: a third approval is a state error. */
	assert_int_equal(apply(&a, &r, "cy", ROLE_APPROVER, ACT_APPROVE, 3,
	    NULL), ERR_STATE);
	conf.approvals_required = 1;
	arena_free(&a);
}

static void
test_comments_required(void **state)
{
	struct arena	 a;
	struct release	 r;

	(void)state;
	arena_init(&a);
	release_in(&r, STATE_REVIEW, "ed");
	assert_int_equal(apply(&a, &r, "ann", ROLE_APPROVER, ACT_REJECT, 3,
	    NULL), ERR_INVALID);
	assert_int_equal(apply(&a, &r, "ann", ROLE_APPROVER,
	    ACT_REQUEST_CHANGES, 3, " \n\t "), ERR_INVALID);
	assert_int_equal(r.state, STATE_REVIEW);
	assert_int_equal(apply(&a, &r, "ann", ROLE_APPROVER,
	    ACT_REQUEST_CHANGES, 3, "Please cite the source."), ERR_OK);
	assert_int_equal(r.state, STATE_CHANGES);
	assert_true(action_needs_comment(ACT_WITHDRAW));
	assert_false(action_needs_comment(ACT_APPROVE));
	arena_free(&a);
}

static void
test_publish_schedule_and_correction(void **state)
{
	struct arena	 a;
	struct release	 r;
	struct actor	 who = { "ann", ROLE_APPROVER };
	struct transition t;

	(void)state;
	arena_init(&a);
	release_in(&r, STATE_APPROVED, "ed");
	memset(&t, 0, sizeof(t));
	t.action = ACT_PUBLISH;
	t.rev = 3;
	t.now = 1795700000;
	t.publish_at = t.now + 3600;
	assert_int_equal(workflow_apply(&conf, &who, &a, &r, &t), ERR_OK);
	assert_int_equal(r.state, STATE_PUBLISHED);
	assert_int_equal(r.public_rev, 3);
	assert_int_equal(r.publish_at, t.now + 3600);
	assert_int_equal(r.published_at, t.now + 3600);
	assert_int_equal(r.updated_at, 0);
	/* Not public before its time, public at it: no job involved. */
	assert_false(release_is_public(&r, t.now + 3599));
	assert_true(release_is_public(&r, t.now + 3600));
	assert_string_equal(workflow_display_state(&r, t.now), "scheduled");
	assert_string_equal(workflow_display_state(&r, t.now + 3600),
	    "published");

	/* A correction: new text as a draft, the old one stays online. */
	assert_int_equal(workflow_after_edit(STATE_PUBLISHED), STATE_DRAFT);
	assert_int_equal(workflow_after_edit(STATE_APPROVED), STATE_REVIEW);
	r.state = STATE_APPROVED;
	r.rev = 5;
	assert_true(release_is_public(&r, t.now + 7200));
	t.rev = 5;
	t.now += 7200;
	t.publish_at = 0;
	assert_int_equal(workflow_apply(&conf, &who, &a, &r, &t), ERR_OK);
	assert_int_equal(r.public_rev, 5);
	assert_int_equal(r.updated_at, t.now);
	assert_int_equal(r.published_at, 1795700000 + 3600);

	/* Withdraw needs a reason and takes it offline at once. */
	t.action = ACT_WITHDRAW;
	t.comment = "";
	assert_int_equal(workflow_apply(&conf, &who, &a, &r, &t), ERR_INVALID);
	t.comment = "Wrong figures";
	assert_int_equal(workflow_apply(&conf, &who, &a, &r, &t), ERR_OK);
	assert_false(release_is_public(&r, t.now + 1));
	arena_free(&a);
}

static void
test_withdraw_during_a_correction(void **state)
{
	struct release	 r;
	struct actor	 who = { "ann", ROLE_APPROVER };
	enum err	 why;

	(void)state;
	/* Online at revision 3, a correction (revision 4) in review. */
	release_in(&r, STATE_REVIEW, "ed");
	r.public_rev = 3;
	r.rev = 4;
	assert_true(workflow_allowed(&conf, &who, &r, ACT_WITHDRAW, &why));
	r.public_rev = 0;
	assert_false(workflow_allowed(&conf, &who, &r, ACT_WITHDRAW, &why));
	assert_int_equal(why, ERR_STATE);
}

static void
check_diff(const char *old, const char *new, const char *want)
{
	struct arena	 a;
	struct diff_op	*ops;
	char		 got[512];
	size_t		 n, i, len = 0;

	arena_init(&a);
	n = diff_lines(&a, old, new, &ops);
	got[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%c%s|",
		    ops[i].kind == DIFF_SAME ? ' ' : ops[i].kind == DIFF_DEL ?
		    '-' : '+', ops[i].line);
	assert_string_equal(got, want);
	arena_free(&a);
}

static void
test_diff(void **state)
{
	(void)state;
	check_diff("a\nb\nc", "a\nb\nc", " a| b| c|");
	check_diff("a\nb\nc", "a\nB\nc", " a|-b|+B| c|");
	check_diff("", "x", "-|+x|");
	check_diff("a\nb", "a\nb\nc", " a| b|+c|");
	check_diff("x\na\nb\ny", "a\nz\nb", "-x| a|+z| b|-y|");
	check_diff("n\xc3\xa9gociation\n\nsuite", "n\xc3\xa9gociation\n\nfin",
	    " n\xc3\xa9gociation| |-suite|+fin|");
}

static int
setup(void **state)
{
	char	 err[128];

	(void)state;
	if (conf_load(&conf, NULL, err, sizeof(err)) != ERR_OK)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	conf_free(&conf);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_matrix),
		cmocka_unit_test(test_self_approval_setting),
		cmocka_unit_test(test_n_distinct_approvals),
		cmocka_unit_test(test_comments_required),
		cmocka_unit_test(test_publish_schedule_and_correction),
		cmocka_unit_test(test_withdraw_during_a_correction),
		cmocka_unit_test(test_diff),
	};

	return cmocka_run_group_tests_name("workflow", tests, setup, teardown);
}
