#!/bin/sh
# t0400: writers killed with SIGKILL at random moments lose no acknowledged
# save, leave no torn or mixed release or revision file, no lost or doubled
# history line and nothing that the admin check complains about.
#
# Three storetorture writers save to the same eight releases; one of them,
# picked at random, is killed every 0-30 ms and restarted, CRASH_KILLS times
# (default 200; `make test-long` sets 3000).  CRASH_SEED replays a run.
# A killed save may leave its rev-<N+1> file (an orphan) and its history
# line (a tail): afterwards one more save to each release must replace
# both, so that verify then finds neither.
. tests/lib/tap.sh

KILLS=${CRASH_KILLS:-200}
NWRITERS=3
SEED=${CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
. tests/lib/torture.sh
diag "seed $SEED, $KILLS kills, $NWRITERS writers, data in $TMP"

IDS=$($T create "$D" 8 2>"$TMP/create.err" | tr '\n' ' ')
set -- $IDS
is "$#" 8 "eight releases created"

# start W: start writer W, its acks appended to ack.W, its errors to err.W.
start() {
	nstart=$((nstart + 1))
	$T write "$D" "$1" "$((SEED + nstart))" $IDS \
	    >>"$TMP/ack.$1" 2>>"$TMP/err.$1" </dev/null &
	eval "pid_$1=$!"
}

nstart=0
w=1
while [ $w -le $NWRITERS ]; do
	: >"$TMP/ack.$w"
	start $w
	w=$((w + 1))
done

# The schedule: which writer dies, after how many milliseconds.
awk -v n="$KILLS" -v seed="$SEED" -v nw="$NWRITERS" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++)
		printf "%d %d\n", 1 + int(rand() * nw), int(rand() * 31)
}' >"$TMP/schedule"

start_time=$(date +%s)
kills=0
died=0
while read -r w ms; do
	sleep "$(printf '0.%03d' "$ms")"
	eval "p=\$pid_$w"
	if ! kill -0 "$p" 2>/dev/null; then
		died=$((died + 1))	# It exited on its own: an error.
	fi
	kill -KILL "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	kills=$((kills + 1))
	start "$w"
done <"$TMP/schedule"
# The last ones die by SIGKILL too: no writer ever stops cleanly.
cleanup
elapsed=$(($(date +%s) - start_time))

is "$kills" "$KILLS" "killed a writer $KILLS times"
is "$died" 0 "no writer stopped on its own"
errs=$(cat "$TMP"/err.* 2>/dev/null)
is "$errs" "" "writers reported no error"

acks=$(cat "$TMP"/ack.* | grep -c '^ack ')
stales=$(cat "$TMP"/ack.* | grep -c '^stale ')
diag "$kills kills, $acks acks, $stales stale saves in ${elapsed}s"
[ "$acks" -gt 0 ]
ok $? "writers made progress between the kills"

out=$($T verify "$D" "$TMP"/ack.* 2>&1)
ok $? "every acknowledged save is there, whole, with its history and revisions"
printf '%s\n' "$out" | head -30 | sed 's/^/# /'

# admin_check WHEN: the admin check finds no problem in the data directory.
admin_check() {
	if [ ! -x "$ADMIN" ]; then
		echo "ok $((TAP_N + 1)) # SKIP pressroom-admin check $1:" \
		    "$ADMIN not built"
		TAP_N=$((TAP_N + 1))
		return
	fi
	out=$($ADMIN -d "$D" check 2>&1)
	rc=$?
	# A problem is a line "path: what", the path in the data directory
	# (relative, or after the directory's own name).
	if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | sed "s#^$D/##" |
	    grep -qE '^(releases|sessions|logins|trash|tmp)/[^:]*: ' &&
	    ! printf '%s\n' "$out" |
	    grep -qE '(^|[^0-9])[1-9][0-9]* problems? '; then
		ok 0 "pressroom-admin check finds no problem $1"
	else
		ok 1 "pressroom-admin check finds no problem $1 (exit $rc)"
		printf '%s\n' "$out" | head -20 | sed 's/^/# /'
	fi
}
admin_check "after the kills"

# One more save to each release, by a fourth writer that is not killed:
# it cuts any tail and writes its own rev-<N+1> over any orphan.
: >"$TMP/ack.4"
failed=0
for id in $IDS; do
	$T write -n 1 "$D" 4 "$SEED" "$id" >>"$TMP/ack.4" 2>>"$TMP/err.4" \
	    </dev/null || failed=$((failed + 1))
done
is "$failed" 0 "one more save to each release"
is "$(grep -c '^ack ' "$TMP/ack.4")" 8 "each of them acknowledged"
out=$($T verify "$D" "$TMP"/ack.* 2>&1)
ok $? "verify after the last saves"
printf '%s\n' "$out" | head -30 | sed 's/^/# /'
like "$out" " tails=0 orphans=0" "the last saves replaced every tail and orphan"
admin_check "after the last saves"

done_testing
