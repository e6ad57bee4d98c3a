#!/bin/sh
# t0150: the seed release's preview page, rendered by pressroom-submit as
# plain CGI in a fixed environment, is byte for byte the reviewed page in
# tests/golden/preview-seed.html once the parts that vary from run to run
# (release id, request id, CSRF token, times) are replaced by placeholders.
#
# When a template changes on purpose: GOLDEN_UPDATE=1 rewrites the golden
# file from the current output; read `git diff tests/golden` line by line
# (French text intact, nothing escaped twice, no markup doubled) before
# committing it.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT
GOLDEN=tests/golden/preview-seed.html
export TZ=UTC LC_ALL=C.UTF-8

# Only the data directory is needed: no nginx, no workers.
STACK=$TMP/stack
mkdir -p "$STACK"
stack_setup "$STACK" "$BUILD" || { ok 1 "stack_setup"; done_testing; exit 1; }
. tests/integration/t01-http.inc

ID=$(ls "$STACK/data/releases")
printf '%s\n' "$ID" | grep -qx '[0-9]\{8\}-[0-9a-f]\{8\}'
ok $? "one seed release ($ID)"

# A fixed session for editor, written the way the store writes one.
SID=$(printf '%064d' 0 | tr 0 5)
TOKEN=$(printf '%064d' 0 | tr 0 c)
now=$(date +%s)
printf 'User: editor\nCSRF: %s\nCreated: %s\nExpires: %s\n' "$TOKEN" "$now" \
    "$((now + 3600))" >"$STACK/data/sessions/$SID"
chmod 600 "$STACK/data/sessions/$SID"

cgi submit REQUEST_METHOD=GET PATH_INFO="/preview/$ID" SCRIPT_NAME=/staff \
    HTTP_COOKIE="pr_session=$SID" </dev/null
is "$CGI_RC" 0 "CGI preview: exits 0"
is "$CGI_STATUS" 200 "CGI preview: Status: 200"
like "$(cat "$TMP/ch")" "Content-Type: text/html; charset=utf-8" "CGI preview: HTML in UTF-8"
len=$(sed -n 's/^Content-Length: //p' "$TMP/ch")
is "$len" "$(wc -c <"$TMP/cb" | tr -d ' ')" "CGI preview: Content-Length matches the body"

# normalise IN OUT: replace what varies between runs by placeholders.
normalise() {
	sed -e "s/$ID/RELEASE_ID/g" \
	    -e 's/[0-9]\{8\}-[0-9a-f]\{8\}/RELEASE_ID/g' \
	    -e 's/\([^0-9a-f]\)[0-9a-f]\{64\}\([^0-9a-f]\)/\1CSRF_TOKEN\2/g' \
	    -e 's/request [0-9a-f]\{8\}/request REQUEST_ID/g' \
	    -e 's/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9]\{2\}:[0-9]\{2\} UTC/TIME/g' \
	    "$1" >"$2"
}
normalise "$TMP/cb" "$TMP/preview.html"

if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
	cp "$TMP/preview.html" "$GOLDEN"
	diag "wrote $GOLDEN: review it before committing"
fi
[ -f "$GOLDEN" ]
ok $? "golden file $GOLDEN exists"
cmp -s "$GOLDEN" "$TMP/preview.html"
ok $? "the preview page equals $GOLDEN byte for byte"
[ $? -eq 0 ] || diff "$GOLDEN" "$TMP/preview.html" | head -30 | cut -c1-200 |
    sed 's/^/#   /'

# The same page must not depend on the locale or the time zone.
TZ=Pacific/Kiritimati LC_ALL=C cgi submit REQUEST_METHOD=GET \
    PATH_INFO="/preview/$ID" SCRIPT_NAME=/staff HTTP_COOKIE="pr_session=$SID" </dev/null
normalise "$TMP/cb" "$TMP/preview2.html"
cmp -s "$TMP/preview.html" "$TMP/preview2.html"
ok $? "the same page with TZ=Pacific/Kiritimati LC_ALL=C"

# Spot checks that say what a failing byte comparison would mean.
P=$TMP/preview.html
like "$(cat "$P")" "Régions d’Europe" "French letters and the curly apostrophe intact"
like "$(cat "$P")" "associations — en particulier" "the em dash intact"
like "$(cat "$P")" "Directeur – Projets et programmes" "the en dash intact"
# The language switcher's links are the one place an & is escaped on purpose.
unlike "$(sed '/class="languages"/d' "$P")" "&amp;" "nothing escaped twice"
unlike "$(cat "$P")" "&rsquo;" "no typographic rewriting of quotes"
n=$(grep -o '<ul class="topics"' "$P" | wc -l | tr -d ' ')
is "$n" 1 "one list of topics"
n=$(grep -o '<p>' "$P" | wc -l | tr -d ' ')
is "$n" 7 "seven paragraphs: lead, four in the body, two in the contacts"

logs_clean
done_testing
