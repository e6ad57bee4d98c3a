#!/bin/sh
# t1530: the archive's index (data/index/public) is a cache.  Deleted,
# truncated or overwritten in its middle, it is rebuilt by the next public
# request, which answers 200 with the right list, and `index check` then
# says it is up to date; `check` reports it damaged before that.  Many
# readers at once on a missing index get 200 (or a short 503), never an
# error.  A release file edited by hand with a pending mark (left as a
# writer that died would leave it) is taken by the next reader.  `index
# rebuild` prints its count.  Two approvers publishing two releases at the
# same moment leave the index listing both.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
. tests/lib/archive.sh
T0=$(date +%s)
STACK_WORKERS=3
export STACK_WORKERS

wf_stack_prepare "$TMP/stack" && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" &&
    wf_admin generate 30 conf/demo/ccre-nalas-2026-fr.txt >/dev/null &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
IX=$STACK/data/index/public

req GET /
ar_ids >"$TMP/ids.ref"
is "$(ar_total)" 30 "30 releases listed at the start"
REL=$(ar_entries | head -1 | cut -f5)

# after WHAT: the next request rebuilds; the same list; index check clean.
after() {
	req GET /
	is "$CODE" 200 "$1: the next request answers 200"
	ar_ids >"$TMP/ids"
	cmp -s "$TMP/ids" "$TMP/ids.ref" && [ "$(ar_total)" = 30 ]
	ok $? "$1: ... with the same 30 releases, in the same order"
	[ -s "$IX" ]
	ok $? "$1: the index file is there again"
	wf_admin index check >"$TMP/ic" 2>&1
	ok $? "$1: index check says up to date"
	[ $? -eq 0 ] || sed 's/^/#   /' "$TMP/ic"
}
# damaged WHAT: check and index check say so, before any request.
damaged() {
	wf_admin check >"$TMP/ck" 2>&1
	rc=$?
	ok $([ $rc = 1 ] && grep -q "index/public: damaged" "$TMP/ck"; echo $?) \
	    "$1: pressroom-admin check reports the index damaged (exit $rc)"
	[ $rc = 1 ] || sed 's/^/#   /' "$TMP/ck" | head -3
	wf_admin index check >"$TMP/ic" 2>&1
	ok $([ $? = 1 ] && grep -q "damaged" "$TMP/ic"; echo $?) "$1: index check says damaged"
}

# --- Deleted.
rm -f "$IX"
wf_admin index check >"$TMP/ic" 2>&1
ok $([ $? = 1 ] && grep -q missing "$TMP/ic"; echo $?) "deleted: index check says missing"
after "deleted"
rm -f "$IX"
req GET "$REL"
is "$CODE" 200 "deleted: a release page answers 200"
rm -f "$IX"
req GET /feed.atom
is "$CODE" 200 "deleted: the feed answers 200"
xmllint --noout "$TMP/b" 2>/dev/null
ok $? "deleted: ... well-formed"

# --- Truncated, overwritten, emptied, replaced by noise.
size=$(wc -c <"$IX" | tr -d ' ')
truncate -s $((size / 2)) "$IX"
damaged "truncated to half"
after "truncated to half"
size=$(wc -c <"$IX" | tr -d ' ')
head -c 64 /dev/urandom | dd of="$IX" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
damaged "64 bytes overwritten in the middle"
after "64 bytes overwritten in the middle"
size=$(wc -c <"$IX" | tr -d ' ')
printf 'X' | dd of="$IX" bs=1 seek=$((size / 3)) conv=notrunc 2>/dev/null
damaged "one byte changed"
after "one byte changed"
: >"$IX"
damaged "emptied"
after "emptied"
head -c "$size" /dev/urandom >"$IX"
damaged "noise of the same size"
after "noise of the same size"

# --- Many readers at once on a missing index.
rm -f "$IX"
# (wait for these clients only: the stack's programs are children too)
i=0 pids=
while [ $i -lt 12 ]; do
	curl -s --max-time 20 -o /dev/null -w '%{http_code}\n' "$URL/" >"$TMP/par.$i" 2>/dev/null &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
