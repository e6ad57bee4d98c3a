#!/bin/sh
# t1520: nothing of an embargoed release leaks before its time, anywhere.
# Through the real workflow, an editor writes an English translation of a
# public French release, with a word, a title and a topic found nowhere
# else and a PDF attached; it is submitted, approved and published for a
# second T about ten seconds ahead.  Before T, every public output is asked
# (the lists, page 2, its year, month, language and topic lists, search,
# every feed, the sitemap, the embeds, its permanent address, /release/ID,
# the file, the media kit, the original's page and the facets of /): none
# names the word, the title, the id, the address, the file or the topic,
# and none may be cached past T.  Readers poll until T; within a second of
# it every one of those outputs shows the release, the original links it,
# and validators taken before T no longer give 304.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t10-attach.inc
. tests/lib/archive.sh
T0=$(date +%s)

wf_stack_prepare "$TMP/stack" &&
    wf_admin generate 30 conf/demo/ccre-nalas-2026-fr.txt >/dev/null &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
wf_login editor && wf_login approver
ok $? "editor and approver sign in"
now_ms() { date +%s%3N; }

# The original: the newest public French release without a translation.
req GET /
ORIG=$(ar_entries | awk -F '\t' '$2 == "fr" && $7 == "" { print $1; exit }')
ORIGURL=$(ar_entries | awk -F '\t' '$2 == "fr" && $7 == "" { print $5; exit }')
ar_entries | cut -f1 >"$TMP/page1.before"
[ -n "$ORIG" ]
ok $? "a public French original ($ORIG at $ORIGURL)"

# Words found nowhere else: letters only, so that search folds nothing.
W=embargo$(tr -dc 'a-z' </dev/urandom | head -c 10)
TOPIC="Confidentiel $W"
SLUG=confidentiel-$W
TITLE="Exclusive $W: the mayors sign the energy pact"
TODAY=$(date -u -d '+1 min' +%Y-%m-%d)
as editor
spost /staff/new --data-urlencode "title=$TITLE" \
    --data-urlencode "subtitle=Under embargo" \
    --data-urlencode "lead=The $W agreement was signed today." \
    --data-urlencode "body=Nobody may read about $W before the embargo ends." \
    --data-urlencode "lang=en" --data-urlencode "city=Brussels" \
    --data-urlencode "date=$TODAY" --data-urlencode "topics=$TOPIC, Énergie" \
    --data-urlencode "contacts=Press office" \
    --data-urlencode "translation_of=$ORIG" --data-urlencode "rev=" \
    --data-urlencode "action=save"
ID=$(hdr Location | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
[ "$CODE" = 303 ] && [ -n "$ID" ]
ok $? "editor writes the translation ($ID), word $W"
at_upload "$ID" -F "file=@$FIX/communique.pdf;filename=pacte-$W.pdf"
is "$CODE" 303 "editor attaches a PDF"
AID=$(at_aid "$ID" "pacte-$W.pdf")
[ -n "$AID" ]
ok $? "... stored as $AID"
wf_act "$ID" submit
is "$CODE" 303 "editor submits it"
as approver
wf_act "$ID" approve
is "$CODE" 303 "approver approves it"
T=$(( $(date +%s) + 20 ))	# room for 33 requests on a loaded machine
AT=$(date -u -d "@$T" +%Y-%m-%dT%H:%M:%S)
wf_act "$ID" publish "" "$AT"
is "$CODE" 303 "approver publishes it for $AT UTC ($((T - $(date +%s))) s ahead)"
is "$(wf_field "$ID" Publish-At)" "$T" "stored: Publish-At $T"
PERMA=/$(wf_field "$ID" Permalink)
case $PERMA in "/$(echo "$TODAY" | tr - /)/"?*) ok 0 "its permanent address is fixed: $PERMA" ;;
*) ok 1 "its permanent address is fixed ('$PERMA')" ;; esac
Y=${TODAY%%-*} M=$(echo "$TODAY" | cut -d- -f2)

