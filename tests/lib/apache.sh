# apache.sh: a real Apache 2.4 on loopback, started from the project's
# conf files, for the t11xx tests; source it after tests/lib/tap.sh and
# tests/lib/stack.sh (it uses stack_setup for the demo users and the seed
# release), and tests/integration/t01-http.inc for the journey helpers.
#
# One Apache serves two sites on two random loopback ports, both built in
# ROOT (a directory under $TMP):
#
#   the hosting account (APACHE_HOST_PORT): what a shared host gives its
#     customer, a document root whose .htaccess files are obeyed
#     (AllowOverride limited to what conf/htaccess-cgi-bin needs):
#       ROOT/hosting/www/                 the document root
#       ROOT/hosting/www/cgi-bin/         .htaccess (conf/htaccess-cgi-bin),
#                                         auth.fcgi submit.fcgi review.fcgi
#                                         archive.fcgi upload.cgi (KIND fcgid)
#                                         or all five .cgi (KIND cgi),
#                                         pressroom.conf and users beside them
#       ROOT/hosting/www/static/          the static files
#       ROOT/hosting/www/private/         .htaccess (conf/htaccess-data)
#       ROOT/hosting/data/                data_dir, outside the web root
#   the server's virtual host (APACHE_SITE_PORT): conf/apache-fcgid.conf
#     (KIND fcgid) or conf/apache-cgi.conf (KIND cgi) itself, included with
#     its paths replaced by sed, like stack.sh does for nginx.conf:
#       ROOT/server/cgi-bin/pressroom-*   the programs, pressroom.conf beside
#       ROOT/server/data/, ROOT/server/users
#
#   apache_have KIND                  0 when apache2 (and for fcgid mod_fcgid)
#                                     is installed
#   apache_layout ROOT BUILD KIND     both sites' files, demo users, seed
#   apache_start ROOT KIND            Apache from ROOT/run/httpd.conf on two
#                                     free ports; pid in ROOT/run/apache.master
#   apache_stop ROOT                  stop it by pid: graceful, then TERM,
#                                     then KILL; and any process left running
#                                     a program of ROOT or Apache with its
#                                     config
#   apache_pids ROOT                  the processes of that Apache and of
#                                     the programs under ROOT
#   apache_test_up KIND               for tests: layout and start in
#                                     $TMP/apache, stopped and removed at exit
#   apache_syntax FILE                `apache2 -t` on a conf/apache-*.conf
#                                     example (or, wrapped in <Directory>, an
#                                     htaccess-* file) as shipped
#   ap_site hosting|server            the site the journey helpers talk to:
#                                     URL, A_AUTH, A_STAFF, A_REVIEW, A_UPLOAD,
#                                     A_PUBLIC, A_CONF, A_DATA, STACK
#   ap_journey LABEL                  TAP: the whole journey through the
#                                     current site (sign in, save, upload
#                                     10 MiB, submit, approve, publish,
#                                     archive, download, Authorization)
#   ap_logs_clean                     TAP: no sanitizer report, crash or
#                                     timeout in Apache's logs
#
# Apache started as root runs its children as www-data: the data
# directories and users files are given to www-data and ROOT is made
# traversable.  Only processes started here are stopped, by pid.

APACHE_SRC=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)
[ -f "$APACHE_SRC/conf/apache-fcgid.conf" ] || APACHE_SRC=$(pwd)
APACHE_BIN=${APACHE_BIN:-/usr/sbin/apache2}
APACHE_MODDIR=${APACHE_MODDIR:-/usr/lib/apache2/modules}
# The file the journey attaches: 10 MiB of text.
AP_BIG_SIZE=${AP_BIG_SIZE:-10485760}

apache_have() {
	[ -x "$APACHE_BIN" ] || return 1
	[ -f "$APACHE_MODDIR/mod_cgid.so" ] || return 1
	[ "$1" != fcgid ] || [ -f "$APACHE_MODDIR/mod_fcgid.so" ]
}

