#!/bin/sh
# `make dist-hosting`: the tarball for a shared-hosting account without a
# compiler.  Built, unpacked into a fresh "home", checked (layout, modes,
# static programs, INSTALL), set up as INSTALL says (one edit to
# pressroom.conf, users made with the shipped bin/pressroom-admin,
# selfcheck all ok), then served by a real Apache with mod_fcgid from the
# unpacked tree itself: sign in, save, upload 10 MiB through upload.cgi,
# submit, approve, publish, the archive, the download, all answered by the
# static programs of the tarball (never build/).
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/apache.sh
. tests/lib/apache-home.sh
tap_tmpdir
. tests/integration/t01-http.inc

T0=$(date +%s)
if ! make -s dist-hosting >"$TMP/make.log" 2>&1; then
	if grep -q -e 'cannot find -l' -e 'No such file.*\.a' "$TMP/make.log"; then
		rm -rf "$TMP"
		echo "1..0 # SKIP make STATIC=1 fails: static libraries (.a) missing"
		exit 0
	fi
	ok 1 "make dist-hosting"
	tail -20 "$TMP/make.log" | sed 's/^/#   /'
	rm -rf "$TMP"
	done_testing
	exit 1
fi
ok 0 "make dist-hosting builds dist/pressroom-hosting.tar.gz ($(( $(date +%s) - T0 )) s)"
TARBALL=$(pwd)/dist/pressroom-hosting.tar.gz

# ---- the tarball ---------------------------------------------------------
tar tzf "$TARBALL" | LC_ALL=C sort >"$TMP/list"
n=0
for f in INSTALL bin/pressroom-admin pressroom-data/ pressroom-share/magic.mgc \
    pressroom-share/templates/edit.html public_html/static/pressroom.css \
    public_html/cgi-bin/.htaccess public_html/cgi-bin/pressroom.conf \
    public_html/cgi-bin/auth.fcgi public_html/cgi-bin/submit.fcgi \
    public_html/cgi-bin/review.fcgi public_html/cgi-bin/archive.fcgi \
    public_html/cgi-bin/upload.cgi; do
	grep -qxF "$f" "$TMP/list" || { diag "missing: $f"; n=$((n + 1)); }
done
is "$n" 0 "the tarball holds the hosting layout (cgi-bin programs, conf, static, share, data, bin, INSTALL)"
is "$(grep -c -e '^\./' -e '^/' -e '\.\./' "$TMP/list")" 0 \
    "... with no ./ entry (the home directory's mode is left alone), no absolute or ../ path"
is "$(grep -c -e '^public_html/cgi-bin/users$' -e '^pressroom-users$' -e '^pressroom-data/.' "$TMP/list")" 0 \
    "... and no users file or data"

# Unpacked as INSTALL says, by a user with a usual umask.
HOMED=$TMP/apache/home
mkdir -p "$HOMED"
(umask 022 && cd "$HOMED" && tar xzf "$TARBALL")
ok $? "it unpacks into an account's home"
is "$(find "$HOMED" -perm /022 | wc -l)" 0 "nothing in it is group- or world-writable"
is "$(stat -c %a "$HOMED/pressroom-data")" 700 "pressroom-data/ is 0700"
n=0
for p in auth.fcgi submit.fcgi review.fcgi archive.fcgi upload.cgi; do
	f=$HOMED/public_html/cgi-bin/$p
	[ "$(stat -c %a "$f")" = 755 ] || { diag "$p: mode $(stat -c %a "$f")"; n=$((n + 1)); }
	# Static: no program interpreter, no shared library needed.
	if readelf -l "$f" | grep -q INTERP || readelf -d "$f" | grep -q NEEDED; then
		diag "$p is not static"; n=$((n + 1))
	fi
done
readelf -d "$HOMED/bin/pressroom-admin" | grep -q NEEDED && n=$((n + 1))
is "$n" 0 "the five programs are 0755 and, with bin/pressroom-admin, fully static"
for p in auth submit review archive upload; do
	case $p in upload) f=upload.cgi ;; *) f=$p.fcgi ;; esac
	cmp -s "build-static/cgi/pressroom-$p" "$HOMED/public_html/cgi-bin/$f" ||
	    n=$((n + 1))
done
is "$n" 0 "... and they are build-static/'s programs under the .htaccess names"
cmp -s /usr/share/misc/magic.mgc "$HOMED/pressroom-share/magic.mgc"
ok $? "pressroom-share/magic.mgc is the system's (the libmagic linked in)"
cmp -s conf/htaccess-cgi-bin "$HOMED/public_html/cgi-bin/.htaccess"
ok $? "public_html/cgi-bin/.htaccess is conf/htaccess-cgi-bin"
C=$HOMED/public_html/cgi-bin/pressroom.conf
is "$(grep -E '^(data_dir|users_file|templates_dir|magic_database|url_[a-z]+) =' "$C" | tr '\n' ' ')" \
    "data_dir = ../../pressroom-data users_file = ../../pressroom-users templates_dir = ../../pressroom-share/templates url_auth = /cgi-bin/auth.fcgi url_staff = /cgi-bin/submit.fcgi url_review = /cgi-bin/review.fcgi url_upload = /cgi-bin/upload.cgi url_public = /cgi-bin/archive.fcgi url_static = /static magic_database = ../../pressroom-share/magic.mgc " \
    "pressroom.conf is made for the layout (relative paths, /cgi-bin URLs)"