codes=$(cat "$TMP"/par.* | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')
bad=$(cat "$TMP"/par.* | grep -v -x -e 200 -e 503 | wc -l | tr -d ' ')
is "$bad" 0 "12 readers at once on a missing index: each 200 or 503 ($codes)"
grep -q -x 200 "$TMP"/par.*
ok $? "... at least one 200"
after "12 readers at once"

# --- A change the index lacks, marked pending (a writer that died).
ID2=$(sed -n 3p "$TMP/ids.ref")
F=$STACK/data/releases/$ID2/release
sed -i 's/^State: published$/State: withdrawn/' "$F"
wf_admin index check >"$TMP/ic" 2>&1
ok $([ $? = 1 ] && grep -q "out of date" "$TMP/ic"; echo $?) "State: withdrawn by hand: index check says out of date"
# A mark is a writer's until it is a minute old: this one is older.
mkdir -p "$STACK/data/index/pending"
: >"$STACK/data/index/pending/$ID2"
ar_past 120 "$STACK/data/index/pending/$ID2"
req GET /
is "$CODE" 200 "pending: / answers"
unlike "$(body)" "data-release=\"$ID2\"" "pending: the next request no longer lists it"
is "$(ar_total)" 29 "pending: 29 releases"
[ ! -e "$STACK/data/index/pending/$ID2" ]
ok $? "pending: the mark is gone"
wf_admin index check >/dev/null 2>&1
ok $? "pending: index check says up to date"
req GET "/release/$ID2"
is "$CODE" 404 "pending: /release/$ID2 is 404"
# And back.
sed -i 's/^State: withdrawn$/State: published/' "$F"
: >"$STACK/data/index/pending/$ID2"
ar_past 120 "$STACK/data/index/pending/$ID2"
req GET /
like "$(body)" "data-release=\"$ID2\"" "pending again, State: published: listed again"
ar_ids >"$TMP/ids"
cmp -s "$TMP/ids" "$TMP/ids.ref"
ok $? "... in its place"
# A mark whose release is unchanged changes nothing.
: >"$STACK/data/index/pending/$ID2"
ar_past 120 "$STACK/data/index/pending/$ID2"
req GET /
ar_ids >"$TMP/ids"
cmp -s "$TMP/ids" "$TMP/ids.ref"
ok $? "a mark on an unchanged release: the same list"
# A mark that is not a release id is ignored.
: >"$STACK/data/index/pending/not-an-id"
ar_past 120 "$STACK/data/index/pending/not-an-id"
req GET /
is "$CODE" 200 "a stray file in pending/: / still answers"
rm -f "$STACK/data/index/pending/not-an-id"

# --- index rebuild.
out=$(wf_admin index rebuild 2>&1)
rc=$?
is "$rc:$out" "0:index rebuilt: 30 public releases" "index rebuild prints its count"
wf_admin index check >/dev/null 2>&1
ok $? "index check: up to date after the rebuild"
wf_check "after the hand edits"

# --- Two publications at once, by two approvers.
wf_login editor && wf_login approver && wf_login approver2
ok $? "editor, approver and approver2 sign in"
# race ID_A ID_B: approver publishes A while approver2 publishes B.
race() {
	rm -f "$TMP/go" "$TMP"/ready.* "$TMP"/race.*
	mkfifo "$TMP/go" || return 1
	pids=
	for pair in "approver $1" "approver2 $2"; do
		set -- $pair
		eval "sid=\$WF_SID_$1 csrf=\$WF_CSRF_$1"
		rev=$(wf_rev "$2")
		(
			: >"$TMP/ready.$1"
			timeout 10 sh -c 'read _ <"$0"' "$TMP/go"
			curl -s --max-time 20 -o /dev/null -w '%{http_code}' \
			    -H "Cookie: pr_session=$sid" \
			    --data-urlencode "csrf=$csrf" --data-urlencode "action=publish" \
			    --data-urlencode "rev=$rev" --data-urlencode "comment=" \
			    --data-urlencode "publish_at=" \
			    "$URL/review/act/$2" >"$TMP/race.$1" 2>/dev/null
		) &
		pids="$pids $!"
	done
	i=0
	while [ $i -lt 40 ] && [ "$(ls "$TMP" | grep -c '^ready\.')" -lt 2 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep 0.05
	: >"$TMP/go"
	for p in $pids; do wait "$p"; done
	rm -f "$TMP/go"
	echo "$(cat "$TMP/race.approver") $(cat "$TMP/race.approver2")"
}
ROUNDS=${ROUNDS:-6}
r=1 badlist=0 badcode=0 badcheck=0
while [ $r -le "$ROUNDS" ]; do
	ids=
	for k in A B; do
		as editor
		wf_new "Course $k n° $r : deux publications à la fois" || { ok 1 "round $r: a release $k"; break 2; }
		ids="$ids $NEWID"
		wf_act "$NEWID" submit
		as approver
		wf_act "$NEWID" approve
	done
	set -- $ids
	A=$1 B=$2
	codes=$(race "$A" "$B")
	[ "$codes" = "303 303" ] || { badcode=$((badcode + 1)); diag "round $r: $codes"; }
	req GET /
	grep -q "data-release=\"$A\"" "$TMP/b" && grep -q "data-release=\"$B\"" "$TMP/b" ||
	    { badlist=$((badlist + 1)); diag "round $r: / lacks $A or $B"; }
	wf_admin index check >"$TMP/ic" 2>&1 || { badcheck=$((badcheck + 1)); diag "round $r: $(cat "$TMP/ic")"; }
	r=$((r + 1))
done
is "$badcode" 0 "$ROUNDS rounds: both publications answered 303"
is "$badlist" 0 "... and / lists both releases each time"
is "$badcheck" 0 "... and index check says up to date each time"
is "$(ls "$STACK/data/index/pending" 2>/dev/null | wc -l | tr -d ' ')" 0 "no pending mark is left"
req GET /
is "$(ar_total)" $((30 + 2 * ROUNDS)) "$((30 + 2 * ROUNDS)) releases listed at the end"
out=$(wf_admin index rebuild 2>&1)
is "$out" "index rebuilt: $((30 + 2 * ROUNDS)) public releases" "index rebuild agrees"

wf_check
ok $([ -z "$(ar_proc_deaths)" ]; echo $?) "no worker died or timed out"
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
