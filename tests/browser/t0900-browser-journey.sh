#!/bin/sh
# t0900: a staff member's journey in a real browser.  Debian's chromium,
# driven by playwright-core (tests/browser/journey.mjs), signs in, writes
# the seed release field by field, checks that every byte came back, looks
# at the preview, saves from two tabs at once, types markup into a title,
# uses the keyboard only, and works with JavaScript off.  Screenshots go to
# tests/out/browser/.  Skipped when node, npm or chromium is missing.
. tests/lib/tap.sh
. tests/lib/stack.sh

B=tests/browser
# The whole script stays under 90 s: npm ci and the stack take their share,
# the journey gets what is left (it bounds each browser action to 10 s).
START=$(date +%s)
BUDGET=85
OUT=tests/out/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

command -v node >/dev/null 2>&1 || skip "node is not installed"
[ -x "$CHROMIUM" ] || skip "chromium is not installed ($CHROMIUM)"
if [ ! -d "$B/node_modules/playwright-core" ]; then
	command -v npm >/dev/null 2>&1 || skip "npm is not installed"
	# playwright-core downloads no browser; the lock file pins its version.
	if ! (cd "$B" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 40 \
	    npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
		skip "npm ci in $B failed (no registry?)"
	fi
fi

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
