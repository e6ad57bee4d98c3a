#!/bin/sh
# t1400: the sign-in page and the seed release's preview, rendered as plain
# CGI in a fixed environment, in both interface languages, are byte for
# byte the reviewed pages in tests/golden/ once what varies from run to run
# is replaced by placeholders (as in t0150):
#
#   login-en.html, login-fr.html         pressroom-auth GET /login
#   preview-seed.html, preview-seed-fr.html
#                                        pressroom-submit GET /preview/ID
#
# English is the site's default (no header); French is asked for by the
# browser (Accept-Language) for the sign-in page and by the switcher's
# cookie for the preview.  GOLDEN_UPDATE=1 rewrites the -en and -fr files
# (read `git diff tests/golden` before committing them).
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT
export TZ=UTC LC_ALL=C.UTF-8

STACK=$TMP/stack
mkdir -p "$STACK"
stack_setup "$STACK" "$BUILD" || { ok 1 "stack_setup"; done_testing; exit 1; }
. tests/integration/t01-http.inc
ID=$(ls "$STACK/data/releases")
SID=$(printf '%064d' 0 | tr 0 5)
TOKEN=$(printf '%064d' 0 | tr 0 c)
now=$(date +%s)
printf 'User: editor\nCSRF: %s\nCreated: %s\nExpires: %s\n' "$TOKEN" "$now" \
    "$((now + 3600))" >"$STACK/data/sessions/$SID"
chmod 600 "$STACK/data/sessions/$SID"

normalise() {
	sed -e "s/$ID/RELEASE_ID/g" \
	    -e 's/[0-9]\{8\}-[0-9a-f]\{8\}/RELEASE_ID/g' \
	    -e 's/\([^0-9a-f]\)[0-9a-f]\{64\}\([^0-9a-f]\)/\1CSRF_TOKEN\2/g' \
	    "$1" >"$2"
}

# golden NAME LANG: compare the last CGI answer with tests/golden/NAME.
golden() {
	is "$CGI_RC:$CGI_STATUS" "0:200" "$1: exits 0 with 200"
	like "$(cat "$TMP/ch")" "Content-Language: $2" "$1: Content-Language: $2"
	like "$(cat "$TMP/ch")" "Vary: Accept-Encoding, Accept-Language, Cookie" \
	    "$1: Vary names Accept-Language and Cookie"
	normalise "$TMP/cb" "$TMP/$1"
	if [ "${GOLDEN_UPDATE:-0}" = 1 ] && [ "$1" != preview-seed.html ]; then
		cp "$TMP/$1" "tests/golden/$1"
		diag "wrote tests/golden/$1: review it before committing"
	fi
	cmp -s "tests/golden/$1" "$TMP/$1"
	ok $? "$1: equals tests/golden/$1 byte for byte"
	[ $? -eq 0 ] || diff "tests/golden/$1" "$TMP/$1" | head -20 | cut -c1-200 |
	    sed 's/^/#   /'
	like "$(head -2 "$TMP/$1")" "<html lang=\"$2\">" "$1: <html lang=\"$2\">"
}

cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth </dev/null
golden login-en.html en
cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth \
    HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9,en;q=0.5" </dev/null
golden login-fr.html fr
cgi submit REQUEST_METHOD=GET PATH_INFO="/preview/$ID" SCRIPT_NAME=/staff \
    HTTP_COOKIE="pr_session=$SID" </dev/null
golden preview-seed.html en
cgi submit REQUEST_METHOD=GET PATH_INFO="/preview/$ID" SCRIPT_NAME=/staff \
    HTTP_COOKIE="pr_session=$SID; pr_lang=fr" HTTP_ACCEPT_LANGUAGE=en </dev/null
golden preview-seed-fr.html fr

# Spot checks of what a failing comparison would mean.
E=$TMP/login-en.html F=$TMP/login-fr.html P=$TMP/preview-seed-fr.html
like "$(cat "$E")" "<h1>Sign in</h1>" "English: the heading"
like "$(cat "$F")" "<h1>Se connecter</h1>" "French: the heading"
like "$(cat "$F")" "Nom d’utilisateur" "French: the curly apostrophe intact"
like "$(cat "$F")" "aria-label=\"Langue de l’interface\"" "French: a translated attribute"
like "$(cat "$P")" "<a href=\"/staff/\">Mes communiqués</a>" "French preview: the navigation"
NBSP=$(printf '\302\240')
like "$(cat "$P")" "révision 1 (brouillon)$NBSP: voici" \
    "French preview: a sentence with two placeholders, the state translated, U+00A0 before the colon"
like "$(cat "$P")" "<time datetime=\"2026-11-26\">26 novembre 2026</time>" \
    "the seed's date as French writes it"
like "$(cat "$TMP/preview-seed.html")" "<time datetime=\"2026-11-26\">26 novembre 2026</time>" \
    "... also on the English page: the dateline is the release's (French)"
like "$(cat "$P")" "aria-current=\"true\">Français</a>" "the switcher marks French"
for f in "$E" "$F" "$P"; do
	n=$(grep -c '{{' "$f")
	is "$n" 0 "$(basename "$f"): no template tag left over"
done
logs_clean
done_testing
