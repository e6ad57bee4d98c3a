#!/bin/sh
# t1540: the seed release as the public sees it.  Published by
# `pressroom-admin import -p` into a fresh data directory, its public page
# (at its permanent address) and the Atom feed, rendered by
# pressroom-archive as plain CGI in a fixed environment, are byte for byte
# tests/golden/public-release-seed.html and tests/golden/feed-seed.atom once
# what varies from run to run (release id, times) is replaced by
# placeholders.
#
# When a template changes on purpose: GOLDEN_UPDATE=1 rewrites both golden
# files from the current output; read `git diff tests/golden` line by line
# (French text intact, nothing escaped twice, no markup doubled) before
# committing them.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
trap 'rm -rf "$TMP"' EXIT
export TZ=UTC LC_ALL=C.UTF-8
PAGE_GOLDEN=tests/golden/public-release-seed.html
FEED_GOLDEN=tests/golden/feed-seed.atom

# Only a data directory: no nginx, no workers, no users.
STACK=$TMP/stack
mkdir -p "$STACK/run" "$STACK/data"
chmod 700 "$STACK/data"
stack_conf "$STACK"
. tests/integration/t01-http.inc

ID=$("$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" import -p -a editor \
    -l fr -D 2026-11-26 -C Bruxelles \
    -t "coopération, Balkans occidentaux, élargissement" \
    conf/demo/ccre-nalas-2026-fr.txt 2>"$TMP/import.err")
printf '%s\n' "$ID" | grep -qx '[0-9]\{8\}-[0-9a-f]\{8\}'
ok $? "import -p publishes the seed release ($ID)"
is "$(sed -n 's/^State: //p' "$STACK/data/releases/$ID/release")" published "... State: published"
PERMA=$(sed -n 's/^Permalink: //p' "$STACK/data/releases/$ID/release")
like "$PERMA" "2026/11/26/" "... at a permanent address of its date ($PERMA)"
"$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" index check >/dev/null 2>&1
ok $? "... and indexed"

# normalise IN OUT: what varies between runs becomes a placeholder.
normalise() {
	sed -e "s/$ID/RELEASE_ID/g" \
	    -e 's/[0-9]\{8\}-[0-9a-f]\{8\}/RELEASE_ID/g' \
	    -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/RFC3339_TIME/g' \
	    -e 's/[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\} [0-9]\{2\}:[0-9]\{2\} UTC/TIME/g' \
	    -e 's/request [0-9a-f]\{8\}/request REQUEST_ID/g' \
	    "$1" >"$2"
}

# render NAME PATH: GET PATH as plain CGI, checked, normalised to TMP/NAME.
render() {
	cgi archive REQUEST_METHOD=GET PATH_INFO="$2" SCRIPT_NAME= </dev/null
	is "$CGI_RC:$CGI_STATUS" "0:200" "CGI GET $2: exits 0 with Status: 200"
	len=$(sed -n 's/^Content-Length: //p' "$TMP/ch")
	is "$len" "$(wc -c <"$TMP/cb" | tr -d ' ')" "CGI GET $2: Content-Length matches the body"
	like "$(cat "$TMP/ch")" "ETag: W/\"" "CGI GET $2: a weak ETag"
	like "$(cat "$TMP/ch")" "Cache-Control: public" "CGI GET $2: public caching"
	normalise "$TMP/cb" "$TMP/$1"
}
# golden NAME FILE: compare (or, with GOLDEN_UPDATE=1, rewrite first).
golden() {
	if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$TMP/$1" "$2"
		diag "wrote $2: review it before committing"
	fi
	[ -f "$2" ]
	ok $? "golden file $2 exists"
	cmp -s "$2" "$TMP/$1"
	ok $? "$1 equals $2 byte for byte"
	[ $? -eq 0 ] || diff "$2" "$TMP/$1" | head -30 | cut -c1-200 | sed 's/^/#   /'
}

