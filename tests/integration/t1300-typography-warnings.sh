#!/bin/sh
# t1300: the French typography warnings on the edit page.  The seed draft
# shows exactly one (the plain space in "contactez :"); a French text with
# "Bonjour !" and "l'esprit … l’été" shows those after a save and is stored
# byte for byte as typed; an English release shows no typography box; the
# preview page never shows one.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { ok 1 "the stack starts"; done_testing; exit 1; }
. tests/integration/t01-http.inc

# typo_count: the number of warnings listed in the last page.
typo_count() {
	grep -o 'class="typo-excerpt"' "$TMP/b" | wc -l | tr -d ' '
}

# The stored body of release $1 (what follows the header's blank line).
stored_body() {
	perl -e '
		open my $f, "<:raw", $ARGV[0] or die; local $/; my $t = <$f>;
		my (undef, $b) = split /\n\n/, $t, 2; print $b' \
	    "$STACK/data/releases/$1/release"
}

signin editor press-editor
ok $? "editor signs in"

# --- The seed draft: one warning, about "contactez :".
seed=$(ls "$STACK/data/releases" | head -1)
sget "/staff/edit/$seed"
is "$CODE" 200 "seed edit page: 200"
like "$(body)" "Typography (French)" "seed edit page: the typography box"
like "$(body)" "nothing in your text is changed" "seed edit page: suggestions only"
is "$(typo_count)" 1 "seed edit page: exactly one warning"
like "$(body)" 'Contacts block</a>, line 1: “<span class="typo-excerpt">…tions, contactez :</span>”' \
    "seed edit page: the warning is about \"contactez :\" in the contacts"
like "$(body)" "A plain space: French wants a non-breaking space" \
    "seed edit page: says what French wants"

# The box sits above the form, not inside it.
perl -0777 -ne 'exit !(index($_, "id=\"typo\"") >= 0 &&
    index($_, "id=\"typo\"") < index($_, "class=\"release-form\""))' "$TMP/b"
ok $? "seed edit page: the box is above the form"

# The preview page has no typography box.
sget "/staff/preview/$seed"
is "$CODE" 200 "seed preview: 200"
unlike "$(body)" "Typography (French)" "seed preview: no typography box"

# --- A French text with warnings, saved: the warnings, and the text intact.
printf "Bonjour !\n\nC’est l'esprit … l’été." >"$TMP/body.fr"
spost /staff/new --data-urlencode "title=Essai typographique" \
    --data-urlencode "subtitle=" --data-urlencode "lead=Un chapeau correct." \
    --data-urlencode "body@$TMP/body.fr" --data-urlencode "lang=fr" \
    --data-urlencode "city=Liège" --data-urlencode "date=2026-11-26" \
    --data-urlencode "topics=essai" --data-urlencode "contacts=" \
    --data-urlencode "translation_of=" --data-urlencode "rev=" \
    --data-urlencode "action=save"
is "$CODE" 303 "French release with warnings: saved (303)"
loc=$(hdr Location)
id=$(printf '%s' "$loc" | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
ok $([ -n "$id" ]; echo $?) "French release: a new id ($id)"
stored_body "$id" >"$TMP/stored.fr"
cmp -s "$TMP/body.fr" "$TMP/stored.fr"
ok $? "French release: the stored body is byte-identical to what was typed"

sget "$loc"
is "$CODE" 200 "after save: the edit page"
is "$(typo_count)" 2 "after save: two warnings"
like "$(body)" 'Body</a>, line 1: “<span class="typo-excerpt">Bonjour !</span>”' \
    "after save: the plain space in \"Bonjour !\""
like "$(body)" 'Body</a>, line 3: “<span class="typo-excerpt">C’est l&#39;esprit … l’été.</span>”' \
    "after save: the straight apostrophe in \"l'esprit\""
like "$(body)" "A straight apostrophe" "after save: says what the apostrophe warning is"
like "$(body)" "Bonjour !

C’est l&#39;esprit … l’été.</textarea>" "after save: the form shows the text unchanged"

# Saving again over the warnings (as typed, CRLF from a browser) keeps it.
printf "Bonjour !\r\n\r\nC’est l'esprit … l’été - vraiment." >"$TMP/body2.crlf"
printf "Bonjour !\n\nC’est l'esprit … l’été - vraiment." >"$TMP/body2"
spost "/staff/edit/$id" --data-urlencode "title=Essai typographique" \
    --data-urlencode "subtitle=" --data-urlencode "lead=Un chapeau correct." \
    --data-urlencode "body@$TMP/body2.crlf" --data-urlencode "lang=fr" \
    --data-urlencode "city=Liège" --data-urlencode "date=2026-11-26" \
    --data-urlencode "topics=essai" --data-urlencode "contacts=" \
    --data-urlencode "translation_of=" --data-urlencode "rev=1" \
    --data-urlencode "action=save"
is "$CODE" 303 "saving again with warnings: 303"
stored_body "$id" >"$TMP/stored2"
cmp -s "$TMP/body2" "$TMP/stored2"
ok $? "saving again: the stored body is what was typed"
sget "$(hdr Location)"
is "$(typo_count)" 3 "after the second save: three warnings (the dash too)"
like "$(body)" "A hyphen used as a dash" "after the second save: the hyphen as a dash"

# --- An English release: no typography box, whatever its text.
spost /staff/new --data-urlencode "title=Typography test" \
    --data-urlencode "subtitle=" --data-urlencode "lead=Hello !" \
    --data-urlencode "body@$TMP/body.fr" --data-urlencode "lang=en" \
    --data-urlencode "city=Brussels" --data-urlencode "date=2026-11-26" \
    --data-urlencode "topics=test" --data-urlencode "contacts=Press : x" \
    --data-urlencode "translation_of=" --data-urlencode "rev=" \
    --data-urlencode "action=save"
is "$CODE" 303 "English release: saved (303)"
sget "$(hdr Location)"
is "$CODE" 200 "English release: the edit page"
unlike "$(body)" "Typography (French)" "English release: no typography box"
is "$(typo_count)" 0 "English release: no warning"

workers_alive
logs_clean
done_testing