# The outputs, each with what it must answer before T and after.
# kind: list (200, shows the id), gone (404 before, 200 after with the id),
# feed (shows the address), search, embed, page2, orig, file, kit.
cat >"$TMP/outputs" <<EOF
list /
page2 /?page=2
list /archive/$Y/
list /archive/$Y/$M/
list /archive/language/en/
list /archive/language/en/$Y/
list /archive/topic/energie/
gone /archive/topic/$SLUG/
gone /archive/language/en/topic/$SLUG/
gone /archive/topic/$SLUG/$Y/$M/
search /search?q=$W
search /search?q=EXCLUSIVE+$W+pact
search /search?q=mayors+energy+pact+signed
feed /feed.atom
feed /feed.json
feed /archive/language/en/feed.atom
feed /archive/language/en/feed.json
feed /archive/$Y/feed.atom
feed /archive/topic/energie/feed.json
gonefeed /archive/topic/$SLUG/feed.atom
gonefeed /archive/topic/$SLUG/feed.json
feed /sitemap.xml
embed /embed/latest.html
embed /embed/latest.json
embed /embed/latest.html?language=en&n=50
embed /embed/latest.json?n=50
gone $PERMA
gone /release/$ID
file /files/$ID/$AID
file /files/$ID/$AID/pacte-$W.pdf
kit /kit/$ID
orig $ORIGURL
orig /release/$ORIG
EOF

# mentions FILE [noword]: which secret the body names (empty when none);
# with noword, not the word itself (a search page shows what was asked).
mentions() {
	local w=$W
	[ "${2:-}" = noword ] && w=$ID
	for s in "$w" "$ID" "$PERMA" "$SLUG" "$AID"; do
		grep -q -i -F -- "$s" "$1" && { echo "$s"; return; }
	done
	:
}

# --- Before T.
leaks=0 wrong=0 judged=0 late=0 cachebad=0
while read -r kind p; do
	rm -f "$TMP/b"
	t0=$(now_ms)
	req GET "$p"
	t1=$(now_ms)
	if [ "$t1" -ge $((T * 1000)) ]; then
		late=$((late + 1))
		continue
	fi
	judged=$((judged + 1))
	case $kind in
	gone|gonefeed|file|kit) want=404 ;;
	*) want=200 ;;
	esac
	[ "$CODE" = "$want" ] || { wrong=$((wrong + 1)); diag "before T: $p: $CODE, want $want"; }
	if [ "$kind" = search ]; then
		m=$(mentions "$TMP/b" noword)
		[ "$(ar_ids | wc -l | tr -d ' ')" = 0 ] || m="$m (a result)"
	else
		m=$(mentions "$TMP/b")
	fi
	if [ -n "$m" ]; then
		leaks=$((leaks + 1))
		diag "before T: $p names '$m'"
	fi
	# Public answers may be cached, but not past T.
	cc=$(hdr Cache-Control)
	case $cc in *max-age=*)
		# The longer of max-age (browsers) and s-maxage (shared caches).
		age=$(echo "$cc" | tr ',' '\n' | sed -n 's/.*max-\{0,1\}age=\([0-9]*\).*/\1/p' | sort -n | tail -1)
		if [ $(( t0 / 1000 + age )) -gt "$T" ]; then
			cachebad=$((cachebad + 1))
			diag "before T: $p: '$cc' lets a cache keep it past T (+$(( t0 / 1000 + age - T )) s)"
		fi ;;
	esac
done <"$TMP/outputs"
n=$(wc -l <"$TMP/outputs" | tr -d ' ')
is "$late" 0 "all $n outputs were asked before T ($(( T * 1000 - $(now_ms) )) ms to spare)"
is "$leaks" 0 "before T: none of the $judged outputs names the word, id, address, topic or file"
is "$wrong" 0 "before T: lists 200, its pages, topic lists, file and kit 404"
is "$cachebad" 0 "before T: no answer may be cached past T"
req GET /
ar_facets | awk '$1 == "topic" { print $2 }' >"$TMP/topics.before"
grep -qx "$SLUG" "$TMP/topics.before"
ok $((! $?)) "before T: the topic is not among the facets of /"
ar_entries | cut -f1 | tail -1 >"$TMP/last.before"
# Validators of before T, for after.
for p in / "$ORIGURL" /feed.atom; do
	req GET "$p"
	printf '%s\t%s\t%s\n' "$p" "$(hdr ETag)" "$(hdr Last-Modified)"
