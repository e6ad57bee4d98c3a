# signin.sh: sign in through the web server with curl; source it.
#
# signin USER PASSWORD COOKIEJAR: prints nothing, returns 0 when the jar
# holds a session; CSRF then holds the session's form token.
signin() {
	local page tok
	page=$(curl -s --max-time 10 -c "$3" -b "$3" "$URL/auth/login") || return 1
	tok=$(printf '%s' "$page" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s --max-time 10 -c "$3" -b "$3" -o /dev/null \
	    --data-urlencode "csrf=$tok" --data-urlencode "user=$1" \
	    --data-urlencode "password=$2" --data-urlencode "next=" \
	    "$URL/auth/login" || return 1
	grep -q pr_session "$3" || return 1
	CSRF=$(curl -s --max-time 10 -b "$3" "$URL/staff/new" |
	    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	[ -n "$CSRF" ]
}

# worker_pids NAME: the worker processes of one program of the stack.
worker_pids() {
	ps -o pid= --ppid "$(cat "$STACK/run/$1.pid")" | tr -d ' '
}

# rss_kib PID: resident set size in KiB.
rss_kib() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}
