#!/bin/sh
# t0100: the whole editing round through the real nginx: sign in (wrong and
# right password), list, create, edit, save, preview (Markdown rendered, raw
# HTML not), a stale save refused with the user's text kept, delete, gzip,
# HEAD, sign out.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { ok 1 "the stack starts"; done_testing; exit 1; }
. tests/integration/t01-http.inc

SEED_TITLE='Les dirigeants du Conseil des Communes et Régions d’Europe (CCRE) et du Réseau des associations de pouvoirs locaux d’Europe du Sud-Est (NALAS) se rencontrent pour renforcer leur coopération'

# release_post PATH TITLE BODY REV: a save of the whole release form.
release_post() {
	spost "$1" --data-urlencode "title=$2" --data-urlencode "subtitle=Sous-titre" \
	    --data-urlencode "lead=Le chapeau.
Deuxième ligne." --data-urlencode "body=$3" --data-urlencode "lang=fr" \
	    --data-urlencode "city=Liège" --data-urlencode "date=2026-03-04" \
	    --data-urlencode "topics=essai, intégration" \
	    --data-urlencode "contacts=Presse : presse@example.org" \
	    --data-urlencode "translation_of=" --data-urlencode "rev=$4" \
	    --data-urlencode "action=save"
}

# --- The login page.
req GET /auth/login
is "$CODE" 200 "login page: 200"
like "$(hdr Content-Security-Policy)" "default-src 'self'" "login page: CSP header"
like "$(hdr Content-Security-Policy)" "frame-ancestors 'none'" "login page: CSP forbids framing"
is "$(hdr X-Content-Type-Options)" nosniff "login page: nosniff"
like "$(hdr Content-Type)" "text/html; charset=utf-8" "login page: HTML in UTF-8"
like "$(body)" '<form method="post" action="/auth/login"' "login page: the sign-in form"
pre=$(set_cookie pr_login)
tok=$(hidden csrf)
is "${#pre}" 64 "login page: pr_login cookie of 64 hex digits"
is "$tok" "$pre" "login form: csrf field equals the pr_login cookie"

# --- Wrong password: 403, a message, the user name kept.
req POST /auth/login -H "Cookie: pr_login=$pre" --data-urlencode "user=editor" \
    --data-urlencode "password=not-the-password" --data-urlencode "csrf=$tok" \
    --data-urlencode "next=/staff/"
is "$CODE" 403 "wrong password: 403"
like "$(body)" "Wrong user name or password." "wrong password: says so"
like "$(body)" 'name="user" value="editor"' "wrong password: the user name is filled in again"
is "$(set_cookie pr_session)" "" "wrong password: no session cookie"

# --- Right password: 303 to /staff/ and a session cookie.
req POST /auth/login -H "Cookie: pr_login=$pre" --data-urlencode "user=editor" \
    --data-urlencode "password=press-editor" --data-urlencode "csrf=$tok" \
    --data-urlencode "next=/staff/"
is "$CODE" 303 "right password: 303"
is "$(hdr Location)" /staff/ "right password: to /staff/"
SID=$(set_cookie pr_session)
is "${#SID}" 64 "right password: pr_session cookie of 64 hex digits"
cookie=$(hdr Set-Cookie | grep '^pr_session=')
like "$cookie" "HttpOnly" "session cookie: HttpOnly"
like "$cookie" "SameSite=Lax" "session cookie: SameSite=Lax"
unlike "$cookie" "Secure" "session cookie: not Secure over plain http"
[ -f "$STACK/data/sessions/$SID" ]
ok $? "session file stored under data/sessions"

# --- My releases.
sget /staff/
is "$CODE" 200 "My releases: 200"
CSRF=$(hidden csrf)
is "${#CSRF}" 64 "My releases: the session's csrf token in the sign-out form"
like "$(body)" "$SEED_TITLE" "My releases: lists the seed release's title"

