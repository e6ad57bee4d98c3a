# apache-proxy.sh: a real Apache 2.4 with mod_proxy_fcgi on loopback, in
# front of the five programs on their own unix sockets, started from
# conf/apache-proxy-fcgi.conf with its paths replaced by sed (as
# tests/lib/stack.sh does for conf/nginx.conf).  Source it after
# tests/lib/tap.sh, tests/lib/stack.sh and tests/lib/apache.sh (it uses
# stack_setup, stack_stop, apache_modules, apache_stop and the journey
# helpers ap_*).
#
# Everything lives in ROOT (a directory under $TMP):
#
#   ROOT/pressroom.conf, ROOT/users, ROOT/data    stack_setup's demo stack
#   ROOT/run/NAME.sock, NAME.pid, NAME.log        the programs (-s -w 2)
#   ROOT/run/httpd.conf, site.conf, *.log         Apache
#
#   apx_have                   0 when apache2, mod_proxy, mod_proxy_fcgi and
#                              mod_setenvif are installed
#   apx_layout ROOT BUILD      the demo stack; as root, data, users and
#                              ROOT/run given to www-data
#   apx_programs ROOT BUILD    the five programs on ROOT/run/NAME.sock with
#                              -w 2; as root run as www-data (setpriv), so
#                              that the sockets are www-data's
#   apx_start ROOT             Apache from ROOT/run/httpd.conf on a free
#                              loopback port (APX_PORT); pid in
#                              ROOT/run/apache.master
#   apx_stop ROOT              Apache (apache_stop), then the programs
#                              (stack_stop): only what was started here,
#                              by pid
#   apx_pids ROOT              what is left of them (Apache's processes,
#                              the programs' supervisors and workers)
#   apx_test_up                for tests: all of the above in $TMP/apache,
#                              stopped and removed at exit
#   apx_site                   URL and the A_* variables of the journey
#                              helpers (ap_journey ...) for this site

APX_SRC=${APACHE_SRC:-$(pwd)}
APX_PROGRAMS="auth submit review archive upload"

apx_have() {
	[ -x "$APACHE_BIN" ] || return 1
	local m
	for m in proxy proxy_fcgi setenvif mpm_event alias; do
		[ -f "$APACHE_MODDIR/mod_$m.so" ] || return 1
	done
}

apx_layout() {
	local root=$1 build=$2 user
	stack_setup "$root" "$build" || return 1
	user=$(apache_user)
	if [ -n "$user" ]; then
		# The programs run as Apache's User: they own the data, read
		# the users file and create their sockets in ROOT/run.
		chown -R "$user:$user" "$root/data" "$root/users" "$root/run" ||
		    return 1
		chmod 0711 "$root" "$(dirname "$root")"
		chmod 0755 "$root/run"
		chmod 0644 "$root/pressroom.conf"
	fi
}