# The user Apache's children run as: www-data when started as root.
apache_user() {
	if [ "$(id -u)" -eq 0 ] && id www-data >/dev/null 2>&1; then
		echo www-data
	fi
}

# apache_modules KIND [EXTRA...]: the LoadModule lines a site needs.
apache_modules() {
	local kind=$1 m
	shift
	for m in mpm_event authz_core mime alias dir autoindex env cgid reqtimeout \
	    $( [ "$kind" = fcgid ] && echo fcgid ) "$@"; do
		printf 'LoadModule %s_module %s/mod_%s.so\n' "$m" "$APACHE_MODDIR" "$m"
	done
}

# apache_programs DIR BUILD KIND: copies of the programs in DIR, named the
# way each layout needs.  KIND fcgid: NAME.fcgi and upload.cgi; KIND cgi:
# all .cgi; KIND server: pressroom-NAME.
apache_programs() {
	local dir=$1 build=$2 kind=$3 p name
	for p in auth submit review archive upload; do
		case $kind in
		fcgid) if [ $p = upload ]; then name=$p.cgi; else name=$p.fcgi; fi ;;
		cgi) name=$p.cgi ;;
		*) name=pressroom-$p ;;
		esac
		cp "$build/cgi/pressroom-$p" "$dir/$name" || return 1
		chmod 0755 "$dir/$name"
	done
}

# apache_url_conf IN OUT AUTH STAFF REVIEW UPLOAD PUBLIC STATIC [USERS]:
# IN (a pressroom.conf) with the url_* keys, and users_file, replaced.
apache_url_conf() {
	sed -e "s|^url_auth =.*|url_auth = $3|" \
	    -e "s|^url_staff =.*|url_staff = $4|" \
	    -e "s|^url_review =.*|url_review = $5|" \
	    -e "s|^url_upload =.*|url_upload = $6|" \
	    -e "s|^url_public =.*|url_public = $7|" \
	    -e "s|^url_static =.*|url_static = $8|" \
	    ${9:+-e "s|^users_file =.*|users_file = $9|"} \
	    "$1" >"$2"
}

# apache_layout ROOT BUILD KIND: both sites' files (see the top).
apache_layout() {
	local root=$1 build=$2 kind=$3 h s ext user
	h=$root/hosting s=$root/server
	mkdir -p "$root/run" "$h/www/cgi-bin" "$h/www/static" "$h/www/private" \
	    "$s/cgi-bin" || return 1
	# The hosting account: demo content made as for nginx, then the
	# configuration and users file moved beside the programs.
	stack_setup "$h" "$build" || return 1
	if [ "$kind" = fcgid ]; then ext=fcgi; else ext=cgi; fi
	apache_url_conf "$h/pressroom.conf" "$h/www/cgi-bin/pressroom.conf" \
	    "/cgi-bin/auth.$ext" "/cgi-bin/submit.$ext" "/cgi-bin/review.$ext" \
	    /cgi-bin/upload.cgi "/cgi-bin/archive.$ext" /static users || return 1
	mv "$h/users" "$h/www/cgi-bin/users" && rm -f "$h/pressroom.conf" || return 1
	apache_programs "$h/www/cgi-bin" "$build" "$kind" || return 1
	cp "$APACHE_SRC/conf/htaccess-cgi-bin" "$h/www/cgi-bin/.htaccess" || return 1
	cp -R "$APACHE_SRC/www/static/." "$h/www/static/" || return 1
	# A directory in the web space that holds data-like files.
	cp "$APACHE_SRC/conf/htaccess-data" "$h/www/private/.htaccess" || return 1
	mkdir -p "$h/www/private/sessions"
	echo "User: editor" >"$h/www/private/sessions/secret"
	printf '<!doctype html><title>Home</title><a href="/cgi-bin/archive.%s/">Press releases</a>\n' \
	    "$ext" >"$h/www/index.html"
	# The server: the URLs of conf/nginx.conf, which the defaults fit.
	stack_setup "$s" "$build" || return 1
	cp "$s/pressroom.conf" "$s/cgi-bin/pressroom.conf" || return 1
	apache_programs "$s/cgi-bin" "$build" server || return 1
	# Apache's children run as www-data: give it what the programs write.
	user=$(apache_user)
	if [ -n "$user" ]; then
		chown -R "$user:$user" "$h/data" "$s/data" "$h/www/cgi-bin/users" \
		    "$s/users" || return 1
		chmod 0711 "$root" "$(dirname "$root")"
		chmod 0755 "$h" "$s" "$root/run"
	fi
}

