#!/bin/sh
# t0810: hostile or mistaken workflow requests through nginx are refused
# with the right status and a clear message, and leave the data directory
# exactly as it was: an editor approving, an approver approving their own
# release (four eyes), a transition from the wrong state, an approval of a
# revision that changed after the page was loaded, a replayed approval
# (approvals_required = 2), request-changes / reject / withdraw without a
# real comment, a bad publication time, an editor editing a release under
# review, a missing or foreign CSRF token, unknown actions, revisions that
# are not revision numbers, and another editor guessing a draft's id.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc

T0=$(date +%s)
wf_stack_prepare "$TMP/stack" && wf_user_add editor2 && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" && wf_conf approvals_required 2 &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
WF_APPROVER2=approver2
for u in editor editor2 approver approver2 admin; do
	wf_login "$u"
	ok $? "$u signs in"
done

snap() { data_sum >"$TMP/snap.before"; }
unchanged() {
	data_sum >"$TMP/snap.after"
	cmp -s "$TMP/snap.before" "$TMP/snap.after"
	_rc=$?
	ok $_rc "$1: data directory unchanged"
	[ $_rc -eq 0 ] || diff "$TMP/snap.before" "$TMP/snap.after" | head -6 |
	    sed 's/^/#   /'
}
# page_rev: the revision the last page's action forms carry.
page_rev() { hidden rev; }

NOT_ALLOWED="you may not do this to this release"
STATE_MSG="someone changed this release&#39;s state"
STALE_MSG="the text changed after you opened this page"
MINE_MSG="you have already approved this revision"
COMMENT_MSG="please say why, in the comment"
TIME_MSG="enter the publication time as a date and time (UTC)"
CSRF_MSG="did not come from this site"
NOTFOUND_MSG="There is no such page or release."

as editor
wf_make review
ok $? "editor's release in review"
R=$NEWID
wf_make draft
ok $? "editor's draft"
D=$NEWID

# --- An editor approving (own release): not an approver.
snap
as editor
wf_act "$R" approve
is "$CODE" 403 "editor posts approve: 403"
like "$(body)" "$NOT_ALLOWED" "editor posts approve: says not allowed"
for a in request-changes reject publish; do
	wf_act "$R" "$a" "Je m’approuve."
	is "$CODE" 403 "editor posts $a on own release: 403"
done
unchanged "editor approving"

# --- An approver approving their own release: four eyes.
as approver
wf_new "Communiqué écrit par l’approbateur"
ok $? "approver writes a release"
A=$NEWID
wf_act "$A" submit
is "$CODE" 303 "approver submits own release: 303"
is "$(wf_state "$A")" review "approver's release is in review"
snap
sget "/review/release/$A"
is "$(wf_buttons)" "recall" "approver's own release: only 'recall' offered"
wf_act "$A" approve
is "$CODE" 403 "approver approves own release: 403"
like "$(body)" "$NOT_ALLOWED" "approver approves own release: says not allowed"
wf_act "$A" request-changes "Revoir."
is "$CODE" 403 "approver requests changes on own release: 403"
wf_act "$A" reject "Non."
is "$CODE" 403 "approver rejects own release: 403"
as admin
sget "/review/release/$A"
like "$(wf_buttons)" "approve" "admin is offered 'approve' on approver's release"
unchanged "self-approval"
as approver2
wf_act "$A" approve
is "$CODE" 303 "another approver approves it: 303"
is "$(wf_field "$A" Approvals | sed 's/:[0-9]*//g')" approver2 "approvals: approver2 only"

# --- Transitions from the wrong state.
snap
as approver
wf_act "$D" publish
is "$CODE" 409 "approver publishes a draft: 409"
like "$(body)" "$STATE_MSG" "publish a draft: says the state is not right"
like "$(body)" 'state-draft' "publish a draft: the page shows the state (draft)"
wf_act "$D" approve
is "$CODE" 409 "approver approves a draft: 409"
wf_act "$D" withdraw "Retrait."
is "$CODE" 409 "approver withdraws a draft never published: 409"
wf_act "$D" restore
is "$CODE" 409 "approver restores a draft: 409"
as editor
wf_act "$D" recall
is "$CODE" 409 "editor recalls a draft: 409"
wf_act "$R" submit
is "$CODE" 409 "editor submits a release already in review: 409"
unchanged "wrong state"

