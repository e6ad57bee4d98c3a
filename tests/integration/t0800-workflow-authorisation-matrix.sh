#!/bin/sh
# t0800: the workflow's authorisation matrix through nginx.  For every state
# a release can be in (reached by real transitions on releases created with
# POST /staff/new by "editor"), every action (the eight transitions, edit,
# delete, view) and every kind of user (anonymous, the author, another
# editor, an approver, an admin), the HTTP outcome is the policy's:
#
#   - the author (an editor) writes and submits, recalls, deletes drafts;
#   - approvers review, publish, withdraw and restore other people's
#     releases, and may not write them;
#   - admins may do everything, but four eyes still apply (not relevant
#     here: every release is editor's);
#   - editors see only their own releases: another editor gets 404, as for
#     a release that does not exist;
#   - anonymous users are sent to sign in (303) on GET, refused (401/403)
#     on POST;
#   - not allowed at all: 403; allowed, but not from this state: 409.
#
# The table below is written from those rules, not from workflow.c.  A
# refused attempt must leave the release's files byte-identical; an allowed
# one (on a fresh release in that state) must reach the right state.  The
# review page must offer exactly the allowed buttons.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc

T0=$(date +%s)
wf_stack_prepare "$TMP/stack" && wf_user_add editor2 && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
for u in editor editor2 approver admin; do
	wf_login "$u"
	ok $? "$u signs in"
done

STATES="draft review changes approved published withdrawn rejected"
ACTIONS="submit recall approve request-changes reject publish withdraw restore edit delete view"
ROLES="anon editor editor2 approver admin"

# --- The expected policy, from the rules above.

# role_may ROLE ACTION: may this user ever do ACTION to editor's release?
role_may() {
	case $2 in
	view) [ "$1" = editor ] || [ "$1" = approver ] || [ "$1" = admin ] ;;
	submit|recall|edit|delete) [ "$1" = editor ] || [ "$1" = admin ] ;;
	approve|request-changes|reject|publish|withdraw|restore)
		[ "$1" = approver ] || [ "$1" = admin ] ;;
	*) return 1 ;;
	esac
}

# state_may ACTION STATE: may ACTION start from STATE?
state_may() {
	case "$1:$2" in
	view:*) return 0 ;;
	submit:draft|submit:changes) return 0 ;;
	recall:review|approve:review|request-changes:review|reject:review) return 0 ;;
	publish:approved|withdraw:published|restore:withdrawn) return 0 ;;
	edit:draft|edit:changes|edit:approved|edit:published) return 0 ;;
	delete:draft) return 0 ;;
	esac
	return 1
}

# verdict ROLE STATE ACTION: anon, 404, 403, 409 or allow.
verdict() {
	if [ "$1" = anon ]; then
		echo anon
	elif [ "$1" = editor2 ]; then
		echo 404
	elif ! role_may "$1" "$3"; then
		echo 403
	elif ! state_may "$3" "$2"; then
		echo 409
	else
		echo allow
	fi
}

# The state a transition leads to (approvals_required is 1).
target() {
	case "$1:$2" in
	submit:*) echo review ;;
	recall:*) echo draft ;;
	approve:*) echo approved ;;
	request-changes:*) echo changes ;;
	reject:*) echo rejected ;;
	publish:*|restore:*) echo published ;;
	withdraw:*) echo withdrawn ;;
	edit:approved) echo review ;;
	edit:published) echo draft ;;
	edit:*) echo "$2" ;;
	esac
}

# A comment for every action that needs one, so that only the policy can
# refuse.
comment_for() {
	case $1 in
	request-changes|reject|withdraw) echo "Motif : vérification n° $2." ;;
	*) echo "" ;;
	esac
}

# pub ID: the public page's status.
pub() {
	req GET "/release/$1"
	echo "$CODE"
}

# post_code: the last status, with 401 and 403 counted alike for anonymous
# POSTs (either says "sign in first").
anon_post() {
	case $CODE in
	401|403) echo 401 ;;
	*) echo "$CODE" ;;
	esac
}

# --- One release per state, for every refused attempt (nothing changes).
for s in $STATES; do
	wf_make "$s"
	ok $? "a release reached state $s by real transitions ($NEWID)"
	eval "BASE_$s=\$NEWID"
done
base() { eval "echo \$BASE_$1"; }

N=0
# attempt ROLE STATE ACTION ID: perform it, print the outcome.
attempt() {
	local role=$1 state=$2 act=$3 id=$4 g p
	as "$role"
	N=$((N + 1))
	case $act in
	view)
		sget "/review/release/$id"
		g=$CODE
		[ "$CODE" != 303 ] || g="303$(hdr Location)"
		sget "/staff/preview/$id"
		p=$CODE
		[ "$CODE" != 303 ] || p="303$(hdr Location)"
		echo "review $g preview $p"
		;;
	edit)
		sget "/staff/edit/$id"
		g=$CODE
		[ "$CODE" != 303 ] || g="303$(hdr Location)"
		wf_edit "$id" "Réécrit par $role ($N)" "Nouveau corps $N."
		[ "$role" = anon ] && p=$(anon_post) || p=$CODE
		echo "GET $g POST $p"
		;;
	delete)
		sget "/staff/delete/$id"
		g=$CODE
		[ "$CODE" != 303 ] || g="303$(hdr Location)"
		wf_delete_post "$id"
		[ "$role" = anon ] && p=$(anon_post) || p=$CODE
		echo "GET $g POST $p"
		;;
	*)
		wf_act "$id" "$act" "$(comment_for "$act" "$N")"
		[ "$role" = anon ] && p=$(anon_post) || p=$CODE
		echo "POST $p"
		;;
	esac
}

