# torture.sh: what the store's crash and concurrency tests share; source it
# after tests/lib/tap.sh with NWRITERS set.
#
# Sets T (the storetorture program), ADMIN, TMP and D (the data directory),
# stops the test's own writers (pid_1 .. pid_NWRITERS, by pid) whatever
# happens, keeps $TMP when a check failed, and ends the test at once if
# storetorture was not built.

T=$BUILD/tests/storetorture
ADMIN=$BUILD/cgi/pressroom-admin

tap_tmpdir
D=$TMP/data

cleanup() {
	cw=1
	while [ $cw -le $NWRITERS ]; do
		eval "cp=\${pid_$cw:-}"
		if [ -n "$cp" ]; then
			kill -KILL "$cp" 2>/dev/null
			wait "$cp" 2>/dev/null
		fi
		eval "pid_$cw="
		cw=$((cw + 1))
	done
}
finish() {
	cleanup
	if [ "$TAP_FAILED" -eq 0 ]; then
		rm -rf "$TMP"
	else
		diag "kept $TMP"
	fi
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

if [ ! -x "$T" ]; then
	ok 1 "storetorture is built ($T)"
	done_testing
	exit 1
fi
