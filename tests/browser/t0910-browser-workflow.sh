#!/bin/sh
# t0910: the approval workflow in a real browser, four people at once.
# A stack with two approvals required and two approvers; Debian's chromium,
# driven by playwright-core (tests/browser/workflow.mjs), lets the editor
# write and submit a release, the first approver request changes, the
# editor fix the lead and resubmit, both approvers approve, the second one
# publish and then withdraw it, while an anonymous visitor looks at the
# public page.  Each user has a browser context of their own.  Screenshots
# go to tests/out/browser/workflow-*.png.  Skipped when node, npm or
# chromium is missing.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/browser.sh

# The whole script stays under 120 s: npm ci and the stack take their share,
# the workflow gets what is left (it bounds each browser action to 10 s).
START=$(date +%s)
BUDGET=115
OUT=tests/out/browser

# Before the workflow prints its own TAP: one failed check and the plan.
bail() {
	echo "not ok 1 - $1"
	echo "1..1"
	exit 1
}

browser_needs

tap_tmpdir
STACK=$TMP/stack
mkdir -p "$STACK"
trap 'stack_stop "$STACK"; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM HUP

# The demo stack (editor, approver, admin, the seed release), then a second
# approver, and two distinct approvals before a release may be published.
stack_setup "$STACK" "$BUILD" >"$TMP/setup.err" 2>&1 || {
	sed 's/^/# /' "$TMP/setup.err"
	bail "stack_setup builds the demo stack"
}
printf 'press-approver2\n' | "$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" \
    user add approver2 >"$TMP/setup.err" 2>&1 || {
	sed 's/^/# /' "$TMP/setup.err"
	bail "pressroom-admin user add approver2"
}
CONF=$STACK/pressroom.conf
sed -i -e 's/^approvers *=.*/approvers = approver approver2/' "$CONF"
if grep -q '^approvals_required *=' "$CONF"; then
	sed -i -e 's/^approvals_required *=.*/approvals_required = 2/' "$CONF"
else
	printf '\napprovals_required = 2\n' >>"$CONF"
fi
if ! grep -qx 'approvers = approver approver2' "$CONF" ||
    ! grep -qx 'approvals_required = 2' "$CONF"; then
	bail "pressroom.conf has two approvers and approvals_required = 2"
fi

started=no
for _ in 1 2 3 4 5; do
	PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
	if stack_start "$STACK" "$BUILD" "$PORT" 2>"$TMP/start.err"; then
		started=yes
		break
	fi
done
if [ $started != yes ]; then
	sed 's/^/# /' "$TMP/start.err"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
	bail "the stack starts"
fi
URL=http://127.0.0.1:$PORT

mkdir -p "$OUT"
# Only this test's screenshots: t0900 keeps its own in the same directory.
rm -f "$OUT"/workflow-*.png
# The browser's temporary profile goes in $TMP, removed at exit.  The
# workflow stops itself 5 s before its time is up; timeout is the backstop.
left=$((BUDGET - ($(date +%s) - START)))
[ "$left" -ge 40 ] || left=40
TMPDIR=$TMP WORKFLOW_TOTAL_MS=$(((left - 5) * 1000)) \
    timeout -k 3 "$left" node "$B/workflow.mjs" "$URL" "$OUT"
rc=$?
if [ $rc -ne 0 ]; then
	diag "workflow exited $rc; the last lines of the stack's logs:"
	tail -n 5 "$STACK"/run/*.log 2>/dev/null | sed 's/^/#   /'
fi
exit $rc
