#!/bin/sh
# The press room behind a real Apache with every program as plain CGI
# (mod_cgid; mod_fcgid not loaded), in both documented layouts: a
# shared-hosting account (conf/htaccess-cgi-bin, five .cgi programs) and a
# server's virtual host (conf/apache-cgi.conf, included with its paths
# replaced).  Through each: sign in, save, upload 10 MiB, submit, approve,
# publish, the archive, the download, and Basic credentials that open
# nothing; a form over 128 KiB is saved (no FcgidMaxRequestLen here).
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/apache.sh
tap_tmpdir
. tests/integration/t01-http.inc

if ! apache_have cgi; then
	rm -rf "$TMP"
	echo "1..0 # SKIP apache2 is not installed (Debian: apache2)"
	exit 0
fi
T0=$(date +%s)

apache_test_up cgi
ok $? "Apache starts from conf/apache-cgi.conf and the hosting account ($APACHE_HOST_PORT, $APACHE_SITE_PORT)"
[ -f "$APACHE_ROOT/run/apache.master" ] || { done_testing; exit 1; }
grep -q '^LoadModule fcgid_module' "$APACHE_ROOT/run/httpd.conf"
ok $((1 - $?)) "mod_fcgid is not loaded"

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
# Without mod_fcgid, a .fcgi file is refused rather than sent as a file.
cp "$H/cgi-bin/auth.cgi" "$H/cgi-bin/auth.fcgi"
req GET /cgi-bin/auth.fcgi/login
is "$CODE" 403 "hosting: without mod_fcgid a .fcgi program is refused, not downloaded"
rm -f "$H/cgi-bin/auth.fcgi"

ap_journey "cgi hosting"

n=0
for pid in $(apache_pids "$APACHE_ROOT"); do
	case $(readlink "/proc/$pid/exe") in
	"$H/cgi-bin/"*) n=$((n + 1)) ;;
	esac
done
is "$n" 0 "hosting: no program keeps running after its request (plain CGI)"
[ "$(id -u)" -ne 0 ] || is "$(stat -c %U "$A_DATA/sessions/$(ls "$A_DATA/sessions" | head -1)")" \
    www-data "hosting: sessions are written by www-data"

ap_signin editor
ap_longform
is "$CODE" 303 "hosting: a 270 KB form to submit.cgi is saved (no FcgidMaxRequestLen)"

# ---- the server's virtual host: conf/apache-cgi.conf -------------------------
ap_site server
req GET /static/pressroom.css
is "$CODE" 200 "vhost: /static/ is served"
req GET /auth/login
is "$CODE $(grep -c 'name="csrf"' "$TMP/b")" "200 1" "vhost: /auth/login is the sign-in page"
req GET /nowhere
is "$CODE" 404 "vhost: any other URL is the archive's 404"

ap_journey "cgi vhost"

ap_signin editor
ap_longform
is "$CODE" 303 "vhost: the 270 KB form is saved"

ap_logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
