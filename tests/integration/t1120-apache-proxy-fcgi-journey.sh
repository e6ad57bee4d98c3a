#!/bin/sh
# The press room behind a real Apache with mod_proxy_fcgi: the five
# programs on their own unix sockets (-s ... -w 2, as for nginx; as root
# they run as www-data, Apache's User, so that its children may connect)
# and Apache started from conf/apache-proxy-fcgi.conf itself, paths
# replaced.  `apache2 -t` on the example; what the programs are told
# (PATH_INFO after the prefix, decoded; the archive at /); then the
# journey: sign in, save, upload 10 MiB (streamed through mod_proxy_fcgi),
# submit, approve, publish, the archive, the download byte for byte, and
# Basic credentials that open nothing.  Then the body limits (the
# programs' own: Apache applies no LimitRequestBody to what
# mod_proxy_fcgi streams), a chunked upload, and that a program's two
# workers are not held by connections Apache keeps.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/apache.sh
. tests/lib/apache-proxy.sh
tap_tmpdir
. tests/integration/t01-http.inc

if ! apx_have; then
	rm -rf "$TMP"
	echo "1..0 # SKIP apache2, mod_proxy_fcgi or mod_setenvif is not installed (Debian: apache2)"
	exit 0
fi
T0=$(date +%s)

# The example as shipped (its guarded LoadModule lines load the proxy
# modules that apache_syntax does not).
apache_syntax conf/apache-proxy-fcgi.conf
ok $? "apache2 -t accepts conf/apache-proxy-fcgi.conf"
[ "$APACHE_SYNTAX_RC" -eq 0 ] || printf '%s\n' "$APACHE_SYNTAX_OUT" | sed 's/^/#   /'
sed 's/^\tProxyFCGIBackendType /\tProxyFCGIBackendTyp /' conf/apache-proxy-fcgi.conf >"$TMP/typo.conf"
apache_syntax "$TMP/typo.conf"
is "$APACHE_SYNTAX_RC" 1 "apache2 -t refuses a misspelt directive (the check checks)"

apx_test_up
ok $? "the programs start on unix sockets and Apache from conf/apache-proxy-fcgi.conf ($APX_PORT)"
[ -f "$APACHE_ROOT/run/apache.master" ] || { done_testing; exit 1; }
apx_site
R=$APACHE_ROOT/run

# Who connects to whom: as root, the programs and Apache's children are
# www-data, and the sockets (0755 under umask 022) are www-data's.
if [ "$(id -u)" -eq 0 ]; then
	is "$(stat -c '%U %a' "$R/submit.sock")" "www-data 755" \
	    "the sockets belong to www-data, the programs' user (0755)"
	u=
	for pid in $(apache_pids "$APACHE_ROOT"); do
		[ "$pid" = "$(cat "$R/apache.master")" ] || u="$u $(stat -c %U "/proc/$pid")"
	done
	is "$(echo $u | tr ' ' '\n' | sort -u | tr '\n' ' ')" "www-data " \
	    "Apache's children run as www-data"
	is "$(stat -c %U "/proc/$(cat "$R/upload.pid")")" www-data \
	    "the programs run as www-data"
fi

# ---- what the programs are told -------------------------------------------
req GET /static/pressroom.css
is "$CODE" 200 "/static/ is served by Apache"
req GET /favicon.ico
is "$CODE" 200 "/favicon.ico is the icon"
req GET /auth/login
is "$CODE $(grep -c 'name="csrf"' "$TMP/b")" "200 1" \
    "/auth/login is the sign-in page (PATH_INFO /login)"
req GET /auth/log%69n
is "$CODE $(grep -c 'name="csrf"' "$TMP/b")" "200 1" \
    "/auth/log%69n too (PATH_INFO percent-decoded)"
req GET /staff
is "$CODE $(hdr Location)" "301 $URL/staff/" "/staff redirects to /staff/"
req GET /staff/
is "$CODE $(hdr Location)" "303 /auth/login" \
    "/staff/ without a session is sent to the sign-in page"
req GET /
is "$CODE" 200 "/ is the archive's index (PATH_INFO /, SCRIPT_NAME empty)"
req GET /release/20260101-deadbeef
is "$CODE" 404 "/release/UNKNOWN is the archive's 404, not its index"
req GET /nowhere
is "$CODE" 404 "any other URL is the archive's 404"
like "$(body)" "/static/pressroom.css" "... the archive's page, not Apache's"

