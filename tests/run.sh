#!/bin/sh
# run.sh: run every test with prove(1) and end with one summary line.
#
# Unit tests and the CGI, nginx, crash and concurrency tests run against the
# normal build; then the unit tests and the CGI and nginx tests run again
# against the sanitizer build (ASan + UBSan), so a memory error anywhere
# fails the suite.  With arguments, only those test files run (normal build).
# Every test's TAP output is kept in tests/out/.
set -u
cd "$(dirname "$0")/.." || exit 1
OUT=tests/out
rm -rf "$OUT"
mkdir -p "$OUT"
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=23
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TZ=UTC LC_ALL=C.UTF-8
status=0

# runset NAME BUILD FILES...: one prove run; its verbose log goes to OUT.
runset() {
	name=$1 build=$2
	shift 2
	[ $# -gt 0 ] || return 0
	echo "== $name"
	BUILD=$build prove -v --merge -j "${TEST_JOBS:-2}" "$@" >"$OUT/$name.log" 2>&1
	rc=$?
	# The files, each with its count, then any failure in full.
	awk '/^[^ #].* \.\.+ *$/ { f = $1 } /^1\.\.[0-9]+/ && f { print "   " f ": " substr($0, 4) " checks"; f = "" }' "$OUT/$name.log"
	grep -E '^not ok|Wstat|Dubious|Parse errors|Result' "$OUT/$name.log" | sed 's/^/   /' | tail -40
	[ $rc -eq 0 ] || status=1
}

if [ $# -gt 0 ]; then
	runset selected build "$@"
else
	unit=$(ls build/tests/test-* 2>/dev/null)
	sanunit=$(ls build-san/tests/test-* 2>/dev/null)
	integ=$(ls tests/integration/t*.sh tests/browser/t*.sh 2>/dev/null)
	# Under the sanitizers: every test but the browser and crash tests,
	# which exercise the same code with timing that ASan would only slow.
	saninteg=$(ls tests/integration/t*.sh 2>/dev/null | grep -v -e t04 -e t05 -e t06)
	runset unit build $unit
	runset integration build $integ
	runset unit-san build-san $sanunit
	runset integration-san build-san $saninteg
fi

passed=$(cat "$OUT"/*.log | grep -cE '^[[:space:]]*ok [0-9]')
failed=$(cat "$OUT"/*.log | grep -cE '^[[:space:]]*not ok [0-9]')
# A script that died before its plan counts as one failure more.
died=$(cat "$OUT"/*.log | grep -cE 'Dubious|Parse errors|No subtests run|Bad plan')
failed=$((failed + died))
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
