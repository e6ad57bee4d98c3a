#!/bin/sh
# t1500: the public archive as a visitor browses it, over 150 releases made
# by `pressroom-admin generate 150` (French, every third an English
# translation of the one before, 14 accented topics, ten years): pages of 20
# newest first, the last page short and the next one 404; year, month,
# topic and language lists and their combinations hold exactly what the
# whole list says they should, and the facet counts add up; every listed
# release answers at its permanent address and at /release/ID, with its
# canonical link, JSON-LD that parses, and translation links both ways;
# search ignores accents and capitals and ANDs its words; the Atom and JSON
# feeds, the sitemap and the embeds are well-formed with what their formats
# require; answers are gzip'd when asked (Vary), carry ETag, Last-Modified
# and a public max-age, and revalidate with 304.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { echo "1..0 # SKIP the stack did not start"; exit 1; }
. tests/integration/t01-http.inc
. tests/lib/archive.sh
T0=$(date +%s)
SITE=$(sed -n 's/^site_url = //p' "$STACK/pressroom.conf")

out=$(ar_admin generate 150 conf/demo/ccre-nalas-2026-fr.txt)
ok $? "pressroom-admin generate 150 ($out)"
like "$out" "the index has 150" "the index holds the 150 releases"

# --- The home page: 20 newest first.
req GET /
is "$CODE" 200 "/ answers 200"
ar_entries >"$TMP/p1"
is "$(wc -l <"$TMP/p1" | tr -d ' ')" 20 "/ lists 20 releases"
is "$(ar_total)" 150 "/ says 150 releases"
cut -f3 "$TMP/p1" | LC_ALL=C sort -c -r 2>/dev/null
ok $? "/ is newest first (dates never increase)"
req GET "/?page=1"
is "$(ar_ids | tr '\n' ' ')" "$(cut -f1 "$TMP/p1" | tr '\n' ' ')" "?page=1 is /"

# --- Every page: 7 x 20 + 10, the 9th is 404, nothing twice.
ar_crawl / >"$TMP/all"
is "$AR_PAGES" 8 "8 pages answer 200"
req GET "/?page=8"
is "$(ar_ids | wc -l | tr -d ' ')" 10 "page 8 lists 10 (150 = 7 x 20 + 10)"
is "$(ar_code '/?page=9')" 404 "page 9 is 404"
is "$(wc -l <"$TMP/all" | tr -d ' ')" 150 "the 8 pages list 150 entries"
is "$(cut -f1 "$TMP/all" | sort -u | wc -l | tr -d ' ')" 150 "... 150 different releases"
cut -f3 "$TMP/all" | LC_ALL=C sort -c -r 2>/dev/null
ok $? "... newest first across pages"
is "$(awk -F '\t' '$2 == "fr"' "$TMP/all" | wc -l | tr -d ' '):$(awk -F '\t' '$2 == "en"' "$TMP/all" | wc -l | tr -d ' ')" \
    100:50 "100 in French, 50 in English"