like "$(cat "$HOMED/INSTALL")" "bin/pressroom-admin -c public_html/cgi-bin/pressroom.conf user add" \
    "INSTALL says how to create the first user"
like "$(cat "$HOMED/INSTALL")" "selfcheck" "... and to run selfcheck"

# ---- set up as INSTALL says ---------------------------------------------
# The one edit: site_name and site_url (and approvers, for the journey).
sed -i -e 's|^site_name = .*|site_name = Press room of the test account|' \
    -e "s|^site_url = .*|site_url = http://127.0.0.1|" \
    -e 's|^approvers =.*|approvers = approver|' "$C"
n=0
for u in admin editor approver; do
	(cd "$HOMED" && printf 'press-%s\n' "$u" |
	    bin/pressroom-admin -c public_html/cgi-bin/pressroom.conf user add "$u") \
	    >>"$TMP/admin.log" 2>&1 || n=$((n + 1))
done
is "$n" 0 "bin/pressroom-admin -c public_html/cgi-bin/pressroom.conf user add (admin, editor, approver)"
is "$(stat -c %a "$HOMED/pressroom-users")" 640 "... the users file, outside public_html, is 0640"
out=$(cd "$HOMED/public_html/cgi-bin" && ../../bin/pressroom-admin -c pressroom.conf selfcheck 2>&1)
rc=$?
printf '%s\n' "$out" >"$TMP/selfcheck"
is "$rc $(grep -vc '^ok ' "$TMP/selfcheck")" "0 0" \
    "selfcheck from the unpacked tree (as INSTALL says): every line ok"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$TMP/selfcheck"
like "$out" "pressroom-share/magic.mgc loads" \
    "... the shipped magic database among them"
# Paths in pressroom.conf are relative to its directory, wherever the
# command runs from.
out=$(cd "$HOMED" && bin/pressroom-admin -c public_html/cgi-bin/pressroom.conf selfcheck 2>&1)
ok $? "selfcheck from the home directory: every line ok too"

# ---- a real Apache serves the unpacked tree --------------------------------
if ! apache_have fcgid; then
	ok 0 "# SKIP apache2 or mod_fcgid is not installed (Debian: apache2 libapache2-mod-fcgid)"
	rm -rf "$TMP"
	done_testing
	exit
fi
APACHE_ROOT=$TMP/apache
export APACHE_ROOT
trap 'apache_stop "$APACHE_ROOT"; rm -rf "$TMP"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
# Apache started as root runs programs as www-data: on a host with suexec
# the account's user owns its home; www-data plays that user here.
if [ -n "$(apache_user)" ]; then
	chown -R "$(apache_user):$(apache_user)" "$HOMED"
	chmod 0711 "$TMP" "$APACHE_ROOT"
fi
apache_home_start "$APACHE_ROOT" "$HOMED"
ok $? "Apache (mod_fcgid) starts with public_html of the unpacked tree as document root ($APACHE_HOST_PORT)"
[ -f "$APACHE_ROOT/run/apache.master" ] || { done_testing; exit 1; }
ap_home_site "$HOMED"

req GET /static/pressroom.css
is "$CODE" 200 "static files are served from public_html/static"
for f in pressroom.conf .htaccess; do
	req GET "/cgi-bin/$f"
	is "$CODE" 403 "/cgi-bin/$f is refused"
done
req GET /cgi-bin/
unlike "$CODE $(body)" "pressroom.conf" "/cgi-bin/ lists nothing ($CODE)"
req GET "$A_AUTH/login"
like "$CODE $(body)" "Press room of the test account" "the sign-in page shows the edited site_name"

ap_journey "static tarball"

# Every program that answered is one of the tarball's.
n=0 o=0
for pid in $(apache_pids "$APACHE_ROOT"); do
	case $(readlink "/proc/$pid/exe") in
	"$HOMED/public_html/cgi-bin/"*.fcgi) n=$((n + 1)) ;;
	*/apache2) ;;
	*) o=$((o + 1)); diag "other: $(readlink "/proc/$pid/exe")" ;;
	esac
done
ok "$([ "$n" -ge 4 ] && [ "$o" -eq 0 ]; echo $?)" \
    "the four .fcgi programs of the tarball run under mod_fcgid ($n), nothing from build/"
grep -q "$(pwd)/build" "$APACHE_ROOT/run/httpd.conf"
ok "$((! $?))" "... and Apache's configuration names no build directory"
is "$(stat -c %a "$A_DATA")" 700 "pressroom-data/ is still 0700 after use"
is "$(find "$HOMED" -perm /022 | wc -l)" 0 "... and nothing in the home became group- or world-writable"
ap_logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