# apache_site_conf FILE OUT PORT ROOT: a conf/apache-*.conf example with
# this machine's paths and a loopback port.
apache_site_conf() {
	sed -e "s|/usr/local/lib/pressroom/cgi-bin|$4/server/cgi-bin|g" \
	    -e "s|/usr/local/share/pressroom/static|$APACHE_SRC/www/static|g" \
	    -e "s|/usr/local/etc/pressroom|$4/server|g" \
	    -e "s|^<VirtualHost \*:80>|<VirtualHost 127.0.0.1:$3>|" \
	    -e "s|ServerName press.example.org|ServerName 127.0.0.1|" \
	    "$1" >"$2" || return 1
	# The example changed shape: say so rather than test something else.
	if ! grep -q "^<VirtualHost 127.0.0.1:$3>" "$2" ||
	    ! grep -q "$4/server/cgi-bin/pressroom-auth" "$2"; then
		echo "apache: $1 has no <VirtualHost *:80> or program path to replace" >&2
		return 1
	fi
}

# apache_conf ROOT KIND HOSTPORT SITEPORT: ROOT/run/httpd.conf.
apache_conf() {
	local root=$1 kind=$2 hp=$3 sp=$4 user site
	user=$(apache_user)
	site=$APACHE_SRC/conf/apache-$kind.conf
	apache_site_conf "$site" "$root/run/site.conf" "$sp" "$root" || return 1
	mkdir -p "$root/run/empty"
	{
		cat <<EOF
# Written by tests/lib/apache.sh: a minimal Apache for the press room tests.
ServerRoot "$root/run"
ServerName 127.0.0.1
DefaultRuntimeDir "$root/run"
PidFile "$root/run/apache.pid"
ErrorLog "$root/run/error.log"
LogLevel warn
Mutex file:$root/run default
Define APACHE_LOG_DIR $root/run
${user:+User $user
Group $user}
EOF
		apache_modules "$kind"
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
<IfModule mod_fcgid.c>
	FcgidIPCDir "$root/run/fcgid"
	FcgidProcessTableFile "$root/run/fcgid-shm"
</IfModule>

# Nothing is served unless a site says so.
DocumentRoot "$root/run/empty"
<Directory />
	Options None
	AllowOverride None
	Require all denied
</Directory>
<FilesMatch "^\.ht">
	Require all denied
</FilesMatch>

# The hosting account: a document root whose .htaccess files may use what
# conf/htaccess-cgi-bin documents, and nothing more.
Listen 127.0.0.1:$hp
<VirtualHost 127.0.0.1:$hp>
	ServerName 127.0.0.1
	DocumentRoot "$root/hosting/www"
	<Directory "$root/hosting/www">
		Options Indexes SymLinksIfOwnerMatch
		AllowOverride AuthConfig FileInfo Indexes Limit Options=ExecCGI,Indexes
		Require all granted
	</Directory>
	CustomLog "$root/run/hosting-access.log" combined
</VirtualHost>

# The server's site: conf/apache-$kind.conf, paths replaced.
Listen 127.0.0.1:$sp
Include "$root/run/site.conf"
EOF
	} >"$root/run/httpd.conf"
}

