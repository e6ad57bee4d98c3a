#!/bin/sh
# The press room behind a real Apache with mod_fcgid, in both documented
# layouts at once: a shared-hosting account (conf/htaccess-cgi-bin: four
# .fcgi programs and upload.cgi in a cgi-bin directory, data outside the
# web root) and a server's virtual host (conf/apache-fcgid.conf, included
# with its paths replaced).  Through each: sign in, save, upload 10 MiB
# (plain CGI), submit, approve, publish, the archive, the download, and
# Basic credentials that open nothing.  Then why upload is CGI: a form over
# 128 KiB is refused by mod_fcgid (FcgidMaxRequestLen) on the hosting
# account and accepted by the virtual host, which raises the limit.  And
# `apache2 -t` on every conf/apache-*.conf and conf/htaccess-* example.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/apache.sh
tap_tmpdir
. tests/integration/t01-http.inc

if ! apache_have fcgid; then
	rm -rf "$TMP"
	echo "1..0 # SKIP apache2 or mod_fcgid is not installed (Debian: apache2 libapache2-mod-fcgid)"
	exit 0
fi
T0=$(date +%s)

# The examples as shipped.
for f in conf/apache-*.conf conf/htaccess-*; do
	apache_syntax "$f"
	ok $? "apache2 -t accepts $f"
	[ "$APACHE_SYNTAX_RC" -eq 0 ] || printf '%s\n' "$APACHE_SYNTAX_OUT" | sed 's/^/#   /'
done
# The check can fail: a misspelt directive is caught.
sed 's/^\tFcgidMaxRequestLen /\tFcgidMaxRequestLenn /' conf/apache-fcgid.conf >"$TMP/typo.conf"
apache_syntax "$TMP/typo.conf"
is "$APACHE_SYNTAX_RC" 1 "apache2 -t refuses a misspelt directive (the check checks)"

apache_test_up fcgid
ok $? "Apache starts from conf/apache-fcgid.conf and the hosting account ($APACHE_HOST_PORT, $APACHE_SITE_PORT)"
[ -f "$APACHE_ROOT/run/apache.master" ] || { done_testing; exit 1; }

# ---- the hosting account ----------------------------------------------
ap_site hosting
H=$APACHE_ROOT/hosting/www

req GET /static/pressroom.css
is "$CODE" 200 "hosting: static files are served from the web root"
for f in pressroom.conf users .htaccess; do
	req GET "/cgi-bin/$f"
	is "$CODE" 403 "hosting: /cgi-bin/$f is refused"
done
req GET /cgi-bin/
unlike "$CODE $(body)" "pressroom.conf" "hosting: /cgi-bin/ lists nothing ($CODE)"
req GET /private/sessions/secret
is "$CODE" 403 "hosting: htaccess-data refuses a data directory in the web space"

ap_journey "fcgid hosting"

# The .fcgi programs ran under mod_fcgid: they are still running, as
# www-data, children of Apache; upload.cgi is not.
n=0 u=
for pid in $(apache_pids "$APACHE_ROOT"); do
	case $(readlink "/proc/$pid/exe") in
	"$H/cgi-bin/"*.fcgi) n=$((n + 1)); u=$(stat -c %U "/proc/$pid") ;;
	"$H/cgi-bin/upload.cgi") n=1000 ;;
	esac
done
ok "$([ "$n" -ge 4 ] && [ "$n" -lt 1000 ]; echo $?)" \
    "hosting: the four .fcgi programs stay running under mod_fcgid, upload.cgi does not ($n)"
[ "$(id -u)" -ne 0 ] || is "$u" www-data "hosting: ... as www-data"
[ "$(id -u)" -ne 0 ] || is "$(stat -c %U "$A_DATA/sessions/$(ls "$A_DATA/sessions" | head -1)")" \
    www-data "hosting: sessions are written by www-data"