req GET "/?page=2"
grep -q 'rel="prev"' "$TMP/b" && grep -q 'rel="next"' "$TMP/b"
ok $? "page 2 links the pages before and after"
# A release page's data are the ones of the files: check a few by grep.
n=$(grep -l '^State: published' "$STACK"/data/releases/*/release | wc -l | tr -d ' ')
is "$n" 150 "150 release files say published"

# --- Facets of /: they add up, and each count is its page's total.
req GET /
ar_facets >"$TMP/facets"
for k in year language; do
	sum=$(awk -v k=$k '$1 == k { s += $3 } END { print s + 0 }' "$TMP/facets")
	is "$sum" 150 "the $k counts of / add up to 150"
done
is "$(awk '$1 == "topic"' "$TMP/facets" | wc -l | tr -d ' ')" 14 "/ names 14 topics"
awk '$1 == "topic" { print $2 }' "$TMP/facets" >"$TMP/topics"
grep -q '^energie$' "$TMP/topics" && grep -q '^cooperation$' "$TMP/topics" &&
    grep -q '^democratie-locale$' "$TMP/topics" && grep -q '^egalite$' "$TMP/topics"
ok $? "topic names are transliterated in URLs (energie, cooperation, democratie-locale, egalite)"
like "$(body)" '/archive/topic/energie/">Énergie</a>' "the Énergie facet shows its accent"
unlike "$(body)" '"> ' "no facet name starts with a space"
# The whole list, per year, language and topic, as the entries say.
expect() { # expect AWK-CONDITION: the ids of $TMP/all that match, in order
	awk -F '\t' "$1 { print \$1 }" "$TMP/all"
}
bad=0 checked=0
while read -r kind value count; do
	case $kind in
	year) path=/archive/$value/; cond="substr(\$3, 1, 4) == \"$value\"" ;;
	language) path=/archive/language/$value/; cond="\$2 == \"$value\"" ;;
	topic) path=/archive/topic/$value/; cond="(\",\" \$4 \",\") ~ /,$value,/" ;;
	*) continue ;;
	esac
	ar_crawl "$path" | cut -f1 >"$TMP/got"
	expect "$cond" >"$TMP/want"
	checked=$((checked + 1))
	if ! cmp -s "$TMP/got" "$TMP/want" || [ "$(wc -l <"$TMP/got" | tr -d ' ')" != "$count" ]; then
		bad=$((bad + 1))
		diag "$path: $(wc -l <"$TMP/got" | tr -d ' ') listed, facet says $count, the whole list has $(wc -l <"$TMP/want" | tr -d ' ')"
	fi
done <"$TMP/facets"
is "$bad" 0 "each of the $checked year, language and topic lists holds exactly its releases of the whole list, as many as its facet says"

# --- A year with its months, a month, and combinations.
Y=$(awk '$1 == "year" { y = $2 } END { print y }' "$TMP/facets")
Y2=$(awk -F '\t' '{ print substr($3, 1, 4) }' "$TMP/all" | sort | uniq -c | sort -rn | awk 'NR == 1 { print $2 }')
req GET "/archive/$Y2/"
is "$CODE" 200 "/archive/$Y2/ answers"
ar_facets | awk '$1 == "month"' >"$TMP/months"
sum=$(awk '{ s += $3 } END { print s + 0 }' "$TMP/months")
is "$sum" "$(expect "substr(\$3, 1, 4) == \"$Y2\"" | wc -l | tr -d ' ')" "the months of $Y2 add up to the year's count"
M=$(awk 'NR == 1 { print $2 }' "$TMP/months")
ar_crawl "/archive/$(echo "$M" | tr - /)/" >"$TMP/month"
is "$(cut -f1 "$TMP/month" | tr '\n' ' ')" "$(expect "substr(\$3, 1, 7) == \"$M\"" | tr '\n' ' ')" \
    "/archive/$(echo "$M" | tr - /)/ lists exactly the releases of $M"
bad=$(cut -f3 "$TMP/month" | grep -v "^$M" | wc -l | tr -d ' ')
is "$bad" 0 "... and nothing of another month"
is "$(ar_code "/archive/$Y/13/")" 404 "month 13 is 404"
# Combinations, in the documented order.
for combo in "language/en/topic/energie" "language/fr/topic/cooperation/$Y2" \
    "topic/sante/$Y2" "language/fr/$Y2" "language/en/topic/elargissement/$(echo "$M" | tr - /)"; do
	lang=$(echo "$combo" | sed -n 's|.*language/\([a-z]*\).*|\1|p')
	topic=$(echo "$combo" | sed -n 's|.*topic/\([a-z-]*\).*|\1|p')
	date=$(echo "$combo" | grep -o '[0-9][0-9][0-9][0-9]\(/[0-9][0-9]\)\{0,1\}$' | tr / -)
	cond="1"
	[ -z "$lang" ] || cond="$cond && \$2 == \"$lang\""
	[ -z "$topic" ] || cond="$cond && (\",\" \$4 \",\") ~ /,$topic,/"
	[ -z "$date" ] || cond="$cond && substr(\$3, 1, ${#date}) == \"$date\""
	expect "$cond" >"$TMP/want"
	ar_crawl "/archive/$combo/" | cut -f1 >"$TMP/got"
	if [ -s "$TMP/want" ]; then
		cmp -s "$TMP/got" "$TMP/want"
		ok $? "/archive/$combo/ lists exactly its $(wc -l <"$TMP/want" | tr -d ' ') releases"
	else
		is "$(ar_code "/archive/$combo/")" 404 "/archive/$combo/ (none) is 404"
	fi
done
# The facets of a filtered page count what their links lead to.
req GET /archive/language/en/
ar_facets | awk '$1 == "year"' | head -3 >"$TMP/enyears"
bad=0
while read -r kind value count; do
	req GET "/archive/language/en/$value/"
	[ "$(ar_total)" = "$count" ] || { bad=$((bad + 1)); diag "/archive/language/en/ says $value ($count), /archive/language/en/$value/ has $(ar_total)"; }
done <"$TMP/enyears"
is "$bad" 0 "on /archive/language/en/, each year's count is what its link lists"

# --- Release pages: the permanent address of every entry of page 1.
bad=0 badid=0 badcanon=0
while IFS="$(printf '\t')" read -r id lang date topics url title tr; do
	req GET "$url"
	if [ "$CODE" != 200 ] || ! grep -q "<article[^>]*data-release=\"$id\"" "$TMP/b"; then
		bad=$((bad + 1)); diag "$url: $CODE"
	fi
	[ "$(ar_canonical)" = "$SITE$url" ] || { badcanon=$((badcanon + 1)); diag "$url: canonical $(ar_canonical)"; }
	req GET "/release/$id"
	if [ "$CODE" != 200 ] || ! grep -q "<article[^>]*data-release=\"$id\"" "$TMP/b"; then
		badid=$((badid + 1)); diag "/release/$id: $CODE"
	fi
	case $url in "/$(echo "$date" | tr - /)/"?*) ;; *) bad=$((bad + 1)); diag "$url: not /$date/slug" ;; esac
done <"$TMP/p1"
is "$bad" 0 "the 20 permanent addresses of page 1 answer 200 with their release (/YYYY/MM/DD/slug of the date)"
is "$badid" 0 "... and so do their /release/ID"
is "$badcanon" 0 "... each with its canonical link ($SITE/YYYY/MM/DD/slug)"
# Slugs transliterate the accents of the title.
url=$(awk -F '\t' '$6 ~ /^Énergie : / { print $5; exit }' "$TMP/all")
like "$url" "/energie-communique-n-" "Énergie : communiqué n° N is at .../energie-communique-n-N ($url)"

# JSON-LD of one French and one English release.
for l in fr en; do
	line=$(awk -F '\t' -v l=$l '$2 == l { print; exit }' "$TMP/p1")
	url=$(echo "$line" | cut -f5)
	title=$(echo "$line" | cut -f6)
	req GET "$url"
	is "$(ar_jsonld)" "NewsArticle|$title|$l|$SITE$url" "JSON-LD of $url parses: NewsArticle, headline, inLanguage, url"
	like "$(body)" "<title>$title" "the page's title is the release's"
done

# Translation links both ways, on lists and on release pages.
line=$(awk -F '\t' '$2 == "en" && $7 != "" { print; exit }' "$TMP/p1")
EN=$(echo "$line" | cut -f1) ENURL=$(echo "$line" | cut -f5)
FRURL=$(echo "$line" | cut -f7 | sed -n 's/^fr=//p')
[ -n "$EN" ] && [ -n "$FRURL" ]
ok $? "an English entry links its French original ($ENURL -> $FRURL)"
FR=$(awk -F '\t' -v u="$FRURL" '$5 == u { print $1 }' "$TMP/all")
is "$(awk -F '\t' -v u="$FRURL" '$5 == u { print $7 }' "$TMP/all")" "en=$ENURL" "... and the French entry links it back"
like "$(cat "$STACK/data/releases/$EN/release")" "Translation-Of: $FR" "... as the release file says (Translation-Of: $FR)"
req GET "$ENURL"
like "$(body)" "Also available in: <a href=\"$FRURL\" hreflang=\"fr\"" "the English page says: Also available in fr"
req GET "$FRURL"
like "$(body)" "Also available in: <a href=\"$ENURL\" hreflang=\"en\"" "the French page says: Also available in en"
like "$(body)" "hreflang=\"en\" href=\"" "the French page has a <link rel=alternate hreflang=en>"
n=$(awk -F '\t' '$2 == "en" && $7 == ""' "$TMP/all" | wc -l | tr -d ' ')
is "$n" 0 "every English entry has its translation link"
is "$(ar_code /2026/02/30/nothing-here)" 404 "an unknown permanent address is 404"

# --- Search.
for q in negociation N%C3%89GOCIATION n%C3%A9gociation NeGoCiAtIoN; do
	req GET "/search?q=$q"
	echo "$q $(ar_total) $(grep -c '<p class="passage">.*<mark>' "$TMP/b") $(ar_ids | wc -l | tr -d ' ')"
done >"$TMP/search"
total=$(awk 'NR == 1 { print $2 }' "$TMP/search")
ok $([ -n "$total" ] && [ "$total" -gt 0 ]; echo $?) "\"negociation\" finds releases ($total)"
is "$(awk '{ print $2 }' "$TMP/search" | sort -u | tr '\n' ' ')" "$total " \
    "negociation, NÉGOCIATION, négociation and NeGoCiAtIoN find the same number"
is "$(awk '$3 != $4 || $4 != 20' "$TMP/search" | wc -l | tr -d ' ')" 0 \
    "each shows 20 results, each with a <mark>ed passage"
req GET "/search?q=negociation"
like "$(body)" "<mark>négociation</mark>" "the passage marks the word as written (négociation)"
cp "$TMP/b" "$TMP/search1"
ar_entries | cut -f3 | LC_ALL=C sort -c -r 2>/dev/null
ok $? "search results are newest first"
city=$(grep -o '<time datetime="[^"]*">[^<]*</time> · [^ <·]*' "$TMP/search1" | head -1 | sed 's/.* · //')
# The English releases contain "negotiations": exactly them.
ar_crawl "/search?q=negotiations" >"$TMP/neg"
is "$(wc -l <"$TMP/neg" | tr -d ' ')" 50 "\"negotiations\" finds the 50 English releases (all pages)"
is "$(cut -f2 "$TMP/neg" | sort -u | tr '\n' ' ')" "en " "... and only English ones"
# Two words: narrower.
req GET /search -G --data-urlencode "q=negociation $city"
n=$(ar_total)
ok $([ -n "$n" ] && [ "$n" -ge 1 ] && [ "$n" -lt "$total" ]; echo $?) \
    "\"negociation $city\" finds fewer ($n of $total), at least one"
bad=0
for id in $(ar_ids); do
	grep -q "$city" "$STACK/data/releases/$id/release" || bad=$((bad + 1))
done
is "$bad" 0 "... each containing $city"
req GET "/search?q=negociation+zqxjkw"
is "$CODE" 200 "a word found nowhere: 200"
like "$(body)" "No published release matches" "... says no release matches"
is "$(ar_ids | wc -l | tr -d ' ')" 0 "... and lists none"
req GET "/search?q=$(printf 'x%.0s' 1 2 3 4 5 6 7 8 9 0)"
like "$(body)" "No published release matches" "an unknown word alone: no release matches"
req GET "/search?q=a+l"
like "$(body)" "at least one word" "one-letter words only: asks for a real word"
req GET "/search?q=negociation&page=2"
is "$CODE" 200 "search page 2 answers"
is "$(ar_ids | wc -l | tr -d ' ')" 20 "... with 20 more"
is "$(ar_code "/search?q=negociation&page=$(( (total + 19) / 20 + 1 ))")" 404 "the search page past the last is 404"

# --- Feeds.
req GET /feed.atom
is "$CODE" 200 "/feed.atom answers"
like "$(hdr Content-Type)" "application/atom+xml" "... as application/atom+xml"
cp "$TMP/b" "$TMP/feed.atom"
xmllint --noout "$TMP/feed.atom" 2>"$TMP/xml.err"
ok $? "/feed.atom is well-formed XML"
[ -s "$TMP/xml.err" ] && sed 's/^/#   /' "$TMP/xml.err" | head -5
X='local-name()'
xp() { xmllint --xpath "$1" "$2" 2>/dev/null; }
is "$(xp "count(/*[$X='feed']/*[$X='id' or $X='title' or $X='updated'])" "$TMP/feed.atom")" 3 \
    "the feed has id, title, updated"
is "$(xp "count(//*[$X='entry'])" "$TMP/feed.atom")" 30 "30 entries (feed_entries)"
is "$(xp "count(//*[$X='entry'][*[$X='id'] and *[$X='title'] and *[$X='updated'] and *[$X='link'][@href]])" "$TMP/feed.atom")" 30 \
    "every entry has id, title, updated and a link"
is "$(xp "string(//*[$X='entry'][1]/*[$X='link']/@href)" "$TMP/feed.atom")" "$SITE$(head -1 "$TMP/p1" | cut -f5)" \
    "the first entry is the newest release, by its absolute permanent address"
n=$(xp "//*[$X='updated']/text()" "$TMP/feed.atom" | grep -cv '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z$')
is "$n" 0 "every updated is an RFC 3339 time"
like "$(cat "$TMP/feed.atom")" 'label="Énergie"' "categories keep their accents"
req GET /archive/language/en/feed.atom
cp "$TMP/b" "$TMP/en.atom"
xmllint --noout "$TMP/en.atom" 2>/dev/null
ok $? "/archive/language/en/feed.atom is well-formed"
is "$(xp "count(//*[$X='entry'])" "$TMP/en.atom"):$(xp "count(//*[$X='entry'][@xml:lang='en'])" "$TMP/en.atom")" 30:30 \
    "... 30 entries, all in English"

# JSON Feed 1.1, parsed by node.
jsonfeed() { # jsonfeed FILE: "ok N" when JSON Feed 1.1's requirements hold
	node -e '
	    const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	    const bad = [];
	    if (f.version !== "https://jsonfeed.org/version/1.1") bad.push("version");
	    if (typeof f.title !== "string" || f.title === "") bad.push("title");
	    if (!Array.isArray(f.items)) bad.push("items");
	    for (const it of f.items || []) {
		if (typeof it.id !== "string" || it.id === "") bad.push("item id");
		if (typeof it.content_text !== "string" && typeof it.content_html !== "string") bad.push("item content");
		if (it.date_published && isNaN(Date.parse(it.date_published))) bad.push("item date");
	    }
	    console.log(bad.length ? "bad " + bad.join(",") : "ok " + f.items.length);' "$1" 2>&1 | tail -1
}
req GET /feed.json
like "$(hdr Content-Type)" "application/feed+json" "/feed.json is application/feed+json"
cp "$TMP/b" "$TMP/feed.json"
is "$(jsonfeed "$TMP/feed.json")" "ok 30" "/feed.json parses as JSON Feed 1.1 (version, title, items with id and content), 30 items"
req GET /archive/topic/energie/feed.json
cp "$TMP/b" "$TMP/energie.json"
n=$(awk '$1 == "topic" && $2 == "energie" { print ($3 > 30 ? 30 : $3) }' "$TMP/facets")
is "$(jsonfeed "$TMP/energie.json")" "ok $n" "/archive/topic/energie/feed.json: JSON Feed, its $n releases"
n=$(node -e 'const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(f.items.filter(i => !(i.tags || []).includes("Énergie")).length)' "$TMP/energie.json")
is "$n" 0 "... every item tagged Énergie"
# Newest first by the date in the address, then by publication time.
n=$(node -e '
    const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const k = f.items.map(i => i.url.match(/\/(\d{4}\/\d\d\/\d\d)\//)[1] + " " + i.date_published);
    let bad = 0;
    for (let i = 1; i < k.length; i++) if (k[i] > k[i - 1]) bad++;
    console.log(bad);' "$TMP/feed.json")
is "$n" 0 "/feed.json is newest first: by date, then by publication time"
is "$(ar_code /archive/topic/nothing/feed.atom)" 404 "the feed of an unknown topic is 404"

# --- Sitemap.
req GET /sitemap.xml
is "$CODE" 200 "/sitemap.xml answers"
cp "$TMP/b" "$TMP/sitemap.xml"
xmllint --noout "$TMP/sitemap.xml" 2>/dev/null
ok $? "/sitemap.xml is well-formed"
is "$(xp "count(//*[$X='url'])" "$TMP/sitemap.xml")" 151 "151 URLs: / and the 150 releases"
is "$(xp "count(//*[$X='url'][*[$X='loc'] and *[$X='lastmod']])" "$TMP/sitemap.xml")" 150 "... each release with a lastmod"
# Alternates: each translation pair names both, both ways.
perl -0777 -ne 'while (m{<url><loc>([^<]*)</loc>(.*?)</url>}sg) { my ($l, $r) = ($1, $2);
    my @a = $r =~ m{<xhtml:link rel="alternate" hreflang="[^"]*" href="([^"]*)"/>}g;
    print "$l ", join(" ", sort @a), "\n" if @a }' "$TMP/sitemap.xml" >"$TMP/alts"
is "$(wc -l <"$TMP/alts" | tr -d ' ')" 100 "100 URLs (50 pairs) have hreflang alternates"
bad=$(awk '{ self = 0; for (i = 2; i <= NF; i++) if ($i == $1) self = 1; if (!self || NF != 3) print }' "$TMP/alts" | wc -l | tr -d ' ')
is "$bad" 0 "each names itself and its one translation"
bad=$(awk '{ k = $2 " " $3; n[k]++ } END { for (k in n) if (n[k] != 2) print k }' "$TMP/alts" | wc -l | tr -d ' ')
is "$bad" 0 "... and the translation names the same pair (both ways)"
like "$(cat "$TMP/alts")" "$SITE$ENURL" "the English release of page 1 is in a pair"
grep "$SITE$ENURL" "$TMP/alts" | grep -q "$SITE$FRURL"
ok $? "... with its French original"

# --- Embeds.
req GET "/embed/latest.html?n=5&language=fr"
is "$CODE" 200 "/embed/latest.html?n=5&language=fr answers"
is "$(grep -c '<li lang="fr">' "$TMP/b")" 5 "... 5 releases in French"
first=$(awk -F '\t' '$2 == "fr" { print $5; exit }' "$TMP/p1")
like "$(body)" "href=\"$SITE$first\"" "... the newest French one first"
unlike "$(body)" "<html" "... a fragment, not a page"
is "$(hdr Access-Control-Allow-Origin)" "*" "... that any site may fetch"
req GET "/embed/latest.json?n=5"
cp "$TMP/b" "$TMP/embed.json"
got=$(node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(j.releases.map(r => r.id).join(" "))' "$TMP/embed.json" 2>&1)
is "$got" "$(head -5 "$TMP/p1" | cut -f1 | tr '\n' ' ' | sed 's/ $//')" "/embed/latest.json?n=5 parses: the 5 newest"
req GET "/embed/latest.json"
n=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).releases.length)' "$TMP/b" 2>&1)
is "$n" 5 "/embed/latest.json: 5 by default"
req GET "/embed/latest.html?n=50"
is "$(grep -c '<li lang=' "$TMP/b")" 50 "n=50: 50"

# --- gzip, ETag, Last-Modified, Cache-Control.
RELURL=$(head -1 "$TMP/p1" | cut -f5)
for p in / /feed.atom /feed.json /sitemap.xml "/search?q=negociation" \
    "/embed/latest.json?n=50" "$RELURL"; do
	curl -s --max-time 15 -o "$TMP/plain" "$URL$p"
	curl -s --max-time 15 -D "$TMP/gzh" -o "$TMP/gz" -H 'Accept-Encoding: gzip' "$URL$p"
	tr -d '\r' <"$TMP/gzh" >"$TMP/gzh2"
	grep -qi '^Content-Encoding: gzip' "$TMP/gzh2" && grep -qi '^Vary:.*Accept-Encoding' "$TMP/gzh2" &&
	    gunzip -c <"$TMP/gz" | cmp -s - "$TMP/plain"
	ok $? "$p: gzip'd for Accept-Encoding: gzip ($(wc -c <"$TMP/gz" | tr -d ' ') of $(wc -c <"$TMP/plain" | tr -d ' ') bytes), Vary: Accept-Encoding, the same bytes"
	[ $? -eq 0 ] || grep -i -e '^content-type' -e '^content-encoding' -e '^vary' "$TMP/gzh2" | sed 's/^/#   /'
done
curl -s --max-time 15 --compressed -o "$TMP/c" "$URL/"
curl -s --max-time 15 -o "$TMP/plain" "$URL/"
cmp -s "$TMP/c" "$TMP/plain"
ok $? "curl --compressed gets the same page"

for p in / /feed.atom "/search?q=negociation" "$RELURL" "/archive/$Y2/" /sitemap.xml; do
	req GET "$p"
	etag=$(hdr ETag) lm=$(hdr Last-Modified) cc=$(hdr Cache-Control)
	case $cc in "public, max-age=0, s-maxage="[0-9]*) age=${cc#public, max-age=0, s-maxage=}
		ok $([ "$age" -gt 0 ] && [ "$age" -le 60 ]; echo $?) "$p: Cache-Control: $cc (browsers revalidate, shared caches 0 < s-maxage <= public_max_age)" ;;
	*) ok 1 "$p: Cache-Control public, max-age=0 and s-maxage (got '$cc')" ;; esac
	like "$etag" 'W/"' "$p: a weak ETag"
	rm -f "$TMP/b"
	req GET "$p" -H "If-None-Match: $etag"
	is "$CODE:$(wc -c <"$TMP/b" | tr -d ' ')" "304:0" "$p: If-None-Match with it: 304, no body"
	req GET "$p" -H "If-None-Match: $etag" -H 'Accept-Encoding: gzip'
	is "$CODE" 304 "$p: ... also when asking for gzip"
	[ -n "$lm" ] && lmt=$(date -u -d "$lm" +%s 2>/dev/null)
	ok $([ -n "$lm" ] && [ -n "$lmt" ] && [ "$lmt" -le "$(date +%s)" ]; echo $?) "$p: Last-Modified, a past HTTP date ($lm)"
	req GET "$p" -H "If-Modified-Since: $lm"
	is "$CODE" 304 "$p: If-Modified-Since: Last-Modified gives 304"
	before=$(date -u -d "@$((lmt - 1))" '+%a, %d %b %Y %H:%M:%S GMT')
	req GET "$p" -H "If-Modified-Since: $before"
	is "$CODE" 200 "$p: If-Modified-Since a second earlier gives 200"
done

ok $([ -z "$(ar_proc_deaths)" ]; echo $?) "no worker died or timed out"
logs_clean
ar_admin index check >"$TMP/ic" 2>&1
ok $? "pressroom-admin index check: up to date"
ar_admin check >"$TMP/ck" 2>&1
ok $? "pressroom-admin check: clean"
[ $? -eq 0 ] || sed 's/^/#   /' "$TMP/ck" | head -5
diag "took $(( $(date +%s) - T0 )) s"
done_testing
