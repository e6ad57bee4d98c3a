#!/bin/sh
# t0920: attachments in a real browser.  Debian's chromium, driven by
# playwright-core (tests/browser/attachments.mjs), signs the editor in,
# attaches a 3 x 2 PNG and a French UTF-8 text ("note de presse é.txt") at
# once, checks names, types in words, sizes and "3 × 2 px", saves a caption
# and a credit, finds both on the preview, downloads the text (same bytes),
# opens the PNG (inline), and has a text called x.pdf refused; once with
# JavaScript on (XMLHttpRequest and the progress bar), once with it off (a
# plain form post).  Then, from the data directory: the stored files are the
# uploaded bytes and no spool file is left.  Screenshots go to
# tests/out/browser/attachments-*.png.  Skipped when node, npm or chromium
# is missing.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/browser.sh

# The whole script stays under 90 s: npm ci and the stack take their share,
# the browser run gets what is left (it bounds each action to 10 s).
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
# A signal (Ctrl-C, a closed pipe) goes through the EXIT trap, which stops
# the stack and removes $TMP.
trap 'exit 1' INT TERM HUP PIPE

mkdir -p "$OUT"
# Only this test's own screenshots: others share the directory.
find "$OUT" -maxdepth 1 -name 'attachments-*.png' -exec rm -f {} +
left=$((BUDGET - ($(date +%s) - START)))
[ "$left" -ge 30 ] || left=30
# The node script prints its own TAP, plan last; keep it to add checks of
# the data directory after it, under one plan.
TMPDIR=$TMP ATTACH_TOTAL_MS=$(((left - 8) * 1000)) \
    timeout -k 3 "$left" node "$B/attachments.mjs" "$URL" "$OUT" "$TMP/files" >"$TMP/tap" 2>&1
rc=$?
grep -v '^1\.\.[0-9]*$' "$TMP/tap"
TAP_N=$(grep -cE '^(not )?ok [0-9]+' "$TMP/tap")
TAP_FAILED=$(grep -cE '^not ok [0-9]+' "$TMP/tap")
if [ $rc -ne 0 ] && [ "$TAP_FAILED" -eq 0 ]; then
	ok 1 "attachments.mjs ran to its end (exit $rc)"
fi

# What the browser uploaded is what the data directory holds, to the byte.
DATA=$STACK/data
for f in "$TMP/files/salle-de-presse.png" "$TMP/files/note de presse é.txt"; do
	n=0
	for s in "$DATA"/releases/*/files/*; do
		[ -f "$s" ] && cmp -s "$f" "$s" && n=$((n + 1))
	done
	is "$n" 2 "the data directory holds $(basename "$f") twice (js, nojs), byte for byte"
done
stored=$(ls "$DATA"/releases/*/files/ 2>/dev/null | grep -c '^[0-9a-f]')
is "$stored" 4 "four files are stored: the refused x.pdf is not"
spool=$(ls -A "$DATA/tmp" 2>/dev/null | grep -c '^spool\.')
is "$spool" 0 "no spool file is left in data/tmp"

if [ "$TAP_FAILED" -ne 0 ] || [ $rc -ne 0 ]; then
	diag "attachments.mjs exited $rc; the last lines of the stack's logs:"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
fi
done_testing