# apache_launch ROOT WRITE_CONF [ARG...]: up to five tries on a random
# loopback port P: "WRITE_CONF ARG... P" writes ROOT/run/httpd.conf, Apache
# starts in the foreground of a background job (pid in ROOT/run/
# apache.master), and once every port the conf Listens on answers
# /static/pressroom.css, APACHE_PORT is P.  A port in use: another try.
apache_launch() {
	local root=$1 write=$2 try i pid port ports up p
	shift 2
	for try in 1 2 3 4 5; do
		port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
		"$write" "$@" "$port" || return 1
		ports=$(sed -n 's/^Listen 127\.0\.0\.1:\([0-9]*\)$/\1/p' \
		    "$root/run/httpd.conf")
		"$APACHE_BIN" -f "$root/run/httpd.conf" -DFOREGROUND \
		    2>>"$root/run/stderr.log" &
		pid=$!
		echo "$pid" >"$root/run/apache.master"
		i=0
		while [ $i -lt 100 ]; do
			kill -0 "$pid" 2>/dev/null || break	# e.g. a port in use
			up=1
			for p in $ports; do
				curl -s -o /dev/null --max-time 1 \
				    "http://127.0.0.1:$p/static/pressroom.css" || up=0
			done
			if [ "$up" -eq 1 ]; then
				APACHE_PORT=$port
				export APACHE_PORT
				return 0
			fi
			sleep 0.1
			i=$((i + 1))
		done
		apache_stop "$root"
	done
	echo "apache: did not start:" >&2
	tail -5 "$root/run/stderr.log" "$root/run/error.log" 2>/dev/null >&2
	return 1
}

# The hosting account on port P, the server's site on P + 1.
_apache_conf_two() {
	apache_conf "$1" "$2" "$3" $(( $3 + 1 ))
}

# apache_start ROOT KIND: APACHE_HOST_PORT and APACHE_SITE_PORT set.
apache_start() {
	apache_launch "$1" _apache_conf_two "$1" "$2" || return 1
	APACHE_HOST_PORT=$APACHE_PORT
	APACHE_SITE_PORT=$(( APACHE_PORT + 1 ))
	export APACHE_HOST_PORT APACHE_SITE_PORT
}

# apache_pids ROOT: processes this Apache left: Apache itself (its command
# line names ROOT/run/httpd.conf) and programs whose file is under ROOT.
apache_pids() {
	local d exe
	case $1 in
	/?*/?*) ;;
	*) return 0 ;;	# never a short or relative ROOT: it would match too much
	esac
	for d in /proc/[0-9]*; do
		exe=$(readlink "$d/exe" 2>/dev/null) || continue
		case $exe in
		"$1"/*) echo "${d#/proc/}" ;;
		*/apache2)
			if tr '\0' ' ' <"$d/cmdline" 2>/dev/null |
			    grep -qF -- "-f $1/run/httpd.conf "; then
				echo "${d#/proc/}"
			fi ;;
		esac
	done
}

# apache_stop ROOT: graceful stop (SIGWINCH), then SIGTERM, then SIGKILL,
# of the recorded pid; then of anything apache_pids still finds.
apache_stop() {
	local root=$1 pid n sig left
	pid=$(cat "$root/run/apache.master" 2>/dev/null)
	if [ -n "$pid" ]; then
		for sig in WINCH TERM KILL; do
			kill -s "$sig" "$pid" 2>/dev/null || break
			n=0
			while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do
				sleep 0.1
				n=$((n + 1))
			done
			kill -0 "$pid" 2>/dev/null || break
		done
		wait "$pid" 2>/dev/null
		rm -f "$root/run/apache.master"
	fi
	left=$(apache_pids "$root")
	if [ -n "$left" ]; then
		kill $left 2>/dev/null
		sleep 0.5
		left=$(apache_pids "$root")
		[ -z "$left" ] || kill -9 $left 2>/dev/null
	fi
	return 0
}

