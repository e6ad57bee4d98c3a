#!/bin/sh
# t0410: concurrent saves lose no update.  Ten writers run at once: five all
# on one shared release, four on a release each, one on all of them.  Each
# makes a bounded number of attempts, pausing 0-3 ms between reading the
# release and saving it so that the saves interleave.  Afterwards every
# revision above 1 was acknowledged exactly once (final revision = acks + 1),
# the content and history match the acks, and the shared release saw stale
# saves, which proves the base revision check was exercised.  Every
# revision's text is kept as rev-<N>: verify checks each one against its
# writer, and as no save was killed there is no orphan revision file.
. tests/lib/tap.sh

COUNT=${CONCURRENT_COUNT:-50}
NWRITERS=10
. tests/lib/torture.sh

IDS=$($T create "$D" 5 2>"$TMP/create.err" | tr '\n' ' ')
set -- $IDS
is "$#" 5 "five releases created"
S=$1 A=$2 B=$3 C=$4 E=$5

# The writers' targets: 1-5 share S, 6-9 have one each, 10 takes all.
targets() {
	case $1 in
	[1-5])	echo "$S" ;;
	6)	echo "$A" ;;
	7)	echo "$B" ;;
	8)	echo "$C" ;;
	9)	echo "$E" ;;
	*)	echo "$IDS" ;;
	esac
}

w=1
while [ $w -le $NWRITERS ]; do
	$T write -n "$COUNT" -d 3000 "$D" $w $((w * 7919)) $(targets $w) \
	    >"$TMP/ack.$w" 2>"$TMP/err.$w" </dev/null &
	eval "pid_$w=$!"
	w=$((w + 1))
done

failed=0
w=1
while [ $w -le $NWRITERS ]; do
	eval "p=\$pid_$w"
	wait "$p"
	rc=$?
	eval "pid_$w="
	if [ $rc -ne 0 ]; then
		diag "writer $w exited $rc"
		failed=$((failed + 1))
	fi
	w=$((w + 1))
done
is "$failed" 0 "all $NWRITERS writers finished"
is "$(cat "$TMP"/err.*)" "" "writers reported no error"
lines=$(cat "$TMP"/ack.* | grep -cE '^(ack|stale) ')
is "$lines" $((COUNT * NWRITERS)) "every attempt was reported as ack or stale"

# Every revision above 1 is exactly one acknowledged save.
$T revs "$D" >"$TMP/revs"
ok $? "every release reads"
cat "$TMP"/ack.* | awk '
	NR == FNR { rev[$1] = $2; next }
	$1 == "ack" { acks[$2]++ }
	END {
		for (id in rev) {
			if (rev[id] != acks[id] + 1) {
				printf "# %s: revision %d, %d acks\n", id,
				    rev[id], acks[id]
				bad++
			}
		}
		exit bad > 0
	}' "$TMP/revs" - >"$TMP/count.out"
ok $? "final revision of every release = its acks + 1"
cat "$TMP/count.out"

out=$($T verify "$D" "$TMP"/ack.* 2>&1)
ok $? "verify: content, revision files, acks and history agree"
printf '%s\n' "$out" | head -30 | sed 's/^/# /'
like "$out" " tails=0 orphans=0" \
    "no save left a history tail or an orphan revision file"

shared_stale=$(cat "$TMP"/ack.* | grep -c "^stale $S ")
shared_acks=$(cat "$TMP"/ack.* | grep -c "^ack $S ")
diag "shared release $S: $shared_acks acks, $shared_stale stale saves"
[ "$shared_stale" -gt 0 ]
ok $? "stale saves were refused on the shared release"
shared_writers=$(cat "$TMP"/ack.* |
    awk -v id="$S" '$1 == "ack" && $2 == id { print $4 }' | sort -u | wc -l)
[ "$shared_writers" -ge 2 ]
ok $? "several writers saved to the shared release ($shared_writers)"

if [ -x "$ADMIN" ]; then
	out=$($ADMIN -d "$D" check 2>&1)
	rc=$?
	# A problem is a line "path: what", the path in the data directory
	# (relative, or after the directory's own name).
	if [ $rc -eq 0 ] && ! printf '%s\n' "$out" | sed "s#^$D/##" |
	    grep -qE '^(releases|sessions|logins|trash|tmp)/[^:]*: ' &&
	    ! printf '%s\n' "$out" |
	    grep -qE '(^|[^0-9])[1-9][0-9]* problems? '; then
		ok 0 "pressroom-admin check finds no problem"
	else
		ok 1 "pressroom-admin check finds no problem (exit $rc)"
		printf '%s\n' "$out" | head -20 | sed 's/^/# /'
	fi
else
	echo "ok $((TAP_N + 1)) # SKIP pressroom-admin check: $ADMIN not built"
	TAP_N=$((TAP_N + 1))
fi

done_testing
