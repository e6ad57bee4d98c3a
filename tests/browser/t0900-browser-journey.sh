#!/bin/sh
# t0900: a staff member's journey in a real browser.  Debian's chromium,
# driven by playwright-core (tests/browser/journey.mjs), signs in, writes
# the seed release field by field, checks that every byte came back, looks
# at the preview, saves from two tabs at once, types markup into a title,
# uses the keyboard only, and works with JavaScript off.  Screenshots go to
# tests/out/browser/.  Skipped when node, npm or chromium is missing.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/browser.sh

# The whole script stays under 90 s: npm ci and the stack take their share,
# the journey gets what is left (it bounds each browser action to 10 s).
START=$(date +%s)
BUDGET=85
OUT=tests/out/browser

browser_needs

tap_tmpdir
if ! stack_test_up; then
	ok 1 "the stack starts"
	done_testing
	exit 1
fi

mkdir -p "$OUT"
# Only this test's own screenshots: others share the directory.
find "$OUT" -maxdepth 1 -name '*.png' ! -name 'workflow-*' ! -name 'attachments-*' ! -name 'archive-*' -exec rm -f {} +
# The browser's temporary profile goes in $TMP, removed at exit.  The
# journey stops itself 5 s before its time is up; timeout is the backstop.
left=$((BUDGET - ($(date +%s) - START)))
[ "$left" -ge 30 ] || left=30
TMPDIR=$TMP JOURNEY_TOTAL_MS=$(((left - 5) * 1000)) \
    timeout -k 3 "$left" node "$B/journey.mjs" "$URL" "$OUT"
rc=$?
if [ $rc -ne 0 ]; then
	diag "journey exited $rc; the last lines of the stack's logs:"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
fi
exit $rc