# --- Create.
release_post /staff/new 'Essai d’intégration' 'Premier **jet**.' ''
is "$CODE" 303 "new release: 303"
loc=$(hdr Location)
id=$(printf '%s' "$loc" | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
ok $([ -n "$id" ]; echo $?) "new release: redirect to its edit page ($loc)"
[ -f "$STACK/data/releases/$id/release" ]
ok $? "new release: stored in data/releases/$id"

sget /staff/
like "$(body)" "Essai d’intégration" "My releases: lists the new release"
like "$(body)" "$SEED_TITLE" "My releases: still lists the seed release"
n=$(grep -o '<table' "$TMP/b" | wc -l)
is "$n" 1 "My releases: one table for two releases"
n=$(grep -o "href=\"/staff/edit/$id\"" "$TMP/b" | wc -l)
is "$n" 1 "My releases: the new release listed once"

# --- Edit: the form shows revision 1; save it.
sget "/staff/edit/$id"
is "$CODE" 200 "edit page: 200"
is "$(hidden rev)" 1 "edit page: rev=1"
like "$(body)" 'value="Essai d’intégration"' "edit page: the title"
like "$(body)" '<textarea id="lead" name="lead" rows="4" data-max="4000">Le chapeau.
Deuxième ligne.</textarea>' "edit page: the lead, newline kept"

BODY2='Texte **gras** ici.

<img src=x onerror=alert(1)>

Fin & suite.'
release_post "/staff/edit/$id" 'Essai révisé' "$BODY2" 1
is "$CODE" 303 "save at rev 1: 303"
is "$(hdr Location)" "/staff/edit/$id?m=saved" "save: back to the edit page"
sget "/staff/edit/$id?m=saved"
is "$(hidden rev)" 2 "after save: rev=2"
like "$(body)" 'value="Essai révisé"' "after save: the new title"
like "$(body)" 'Texte **gras** ici.

&lt;img src=x onerror=alert(1)&gt;

Fin &amp; suite.</textarea>' "after save: the new body, escaped in the textarea"
like "$(body)" "Saved." "after save: the notice"

# --- Preview: Markdown rendered, raw HTML not.
sget "/staff/preview/$id"
is "$CODE" 200 "preview: 200"
like "$(body)" "<strong>gras</strong>" "preview: **bold** becomes <strong>"
unlike "$(body)" "<img src=x" "preview: raw <img> in the body is not a tag"
unlike "$(body)" "onerror=alert" "preview: no onerror attribute"
like "$(body)" "Fin &amp; suite." "preview: text escaped"
like "$(body)" "<h1 class=\"release-title\">Essai révisé</h1>" "preview: the title"
n=$(grep -o '<ul class="topics"' "$TMP/b" | wc -l)
is "$n" 1 "preview: one topics list"
n=$(grep -o '<li>[^<]*</li>' "$TMP/b" | wc -l)
is "$n" 2 "preview: two topics, each once"

# --- A stale save: 409, the user's text kept, nothing stored.
before=$(cat "$STACK/data/releases/$id/release")
release_post "/staff/edit/$id" 'Titre <b>périmé</b> & co' 'Corps **périmé** <i>x</i>' 1
is "$CODE" 409 "stale save at rev 1: 409"
like "$(body)" "Someone else saved" "stale save: says someone else saved"
like "$(body)" 'value="Titre &lt;b&gt;périmé&lt;/b&gt; &amp; co"' "stale save: the submitted title, escaped"
like "$(body)" 'Corps **périmé** &lt;i&gt;x&lt;/i&gt;</textarea>' "stale save: the submitted body, escaped"
unlike "$(body)" '<b>périmé</b>' "stale save: the submitted title never raw"
after=$(cat "$STACK/data/releases/$id/release")
is "$after" "$before" "stale save: the stored file unchanged"
sget "/staff/edit/$id"
like "$(body)" 'value="Essai révisé"' "stale save: the edit form still shows the stored title"
is "$(hidden rev)" 2 "stale save: still rev 2"

# --- gzip.
sget /staff/ -H "Accept-Encoding: gzip"
is "$CODE" 200 "list with gzip: 200"
is "$(hdr Content-Encoding)" gzip "list with gzip: Content-Encoding: gzip"
like "$(hdr Vary)" "Accept-Encoding" "list with gzip: Vary: Accept-Encoding"
gzip -dc <"$TMP/b" >"$TMP/list.gz.html" 2>/dev/null
ok $? "list with gzip: the body is a valid gzip stream"
sget /staff/
like "$(hdr Vary)" "Accept-Encoding" "list without gzip: Vary: Accept-Encoding"
is "$(hdr Content-Encoding)" "" "list without gzip: not compressed"
cmp -s "$TMP/b" "$TMP/list.gz.html"
ok $? "list with gzip: decompresses to the same HTML"

# --- HEAD: headers and no body.
printf 'HEAD /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' |
    raw 5 >"$TMP/head.out"
like "$(head -1 "$TMP/head.out")" "HTTP/1.1 200" "HEAD login: 200"
like "$(cat "$TMP/head.out")" "Content-Security-Policy:" "HEAD login: the headers"
rest=$(perl -0777 -ne 'print length($_) - index($_, "\r\n\r\n") - 4' "$TMP/head.out")
is "$rest" 0 "HEAD login: no body"

# --- Delete: the confirm page, then POST with the change number it showed.
sget "/staff/delete/$id"
is "$CODE" 200 "delete page: 200 (a confirmation, not a deletion)"
[ -f "$STACK/data/releases/$id/release" ]
ok $? "delete page: GET deleted nothing"
seq=$(hidden seq)
spost "/staff/delete/$id" --data-urlencode "seq=$seq"
is "$CODE" 303 "delete: 303"
is "$(hdr Location)" "/staff/?m=deleted" "delete: back to My releases"
sget /staff/
unlike "$(body)" "Essai révisé" "delete: gone from My releases"
like "$(body)" "$SEED_TITLE" "delete: the seed release stays"
sget "/staff/edit/$id"
is "$CODE" 404 "delete: its edit page is 404"
[ ! -e "$STACK/data/releases/$id" ]
ok $? "delete: the release directory left data/releases"

# --- Sign out.
spost /auth/logout
is "$CODE" 303 "sign out: 303"
like "$(hdr Location)" "/auth/login" "sign out: to the login page"
like "$(hdr Set-Cookie)" "pr_session=;" "sign out: the cookie is cleared"
[ ! -e "$STACK/data/sessions/$SID" ]
ok $? "sign out: the session file is removed"
sget /staff/
is "$CODE" 303 "after sign out: the old cookie is not signed in (303)"
like "$(hdr Location)" "/auth/login" "after sign out: redirected to the login page"

workers_alive
logs_clean
done_testing
