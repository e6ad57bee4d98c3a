#!/bin/sh
# The other ways to start the programs for nginx: conf/spawn-fcgi.sh run
# for real (five programs under spawn-fcgi, as www-data when root, behind
# nginx started from conf/nginx.conf with its paths replaced): sign in
# through nginx, kill -9 a worker and see it replaced, stop them all.  The
# systemd template pair conf/systemd/pressroom@.{socket,service} checked
# by `systemd-analyze verify` for each program; and `nginx -t` on
# conf/nginx.conf itself.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t01-http.inc
T0=$(date +%s)
SRC=$(pwd)

# ---- nginx -t -------------------------------------------------------------
if command -v nginx >/dev/null 2>&1; then
	mkdir -p "$TMP/nt/run"
	stack_nginx_conf "$TMP/nt" 8080
	nginx -t -q -p "$TMP/nt/run" -e "$TMP/nt/run/t.log" -c "$TMP/nt/run/nginx.conf" \
	    >"$TMP/nt/out" 2>&1
	ok $? "nginx -t -c accepts conf/nginx.conf (its paths replaced)"
	sed 's/^/#   /' "$TMP/nt/out"
	sed 's/fastcgi_pass unix:/fastcgi_pas unix:/' "$TMP/nt/run/nginx.conf" >"$TMP/nt/run/typo.conf"
	nginx -t -q -p "$TMP/nt/run" -e "$TMP/nt/run/t.log" -c "$TMP/nt/run/typo.conf" \
	    >/dev/null 2>&1
	ok "$((! $?))" "... and refuses a misspelt directive (the check checks)"
else
	ok 0 "# SKIP nginx is not installed"
fi

# ---- systemd units -------------------------------------------------------------
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$TMP/units"
	for p in auth submit review archive upload; do
		# The installed paths as this test's; the instance as systemd
		# would name it (the template's %i).
		for k in socket service; do
			sed -e "s|/usr/local/lib/pressroom/cgi-bin|$SRC/$BUILD/cgi|g" \
			    -e "s|/usr/local/etc/pressroom|$SRC/conf|g" \
			    "conf/systemd/pressroom@.$k" >"$TMP/units/pressroom@$p.$k"
		done
	done
	systemd-analyze verify "$TMP"/units/pressroom@*.socket "$TMP"/units/pressroom@*.service \
	    >"$TMP/verify" 2>&1
	is "$?:$(cat "$TMP/verify")" "0:" \
	    "systemd-analyze verify: pressroom@.socket and pressroom@.service, all five instances, no warning"
	sed 's/^/#   /' "$TMP/verify"
	like "$(cat conf/systemd/pressroom@.service)" "StandardInput=socket" \
	    "... the service gets the listening socket as standard input"
	like "$(grep -E '^(User|ExecStart)=' conf/systemd/pressroom@.service | tr '\n' ' ')" \
	    "ExecStart=/usr/local/lib/pressroom/cgi-bin/pressroom-%i -c /usr/local/etc/pressroom/pressroom.conf -w 2 User=www-data" \
	    "... runs pressroom-%i -w 2 as www-data"
	like "$(grep '^ListenStream=' conf/systemd/pressroom@.socket)" "/run/pressroom/%i.sock" \
	    "... on the socket conf/nginx.conf names"
	mkdir -p "$TMP/typo"
	cp "$TMP/units/pressroom@auth.socket" "$TMP/typo/"
	sed 's/^StandardInput=socket/StandardInput=sockett/' "$TMP/units/pressroom@auth.service" \
	    >"$TMP/typo/pressroom@auth.service"
	out=$(systemd-analyze verify "$TMP/typo/pressroom@auth.socket" "$TMP/typo/pressroom@auth.service" 2>&1)
	like "$out" "sockett" "... and complains of a misspelt value (the check checks)"
else
	ok 0 "# SKIP systemd-analyze is not installed"
fi

# ---- spawn-fcgi -------------------------------------------------------------
if ! command -v spawn-fcgi >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1; then
	ok 0 "# SKIP spawn-fcgi or nginx is not installed (Debian: spawn-fcgi; add it to DEB_TEST)"
	rm -rf "$TMP"
	done_testing
	exit
fi
STACK=$TMP/stack
R=$STACK/run
mkdir -p "$STACK"
stack_setup "$STACK" "$BUILD" || { ok 1 "stack_setup"; done_testing; exit 1; }
ME=$(id -un)
if [ "$(id -u)" -eq 0 ] && id www-data >/dev/null 2>&1; then
	ME=www-data
	# The service user owns data_dir and reads the configuration.
	chown -R www-data:www-data "$STACK/data" "$STACK/users"
	chmod 0711 "$TMP" "$STACK"
fi
spawn() {
	PRESSROOM_CGIBIN=$SRC/$BUILD/cgi PRESSROOM_CONF=$STACK/pressroom.conf \
	    PRESSROOM_RUN=$R PRESSROOM_USER=$ME PRESSROOM_WEB=$(id -gn "$ME") \
	    sh conf/spawn-fcgi.sh "$1"
}
trap 'spawn stop >/dev/null 2>&1; stack_stop "$STACK"; rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

