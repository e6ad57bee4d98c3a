#!/bin/sh
# t0930: the interface in French in a real browser.  Debian's chromium,
# driven by playwright-core (tests/browser/i18n.mjs), signs the editor in
# (English), chooses French on the settings page, finds the navigation and
# the dates in French, opens the seed release, clicks "Traduire", saves an
# English translation, sees both releases link to each other, and uses the
# footer's switcher.  Then, from the data directory: the setting is kept in
# prefs/editor and the translation names the seed as its original.
# Screenshots go to tests/out/browser/i18n-*.png.  Skipped when node, npm
# or chromium is missing.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/browser.sh

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
trap 'exit 1' INT TERM HUP PIPE
SEED=$(ls "$STACK/data/releases")

mkdir -p "$OUT"
find "$OUT" -maxdepth 1 -name 'i18n-*.png' -exec rm -f {} +
left=$((BUDGET - ($(date +%s) - START)))
[ "$left" -ge 30 ] || left=30
TMPDIR=$TMP I18N_TOTAL_MS=$(((left - 8) * 1000)) \
    timeout -k 3 "$left" node "$B/i18n.mjs" "$URL" "$OUT" "$SEED" >"$TMP/tap" 2>&1
rc=$?
grep -v '^1\.\.[0-9]*$' "$TMP/tap"
TAP_N=$(grep -cE '^(not )?ok [0-9]+' "$TMP/tap")
TAP_FAILED=$(grep -cE '^not ok [0-9]+' "$TMP/tap")
if [ $rc -ne 0 ] && [ "$TAP_FAILED" -eq 0 ]; then
	ok 1 "i18n.mjs ran to its end (exit $rc)"
fi

# What the browser did is what the data directory holds.
TR=$(sed -n 's/^# translation: //p' "$TMP/tap")
is "$(cat "$STACK/data/prefs/editor" 2>&1)" "Language: fr" "prefs/editor keeps the choice of French"
is "$(sed -n 's/^Translation-Of: //p' "$STACK/data/releases/$TR/release" 2>&1)" "$SEED" \
    "the translation's file names the seed as its original"
is "$(sed -n 's/^Language: //p' "$STACK/data/releases/$TR/release" 2>&1)" en \
    "... and its language is English"

if [ "$TAP_FAILED" -ne 0 ] || [ $rc -ne 0 ]; then
	diag "i18n.mjs exited $rc; the last lines of the stack's logs:"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
fi
done_testing