# want_refused VERDICT ACTION: the outcome a refusal should have.
want_refused() {
	local g p
	case $1 in
	anon) g=303/auth/login p=401 ;;
	*) g=$1 p=$1 ;;
	esac
	case $2 in
	view) echo "review $g preview $g" ;;
	edit|delete) echo "GET $g POST $p" ;;
	*) echo "POST $p" ;;
	esac
}

refused=0 allowed=0
for s in $STATES; do
	id=$(base "$s")
	for role in $ROLES; do
		for act in $ACTIONS; do
			v=$(verdict "$role" "$s" "$act")
			if [ "$v" = allow ] && [ "$act" = view ]; then
				attempt "$role" "$s" "$act" "$id" >"$TMP/got"
				got=$(cat "$TMP/got")
				is "$got" "review 200 preview 200" "$role / $s / $act: allowed (200)"
				continue
			fi
			[ "$v" != allow ] || continue	# below, on a fresh release
			before=$(wf_sum "$id")
			attempt "$role" "$s" "$act" "$id" >"$TMP/got"
			got=$(cat "$TMP/got")
			after=$(wf_sum "$id")
			[ "$before" = "$after" ] && got="$got, unchanged" ||
			    got="$got, CHANGED"
			refused=$((refused + 1))
			is "$got" "$(want_refused "$v" "$act"), unchanged" \
			    "$role / $s / $act: refused ($v), files unchanged"
		done
	done
done

# --- Every allowed change, each on a fresh release in that state.
for s in $STATES; do
	for role in editor approver admin; do
		for act in $ACTIONS; do
			[ "$act" != view ] || continue
			[ "$(verdict "$role" "$s" "$act")" = allow ] || continue
			allowed=$((allowed + 1))
			if ! wf_make "$s"; then
				ok 1 "$role / $s / $act: a fresh release in state $s"
				continue
			fi
			id=$NEWID
			rev0=$(wf_rev "$id")
			as "$role"
			case $act in
			edit)
				sget "/staff/edit/$id"
				g=$CODE
				wf_edit "$id" "Corrigé par $role" "Texte corrigé par $role."
				got="GET $g POST $CODE $(hdr Location | sed 's/[0-9a-f-]\{17\}/ID/') $(wf_state "$id") rev+$(( $(wf_rev "$id") - rev0 ))"
				want="GET 200 POST 303 /staff/edit/ID?m=saved $(target edit "$s") rev+1"
				if [ "$s" = published ]; then
					got="$got public=$(pub "$id")"
					want="$want public=200"
				fi
				if [ "$s" = approved ]; then
					got="$got approvals=[$(wf_field "$id" Approvals)]"
					want="$want approvals=[]"
				fi
				;;
			delete)
				sget "/staff/delete/$id"
				g=$CODE
				wf_delete_post "$id"
				p="$CODE $(hdr Location)"
				as editor
				sget "/review/release/$id"
				got="GET $g POST $p; then review $CODE; dir $( [ -d "$STACK/data/releases/$id" ] && echo kept || echo gone)"
				want="GET 200 POST 303 /staff/?m=deleted; then review 404; dir gone"
				;;
			*)
				wf_act "$id" "$act" "$(comment_for "$act" x)"
				got="POST $CODE $(hdr Location | sed 's/[0-9a-f-]\{17\}/ID/') $(wf_state "$id")"
				want="POST 303 /review/release/ID?m=$act $(target "$act" "$s")"
				case $act in
				publish|restore|withdraw)
					got="$got public=$(pub "$id")"
					[ "$act" = withdraw ] && want="$want public=404" ||
					    want="$want public=200"
					;;
				esac
				;;
			esac
			is "$got" "$want" "$role / $s / $act: allowed, done"
		done
	done
done
diag "$refused refused and $allowed allowed attempts"

# --- The review page offers exactly the allowed buttons (and Edit link).
for s in $STATES; do
	id=$(base "$s")
	for role in editor approver admin; do
		want=
		for act in submit recall approve request-changes reject publish withdraw restore; do
			[ "$(verdict "$role" "$s" "$act")" = allow ] && want="$want $act"
		done
		want=$(printf '%s\n' $want | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
		[ "$(verdict "$role" "$s" edit)" = allow ] && want="[$want] edit-link" ||
		    want="[$want] no-edit-link"
		as "$role"
		sget "/review/release/$id"
		got="[$(wf_buttons)]"
		grep -q "href=\"/staff/edit/$id\"" "$TMP/b" && got="$got edit-link" ||
		    got="$got no-edit-link"
		is "$got" "$want" "$role / $s: review page offers exactly the allowed buttons"
	done
done

# The staff list: editors see only their own releases.
as editor2
sget /staff/
unlike "$(body)" "$(base draft)" "editor2's list does not show editor's releases"
as editor
sget /staff/
like "$(body)" "$(base draft)" "editor's list shows editor's draft"

wf_check
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