render page.html "/$PERMA"
like "$(cat "$TMP/ch")" "Content-Type: text/html; charset=utf-8" "the page is HTML in UTF-8"
golden page.html "$PAGE_GOLDEN"
render feed.atom /feed.atom
like "$(cat "$TMP/ch")" "Content-Type: application/atom+xml" "the feed is Atom"
golden feed.atom "$FEED_GOLDEN"

# /release/ID is the same page (but for the language switcher's links,
# which come back to the address asked for).
cgi archive REQUEST_METHOD=GET PATH_INFO="/release/$ID" SCRIPT_NAME= </dev/null
normalise "$TMP/cb" "$TMP/byid.html"
grep -v 'class="languages"' "$TMP/byid.html" >"$TMP/byid.cmp"
grep -v 'class="languages"' "$TMP/page.html" >"$TMP/page.cmp"
cmp -s "$TMP/byid.cmp" "$TMP/page.cmp"
ok $? "/release/ID renders the same page"

# Neither depends on the locale or the time zone.
TZ=Pacific/Kiritimati LC_ALL=C cgi archive REQUEST_METHOD=GET PATH_INFO="/$PERMA" SCRIPT_NAME= </dev/null
normalise "$TMP/cb" "$TMP/page2.html"
cmp -s "$TMP/page.html" "$TMP/page2.html"
ok $? "the same page with TZ=Pacific/Kiritimati LC_ALL=C"
TZ=Pacific/Kiritimati LC_ALL=C cgi archive REQUEST_METHOD=GET PATH_INFO=/feed.atom SCRIPT_NAME= </dev/null
normalise "$TMP/cb" "$TMP/feed2.atom"
cmp -s "$TMP/feed.atom" "$TMP/feed2.atom"
ok $? "the same feed with TZ=Pacific/Kiritimati LC_ALL=C"

# Spot checks that say what a failing byte comparison would mean.
P=$TMP/page.html
like "$(cat "$P")" "Régions d’Europe" "page: French letters and the curly apostrophe intact"
like "$(cat "$P")" "associations — en particulier" "page: the em dash intact"
like "$(cat "$P")" "Directeur – Projets et programmes" "page: the en dash intact"
unlike "$(cat "$P")" "&amp;amp;" "page: nothing escaped twice"
unlike "$(cat "$P")" "&rsquo;" "page: no typographic rewriting of quotes"
is "$(grep -c 'data-release="RELEASE_ID"' "$P")" 1 "page: one <article data-release>"
is "$(grep -o '<ul class="topics"' "$P" | wc -l | tr -d ' ')" 1 "page: one list of topics"
like "$(cat "$P")" "<link rel=\"canonical\" href=\"http://127.0.0.1:8080/$PERMA\">" "page: the canonical link is the permanent address"
perl -0777 -ne 'print $1 if m{<script type="application/ld\+json">(.*?)</script>}s' "$P" >"$TMP/ld.json"
got=$(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log([j["@type"], j.inLanguage, j.dateline, j.headline.slice(0, 20)].join("|"))' "$TMP/ld.json" 2>&1)
is "$got" "NewsArticle|fr|Bruxelles|$(sed -n 1p conf/demo/ccre-nalas-2026-fr.txt | cut -c1-20)" \
    "page: the JSON-LD parses (NewsArticle, fr, Bruxelles, the title)"
unlike "$(cat "$P")" "Also available in" "page: no translation to name"
unlike "$(cat "$P")" "Updated on" "page: never corrected, no 'Updated on'"

F=$TMP/feed.atom
xmllint --noout "$F" 2>/dev/null
ok $? "feed: well-formed XML"
like "$(cat "$F")" "Régions d’Europe" "feed: French text intact"
unlike "$(cat "$F")" "&amp;amp;" "feed: nothing escaped twice"
like "$(cat "$F")" "<category term=\"cooperation\" label=\"coopération\"/>" "feed: topics as categories, slug and name"
like "$(cat "$F")" "<id>http://127.0.0.1:8080/$PERMA</id>" "feed: the entry's id is its absolute permanent address"

logs_clean
done_testing
