#!/bin/sh
# stack.sh: start and stop a whole press room (programs + nginx) in one
# directory.  `make run` and the integration tests both use it.
#
#   sh tests/lib/stack.sh run BUILD PORT      the `make run` session (Ctrl-C stops)
#   . tests/lib/stack.sh; stack_setup ROOT BUILD; stack_start ROOT BUILD PORT; stack_stop ROOT
#
# ROOT gets pressroom.conf, users, data/ and run/ (sockets, pids, logs).
# nginx is started from conf/nginx.conf itself with its paths replaced, so
# the documented configuration is the one that is tested.  Only processes
# started here are stopped, by the pids recorded in ROOT/run.

STACK_SRC=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)
[ -f "$STACK_SRC/conf/nginx.conf" ] || STACK_SRC=$(pwd)
STACK_PROGRAMS="auth submit review archive upload"
DEMO_USERS="editor:press-editor approver:press-approver admin:press-admin"

# stack_conf ROOT: write ROOT/pressroom.conf from conf/pressroom.conf.
stack_conf() {
	sed -e "s|^data_dir = .*|data_dir = $1/data|" \
	    -e "s|^users_file = .*|users_file = $1/users|" \
	    -e "s|^templates_dir = .*|templates_dir = $STACK_SRC/www/templates|" \
	    -e "s|^locale_dir =.*|locale_dir = $STACK_SRC/www/locale|" \
	    -e "s|^approvers =.*|approvers = approver|" \
	    -e "s|^site_name = .*|site_name = Demo press room|" \
	    "$STACK_SRC/conf/pressroom.conf" >"$1/pressroom.conf"
}

# stack_setup ROOT BUILD: config, demo users and the seed release, once.
stack_setup() {
	local root=$1 build=$2 u
	mkdir -p "$root/run" "$root/data"
	chmod 700 "$root/data"
	[ -f "$root/pressroom.conf" ] || stack_conf "$root"
	if [ ! -s "$root/users" ]; then
		for u in $DEMO_USERS; do
			printf '%s\n' "${u#*:}" | "$build/cgi/pressroom-admin" \
			    -c "$root/pressroom.conf" user add "${u%%:*}" || return 1
		done
	fi
	if [ -z "$(ls "$root/data/releases" 2>/dev/null)" ]; then
		"$build/cgi/pressroom-admin" -c "$root/pressroom.conf" import \
		    -a editor -l fr -D 2026-11-26 -C Bruxelles \
		    -t "coopération, Balkans occidentaux, élargissement" \
		    "$STACK_SRC/conf/demo/ccre-nalas-2026-fr.txt" >/dev/null || return 1
	fi
}

# stack_nginx_conf ROOT PORT: conf/nginx.conf with this stack's paths.
stack_nginx_conf() {
	local user
	if [ "$(id -u)" -eq 0 ]; then
		user='user root;'
	else
		user=''
	fi
	sed -e "s|^user www-data;|$user|" \
	    -e "s|/run/pressroom|$1/run|g" \
	    -e "s|/usr/local/share/pressroom/static|$STACK_SRC/www/static|g" \
	    -e "s|/etc/pressroom/|$STACK_SRC/conf/|g" \
	    -e "s|127.0.0.1:8080|127.0.0.1:$2|" \
	    "$STACK_SRC/conf/nginx.conf" >"$1/run/nginx.conf"
}

# stack_start ROOT BUILD PORT: programs on unix sockets, then nginx.
stack_start() {
	local root=$1 build=$2 port=$3 p i
	for p in $STACK_PROGRAMS; do
		"$build/cgi/pressroom-$p" -c "$root/pressroom.conf" \
		    -s "$root/run/$p.sock" -w "${STACK_WORKERS:-2}" 2>>"$root/run/$p.log" &
		echo $! >"$root/run/$p.pid"
	done
	stack_nginx_conf "$root" "$port"
	nginx -e "$root/run/nginx-error.log" -p "$root/run" \
	    -c "$root/run/nginx.conf" -g 'daemon off;' 2>>"$root/run/nginx-error.log" &
	echo $! >"$root/run/nginx.master"
	i=0
	while [ $i -lt 100 ]; do
		if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/auth/login" &&
		    [ -S "$root/run/submit.sock" ] && [ -S "$root/run/review.sock" ] &&
		    [ -S "$root/run/archive.sock" ] && [ -S "$root/run/upload.sock" ]; then
			return 0
		fi
		if ! kill -0 "$(cat "$root/run/nginx.master")" 2>/dev/null; then
			echo "stack: nginx did not start:" >&2
			tail -5 "$root/run/nginx-error.log" >&2
			stack_stop "$root"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "stack: no answer on port $port" >&2
	stack_stop "$root"
	return 1
}

# stack_stop ROOT: stop exactly what stack_start started.
stack_stop() {
	local f pid n
	for f in "$1"/run/*.pid "$1/run/nginx.master"; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		kill "$pid" 2>/dev/null
		n=0
		while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -9 "$pid" 2>/dev/null
		rm -f "$f"
	done
}

if [ "${1:-}" = run ]; then
	build=${2:-build} port=${3:-8080}
	root=$STACK_SRC/run
	stack_setup "$root" "$STACK_SRC/$build" || exit 1
	# Feeds, the sitemap and canonical links name the site by its address.
	if grep -q '^site_url' "$root/pressroom.conf"; then
		sed -i "s|^site_url = .*|site_url = http://127.0.0.1:$port|" \
		    "$root/pressroom.conf"
	else
		echo "site_url = http://127.0.0.1:$port" >>"$root/pressroom.conf"
	fi
	# A public archive to browse: published releases made from the seed.
	if [ ! -e "$root/data/index/public" ]; then
		echo "Making 120 demo releases for the public archive..."
		"$STACK_SRC/$build/cgi/pressroom-admin" -c "$root/pressroom.conf" \
		    generate 120 "$STACK_SRC/conf/demo/ccre-nalas-2026-fr.txt" || exit 1
	fi
	stack_stop "$root"
	trap 'echo; echo "Stopping."; stack_stop "$root"; exit 0' INT TERM
	stack_start "$root" "$STACK_SRC/$build" "$port" || exit 1
	cat <<MSG

The press room is running at http://127.0.0.1:$port/

  Public archive: http://127.0.0.1:$port/   (search, feeds: /feed.atom)
  Staff sign-in:  http://127.0.0.1:$port/auth/login
  Demo accounts:  editor / press-editor      (writes releases)
                  approver / press-approver  (approves)
                  admin / press-admin        (everything)

Data: $root/data   Logs: $root/run/*.log
Press Ctrl-C to stop.
MSG
	while kill -0 "$(cat "$root/run/nginx.master")" 2>/dev/null; do
		sleep 1
	done
	stack_stop "$root"
fi

# stack_test_up: for test scripts (after tap_tmpdir): a fresh stack in
# $TMP/stack on a free loopback port; sets STACK and URL, and stops the
# stack and removes $TMP at exit.
stack_test_up() {
	local try
	STACK=$TMP/stack
	mkdir -p "$STACK"
	stack_setup "$STACK" "$BUILD" || return 1
	trap 'stack_stop "$STACK"; rm -rf "$TMP"' EXIT
	for try in 1 2 3 4 5; do
		PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
		if stack_start "$STACK" "$BUILD" "$PORT" 2>"$STACK/run/start.err"; then
			URL=http://127.0.0.1:$PORT
			export STACK URL PORT
			return 0
		fi
	done
	cat "$STACK/run/start.err" >&2
	return 1
}
