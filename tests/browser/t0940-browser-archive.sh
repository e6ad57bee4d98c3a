#!/bin/sh
# t0940: the public archive in a real browser, as a journalist uses it.
# A stack with 60 releases from `pressroom-admin generate` (French, every
# third an English translation of the one before, over ten years); Debian's
# chromium, driven by playwright-core (tests/browser/archive.mjs), opens the
# list (newest first), follows a past year of the Years facet, opens a
# French release from it (title, dateline, JSON-LD), goes to its English
# translation and back, and searches "negociation" and "NEGOCIATION" (the
# text has "négociation", which must come back marked); then the list, a
# year page and the search again with JavaScript off.  Screenshots go to
# tests/out/browser/archive-*.png.  Skipped when node, npm or chromium is
# missing.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/browser.sh

# The whole script stays under 120 s: npm ci, the stack and the generated
# releases take their share, the browser run gets what is left (it bounds
# each action to 20 s, for a loaded machine).
START=$(date +%s)
BUDGET=115
OUT=tests/out/browser

browser_needs

tap_tmpdir
if ! stack_test_up; then
	ok 1 "the stack starts"
	done_testing
	exit 1
fi
# A signal (Ctrl-C, a closed pipe) goes through the EXIT trap, which stops
# the stack and removes $TMP.
trap 'exit 1' INT TERM HUP PIPE

# The releases, into the running stack: generate rebuilds the index, and
# the programs map the new one at their next request.
gen=$("$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" generate 60 \
    conf/demo/ccre-nalas-2026-fr.txt 2>&1)
if [ "$gen" != "60 releases generated; the index has 60" ]; then
	ok 1 "pressroom-admin generate 60 makes 60 public releases"
	diag "$gen"
	done_testing
	exit 1
fi
diag "$gen"

mkdir -p "$OUT"
# Only this test's own screenshots: others share the directory.
find "$OUT" -maxdepth 1 -name 'archive-*.png' -exec rm -f {} +
left=$((BUDGET - ($(date +%s) - START)))
[ "$left" -ge 30 ] || left=30
# The browser's temporary profile goes in $TMP, removed at exit.  The run
# stops itself 5 s before its time is up; timeout is the backstop.
TMPDIR=$TMP ARCHIVE_TOTAL_MS=$(((left - 5) * 1000)) \
    timeout -k 3 "$left" node "$B/archive.mjs" "$URL" "$OUT"
rc=$?
if [ $rc -ne 0 ]; then
	diag "archive.mjs exited $rc; the last lines of the stack's logs:"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
fi
exit $rc