# apx_programs ROOT BUILD: started as stack_start starts them, without
# nginx; waits for the five sockets.
apx_programs() {
	local root=$1 build=$2 user p i n
	user=$(apache_user)
	for p in $APX_PROGRAMS; do
		if [ -n "$user" ]; then
			setpriv --reuid="$user" --regid="$user" --clear-groups \
			    "$build/cgi/pressroom-$p" -c "$root/pressroom.conf" \
			    -s "$root/run/$p.sock" -w 2 2>>"$root/run/$p.log" &
		else
			"$build/cgi/pressroom-$p" -c "$root/pressroom.conf" \
			    -s "$root/run/$p.sock" -w 2 2>>"$root/run/$p.log" &
		fi
		echo $! >"$root/run/$p.pid"
	done
	i=0
	while [ $i -lt 100 ]; do
		n=0
		for p in $APX_PROGRAMS; do
			[ -S "$root/run/$p.sock" ] && n=$((n + 1))
		done
		[ $n -eq 5 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "apache-proxy: the programs made no sockets:" >&2
	tail -3 "$root"/run/*.log >&2
	return 1
}

# apx_site_conf OUT PORT ROOT: conf/apache-proxy-fcgi.conf with this
# machine's paths and a loopback port.
apx_site_conf() {
	sed -e "s|/run/pressroom/|$3/run/|g" \
	    -e "s|/usr/local/share/pressroom/static|$APX_SRC/www/static|g" \
	    -e "s|^<VirtualHost \*:80>|<VirtualHost 127.0.0.1:$2>|" \
	    -e "s|ServerName press.example.org|ServerName 127.0.0.1|" \
	    "$APX_SRC/conf/apache-proxy-fcgi.conf" >"$1" || return 1
	# The example changed shape: say so rather than test something else.
	if ! grep -q "^<VirtualHost 127.0.0.1:$2>" "$1" ||
	    ! grep -q "unix:$3/run/auth.sock|" "$1"; then
		echo "apache-proxy: conf/apache-proxy-fcgi.conf has no <VirtualHost *:80> or socket path to replace" >&2
		return 1
	fi
}

# apx_conf ROOT PORT: ROOT/run/httpd.conf.
apx_conf() {
	local root=$1 port=$2 user
	user=$(apache_user)
	apx_site_conf "$root/run/site.conf" "$port" "$root" || return 1
	mkdir -p "$root/run/empty"
	{
		cat <<EOF
# Written by tests/lib/apache-proxy.sh: a minimal Apache for the press room.
ServerRoot "$root/run"
ServerName 127.0.0.1
DefaultRuntimeDir "$root/run"
PidFile "$root/run/apache.pid"
ErrorLog "$root/run/error.log"
LogLevel ${APX_LOGLEVEL:-warn}
Mutex file:$root/run default
Define APACHE_LOG_DIR $root/run
${user:+User $user
Group $user}
EOF
		# What `a2enmod proxy_fcgi setenvif` loads on Debian.
		apache_modules proxy proxy proxy_fcgi setenvif
		cat <<EOF
LogFormat "%h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\"" combined
TypesConfig /etc/mime.types
Timeout 30
KeepAlive On
GracefulShutdownTimeout 5
StartServers 1
ServerLimit 2
ThreadsPerChild 16
MaxRequestWorkers 32
MinSpareThreads 4
MaxSpareThreads 32
ScriptSock "$root/run/cgid.sock"

DocumentRoot "$root/run/empty"
<Directory />
	Options None
	AllowOverride None
	Require all denied
</Directory>

Listen 127.0.0.1:$port
Include "$root/run/site.conf"
EOF
	} >"$root/run/httpd.conf"
}

# apx_start ROOT: APX_PORT set.
apx_start() {
	apache_launch "$1" apx_conf "$1" || return 1
	APX_PORT=$APACHE_PORT
	export APX_PORT
}

# apx_pids ROOT: what is left of this test's processes: Apache (see
# apache_pids) and the programs and workers serving ROOT/pressroom.conf.
apx_pids() {
	local d
	case $1 in
	/?*/?*) ;;
	*) return 0 ;;	# never a short or relative ROOT: it would match too much
	esac
	apache_pids "$1"
	for d in /proc/[0-9]*; do
		if tr '\0' ' ' 2>/dev/null <"$d/cmdline" |
		    grep -qF -- "-c $1/pressroom.conf -s $1/run/"; then
			echo "${d#/proc/}"
		fi
	done
}

# apx_stop ROOT: Apache, then the programs' supervisors (which stop their
# workers), by the recorded pids; then anything apx_pids still finds.
apx_stop() {
	local left
	apache_stop "$1"
	stack_stop "$1"
	left=$(apx_pids "$1")
	if [ -n "$left" ]; then
		kill $left 2>/dev/null
		sleep 0.5
		left=$(apx_pids "$1")
		[ -z "$left" ] || kill -9 $left 2>/dev/null
	fi
	return 0
}

apx_test_up() {
	APACHE_ROOT=$TMP/apache
	export APACHE_ROOT
	trap 'apx_stop "$APACHE_ROOT"; rm -rf "$TMP"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 141' PIPE
	trap 'exit 143' TERM
	mkdir -p "$APACHE_ROOT"
	apx_layout "$APACHE_ROOT" "$BUILD" || return 1
	apx_programs "$APACHE_ROOT" "$BUILD" || return 1
	apx_start "$APACHE_ROOT"
}

# apx_site: the journey helpers' variables (as ap_site server does).
apx_site() {
	URL=http://127.0.0.1:$APX_PORT
	A_CONF=$APACHE_ROOT/pressroom.conf
	A_DATA=$APACHE_ROOT/data
	A_LOG=$APACHE_ROOT/run/pressroom-error.log
	A_AUTH=$(sed -n 's/^url_auth = *//p' "$A_CONF")
	A_STAFF=$(sed -n 's/^url_staff = *//p' "$A_CONF")
	A_REVIEW=$(sed -n 's/^url_review = *//p' "$A_CONF")
	A_UPLOAD=$(sed -n 's/^url_upload = *//p' "$A_CONF")
	A_PUBLIC=$(sed -n 's/^url_public = *//p' "$A_CONF")
	STACK=$APACHE_ROOT
	PORT=$APX_PORT
	export URL STACK PORT
}