# apache_test_up KIND: for test scripts (after tap_tmpdir).
apache_test_up() {
	APACHE_ROOT=$TMP/apache
	export APACHE_ROOT
	trap 'apache_stop "$APACHE_ROOT"; rm -rf "$TMP"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 141' PIPE
	trap 'exit 143' TERM
	apache_layout "$APACHE_ROOT" "$BUILD" "$1" || return 1
	apache_start "$APACHE_ROOT" "$1"
}

# apache_syntax FILE: `apache2 -t` on one example, as shipped: a
# conf/apache-*.conf is included as it is; an htaccess-* file is wrapped in
# a <Directory> (the directives are checked, not AllowOverride).  Loads
# what the examples use (mod_fcgid only for a file that names it).
apache_syntax() {
	local f dir kind=cgi
	f=$(cd "$(dirname "$1")" && pwd)/${1##*/}
	dir=$(mktemp -d "${TMPDIR:-/tmp}/pressroom-apache-t.XXXXXX") || return 1
	grep -q -i fcgid "$f" && kind=fcgid
	{
		cat <<EOF
ServerRoot "$dir"
ServerName 127.0.0.1
DefaultRuntimeDir "$dir"
PidFile "$dir/apache.pid"
ErrorLog "$dir/error.log"
Define APACHE_LOG_DIR $dir
EOF
		apache_modules "$kind" expires
		echo 'LogFormat "%h %l %u %t \"%r\" %>s %O" combined'
		echo "Listen 127.0.0.1:80"
		case ${f##*/} in
		htaccess-*)
			echo "<Directory \"$dir/htdocs\">"
			cat "$f"
			echo "</Directory>" ;;
		*)	echo "Include \"$f\"" ;;
		esac
	} >"$dir/httpd.conf"
	"$APACHE_BIN" -t -f "$dir/httpd.conf" >"$dir/out" 2>&1
	APACHE_SYNTAX_RC=$?
	APACHE_SYNTAX_OUT=$(grep -v -e AH00112 -e AH00558 "$dir/out")
	rm -rf "$dir"
	return $APACHE_SYNTAX_RC
}

# ---- the journey ----------------------------------------------------------

# ap_site hosting|server: the site the helpers below talk to.
ap_site() {
	local r=$APACHE_ROOT
	if [ "$1" = hosting ]; then
		URL=http://127.0.0.1:$APACHE_HOST_PORT
		A_CONF=$r/hosting/www/cgi-bin/pressroom.conf
		A_DATA=$r/hosting/data
		A_LOG=$r/run/error.log
	else
		URL=http://127.0.0.1:$APACHE_SITE_PORT
		A_CONF=$r/server/cgi-bin/pressroom.conf
		A_DATA=$r/server/data
		A_LOG=$r/run/pressroom-error.log
	fi
	A_AUTH=$(sed -n 's/^url_auth = *//p' "$A_CONF")
	A_STAFF=$(sed -n 's/^url_staff = *//p' "$A_CONF")
	A_REVIEW=$(sed -n 's/^url_review = *//p' "$A_CONF")
	A_UPLOAD=$(sed -n 's/^url_upload = *//p' "$A_CONF")
	A_PUBLIC=$(sed -n 's/^url_public = *//p' "$A_CONF")
	# t01-http.inc's helpers read the releases under $STACK/data.
	STACK=${A_DATA%/data}
	export URL STACK
}

ap_field() {
	sed -n "s/^$2: //p" "$A_DATA/releases/$1/release" 2>/dev/null | head -1
}

ap_releases() {
	ls "$A_DATA/releases" 2>/dev/null | wc -l
}

# ap_signin USER: sign in with the demo password; SID and CSRF set.
ap_signin() {
	local pre tok
	SID= CSRF=
	req GET "$A_AUTH/login"
	pre=$(set_cookie pr_login)
	tok=$(hidden csrf)
	req POST "$A_AUTH/login" -H "Cookie: pr_login=$pre" \
	    --data-urlencode "user=$1" --data-urlencode "password=press-$1" \
	    --data-urlencode "csrf=$tok" --data-urlencode "next="
	[ "$CODE" = 303 ] || return 1
	SID=$(set_cookie pr_session)
	[ -n "$SID" ] || return 1
	sget "$A_STAFF/"
	CSRF=$(hidden csrf)
	[ "$CODE" = 200 ] && [ -n "$CSRF" ]
}

