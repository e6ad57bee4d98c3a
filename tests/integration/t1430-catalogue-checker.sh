#!/bin/sh
# t1430: a catalogue that would crash a printf or show a page half
# translated never gets in:
#
#   - `pressroom-admin catalogue check` refuses tests/fixtures/bad-format.po
#     (a %s translated as %d) with "file:line: msgstr placeholders differ
#     from msgid", and a catalogue missing a text the templates use;
#   - `make`, in a scratch copy of the tree (never this one), fails on the
#     same file dropped into www/locale, and builds again once it is gone;
#   - the programs refuse it at start-up, with its file and line, and an
#     interface_language without a catalogue with the configuration's line;
#   - a third language is one more file: a de.po copied from en.po and
#     translated in part makes German pages, English where it is silent.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT
export TZ=UTC LC_ALL=C.UTF-8
ADMIN=$BUILD/cgi/pressroom-admin
BAD=tests/fixtures/bad-format.po
WANT="$BAD:15: msgstr placeholders differ from msgid"

"$ADMIN" catalogue check "$BAD" >"$TMP/out" 2>&1
is "$?" 1 "the checker refuses $BAD (exit 1)"
is "$(cat "$TMP/out")" "$WANT" "... saying file:line: msgstr placeholders differ from msgid"
"$ADMIN" catalogue check -t www/templates www/locale/en.po www/locale/fr.po >"$TMP/out" 2>&1
is "$?:$(cat "$TMP/out")" "0:" "en.po and fr.po pass, silently"

# A catalogue that lacks a text the templates use.
mkdir -p "$TMP/loc"
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/\nmsgid "Sign in"\n/' www/locale/fr.po >"$TMP/loc/fr.po"
"$ADMIN" catalogue check -t www/templates "$TMP/loc/fr.po" >"$TMP/out" 2>&1
is "$?" 1 "a catalogue without \"Sign in\" is refused"
like "$(cat "$TMP/out")" "$TMP/loc/fr.po: missing msgid \"Sign in\" (used by " \
    "... naming the text and where it is used"
printf 'x' >"$TMP/loc/fr_FR.po"
"$ADMIN" catalogue check "$TMP/loc/fr_FR.po" >"$TMP/out" 2>&1
is "$?" 1 "a file not named <language>.po is refused"
like "$(cat "$TMP/out")" "not named <language>.po" "... saying so"

# --- make, in a scratch copy: the real www/locale is never touched.
case $BUILD in
build) san= ;;
build-san) san=SAN=1 ;;
*) san=skip ;;
esac
if [ "$san" = skip ]; then
	ok 0 "# SKIP make in a scratch copy: BUILD=$BUILD is not build or build-san"
else
	S=$TMP/src
	mkdir -p "$S"
	cp -a Makefile cgi modules www "$BUILD" "$S"/
	before=$(ls www/locale)
	cp "$BAD" "$S/www/locale/"
	make -C "$S" $san all >"$TMP/make.log" 2>&1
	is "$?" 2 "make fails with bad-format.po in (a copy of) www/locale"
	like "$(cat "$TMP/make.log")" "www/locale/bad-format.po:15: msgstr placeholders differ from msgid" \
	    "... with the file:line message"
	grep -q ' CC \| LD ' "$TMP/make.log"
	ok $([ $? -ne 0 ]; echo $?) "... and rebuilt nothing else (the copy was up to date)"
	rm "$S/www/locale/bad-format.po"
	make -C "$S" $san all >"$TMP/make.log" 2>&1
	is "$?" 0 "without it, make succeeds again"
	is "$(ls www/locale)" "$before" "the real www/locale is unchanged"
fi

# --- Start-up.
STACK=$TMP/stack
mkdir -p "$STACK"
stack_setup "$STACK" "$BUILD" || { ok 1 "stack_setup"; done_testing; exit 1; }
. tests/integration/t01-http.inc
L=$TMP/locale
mkdir -p "$L"
cp www/locale/en.po www/locale/fr.po "$BAD" "$L/"
sed -i "s|^locale_dir =.*|locale_dir = $L|" "$STACK/pressroom.conf"
cgi auth REQUEST_METHOD=GET PATH_INFO=/login </dev/null
is "$CGI_RC" 1 "a program does not start with bad-format.po among its catalogues"
like "$(tail -1 "$STACK/run/cgi.log")" "catalogues: $L/bad-format.po:15: msgstr placeholders differ from msgid" \
    "... and says which file and line"
rm "$L/bad-format.po"
line=$(grep -n '^interface_language' "$STACK/pressroom.conf" | cut -d: -f1)
sed -i 's/^interface_language = .*/interface_language = de/' "$STACK/pressroom.conf"
cgi auth REQUEST_METHOD=GET PATH_INFO=/login </dev/null
is "$CGI_RC" 1 "interface_language = de without de.po: the program does not start"
like "$(tail -1 "$STACK/run/cgi.log")" "$STACK/pressroom.conf:$line: interface_language de: no catalogue $L/de.po" \
    "... saying so with the configuration's file and line"
sed -i 's|^interface_language = .*|interface_language = ../fr|' "$STACK/pressroom.conf"
cgi auth REQUEST_METHOD=GET PATH_INFO=/login </dev/null
like "$CGI_RC $(tail -1 "$STACK/run/cgi.log")" "1 pressroom-auth: $STACK/pressroom.conf:$line: not a language tag" \
    "interface_language = ../fr: refused as not a language tag"

# --- A third language: copy en.po to de.po and translate (some of) it.
awk '
    /^"Language: en\\n"$/ { print "\"Language: de\\n\""; next }
    /^msgid / { id = $0 }
    /^msgctxt "language name"/ { ctx = 1 }
    /^msgstr ""$/ && id == "msgid \"Sign in\"" { print "msgstr \"Anmelden\""; next }
    /^msgstr ""$/ && id == "msgid \"English\"" && ctx { print "msgstr \"Deutsch\""; ctx = 0; next }
    /^msgstr ""$/ && id == "msgid \"Password\"" { print "msgstr \"Passwort\""; next }
    { print }' www/locale/en.po >"$L/de.po"
"$ADMIN" catalogue check -t www/templates "$L/de.po" >"$TMP/out" 2>&1
is "$?" 0 "de.po, copied from en.po and translated in part, passes the checker"
like "$(cat "$TMP/out")" "$L/de.po: " "... which says how much is not translated yet"
like "$(cat "$TMP/out")" "texts not translated yet (shown in English)" "... in words"
sed -i 's|^interface_language = .*|interface_language = en|' "$STACK/pressroom.conf"
cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth \
    HTTP_ACCEPT_LANGUAGE="de-AT,de;q=0.9,en;q=0.1" </dev/null
is "$CGI_RC:$CGI_STATUS" "0:200" "with de.po dropped in, a German browser's sign-in page answers"
like "$(cat "$TMP/cb")" '<html lang="de">' "... in German"
like "$(cat "$TMP/cb")" "<h1>Anmelden</h1>" "... with the German text"
like "$(cat "$TMP/cb")" '<label for="user">User name</label>' "... and English where de.po is silent"
like "$(cat "$TMP/cb")" 'hreflang="de" lang="de" aria-current="true">Deutsch</a>' \
    "the switcher offers Deutsch, by the name de.po gives it"
like "$(cat "$TMP/cb")" '>Français</a>' "... beside Français"
done_testing