# ---- the journey ----------------------------------------------------------
ap_journey "proxy_fcgi"

# A client's Remote-User header is no REMOTE_USER (it becomes
# HTTP_REMOTE_USER, which nobody reads).
req GET /staff/ -H "Remote-User: admin" -H "X-Remote-User: admin"
is "$CODE $(hdr Location)" "303 /auth/login" \
    "a Remote-User: admin header reaches no staff page"

# ---- request bodies ---------------------------------------------------------
ap_signin editor
ap_longform
is "$CODE" 303 "a 270 KB release form is saved (no FcgidMaxRequestLen here)"
before=$(ap_releases)
head -c 1100000 /dev/zero | tr '\0' a >"$TMP/pad"
spost /staff/new --data-urlencode "title=Trop long" --data-binary "@$TMP/pad"
is "$CODE" 413 "a 1.1 MB form is refused by the program (413, over max_body)"
head -c 1500000 /dev/zero | tr '\0' a >"$TMP/pad"
spost /staff/new --data-urlencode "title=Trop long" --data-binary "@$TMP/pad"
like "$CODE $(body)" "413" "a 1.5 MB form is refused by the program too (413)"
like "$(body)" "/static/pressroom.css" "... the program's page: Apache set no limit of its own"
is "$(ap_releases)" "$before" "... and neither was saved"
# Apache applies no LimitRequestBody to what mod_proxy_fcgi streams: the
# upload program's own limits are the limits.  One byte over
# upload_file_max (50 MiB) is refused, and nothing is attached.
ap_new "Trop gros"
AP_BIG_SIZE=$((50 * 1048576 + 1)) ap_bigfile "$TMP/over.txt"
t0=$(date +%s)
ap_upload "$NEWID" "$TMP/over.txt" trop-gros.txt
unlike "$CODE" 303 "a 50 MiB + 1 byte attachment is refused by the upload program ($CODE, $(( $(date +%s) - t0 )) s)"
is "$(ap_field "$NEWID" Attachments)" "" "... and nothing was attached"
rm -f "$TMP/over.txt"
# A chunked upload (no Content-Length) streams through as well.
AP_BIG_SIZE=1048576 ap_bigfile "$TMP/mib.txt"
req POST "$A_UPLOAD/release/$NEWID" -H "Cookie: pr_session=$SID" \
    -H "Transfer-Encoding: chunked" -F "csrf=$CSRF" \
    -F "file=@$TMP/mib.txt;filename=chunked.txt;type=text/plain"
is "$CODE $(ap_field "$NEWID" Attachments | cut -f2,6)" \
    "$(printf '303 1048576\tchunked.txt')" "a chunked 1 MiB upload is attached"

# ---- workers are not held ---------------------------------------------------
# Each program has two workers, each answering one connection at a time:
# twelve requests at once, then twelve more, all answered promptly.
t0=$(date +%s)
# (wait for these curls by pid: a bare `wait` would wait for Apache.)
i=0 cpids=
: >"$TMP/codes"
while [ $i -lt 24 ]; do
	curl -s -o /dev/null --max-time 10 -w '%{http_code}\n' \
	    "$URL/auth/login" >>"$TMP/codes" &
	cpids="$cpids $!"
	i=$((i + 1))
	if [ $((i % 12)) -eq 0 ]; then
		wait $cpids
		cpids=
	fi
done
is "$(grep -c '^200$' "$TMP/codes")" 24 \
    "24 sign-in pages (12 at a time) from 2 workers: all 200 ($(( $(date +%s) - t0 )) s)"

ap_logs_clean
if grep -h -e 'killed by signal' -e 'exited with' -e 'timed out' \
    "$R"/auth.log "$R"/submit.log "$R"/review.log "$R"/archive.log \
    "$R"/upload.log >"$TMP/deaths" 2>/dev/null; then
	ok 1 "no worker died during the test"
	head -5 "$TMP/deaths" | sed 's/^/#   /'
else
	ok 0 "no worker died during the test"
fi

# Stop everything now, by pid, and check that nothing is left.
pids="$(cat "$R"/*.pid "$R/apache.master" 2>/dev/null)"
apx_stop "$APACHE_ROOT"
left=
for pid in $pids; do
	kill -0 "$pid" 2>/dev/null && left="$left $pid"
done
is "$left$(apx_pids "$APACHE_ROOT")" "" "Apache and the programs are stopped"

diag "took $(( $(date +%s) - T0 )) s"
done_testing
