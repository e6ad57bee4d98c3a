#!/bin/sh
# t1420: how a request's interface language is chosen, through nginx:
#
#   1. the language switcher's cookie (/lang?lang=fr sets pr_lang),
#   2. else the signed-in user's setting (/staff/settings, kept in
#      prefs/<user>; saving it sets the cookie too),
#   3. else the browser's Accept-Language,
#   4. else interface_language;
#
# pages that vary by language say so (Vary, Content-Language) and public
# pages' entity tags differ by language, so a cache never hands an English
# page to a French reader; dates follow the language; and notification
# mails go out in each recipient's language (one message per language),
# the users file left as htpasswd wrote it.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
export TZ=UTC LC_ALL=C.UTF-8
EN='<html lang="en">'
FR='<html lang="fr">'
NBSP=$(printf '\302\240')

MAIL=$TMP/mail
mkdir -p "$MAIL/new"
cat >"$MAIL/record.sh" <<EOS
#!/bin/sh
f="$MAIL/new/\$(date +%s%N).\$\$"
cat >"\$f.tmp" && mv "\$f.tmp" "\$f.eml"
EOS
chmod +x "$MAIL/record.sh"

wf_stack_prepare "$TMP/stack" && wf_user_add approver2 &&
    wf_conf approvers "approver approver2" &&
    wf_conf mail_command "$MAIL/record.sh" &&
    wf_email editor editor@example.org && wf_email approver approver@example.org &&
    wf_email approver2 approver2@example.org && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
USERS_SUM=$(sha256sum <"$STACK/users")

# --- 3 and 4: Accept-Language, else the default.
req GET /auth/login
like "$(body)" "$EN" "no Accept-Language: the site's default (English)"
is "$(hdr Content-Language)" en "... Content-Language: en"
like "$(hdr Vary)" "Accept-Language, Cookie" "... Vary: Accept-Language, Cookie"
req GET /auth/login -H "Accept-Language: fr-CA,fr;q=0.9,en;q=0.8"
like "$(body)" "$FR" "Accept-Language fr-CA: French"
like "$(body)" "<h1>Se connecter</h1>" "... the heading in French"
is "$(hdr Content-Language)" fr "... Content-Language: fr"
req GET /auth/login -H "Accept-Language: de-DE, en;q=0.3, fr;q=0.2"
like "$(body)" "$EN" "German first, then en over fr by q-value: English"
req GET /nosuchpage -H "Accept-Language: fr"
is "$CODE" 404 "a page that does not exist: 404"
like "$(body)" "Cette page ou ce communiqué n’existe pas." "... said in French"

# --- 1: the switcher.
req GET "/auth/lang?lang=fr&next=%2Fauth%2Flogin"
is "$CODE" 303 "the switcher answers 303"
is "$(hdr Location)" /auth/login "... back to the page it was clicked on"
like "$(hdr Set-Cookie)" "pr_lang=fr; Path=/" "... setting the cookie pr_lang=fr"
like "$(hdr Set-Cookie)" "Max-Age=31536000" "... for a year"
req GET /auth/login -H "Cookie: pr_lang=fr" -H "Accept-Language: en"
like "$(body)" "$FR" "the cookie wins over Accept-Language"
like "$(body)" 'aria-current="true">Français</a>' "... and the switcher marks French"

# --- Public pages: the language is part of the entity tag.
tag() {
	curl -s --max-time 10 -D - -o /dev/null "$@" |
	    tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'
}
ten=$(tag -H "Accept-Language: en" "$URL/")
tfr=$(tag -H "Accept-Language: fr" "$URL/")
like "$ten" '-en"' "the public home page's tag names English ($ten)"
like "$tfr" '-fr"' "... and in French, French ($tfr)"
code=$(curl -s --max-time 10 -o "$TMP/p" -w '%{http_code}' -H "Accept-Language: fr" \
    -H "If-None-Match: $ten" "$URL/")
is "$code" 200 "a French reader with the English page's tag gets 200, not 304"
like "$(cat "$TMP/p")" "Communiqués de presse" "... and the French page"
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Accept-Language: fr" \
    -H "If-None-Match: $tfr" "$URL/")
is "$code" 304 "with the French page's own tag: 304"