# ap_new TITLE [BODY]: a new release as the signed-in user; NEWID.
ap_new() {
	spost "$A_STAFF/new" --data-urlencode "title=$1" \
	    --data-urlencode "subtitle=Essai sous Apache" \
	    --data-urlencode "lead=Le chapeau de « $1 »." \
	    --data-urlencode "body=${2:-Le corps du communiqué, servi par Apache.}" \
	    --data-urlencode "lang=fr" --data-urlencode "city=Liège" \
	    --data-urlencode "date=2026-03-04" --data-urlencode "topics=essai" \
	    --data-urlencode "contacts=Presse : presse@example.org" \
	    --data-urlencode "translation_of=" --data-urlencode "rev=" \
	    --data-urlencode "action=save"
	NEWID=$(hdr Location | sed -n \
	    "s|^$A_STAFF/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created\$|\1|p")
	[ "$CODE" = 303 ] && [ -n "$NEWID" ]
}

# ap_act ID ACTION: a workflow transition at the stored revision.
ap_act() {
	spost "$A_REVIEW/act/$1" --data-urlencode "action=$2" \
	    --data-urlencode "rev=$(ap_field "$1" Revision)" \
	    --data-urlencode "comment=" --data-urlencode "publish_at="
}

# ap_bigfile FILE: AP_BIG_SIZE bytes of plain text (libmagic: text/plain).
ap_bigfile() {
	[ -s "$1" ] && return 0
	awk -v n="$AP_BIG_SIZE" 'BEGIN {
		line = "Dossier de presse ligne %07d - texte brut pour la piece jointe.\n"
		for (i = 1; out < n; i++) {
			s = sprintf(line, i)
			if (out + length(s) > n) s = substr(s, 1, n - out - 1) "\n"
			printf "%s", s; out += length(s)
		} }' >"$1"
}

# ap_upload ID FILE NAME: POST FILE as NAME to the upload program.
ap_upload() {
	CURL_MAX=60 req POST "$A_UPLOAD/release/$1" -H "Cookie: pr_session=$SID" \
	    -F "csrf=$CSRF" -F "file=@$2;filename=$3;type=text/plain"
}

# ap_longform: a release form over 128 KiB urlencoded (a body of 90,000
# bytes of "é", 270,000 bytes encoded) that the programs accept.
ap_longform() {
	local body
	body=$(awk 'BEGIN { for (i = 0; i < 45000; i++) printf "é" }')
	ap_new "Un communiqué très long" "$body"
}

