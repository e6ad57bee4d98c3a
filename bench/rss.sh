#!/bin/sh
# rss.sh: does one program process keep a flat resident size over 10,000
# requests?  One worker of pressroom-submit serves a signed-in "My
# releases" page and an edit form, driven by ab(1) on loopback; VmRSS is
# read after each batch.  Prints a table; the numbers go to bench/RESULTS.md.
#
#   sh bench/rss.sh [BUILD]     (default build)
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${1:-build}
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/signin.sh
tap_tmpdir
STACK_WORKERS=1 stack_test_up || exit 1
signin editor press-editor "$TMP/jar" || { echo "sign-in failed"; exit 1; }
cookie=$(awk '$6 == "pr_session" { print $7 }' "$TMP/jar")
id=$(ls "$STACK/data/releases" | head -1)
pid=$(worker_pids submit)
echo "requests  list-page-RSS-KiB"
done_n=0
echo "0  $(rss_kib "$pid")"
for n in 1000 1000 3000 5000; do
	ab -q -n "$n" -c 4 -C "pr_session=$cookie" "$URL/staff/" >/dev/null 2>&1
	ab -q -n 100 -c 2 -C "pr_session=$cookie" "$URL/staff/edit/$id" >/dev/null 2>&1
	done_n=$((done_n + n + 100))
	echo "$done_n  $(rss_kib "$pid")"
done
[ "$(worker_pids submit)" = "$pid" ] || echo "note: the worker was replaced during the run"
