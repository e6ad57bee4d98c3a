#!/bin/sh
# t0820: approvals racing each other through nginx, with several workers of
# pressroom-review answering at once.  With approvals_required = 1 and two
# approvers pressing "Approve" at the same moment, exactly one approval
# counts (303) and the other is refused (409) with a page naming the
# approver who won; the history has one review -> approved line.  With
# approvals_required = 2 (a second stack), both approvals count and the
# release is approved by both; with three at once, two count and the third
# is told who approved.  `pressroom-admin check` stays clean.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc

ROUNDS=${ROUNDS:-20}
STACK_WORKERS=3
export STACK_WORKERS
T0=$(date +%s)

# race ID USER...: every USER posts "approve" for ID's current revision at
# the same moment: each client waits on a FIFO that is opened and closed
# once all of them are waiting.  RACE_<user> gets the status; the body is in
# $TMP/race.<user>.
race() {
	local id=$1 rev u i n=0
	shift
	rev=$(wf_rev "$id")
	rm -f "$TMP/go" "$TMP"/race.* "$TMP"/ready.*
	mkfifo "$TMP/go" || return 1
	for u in "$@"; do
		eval "sid=\$WF_SID_$u csrf=\$WF_CSRF_$u"
		(
			: >"$TMP/ready.$u"
			timeout 10 sh -c 'read _ <"$0"' "$TMP/go"
			curl -s --max-time 15 -o "$TMP/race.$u" -w '%{http_code}' \
			    -H "Cookie: pr_session=$sid" \
			    --data-urlencode "csrf=$csrf" \
			    --data-urlencode "action=approve" \
			    --data-urlencode "rev=$rev" \
			    --data-urlencode "comment=" \
			    --data-urlencode "publish_at=" \
			    "$URL/review/act/$id" >"$TMP/race.$u.code" 2>/dev/null
		) &
		eval "RACE_PID_$u=\$!"
		n=$((n + 1))
	done
	# Wait (at most 2 s) until every client is about to block on the FIFO.
	i=0
	while [ $i -lt 40 ]; do
		[ "$(ls "$TMP" | grep -c '^ready\.')" -ge "$n" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	sleep 0.05
	: >"$TMP/go"
	for u in "$@"; do
		eval "wait \$RACE_PID_$u"
		eval "RACE_$u=\$(cat \"\$TMP/race.\$u.code\" 2>/dev/null)"
	done
	rm -f "$TMP/go"
}

# fresh: a release by editor, submitted; ID in NEWID.
fresh() {
	as editor
	wf_new "Course n° $1 : deux approbateurs, une seule décision" || return 1
	wf_act "$NEWID" submit
	[ "$CODE" = 303 ]
}

# names ID: the approvers in the stored Approvals, sorted, space separated.
names() {
	wf_field "$1" Approvals | tr ' ' '\n' | sed 's/:.*//' | grep . |
	    LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# ---------------------------------------------------------------------
# One approval needed: exactly one of two wins.
wf_stack_prepare "$TMP/stack" && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" && wf_conf approvals_required 1 &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
for u in editor approver approver2; do
	wf_login "$u"
	ok $? "$u signs in"
done

wins_a=0 wins_b=0
r=1
while [ $r -le "$ROUNDS" ]; do
	if ! fresh "$r"; then
		ok 1 "round $r: a fresh release in review"
		r=$((r + 1))
		continue
	fi
	id=$NEWID
	race "$id" approver approver2
	codes=$(printf '%s\n%s\n' "$RACE_approver" "$RACE_approver2" | sort | tr '\n' ' ')
	if [ "$RACE_approver" = 303 ]; then
		winner=approver loser=approver2 wins_a=$((wins_a + 1))
	else
		winner=approver2 loser=approver wins_b=$((wins_b + 1))
	fi
	is "$codes" "303 409 " "round $r: one approval 303, the other 409"
	grep -q "Approved by: $winner</p>" "$TMP/race.$loser" 2>/dev/null
	ok $? "round $r: the refused approver ($loser) is told 'Approved by: $winner'"
	is "$(wf_state "$id")" approved "round $r: approved"
	is "$(names "$id")" "$winner" "round $r: Approvals holds the winner only"
	is "$(wf_hist "$id" review approved):$(wf_hist "$id" review review)" 1:0 \
	    "round $r: history has exactly one review -> approved line"
	r=$((r + 1))
done
diag "approver won $wins_a rounds, approver2 won $wins_b"
wf_check "approvals_required = 1"
logs_clean
stack_stop "$STACK"

# ---------------------------------------------------------------------
# Two approvals needed: both count; of three at once, two count.
wf_stack_prepare "$TMP/stack2" && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" && wf_conf approvals_required 2 &&
    wf_stack_start || { ok 1 "the second stack starts"; done_testing; exit 1; }
for u in editor approver approver2 admin; do
	wf_login "$u"
	ok $? "$u signs in (approvals_required = 2)"
done

r=1
while [ $r -le $((ROUNDS / 2)) ]; do
	if ! fresh "b$r"; then
		ok 1 "round b$r: a fresh release in review"
		r=$((r + 1))
		continue
	fi
	id=$NEWID
	race "$id" approver approver2
	is "$RACE_approver $RACE_approver2" "303 303" "round b$r: both approvals 303"
	is "$(wf_state "$id")" approved "round b$r: approved"
	is "$(names "$id")" "approver approver2" "round b$r: Approvals holds both approvers"
	is "$(wf_hist "$id" review review):$(wf_hist "$id" review approved)" 1:1 \
	    "round b$r: history: review -> review, then review -> approved"
	as editor
	sget "/review/release/$id"
	like "$(body)" "2 of 2" "round b$r: the review page says 2 of 2"
	r=$((r + 1))
done

r=1
while [ $r -le 5 ]; do
	if ! fresh "c$r"; then
		ok 1 "round c$r: a fresh release in review"
		r=$((r + 1))
		continue
	fi
	id=$NEWID
	race "$id" approver approver2 admin
	codes=$(printf '%s\n' "$RACE_approver" "$RACE_approver2" "$RACE_admin" | sort | tr '\n' ' ')
	is "$codes" "303 303 409 " "round c$r: three at once: two 303, one 409"
	loser= won=
	for u in approver approver2 admin; do
		eval "c=\$RACE_$u"
		[ "$c" = 409 ] && loser=$u || won="$won $u"
	done
	won=$(printf '%s\n' $won | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
	is "$(names "$id")" "$won" "round c$r: Approvals holds the two winners"
	is "$(wf_state "$id")" approved "round c$r: approved"
	if [ -n "$loser" ]; then
		list=$(sed -n 's/.*Approved by: \([^<]*\)<\/p>.*/\1/p' "$TMP/race.$loser" |
		    tr -d ' ' | tr ',' '\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
		is "$list" "$won" "round c$r: the third ($loser) is told who approved"
	else
		ok 1 "round c$r: the third is told who approved (no 409 at all)"
	fi
	is "$(wf_hist "$id" review approved)" 1 "round c$r: one review -> approved line"
	r=$((r + 1))
done
wf_check "approvals_required = 2"
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