# --- An approval of a revision that changed after the page was loaded.
as approver
sget "/review/release/$R"
old=$(page_rev)
is "$old" 1 "approver's page shows revision 1"
as editor
wf_act "$R" recall
is "$CODE" 303 "editor takes the release back"
wf_edit "$R" "Titre corrigé après coup" "Corps corrigé après coup."
is "$CODE" 303 "editor edits it (revision 2)"
wf_act "$R" submit
is "$CODE" 303 "editor submits it again"
is "$(wf_state "$R"):$(wf_rev "$R")" review:2 "release in review at revision 2"
snap
as approver
wf_act "$R" approve "" "" "$old"
is "$CODE" 409 "approve with the old revision: 409"
like "$(body)" "$STALE_MSG" "approve with the old revision: says the text changed"
like "$(body)" "revision 2" "stale approve: the page shows the current revision"
like "$(body)" "Titre corrigé après coup" "stale approve: the page shows the current text"
wf_act "$R" request-changes "Trop long." "" "$old"
is "$CODE" 409 "request-changes with the old revision: 409"
like "$(body)" "$STALE_MSG" "stale request-changes: says the text changed"
like "$(body)" "Trop long." "stale request-changes: the comment is kept"
unchanged "stale revision"
is "$(wf_field "$R" Approvals)" "" "no approval recorded for the old revision"

# --- A replayed approval (approvals_required = 2).
as approver
sget "/review/release/$R"
cur=$(page_rev)
wf_act "$R" approve "" "" "$cur"
is "$CODE" 303 "approver approves revision $cur: 303"
is "$(wf_state "$R")" review "one approval of two: still in review"
snap
wf_act "$R" approve "" "" "$cur"
is "$CODE" 409 "the same approval replayed: 409"
like "$(body)" "$MINE_MSG" "replayed approval: says already approved this revision"
like "$(body)" "you approved this revision" "replayed approval: the page says so too"
unchanged "replayed approval"
is "$(wf_field "$R" Approvals | sed 's/:[0-9]*//g')" approver "approvals: approver once"
as approver2
wf_act "$R" approve "" "" "$cur"
is "$CODE" 303 "a second approver approves: 303"
is "$(wf_state "$R")" approved "two approvals: approved"
snap
as approver
wf_act "$R" approve "" "" "$cur"
is "$CODE" 409 "approver's approval replayed once approved: 409"
as approver2
wf_act "$R" approve "" "" "$cur"
is "$CODE" 409 "approver2's approval replayed once approved: 409"
like "$(body)" "Approved by: approver, approver2" "replay after approval: names the approvers"
unchanged "replays after approval"

# --- Comments that are missing or only white space.
wf_make review
ok $? "another release in review"
C=$NEWID
snap
as approver
for a in request-changes reject; do
	for c in "" "   " "$(printf ' \t\n \n')"; do
		wf_act "$C" "$a" "$c"
		is "$CODE" 422 "$a with comment '$(printf '%s' "$c" | od -An -c | tr -s ' ')': 422"
		like "$(body)" "$COMMENT_MSG" "$a without a real comment: says a comment is needed"
	done
	like "$(body)" 'name="comment"' "$a without a comment: the comment form is there again"
done
unchanged "missing comments"

# Withdraw needs one too; and a publication time must be a time.
as approver
wf_act "$R" publish "" "$(date -u -d '+1 day' +%Y-%m-%dT%H:%M)"
is "$CODE" 303 "approver schedules the approved release"
snap
for t in 2026-13-45T25:61 tomorrow "2026-11-26 10:00" 2026-11-26T10:00:0x \
    "2026-11-26T10:00<script>"; do
	wf_make approved >/dev/null 2>&1 || true
	as approver
	wf_act "$NEWID" publish "" "$t"
	is "$CODE" 422 "publish at '$t': 422"
	like "$(body)" "$TIME_MSG" "publish at '$t': says how to write the time"
	is "$(wf_state "$NEWID")" approved "publish at '$t': still approved"
done
snap
for c in "" "  "; do
	wf_act "$R" withdraw "$c"
	is "$CODE" 422 "withdraw with comment '$c': 422"
	like "$(body)" "$COMMENT_MSG" "withdraw without a reason: says a comment is needed"
done
unchanged "withdraw without a reason"