done >"$TMP/validators"
as editor
sget "/staff/"
like "$(body)" "scheduled" "the editor's list says scheduled"
as anon

# --- Poll until T: hidden before, public from T on.
early=0 first= polls=0
while :; do
	t0=$(now_ms)
	[ "$t0" -lt $(( (T + 3) * 1000 )) ] || break
	req GET /release/"$ID"
	c1=$CODE
	req GET /
	grep -q "data-release=\"$ID\"" "$TMP/b" && c2=listed || c2=absent
	t1=$(now_ms)
	polls=$((polls + 1))
	if [ "$t1" -lt $((T * 1000)) ]; then
		[ "$c1 $c2" = "404 absent" ] || { early=$((early + 1)); diag "at $((t1 - T * 1000)) ms: $c1 $c2"; }
	elif [ "$t0" -ge $((T * 1000)) ]; then
		if [ "$c1 $c2" = "200 listed" ]; then
			first=$((t0 - T * 1000))
			break
		fi
		diag "at +$((t0 - T * 1000)) ms: $c1 $c2"
	fi
	sleep 0.2
done
diag "$polls polls; public at +${first:-never} ms"
is "$early" 0 "never public before $AT"
ok $([ -n "$first" ] && [ "$first" -le 1000 ]; echo $?) "public within a second of T (+${first:-never} ms)"

# --- After T: every output shows it.
S=$(now_ms)
bad=0
SITE=$(sed -n 's/^site_url = //p' "$STACK/pressroom.conf")
while read -r kind p; do
	rm -f "$TMP/b"
	req GET "$p"
	why=
	case $kind in
	list|gone) [ "$CODE" = 200 ] && grep -q "data-release=\"$ID\"" "$TMP/b" || why="no data-release=$ID" ;;
	search) [ "$CODE" = 200 ] && grep -q "data-release=\"$ID\"" "$TMP/b" && grep -q '<mark>' "$TMP/b" || why="not found" ;;
	feed|gonefeed|embed) [ "$CODE" = 200 ] && grep -q -F "$SITE$PERMA" "$TMP/b" || why="no $SITE$PERMA" ;;
	page2) [ "$CODE" = 200 ] && [ "$(ar_entries | head -1 | cut -f1)" = "$(cat "$TMP/last.before")" ] ||
		why="page 2 does not start with the last of page 1 before T" ;;
	orig) [ "$CODE" = 200 ] && grep -q "Also available in: .*<a href=\"$PERMA\" hreflang=\"en\"" "$TMP/b" ||
		why="no link to the translation" ;;
	file) [ "$CODE" = 200 ] && cmp -s "$TMP/b" "$FIX/communique.pdf" || why="not the PDF" ;;
	kit) [ "$CODE" = 200 ] && unzip -l "$TMP/b" 2>/dev/null | grep -q "pacte-$W.pdf" || why="no PDF in the kit" ;;
	esac
	[ -z "$why" ] || { bad=$((bad + 1)); diag "after T: $p: $CODE, $why"; }
