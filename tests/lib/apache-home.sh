# apache-home.sh: a real Apache serving an existing hosting-account tree
# (what `make dist-hosting` unpacks: HOME/public_html/cgi-bin/*.fcgi etc.),
# for t1200.  Source it after tests/lib/tap.sh, tests/lib/stack.sh,
# tests/lib/apache.sh and tests/integration/t01-http.inc; it reuses
# apache.sh's modules list, its stop and process helpers and its journey.
#
#   apache_home_start ROOT HOME   Apache from ROOT/run/httpd.conf on a free
#                                 loopback port, one virtual host whose
#                                 document root is HOME/public_html with
#                                 .htaccess obeyed (the AllowOverride of
#                                 apache.sh's hosting account); HOME must
#                                 be under ROOT so that apache_pids (and so
#                                 apache_stop) find the programs;
#                                 APACHE_HOST_PORT set
#   ap_home_site HOME             the journey helpers' variables (URL,
#                                 A_CONF, A_DATA, A_AUTH ...) for that tree,
#                                 read from its pressroom.conf
#
# Only processes started here are stopped (apache_stop ROOT, by pid).

# apache_home_conf ROOT HOME PORT: ROOT/run/httpd.conf.
apache_home_conf() {
	local root=$1 home=$2 port=$3 user
	user=$(apache_user)
	mkdir -p "$root/run/empty"
	{
		cat <<EOF
# Written by tests/lib/apache-home.sh: an Apache for one hosting account.
ServerRoot "$root/run"
ServerName 127.0.0.1
DefaultRuntimeDir "$root/run"
PidFile "$root/run/apache.pid"
ErrorLog "$root/run/error.log"
LogLevel warn
Mutex file:$root/run default
${user:+User $user
Group $user}
EOF
		apache_modules fcgid
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
FcgidIPCDir "$root/run/fcgid"
FcgidProcessTableFile "$root/run/fcgid-shm"

DocumentRoot "$root/run/empty"
<Directory />
	Options None
	AllowOverride None
	Require all denied
</Directory>
<FilesMatch "^\.ht">
	Require all denied
</FilesMatch>

Listen 127.0.0.1:$port
<VirtualHost 127.0.0.1:$port>
	ServerName 127.0.0.1
	DocumentRoot "$home/public_html"
	<Directory "$home/public_html">
		Options Indexes SymLinksIfOwnerMatch
		AllowOverride AuthConfig FileInfo Indexes Limit Options=ExecCGI,Indexes
		Require all granted
	</Directory>
	CustomLog "$root/run/hosting-access.log" combined
</VirtualHost>
EOF
	} >"$root/run/httpd.conf"
}

# apache_home_start ROOT HOME: APACHE_HOST_PORT set.
apache_home_start() {
	mkdir -p "$1/run"
	apache_launch "$1" apache_home_conf "$1" "$2" || return 1
	APACHE_HOST_PORT=$APACHE_PORT
	export APACHE_HOST_PORT
}

# ap_home_site HOME: the journey helpers' variables for the unpacked tree.
ap_home_site() {
	URL=http://127.0.0.1:$APACHE_HOST_PORT
	A_CONF=$1/public_html/cgi-bin/pressroom.conf
	A_DATA=$1/pressroom-data
	A_LOG=$APACHE_ROOT/run/error.log
	A_AUTH=$(sed -n 's/^url_auth = *//p' "$A_CONF")
	A_STAFF=$(sed -n 's/^url_staff = *//p' "$A_CONF")
	A_REVIEW=$(sed -n 's/^url_review = *//p' "$A_CONF")
	A_UPLOAD=$(sed -n 's/^url_upload = *//p' "$A_CONF")
	A_PUBLIC=$(sed -n 's/^url_public = *//p' "$A_CONF")
	STACK=$1
	export URL STACK
}
