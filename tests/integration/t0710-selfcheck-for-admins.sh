#!/bin/sh
# The admin's self-check, as a command and as a page: each finding says
# what works and what needs attention, and the command's exit status
# tells a script whether all is well.
. tests/lib/tap.sh
. tests/lib/stack.sh
. tests/lib/signin.sh
tap_tmpdir
stack_test_up || { echo "1..0 # SKIP the stack did not start"; exit 1; }
ADMIN=$BUILD/cgi/pressroom-admin

out=$($ADMIN -c "$STACK/pressroom.conf" selfcheck)
ok $? "selfcheck on the demo site exits 0"
for w in "data directory" "free disk space" templates catalogues "magic database" clock mail "users file"; do
	like "$out" "ok   $w:" "selfcheck: $w is fine"
done

sed -e 's|^magic_database =.*|magic_database = /nonexistent/magic.mgc|' \
    -e 's|^mail_command =.*|mail_command = /nonexistent/sendmail -t|' \
    "$STACK/pressroom.conf" >"$TMP/bad.conf"
out=$($ADMIN -c "$TMP/bad.conf" selfcheck)
is $? 1 "a broken magic database and mail command: exit 1"
like "$out" "FAIL magic database: /nonexistent/magic.mgc does not load" "says the magic database does not load"
like "$out" "FAIL mail: the command in mail_command is not an executable file" "says the mail command is missing"
like "$out" "ok   data directory:" "... and what still works"

signin admin press-admin "$TMP/admin"
ok $? "admin signs in"
page=$(curl -s --max-time 10 -b "$TMP/admin" "$URL/staff/selfcheck")
like "$page" "Everything this page can check works." "the self-check page: all fine"
like "$page" "magic database" "the page lists the magic database"
like "$page" 'href="/staff/selfcheck"' "admins have a Self-check link"
signin editor press-editor "$TMP/editor"
code=$(curl -s --max-time 10 -o "$TMP/ed.html" -w '%{http_code}' -b "$TMP/editor" "$URL/staff/selfcheck")
is "$code" 403 "an editor may not see the self-check page"
unlike "$(cat "$TMP/ed.html")" 'href="/staff/selfcheck"' "editors have no Self-check link"
done_testing