done <"$TMP/outputs"
E=$(now_ms)
is "$bad" 0 "after T: all $n outputs show it (asked from +$((S - T * 1000)) to +$((E - T * 1000)) ms)"
req GET /
is "$(ar_entries | head -1 | cut -f1)" "$ID" "it is first on /"
ar_facets | awk '$1 == "topic" { print $2 }' | grep -qx "$SLUG"
ok $? "its topic is among the facets of /"
req GET "/archive/topic/$SLUG/"
like "$(body)" "$TOPIC" "its topic page names the topic as written"
req GET "/search?q=$W"
is "$(ar_total)" 1 "searching its word finds it alone"
req GET "$PERMA"
grep -q "Also available in: .*<a href=\"$ORIGURL\" hreflang=\"fr\"" "$TMP/b"
ok $? "its page links the French original"
req GET /sitemap.xml
perl -0777 -ne 'while (m{<url><loc>([^<]*)</loc>(.*?)</url>}sg) { print "$1 $2\n" }' "$TMP/b" |
    grep -F "$SITE$ORIGURL " | grep -q -F "hreflang=\"en\" href=\"$SITE$PERMA\""
ok $? "the sitemap pairs the original with it (hreflang en)"
bad=0
while IFS="$(printf '\t')" read -r p etag lm; do
	rm -f "$TMP/b"
	req GET "$p" -H "If-None-Match: $etag"
	[ "$CODE" = 200 ] || { bad=$((bad + 1)); diag "$p: If-None-Match of before T: $CODE"; }
	req GET "$p" -H "If-Modified-Since: $lm"
	[ "$CODE" = 200 ] || { bad=$((bad + 1)); diag "$p: If-Modified-Since $lm: $CODE"; }
done <"$TMP/validators"
is "$bad" 0 "validators of before T give 200, not 304 (/, the original, /feed.atom)"

# --- A correction cannot be scheduled (a later time would take the text
# online now offline until then): refused with the reason, nothing changes,
# the published text stays; published now, it is online at once.
W2=corrigendum$(tr -dc 'a-z' </dev/urandom | head -c 10)
as editor
spost "/staff/edit/$ID" --data-urlencode "title=Exclusive $W: the mayors sign the $W2 pact" \
    --data-urlencode "subtitle=Under embargo" \
    --data-urlencode "lead=The $W agreement was signed today." \
    --data-urlencode "body=Nobody may read about $W before the embargo ends." \
    --data-urlencode "lang=en" --data-urlencode "city=Brussels" \
    --data-urlencode "date=$TODAY" --data-urlencode "topics=$TOPIC, Énergie" \
    --data-urlencode "contacts=Press office" \
    --data-urlencode "translation_of=$ORIG" --data-urlencode "rev=$(wf_rev "$ID")" \
    --data-urlencode "action=save"
is "$CODE" 303 "editor writes a correction ($W2)"
wf_act "$ID" submit
as approver
wf_act "$ID" approve
T2=$(( $(date +%s) + 4 ))
wf_act "$ID" publish "" "$(date -u -d "@$T2" +%Y-%m-%dT%H:%M:%S)"
is "$CODE" 422 "approver schedules the correction for later: refused (422)"
like "$(body)" "a correction goes online at once" "... saying why"
bad=0
for p in "$PERMA" "/release/$ID" / "/search?q=$W"; do
	req GET "$p"
	[ "$CODE" = 200 ] && grep -q "data-release=\"$ID\"" "$TMP/b" || { bad=$((bad + 1)); diag "after the refusal: $p: $CODE, the release is not online"; }
	grep -q "$W2" "$TMP/b" && { bad=$((bad + 1)); diag "after the refusal: $p names the correction's word"; }
done
req GET "/search?q=$W2"
[ "$(ar_ids | wc -l | tr -d ' ')" = 0 ] || { bad=$((bad + 1)); diag "after the refusal: search finds the correction"; }
is "$bad" 0 "the release stays online with its published text, the correction nowhere"
wf_act "$ID" publish
is "$CODE" 303 "approver publishes the correction now"
req GET "$PERMA"
like "$(body)" "$W2" "the corrected text is online at once, at the same address"
req GET "/search?q=$W2"
is "$(ar_ids | wc -l | tr -d ' ')" 1 "... and found by search"

wf_check
ar_admin index check >"$TMP/ic" 2>&1
ok $? "pressroom-admin index check: up to date"
ok $([ -z "$(ar_proc_deaths)" ]; echo $?) "no worker died or timed out"
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