# --- 2: the user's setting.
wf_login editor && wf_login approver && wf_login approver2
ok $? "editor, approver and approver2 sign in"
as editor
sget /staff/settings
is "$CODE" 200 "the settings page answers"
like "$(body)" 'name="language" value="" checked' "... with Automatic chosen at first"
like "$(body)" 'href="/staff/settings"' "... and linked from the header"
spost /staff/settings --data-urlencode "language=fr"
is "$CODE" 303 "saving French: 303"
is "$(hdr Location)" "/staff/settings?m=settings" "... back to the settings"
like "$(hdr Set-Cookie)" "pr_lang=fr" "... setting the switcher's cookie too"
is "$(cat "$STACK/data/prefs/editor")" "Language: fr" "prefs/editor holds the choice"
is "$(stat -c %a "$STACK/data/prefs/editor")" 600 "... readable by the service only"
is "$(sha256sum <"$STACK/users")" "$USERS_SUM" "the users file is untouched (htpasswd's format)"
sget "/staff/settings?m=settings" -H "Accept-Language: en"
like "$(body)" "Vos préférences sont enregistrées." "the notice, in French"
like "$(body)" 'name="language" value="fr" checked' "... French chosen"
# No cookie, English browser: the setting decides, on every staff page.
for p in /staff/ /staff/new /review/ /staff/settings; do
	sget "$p" -H "Accept-Language: en"
	like "$(body)" "$FR" "setting fr, browser en, no cookie: $p in French"
done
like "$(body)" "<a href=\"/staff/\">Mes communiqués</a>" "... the navigation in French"
req GET /staff/ -H "Cookie: pr_session=$SID; pr_lang=en"
like "$(body)" "$EN" "a later switch to English on this browser wins over the setting"
as approver
sget /staff/ -H "Accept-Language: en"
like "$(body)" "$EN" "another user is not affected"

# Dates in the user's language.
SEED=$(ls "$STACK/data/releases" | head -1)
as editor
sget "/review/release/$SEED" -H "Accept-Language: en"
ok "$(body | grep -Eq '[0-9]{4} à [0-9]{2}:[0-9]{2} UTC'; echo $?)" \
    "the history's times in French ('26 novembre 2026 à 14:05 UTC')"
month=$(date -u +%m)
set -- janvier février mars avril mai juin juillet août septembre octobre novembre décembre
eval "frmonth=\${$((${month#0}))}"
like "$(body)" "$(date -u +%-d) $frmonth $(date -u +%Y) à" "... today, with the French month"
like "$(body)" "<time datetime=\"$(date -u +%Y-%m-%d)T" "... and machine-readable"

# --- Mail in each recipient's language.
mail_take() {
	MAILN=$(ls "$MAIL/new" | grep -c '\.eml$')
	cat "$MAIL"/new/*.eml 2>/dev/null | tr -d '\r' >"$TMP/m"
	rm -f "$MAIL"/new/*.eml
}
subjects() {
	perl -MEncode -ne 'BEGIN { $/ = undef } 
	    while (/^Subject: (.*(?:\n .*)*)/mg) { ($s = $1) =~ s/\n //g;
	    print encode("UTF-8", decode("MIME-Header", $s)), "\n" }' "$TMP/m" |
	    LC_ALL=C sort
}
TITLE="Fête de la musique : le programme"
as editor
wf_new "$TITLE"
ok $? "editor writes a release"
ID=$NEWID
mail_take
as approver2
spost /staff/settings --data-urlencode "language=fr"
is "$CODE" 303 "approver2 chooses French too"
as editor
wf_act "$ID" submit
is "$CODE" 303 "editor submits"
mail_take
is "$MAILN" 2 "approvers of two languages: two messages"
is "$(subjects)" "En attente de votre relecture${NBSP}: $TITLE
Waiting for your review: $TITLE" "one in French (approver2), one in English (approver)"
grep -q "^To: approver2@example.org$" "$TMP/m" && grep -q "^To: approver@example.org$" "$TMP/m"
ok $? "... each to its own reader"
as approver
wf_act "$ID" request-changes "Précisez l’heure."
is "$CODE" 303 "approver (English) requests changes"
mail_take
is "$MAILN" 1 "one message to the author"
is "$(subjects)" "Modifications demandées sur votre communiqué${NBSP}: $TITLE" \
    "... in the author's language (French), whoever acted"
like "$(sed '1,/^$/d' "$TMP/m")" "Par${NBSP}: approver" "... 'Par : approver'"
like "$(sed '1,/^$/d' "$TMP/m")" "Nouvel état${NBSP}: à modifier" "... the new state in French"
like "$(sed '1,/^$/d' "$TMP/m")" "Précisez l’heure." "... with the comment as written"
# A setting naming a catalogue the site no longer has: the default.
printf 'Language: de\n' >"$STACK/data/prefs/editor"
as editor
wf_act "$ID" submit
mail_take
as approver
wf_act "$ID" reject "Hors sujet."
is "$CODE" 303 "approver rejects it"
mail_take
is "$(subjects)" "Your release was rejected: $TITLE" \
    "a setting without a catalogue (de): the site's default"
as editor
sget /staff/ -H "Accept-Language: fr"
like "$(body)" "$FR" "... and pages fall back to the browser's language"

is "$(sha256sum <"$STACK/users")" "$USERS_SUM" "the users file is still untouched"
wf_check
workers_alive
logs_clean
done_testing
