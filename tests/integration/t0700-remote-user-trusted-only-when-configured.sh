#!/bin/sh
# REMOTE_USER from the web server signs a user in only where the site says
# trust_remote_user = yes; otherwise it, and any Authorization header, is
# ignored.  Run as plain CGI, where the test sets the variables itself.
. tests/lib/tap.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/data"
sed -e "s|^data_dir = .*|data_dir = $TMP/data|" \
    -e "s|^users_file = .*|users_file = $TMP/users|" \
    -e "s|^templates_dir = .*|templates_dir = $(pwd)/www/templates|" \
    conf/pressroom.conf >"$TMP/off.conf"
sed -e 's|^trust_remote_user = no|trust_remote_user = yes|' "$TMP/off.conf" >"$TMP/on.conf"
echo "pass-for-ed" | $BUILD/cgi/pressroom-admin -c "$TMP/off.conf" user add ed

cgi() {
	# cgi CONF: GET /staff/ as plain CGI with REMOTE_USER=ed.
	env -i PATH="$PATH" REQUEST_METHOD=GET PATH_INFO=/ REMOTE_USER=ed \
	    HTTP_AUTHORIZATION="Basic ZWQ6eA==" \
	    $BUILD/cgi/pressroom-submit -c "$1" </dev/null
}

out=$(cgi "$TMP/off.conf")
like "$out" "Status: 303" "trust_remote_user = no: REMOTE_USER=ed is not signed in"
like "$out" "Location: /auth/login" "... and is sent to the sign-in page"
unlike "$out" "Set-Cookie: pr_session" "... and no session is made"

out=$(cgi "$TMP/on.conf")
like "$out" "Status: 200" "trust_remote_user = yes: REMOTE_USER=ed sees My releases"
like "$out" "Set-Cookie: pr_session=" "... with a session for CSRF tokens"
like "$out" '<span class="who">ed ' "... as ed"

out=$(env -i PATH="$PATH" REQUEST_METHOD=GET PATH_INFO=/ REMOTE_USER="../x" \
    $BUILD/cgi/pressroom-submit -c "$TMP/on.conf" </dev/null)
like "$out" "Status: 303" "a malformed REMOTE_USER is not trusted even then"
done_testing
