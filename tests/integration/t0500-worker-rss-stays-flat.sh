#!/bin/sh
# One worker serving 10,000 signed-in pages keeps a flat resident size:
# the request arena is reset after every request and nothing accumulates.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/signin.sh
tap_tmpdir
STACK_WORKERS=1 stack_test_up || { echo "1..0 # SKIP stack did not start"; exit 1; }
signin editor press-editor "$TMP/jar"
ok $? "signed in"
cookie=$(awk '$6 == "pr_session" { print $7 }' "$TMP/jar")
pid=$(worker_pids submit)
ab -q -n 1000 -c 4 -C "pr_session=$cookie" "$URL/staff/" >"$TMP/ab1" 2>&1
warm=$(rss_kib "$pid")
ab -q -n 9000 -c 4 -C "pr_session=$cookie" "$URL/staff/" >"$TMP/ab2" 2>&1
after=$(rss_kib "$pid")
failed=$(awk '/^Failed requests:/ { s += $3 } /^Non-2xx responses:/ { s += $3 } END { print s + 0 }' "$TMP/ab1" "$TMP/ab2")
is "$failed" 0 "10,000 requests answered 200"
is "$(worker_pids submit)" "$pid" "the same worker served them all"
diag "RSS after 1,000 requests: $warm KiB; after 10,000: $after KiB"
[ $((after - warm)) -le 256 ]
ok $? "RSS grew by at most 256 KiB between 1,000 and 10,000 requests"
done_testing