# ap_journey LABEL: the journey through the current site (ap_site).
ap_journey() {
	local l=$1 id big aid t0 n
	big=$TMP/dossier.txt
	ap_bigfile "$big"

	ap_signin editor
	ok $? "$l: editor signs in through $A_AUTH/login"
	ap_new "Communiqué publié par Apache ($l)"
	ok $? "$l: a new release is saved (303 to $A_STAFF/edit/ID)"
	id=$NEWID
	is "$(ap_field "$id" State)" draft "$l: ... stored as a draft"
	sget "$A_STAFF/edit/$id"
	like "$(body)" "action=\"$A_UPLOAD/release/$id\"" \
	    "$l: the edit page's upload form posts to $A_UPLOAD"

	t0=$(date +%s)
	ap_upload "$id" "$big" dossier-de-presse.txt
	is "$CODE $(hdr Location)" \
	    "303 $A_STAFF/edit/$id?m=uploaded#attachments" \
	    "$l: a 10 MiB text file is uploaded through $A_UPLOAD ($(( $(date +%s) - t0 )) s)"
	[ "$CODE" = 303 ] || { tail -3 "$A_LOG" | sed 's/^/#   /'; head -c 600 "$TMP/b" | sed 's/^/#   /'; }
	aid=$(ap_field "$id" Attachments | cut -f1)
	is "$(ap_field "$id" Attachments | cut -f2,3,6)" \
	    "$(printf '%s\ttext/plain\tdossier-de-presse.txt' "$AP_BIG_SIZE")" \
	    "$l: ... attached whole, as text/plain"

	ap_act "$id" submit
	is "$CODE $(ap_field "$id" State)" "303 review" "$l: the editor submits it"
	ap_signin approver
	ok $? "$l: approver signs in"
	ap_act "$id" approve
	is "$CODE $(ap_field "$id" State)" "303 approved" "$l: the approver approves it"
	ap_act "$id" publish
	is "$CODE $(ap_field "$id" State)" "303 published" "$l: ... and publishes it"

	SID= CSRF=
	req GET "$A_PUBLIC/"
	like "$CODE $(body)" "200" "$l: the public archive answers at $A_PUBLIC/"
	like "$(body)" "data-release=\"$id\"" "$l: ... and lists the release"
	link=$(body | grep -A1 "data-release=\"$id\"" | grep -o 'href="[^"]*"' |
	    head -1 | sed 's/href="\(.*\)"/\1/')
	like "$link" "$A_PUBLIC/20" "$l: ... under its permanent address ($link)"
	req GET "$link"
	like "$CODE $(body)" "200" "$l: the permanent address answers"
	like "$(body)" "Communiqué publié par Apache ($l)" "$l: ... with the release"
	req GET "$A_PUBLIC/release/$id"
	like "$CODE $(body)" "Communiqué publié par Apache ($l)" \
	    "$l: the public page shows it"
	like "$(body)" "href=\"$A_PUBLIC/files/$id/$aid/dossier-de-presse.txt\"" \
	    "$l: ... with its attachment's link"
	CURL_MAX=60 req GET "$A_PUBLIC/files/$id/$aid/dossier-de-presse.txt"
	is "$CODE $(hdr Content-Length)" "200 $AP_BIG_SIZE" \
	    "$l: anyone downloads the attachment"
	cmp -s "$TMP/b" "$big"
	ok $? "$l: ... byte for byte the file uploaded"

	# Basic credentials are no sign-in: Apache passes neither them nor a
	# REMOTE_USER, and the programs read neither.
	n=0
	for p in "$A_STAFF/" "$A_REVIEW/" "$A_STAFF/edit/$id" "$A_REVIEW/release/$id"; do
		req GET "$p" -H "Authorization: Basic YWRtaW46eA=="
		if [ "$CODE $(hdr Location)" != "303 $A_AUTH/login" ] ||
		    [ -n "$(set_cookie pr_session)" ]; then
			diag "$p: $CODE $(hdr Location)"
			n=$((n + 1))
		fi
	done
	is "$n" 0 "$l: Authorization: Basic admin:x reaches no staff page (303 to sign-in)"
	req POST "$A_UPLOAD/release/$id" -H "Authorization: Basic YWRtaW46eA==" \
	    -F "csrf=x" -F "file=@$APACHE_SRC/www/static/pressroom.css;filename=x.txt"
	unlike "$CODE" 303 "$l: ... nor uploads anything ($CODE)"
}

# ap_logs_clean: TAP: no sanitizer report, crash or timeout in the logs.
ap_logs_clean() {
	if cat "$APACHE_ROOT"/run/*.log 2>/dev/null | grep -e 'runtime error' \
	    -e 'AddressSanitizer' -e 'LeakSanitizer' -e 'timed out' \
	    -e 'Segmentation fault' -e 'exit(communication error)' \
	    -e 'premature end of script' >"$TMP/badlog"; then
		ok 1 "no sanitizer report, crash or timeout in Apache's logs"
		head -10 "$TMP/badlog" | sed 's/^/#   /'
	else
		ok 0 "no sanitizer report, crash or timeout in Apache's logs"
	fi
}
