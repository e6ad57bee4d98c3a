#!/bin/sh
# t0730: `pressroom-admin user del` signs the user out at once and forgets
# what the store kept of them (sessions, settings, failed sign-ins), so a
# new user of the same name inherits none of it; their releases stay, and
# other users keep their sessions.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
export TZ=UTC LC_ALL=C.UTF-8

wf_stack_prepare "$TMP/stack" && wf_user_add carol && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
DATA=$STACK/data

wf_login carol && wf_login editor || { ok 1 "carol and editor sign in"; done_testing; exit 1; }
as carol
spost /staff/settings --data-urlencode "language=fr"
is "$CODE" 303 "carol saves French as her language"
ok "$([ -f "$DATA/prefs/carol" ]; echo $?)" "... kept in prefs/carol"
wf_new "Le communiqué de Carol"
CAROL_REL=$NEWID
ok "$([ -n "$CAROL_REL" ]; echo $?)" "carol writes a release"
# Two failed sign-ins leave a count.
for _ in 1 2; do
	signin carol wrong-password && ok 1 "a wrong password signs in"
done
as carol
ok "$([ -f "$DATA/logins/carol" ]; echo $?)" "failed sign-ins are counted in logins/carol"
sget /staff/
is "$CODE" 200 "carol's session works before"

ok "$(grep -l '^User: carol$' "$DATA"/sessions/* 2>/dev/null | grep -q .; echo $?)" \
    "carol's session is a file in sessions/"

wf_admin user del carol >"$TMP/del.out" 2>&1
is "$?" 0 "user del carol succeeds"
is "$(cat "$TMP/del.out")" "" "... silently"
# Before any request of hers: the deletion itself removed it.
ok "$(grep -l '^User: carol$' "$DATA"/sessions/* 2>/dev/null | grep -q .; [ $? = 1 ]; echo $?)" \
    "no session of carol is left in sessions/"

sget /staff/
ok "$([ "$CODE" != 200 ]; echo $?)" "carol's session no longer opens /staff/ ($CODE)"
like "$(hdr Location)" "/auth/login" "... it sends to the sign-in page"
ok "$([ ! -e "$DATA/prefs/carol" ]; echo $?)" "her settings are gone"
ok "$([ ! -e "$DATA/logins/carol" ]; echo $?)" "her failed sign-ins are gone"
ok "$([ -d "$DATA/releases/$CAROL_REL" ]; echo $?)" "her release stays"

as editor
sget /staff/
is "$CODE" 200 "editor's session still works"
ok "$(grep -l '^User: editor$' "$DATA"/sessions/* 2>/dev/null | grep -q .; echo $?)" \
    "... and its file is still there"

# A new carol starts afresh: the site's language, not the old choice.
wf_user_add carol && wf_login carol || ok 1 "a new carol signs in"
as carol
sget /staff/ -H "Accept-Language: en"
is "$CODE" 200 "a new user named carol signs in"
like "$(body)" '<html lang="en">' "... and gets English, not the old carol's French"

wf_admin user del nobody >"$TMP/del2.out" 2>&1
is "$?" 1 "user del of an unknown user fails"
like "$(cat "$TMP/del2.out")" "no user nobody" "... and says so"

logs_clean
done_testing