spawn start >"$TMP/spawn.out" 2>&1
ok $? "conf/spawn-fcgi.sh start: spawn-fcgi starts the five programs"
sed 's/^/#   /' "$TMP/spawn.out"
n=0
for p in $STACK_PROGRAMS; do
	pid=$(cat "$R/$p.pid" 2>/dev/null)
	if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null ||
	    [ "$(readlink "/proc/$pid/exe")" != "$SRC/$BUILD/cgi/pressroom-$p" ] ||
	    [ "$(stat -c %U "/proc/$pid")" != "$ME" ] || [ ! -S "$R/$p.sock" ]; then
		diag "$p: pid '$pid' $(readlink "/proc/$pid/exe" 2>&1)"
		n=$((n + 1))
	fi
done
is "$n" 0 "... each running as $ME, its pid in RUN/NAME.pid, its socket in RUN"
is "$(stat -c '%a %U' "$R/submit.sock")" "660 $ME" "... sockets are 0660, owned by $ME"
nw=$(ps -o pid= --ppid "$(cat "$R/submit.pid")" | wc -l)
is "$nw" 4 "... pressroom-submit (-w 4) keeps 4 workers"

# nginx from conf/nginx.conf, as stack.sh starts it, on those sockets.
started=1
for try in 1 2 3 4 5; do
	PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
	stack_nginx_conf "$STACK" "$PORT"
	nginx -e "$R/nginx-error.log" -p "$R" -c "$R/nginx.conf" -g 'daemon off;' \
	    2>>"$R/nginx-error.log" &
	echo $! >"$R/nginx.master"
	i=0
	while [ $i -lt 50 ] && kill -0 "$(cat "$R/nginx.master")" 2>/dev/null; do
		if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/static/pressroom.css"; then
			started=0
			break 2
		fi
		sleep 0.1
		i=$((i + 1))
	done
	kill "$(cat "$R/nginx.master")" 2>/dev/null
	wait "$(cat "$R/nginx.master")" 2>/dev/null
done
ok $started "nginx starts from conf/nginx.conf on the spawn-fcgi sockets ($PORT)"
URL=http://127.0.0.1:$PORT
export URL STACK

signin editor press-editor
ok $? "editor signs in through nginx (auth and submit under spawn-fcgi)"
spost /staff/new --data-urlencode "title=Sous spawn-fcgi" --data-urlencode "subtitle=" \
    --data-urlencode "lead=Le chapeau." --data-urlencode "body=Le corps." \
    --data-urlencode "lang=fr" --data-urlencode "city=Liège" --data-urlencode "date=2026-03-04" \
    --data-urlencode "topics=essai" --data-urlencode "contacts=presse@example.org" \
    --data-urlencode "translation_of=" --data-urlencode "rev=" --data-urlencode "action=save"
is "$CODE" 303 "... and saves a release"
req GET /
is "$CODE" 200 "the archive answers at /"

# kill -9 a worker: the program's supervisor starts another.
sup=$(cat "$R/submit.pid")
victim=$(ps -o pid= --ppid "$sup" | head -1 | tr -d ' ')
kill -9 "$victim"
i=0
while [ $i -lt 50 ]; do
	now=$(ps -o pid= --ppid "$sup" | tr -d ' ')
	if [ "$(printf '%s\n' "$now" | grep -c .)" -eq 4 ] &&
	    ! printf '%s\n' "$now" | grep -qx "$victim"; then
		break
	fi
	sleep 0.1
	i=$((i + 1))
done
ok "$([ $i -lt 50 ]; echo $?)" "kill -9 of a pressroom-submit worker ($victim): replaced, 4 workers again (within $(( (i + 1) * 100 )) ms)"
is "$(cat "$R/submit.pid")" "$sup" "... by the same supervisor"
n=0
for k in 1 2 3 4 5 6 7 8; do
	sget /staff/
	[ "$CODE" = 200 ] || n=$((n + 1))
done
is "$n" 0 "... and every request after it is answered (8 of 8)"
for p in $STACK_PROGRAMS; do
	kill -0 "$(cat "$R/$p.pid")" 2>/dev/null || diag "$p died"
done

# stop: every program and worker gone, sockets removed.
pids=$(for p in $STACK_PROGRAMS; do cat "$R/$p.pid"; ps -o pid= --ppid "$(cat "$R/$p.pid")"; done)
t1=$(date +%s)
spawn stop
t1=$(( $(date +%s) - t1 ))
left=0
for pid in $pids; do
	kill -0 "$pid" 2>/dev/null && [ "$(cut -d" " -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ] && left=$((left + 1))
done
is "$left $(ls "$R"/*.sock 2>/dev/null | wc -l)" "0 0" \
    "conf/spawn-fcgi.sh stop: programs and workers gone, sockets removed ($t1 s)"
stack_stop "$STACK"
diag "took $(( $(date +%s) - T0 )) s"
done_testing
