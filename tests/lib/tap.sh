# tap.sh: TAP helpers for the shell tests; source it, then call plan/ok/...
#
# Every test script prints TAP (one "ok N - what" or "not ok N - what" per
# check) so that prove(1) runs them all.  BUILD names the build directory
# under test (build or build-san); the scripts run from the project root.

: "${BUILD:=build}"
export BUILD
TAP_N=0
TAP_FAILED=0

plan() { echo "1..$1"; }

ok() {
	# ok COND_STATUS DESCRIPTION: pass when the status is 0.
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}

diag() { printf '# %s\n' "$*"; }

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
	fi
}

# like HAYSTACK NEEDLE DESCRIPTION (fixed-string match)
like() {
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; diag "'$2' not found in:"; printf '%s\n' "$1" | head -20 | sed 's/^/#   /' ;;
	esac
}

# unlike HAYSTACK NEEDLE DESCRIPTION
unlike() {
	case "$1" in
	*"$2"*) ok 1 "$3"; diag "'$2' unexpectedly found" ;;
	*) ok 0 "$3" ;;
	esac
}

done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

# A scratch directory removed at exit; tests put everything in it.
tap_tmpdir() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/pressroom-test.XXXXXX")
	export TMP
}
