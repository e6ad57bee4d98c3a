#!/bin/sh
# t1410: hostile language input is refused with a clear error or ignored,
# never a crash, and changes no data:
#
#   - Accept-Language of 10 KB (ignored entirely, as plain CGI, where no
#     web server cuts it first), of 6 KB through nginx, malformed tags,
#     unknown languages, q-values out of range: the site's default;
#   - the switcher's cookie pr_lang naming ../../etc/passwd, an unknown
#     language, 36 bytes, junk: ignored;
#   - the switcher's parameter (/lang?lang=...) with ../, empty, NUL,
#     CR LF, percent junk, an unknown or over-long tag: 400 with a sentence
#     that says so, and no cookie set; next= pointing off the site: the
#     program's front page instead;
#   - the settings page: a language without a catalogue, a path, no CSRF
#     token: refused, and the user's settings file untouched.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
export TZ=UTC LC_ALL=C.UTF-8
wf_stack_prepare "$TMP/stack" && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
wf_login editor
ok $? "editor signs in"
BEFORE=$(data_sum)
LANG_MSG="interface is not available in that language."
EN='<html lang="en">'
FR='<html lang="fr">'

# --- Accept-Language, as plain CGI: the program itself must cope.
big=$(head -c 10240 /dev/zero | tr '\0' 'x' | sed 's/^/fr,/')
cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth \
    HTTP_ACCEPT_LANGUAGE="$big" </dev/null
is "$CGI_RC:$CGI_STATUS" "0:200" "CGI, Accept-Language of 10 KB: 200, no crash"
like "$(cat "$TMP/cb")" "$EN" "... the header is ignored entirely: English, though it starts with fr"
many=$(i=0; while [ $i -lt 40 ]; do printf 'de;q=0.9,'; i=$((i + 1)); done; printf 'fr')
cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth \
    HTTP_ACCEPT_LANGUAGE="$many" </dev/null
like "$CGI_STATUS $(cat "$TMP/cb")" "200" "CGI, 41 entries: 200"
like "$(cat "$TMP/cb")" "$EN" "... only the first 32 count: fr (the 41st) is not seen"
for h in '$$$;q=x, ../../etc/passwd, fr-' 'fr;q=2' 'fr;q=-1' 'fr;q=0' \
    'de-DE,de;q=0.9' 'x-klingon' '*' ';;;,,,' "$(printf 'fr\001')" \
    'fr-aaaaaaaaa' 'français'; do
	cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth \
	    HTTP_ACCEPT_LANGUAGE="$h" </dev/null
	is "$CGI_RC:$CGI_STATUS" "0:200" "CGI, Accept-Language '$h': 200"
	like "$(cat "$TMP/cb")" "$EN" "... in English"
done

# --- Through nginx.
mid=$(head -c 6000 /dev/zero | tr '\0' 'y' | sed 's/^/fr,/')
req GET /auth/login -H "Accept-Language: $mid"
is "$CODE" 200 "nginx, Accept-Language of 6 KB: 200"
like "$(body)" "$EN" "... ignored: English"
req GET /auth/login -H "Accept-Language: ../../etc/passwd, fr;q=0.5"
like "$CODE $(body)" "$FR" "a malformed entry is skipped, the next one used (fr)"

# --- The switcher's cookie: anything but a catalogue's tag is ignored.
long=fr-aaaaaaaa-bbbbbbbb-cccccccc-dddddd
for c in ../../etc/passwd de "$long" "fr%00" 'FR' '' 'fr-' 'f'; do
	req GET /auth/login -H "Cookie: pr_lang=$c" -H "Accept-Language: en"
	is "$CODE" 200 "cookie pr_lang='$c': 200"
	like "$(body)" "$EN" "... ignored: English"
done
req GET /auth/login -H "Cookie: pr_lang=fr" -H "Accept-Language: en"
like "$(body)" "$FR" "cookie pr_lang=fr: French (the control case)"

# --- The switcher's parameter: a clear 400, no cookie.
for q in "lang=../../etc/passwd" "lang=..%2F..%2Fetc%2Fpasswd" "lang=" \
    "lang=%00fr" "lang=fr%00" "lang=fr%0d%0aSet-Cookie:%20x=1" "lang=de" \
    "lang=$long" "lang=FR" "lang=%C3%A9" "" "next=/staff/"; do
	req GET "/auth/lang?$q"
	is "$CODE" 400 "/auth/lang?$q: 400"
	is "$(hdr X-Evil)" "" "... and no header injected"
	like "$(body)" "$LANG_MSG" "... saying the language is not available"
	is "$(hdr Set-Cookie)" "" "... and setting no cookie"
done
for q in "lang=%zz" "lang=%" "lang=fr&lang=%G0"; do
	req GET "/auth/lang?$q"
	is "$CODE" 400 "/auth/lang?$q (percent junk): 400"
	is "$(hdr Set-Cookie | grep -c pr_lang)" 0 "... and no language cookie"
done
req GET "/staff/lang?lang=../../etc/passwd"
is "$CODE" 400 "every program answers /lang: /staff/lang?lang=../../etc/passwd is 400"
req POST "/auth/lang?lang=fr" --data "x=1"
is "$CODE" 405 "POST /auth/lang: 405"
for n in //evil.example/ '/\evil.example' "$(printf '/staff/\001')" \
    "$(printf '/staff/\r\nX-Evil: 1')" 'https://evil.example/' \
    'javascript:alert(1)'; do
	req GET "/auth/lang?lang=fr" --get --data-urlencode "next=$n"
	is "$CODE:$(hdr Location)" "303:/auth/" \
	    "next='$(printf '%s' "$n" | tr -c '[:print:]' '?')': back to the program's front page"
done
req GET "/auth/lang?lang=fr&next=%2Fstaff%2F%00%2F%2Fevil.example"
is "$CODE:$(hdr Location)" "303:/auth/" "next= with a NUL: back to the program's front page"
req GET "/auth/lang?lang=fr&next=%2Fstaff%2Fedit%2F1%3Fm%3Dsaved"
is "$CODE:$(hdr Location)" "303:/staff/edit/1?m=saved" "a local next= is followed"

# --- The settings page.
PREFS=$STACK/data/prefs/editor
sget /staff/settings
is "$CODE" 200 "the settings page answers"
for l in ../../etc/passwd de "$long" "fr/../en" "FR" "fr%0a"; do
	spost /staff/settings --data-urlencode "language=$l"
	is "$CODE" 400 "settings language='$l': 400"
	[ ! -e "$PREFS" ]
	ok $? "... and no settings file for editor"
done
req POST /staff/settings -H "Cookie: pr_session=$SID" --data "language=fr"
is "$CODE" 403 "settings without the CSRF token: 403"
[ ! -e "$PREFS" ]
ok $? "... and no settings file"
spost /staff/settings --data-urlencode "language=fr" --data-urlencode "language=en"
is "$CODE" 400 "settings with the field twice: 400"
ls "$STACK/data/prefs" >"$TMP/prefs"
is "$(cat "$TMP/prefs")" "" "prefs/ holds nothing after every refusal"

is "$(data_sum)" "$BEFORE" "no release changed"
workers_alive
logs_clean
done_testing