# Why upload is CGI: mod_fcgid refuses a body over FcgidMaxRequestLen
# (131072) before the program sees a byte, and .htaccess cannot raise it.
ap_signin editor
before=$(ap_releases)
lines=$(wc -l <"$A_LOG")
ap_longform
is "$CODE" 500 "hosting: a 270 KB form to submit.fcgi is refused by mod_fcgid (500)"
tail -n +"$((lines + 1))" "$A_LOG" | grep -q 'exceeds MaxRequestLen (131072)'
ok $? "hosting: ... the error log says: exceeds MaxRequestLen (131072)"
is "$(ap_releases)" "$before" "hosting: ... and nothing was saved"
# The upload program itself under a .fcgi name: a 512 KiB attachment is
# refused by mod_fcgid; the same file through upload.cgi is attached.
cp "$H/cgi-bin/upload.cgi" "$H/cgi-bin/upload-test.fcgi"
AP_BIG_SIZE=524288 ap_bigfile "$TMP/half.txt"
ap_new "Pour l’essai d’upload.fcgi"
lines=$(wc -l <"$A_LOG")
req POST "/cgi-bin/upload-test.fcgi/release/$NEWID" -H "Cookie: pr_session=$SID" \
    -F "csrf=$CSRF" -F "file=@$TMP/half.txt;filename=half.txt;type=text/plain"
is "$CODE" 500 "hosting: a 512 KiB upload to the upload program named .fcgi is refused (500)"
tail -n +"$((lines + 1))" "$A_LOG" | grep -q 'exceeds MaxRequestLen (131072)'
ok $? "hosting: ... by mod_fcgid (exceeds MaxRequestLen)"
is "$(ap_field "$NEWID" Attachments)" "" "hosting: ... and nothing was attached"
ap_upload "$NEWID" "$TMP/half.txt" half.txt
is "$CODE $(ap_field "$NEWID" Attachments | cut -f2)" "303 524288" \
    "hosting: the same file through upload.cgi is attached"
rm -f "$H/cgi-bin/upload-test.fcgi"
# FcgidMaxRequestLen in .htaccess is a configuration error, not a fix.
cp "$H/cgi-bin/.htaccess" "$TMP/htaccess.keep"
echo "FcgidMaxRequestLen 1114112" >>"$H/cgi-bin/.htaccess"
req GET "$A_AUTH/login"
is "$CODE" 500 "hosting: FcgidMaxRequestLen in .htaccess is refused (500 for the directory)"
grep -q 'FcgidMaxRequestLen not allowed here' "$A_LOG"
ok $? "hosting: ... 'FcgidMaxRequestLen not allowed here'"
cp "$TMP/htaccess.keep" "$H/cgi-bin/.htaccess"

# ---- the server's virtual host: conf/apache-fcgid.conf ----------------------
ap_site server
req GET /static/pressroom.css
is "$CODE" 200 "vhost: /static/ is served"
req GET /favicon.ico
is "$CODE" 200 "vhost: /favicon.ico is the icon"
req GET /auth/login
is "$CODE $(grep -c 'name="csrf"' "$TMP/b")" "200 1" "vhost: /auth/login is the sign-in page"
req GET /nowhere
is "$CODE" 404 "vhost: any other URL is the archive's 404"

ap_journey "fcgid vhost"

ap_signin editor
ap_longform
is "$CODE" 303 "vhost: the 270 KB form is saved (FcgidMaxRequestLen 1114112 in the vhost)"
# Over max_body (1 MiB) but within FcgidMaxRequestLen: the program says
# 413 itself; over FcgidMaxRequestLen: mod_fcgid refuses (500).
before=$(ap_releases)
head -c 1100000 /dev/zero | tr '\0' a >"$TMP/pad"
spost /staff/new --data-urlencode "title=Trop long" --data-binary "@$TMP/pad"
is "$CODE" 413 "vhost: a 1.1 MB form is refused by the program (413)"
head -c 1500000 /dev/zero | tr '\0' a >"$TMP/pad"
spost /staff/new --data-urlencode "title=Trop long" --data-binary "@$TMP/pad"
is "$CODE" 500 "vhost: a 1.5 MB form is refused by mod_fcgid (500)"
is "$(ap_releases)" "$before" "vhost: ... and neither was saved"
# A declared upload over the vhost's LimitRequestBody is refused at the door.
PORT=$APACHE_SITE_PORT
out=$(printf 'POST /upload/release/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: pr_session=%s\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 300000000\r\nConnection: close\r\n\r\n' \
    "$NEWID" "$SID" | raw 5)
like "$(printf '%s' "$out" | head -1)" " 413 " "vhost: a declared 300 MB upload is refused by Apache (413)"

ap_logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
