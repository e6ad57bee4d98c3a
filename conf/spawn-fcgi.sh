#!/bin/sh
# spawn-fcgi.sh: start (or stop) the five press room programs with
# spawn-fcgi, for conf/nginx.conf, on a machine without systemd (see
# conf/systemd/ for socket units instead).
#
#   sh spawn-fcgi.sh start      as root, e.g. from /etc/rc.local
#   sh spawn-fcgi.sh stop
#
# spawn-fcgi (Debian: apt-get install spawn-fcgi) creates each unix socket,
# gives it to the web server's user, drops to the service user and runs the
# program with the listening socket as standard input.  Given -w N, the
# program keeps N workers on that socket and starts another whenever one
# dies; its pid (the supervisor's) goes to RUN/NAME.pid.  Stopping it
# (SIGTERM) stops its workers.  The paths are those of
# `make install PREFIX=/usr/local`; each can be set in the environment:
#
#   PRESSROOM_CGIBIN  the programs        /usr/local/lib/pressroom/cgi-bin
#   PRESSROOM_CONF    the configuration   /usr/local/etc/pressroom/pressroom.conf
#   PRESSROOM_RUN     sockets, pid files  /run/pressroom (conf/nginx.conf's)
#   PRESSROOM_USER    runs the programs,  www-data: must own data_dir and
#                     owns the sockets    read pressroom.conf and users
#   PRESSROOM_WEB     the web server's group, may use the sockets  www-data
#
# spawn-fcgi points the programs' standard error at /dev/null, so their
# messages (a worker replaced, a request that timed out) are lost; under
# systemd (conf/systemd/) they go to the journal.
#
# The worker counts below are examples: a worker answers one request at a
# time, so a program needs as many as the requests it should answer at
# once (uploads hold theirs for the length of the upload).

set -u
CGIBIN=${PRESSROOM_CGIBIN:-/usr/local/lib/pressroom/cgi-bin}
CONF=${PRESSROOM_CONF:-/usr/local/etc/pressroom/pressroom.conf}
RUN=${PRESSROOM_RUN:-/run/pressroom}
USER=${PRESSROOM_USER:-www-data}
WEB=${PRESSROOM_WEB:-www-data}
# NAME:WORKERS for each program.
PROGRAMS="auth:2 submit:4 review:2 archive:4 upload:2"

start() {
	local p name n rc=0
	# The directory of the sockets: root's, readable by all (nginx.conf
	# puts its own pid and temporary files there too).
	mkdir -p "$RUN" && chmod 0755 "$RUN" || return 1
	for p in $PROGRAMS; do
		name=${p%%:*} n=${p#*:}
		# -s: the socket, owned by USER and group WEB, mode 0660
		# -u/-g: the user the program runs as (spawn-fcgi is root)
		# -P: the pid file; -- the program and its arguments
		spawn-fcgi -s "$RUN/$name.sock" -U "$USER" -G "$WEB" -M 0660 \
		    -u "$USER" -g "$USER" -P "$RUN/$name.pid" \
		    -- "$CGIBIN/pressroom-$name" -c "$CONF" -w "$n" || rc=1
	done
	return $rc
}

# alive PID: running (a zombie that init has not reaped yet is not).
alive() {
	kill -0 "$1" 2>/dev/null &&
	    [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]
}

stop() {
	local p name pids= pid i
	# SIGTERM: each program stops its workers, then itself.
	for p in $PROGRAMS; do
		name=${p%%:*}
		[ -f "$RUN/$name.pid" ] || continue
		pid=$(cat "$RUN/$name.pid")
		kill "$pid" 2>/dev/null && pids="$pids $pid"
	done
	for pid in $pids; do
		i=0
		while alive "$pid" && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
	for p in $PROGRAMS; do
		rm -f "$RUN/${p%%:*}.pid" "$RUN/${p%%:*}.sock"
	done
}

case ${1:-} in
start) start ;;
stop) stop ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
