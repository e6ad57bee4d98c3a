#!/bin/sh
# t0830: an embargo ends by itself, without any job.  A release published
# for a time T a few seconds ahead is not public before T (404, absent from the
# home page, "scheduled" for staff) and public from T on (200, listed),
# within a second, while nothing but the readers' requests runs: no process
# is started or replaced and no stored file changes while waiting.  Then:
# withdrawing takes it offline at once, restoring puts it back; and a
# correction (editing the published release) leaves the published text
# online until the correction is approved and published, after which the
# public page shows the new text and "Updated on".
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc

T0=$(date +%s)
wf_stack_prepare "$TMP/stack" && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
for u in editor approver approver2; do
	wf_login "$u"
	ok $? "$u signs in"
done

now_ms() { date +%s%3N; }
# public ID: "CODE listed|absent" for the release page and the home page.
public() {
	req GET "/release/$1"
	_c=$CODE
	req GET /
	if grep -q "data-release=\"$1\"" "$TMP/b"; then
		echo "$_c listed"
	else
		echo "$_c absent"
	fi
}
# stack_procs: every process of the stack (supervisors, workers, nginx).
stack_procs() {
	for f in "$STACK"/run/*.pid "$STACK/run/nginx.master"; do
		p=$(cat "$f")
		echo "$p"
		ps -o pid= --ppid "$p" | tr -d ' '
	done | LC_ALL=C sort
}

OLD_TITLE="Embargo : la commune de Liège inaugure un pont"
OLD_BODY="Le pont sera ouvert le lundi à 8 heures."
NEW_TITLE="Embargo : la commune de Liège inaugure deux ponts"
NEW_BODY="Les ponts seront ouverts le mardi à 9 heures."

as editor
wf_new "$OLD_TITLE" "$OLD_BODY"
ok $? "editor writes a release"
ID=$NEWID
wf_act "$ID" submit
is "$CODE" 303 "editor submits it"
as approver
wf_act "$ID" approve
is "$CODE" 303 "approver approves it"

# --- Publish at a second 6 s ahead (the form takes seconds, too).
now=$(date +%s)
T=$((now + 6))
AT=$(date -u -d "@$T" +%Y-%m-%dT%H:%M:%S)
wf_act "$ID" publish "" "$AT"
is "$CODE" 303 "approver publishes it for $AT UTC ($((T - $(date +%s))) s from now)"
is "$(wf_state "$ID")" published "stored state: published"
is "$(wf_field "$ID" Publish-At)" "$T" "stored Publish-At: $T"
is "$(public "$ID")" "404 absent" "before $AT: 404, not on the home page"
sget "/review/release/$ID"
like "$(body)" 'class="state state-scheduled">scheduled<' "before $AT: the review page says scheduled"
unlike "$(body)" 'state-online' "before $AT: the review page does not say online"
sget /review/
like "$(body)" "$ID" "before $AT: the release is in approver's queue (scheduled)"
as editor
sget /staff/
like "$(body)" "scheduled" "before $AT: editor's list says scheduled"

# --- Wait for T, touching nothing: only readers' requests.
stack_procs >"$TMP/procs.before"
data_sum >"$TMP/data.before"
diag "waiting for $AT UTC; no job, no timer, no request but GETs"
early=0 late=0 polls=0 first=
i=0
while [ $i -lt 200 ]; do
	t0=$(now_ms)
	[ "$t0" -lt $(( (T + 2) * 1000 )) ] || break
	got=$(public "$ID")
	t1=$(now_ms)
	polls=$((polls + 1))
	if [ "$t1" -lt $((T * 1000)) ]; then
		# Answered entirely before T: must still be hidden.
		[ "$got" = "404 absent" ] || { early=$((early + 1)); diag "at $((t1 - T * 1000)) ms: $got"; }
	elif [ "$t0" -ge $((T * 1000)) ]; then
		# Asked entirely at or after T: must be public.
		if [ "$got" = "200 listed" ]; then
			[ -n "$first" ] || first=$((t0 - T * 1000))
		else
			late=$((late + 1))
			diag "at +$((t0 - T * 1000)) ms: $got"
		fi
	fi
	sleep 0.5
	i=$((i + 1))
done
diag "$polls polls; first seen public at +${first:-never} ms after $AT"
is "$early" 0 "never public before $AT"
is "$late" 0 "always public from $AT on"
ok $([ -n "$first" ] && [ "$first" -le 1000 ]; echo $?) \
    "public within one second of $AT (+${first:-never} ms)"
is "$(public "$ID")" "200 listed" "after $AT: 200 and listed"
stack_procs >"$TMP/procs.after"
cmp -s "$TMP/procs.before" "$TMP/procs.after"
ok $? "no process started, stopped or replaced while waiting (no job ran)"
data_sum >"$TMP/data.after"
cmp -s "$TMP/data.before" "$TMP/data.after"
ok $? "no stored file changed while waiting: the readers decide, nothing is written"
as approver
sget "/review/release/$ID"
like "$(body)" 'class="state state-published">published<' "after $AT: the review page says published"
like "$(body)" 'state-online' "after $AT: and online"
req GET "/release/$ID"
like "$(body)" "$OLD_BODY" "the public page shows the text"

# --- Withdraw and restore: at once.
wf_act "$ID" withdraw "Chiffres erronés."
is "$CODE" 303 "approver withdraws it"
is "$(public "$ID")" "404 absent" "withdrawn: 404 at once, off the home page"
wf_act "$ID" restore
is "$CODE" 303 "approver restores it"
is "$(public "$ID")" "200 listed" "restored: 200 at once, listed"

# --- A correction: the published text stays online until it is published.
as editor
sget "/staff/edit/$ID"
is "$CODE" 200 "editor opens the published release for a correction"
like "$(body)" "This release is published. Your changes make a correction" \
    "the edit page says a correction is being made"
like "$(body)" "the published text stays online" \
    "the edit page says the published text stays online"
wf_edit "$ID" "$NEW_TITLE" "$NEW_BODY"
is "$CODE" 303 "editor saves the correction"
is "$(wf_state "$ID")" draft "the correction is a draft"
is "$(public "$ID")" "200 listed" "during the correction: still public"
req GET "/release/$ID"
like "$(body)" "$OLD_TITLE" "during the correction: the public page has the old title"
like "$(body)" "$OLD_BODY" "during the correction: the public page has the old text"
unlike "$(body)" "$NEW_BODY" "during the correction: not the new text"
unlike "$(body)" "Updated on" "during the correction: no 'Updated on'"
req GET /
unlike "$(body)" "deux ponts" "during the correction: the home page has the old title"
as editor
wf_act "$ID" submit
is "$CODE" 303 "editor submits the correction"
as approver2
sget "/review/release/$ID"
like "$(body)" "the one online" "the reviewer compares with the revision online"
wf_act "$ID" approve
is "$CODE" 303 "approver2 approves the correction"
is "$(wf_state "$ID")" approved "the correction is approved"
req GET "/release/$ID"
like "$(body)" "$OLD_BODY" "approved but not published: still the old text"
as approver
wf_act "$ID" publish
is "$CODE" 303 "approver publishes the correction"
req GET "/release/$ID"
is "$CODE" 200 "published correction: 200"
like "$(body)" "$NEW_TITLE" "published correction: the new title"
like "$(body)" "$NEW_BODY" "published correction: the new text"
unlike "$(body)" "$OLD_BODY" "published correction: not the old text"
like "$(body)" "Updated on $(date -u '+%-d %B %Y'), " "published correction: 'Updated on' today"
req GET /
like "$(body)" "deux ponts" "published correction: the home page has the new title"
is "$(wf_field "$ID" Published-At)" "$T" "the first publication time is kept ($AT)"

wf_check
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