# --- An editor editing a release in review.
as editor
sget "/staff/edit/$C"
is "$CODE" 409 "editor opens the edit form of a release in review: 409"
like "$(body)" "not possible in the release&#39;s current state" "edit in review (GET): says why"
snap
wf_edit "$C" "Modifié pendant la relecture" "" 1
is "$CODE" 409 "editor saves a release in review: 409"
like "$(body)" "not possible in the release&#39;s current state" "edit in review (POST): says why"
wf_edit "$C" "Modifié pendant la relecture" "" 1 submit
is "$CODE" 409 "editor saves-and-submits a release in review: 409"
unchanged "edit in review"

# --- CSRF.
as approver
req POST "/review/act/$C" -H "Cookie: pr_session=$SID" \
    --data-urlencode "action=request-changes" --data-urlencode "rev=1" \
    --data-urlencode "comment=Sans jeton"
is "$CODE" 403 "transition without csrf: 403"
like "$(body)" "$CSRF_MSG" "transition without csrf: says why"
req POST "/review/act/$C" -H "Cookie: pr_session=$SID" \
    --data-urlencode "csrf=$WF_CSRF_approver2" \
    --data-urlencode "action=request-changes" --data-urlencode "rev=1" \
    --data-urlencode "comment=Jeton d’un autre"
is "$CODE" 403 "transition with another session's csrf: 403"
like "$(body)" "$CSRF_MSG" "foreign csrf: says why"
req POST "/review/act/$C" -H "Cookie: pr_session=$SID" \
    --data-urlencode "csrf=" --data-urlencode "action=request-changes" \
    --data-urlencode "rev=1" --data-urlencode "comment=Jeton vide"
is "$CODE" 403 "transition with an empty csrf: 403"
req GET "/review/act/$C?csrf=$CSRF&action=request-changes&rev=1&comment=GET" \
    -H "Cookie: pr_session=$SID"
is "$CODE" 405 "a transition by GET: 405"
unchanged "csrf"

# --- Actions that do not exist or are not transitions.
for a in explode view edit delete APPROVE "" "approve " "approve;reject" \
    "$(printf 'approve\nreject')"; do
	wf_act "$C" "$a" "Commentaire."
	is "$CODE" 400 "action '$(printf '%s' "$a" | tr '\n' '|')': 400"
	grep -q -e "The request is malformed." -e "A value in the request is not valid." "$TMP/b"
	ok $? "action '$(printf '%s' "$a" | tr '\n' '|')': says the request is malformed or not valid"
done
unchanged "bad actions"

# --- Revisions that are not revision numbers (pressroom-submit refuses the
# same values for its rev field).
for r in abc "" 1x 1.0 0x1 " 1" +1 -1 18446744073709551616; do
	spost "/review/act/$C" --data-urlencode "action=request-changes" \
	    --data-urlencode "rev=$r" --data-urlencode "comment=Commentaire." \
	    --data-urlencode "publish_at="
	is "$CODE" 400 "rev '$r': 400"
done
unchanged "bad revisions"

# --- Another editor guessing a draft's id learns nothing.
snap
NONE=20261126-00000000
[ ! -d "$STACK/data/releases/$NONE" ]
ok $? "no release $NONE"
as editor2
for p in "/review/release/$D" "/staff/edit/$D" "/staff/preview/$D" \
    "/staff/delete/$D" "/review/release/$C" "/staff/preview/$C"; do
	sget "$p"
	is "$CODE" 404 "editor2 GET $p: 404"
	like "$(body)" "$NOTFOUND_MSG" "editor2 GET $p: 'no such page or release'"
	unlike "$(body)" "Communiqué" "editor2 GET $p: no title leaks"
	nb=$(sed 's/request [0-9a-f]*//' "$TMP/b")
	sget "$(printf '%s' "$p" | sed "s/[0-9]\{8\}-[0-9a-f]\{8\}/$NONE/")"
	is "$(sed 's/request [0-9a-f]*//' "$TMP/b")" "$nb" \
	    "editor2 GET $p: same page as for an id that does not exist"
done
for a in approve submit recall request-changes; do
	wf_act "$D" "$a" "Commentaire." "" 1
	is "$CODE" 404 "editor2 POST /review/act/<draft> ($a): 404"
done
wf_edit "$D" "Volé" "" 1
is "$CODE" 404 "editor2 POST /staff/edit/<draft>: 404"
wf_delete_post "$D"
is "$CODE" 404 "editor2 POST /staff/delete/<draft>: 404"
unchanged "guessed ids"

wf_check
workers_alive
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
