#!/bin/sh
# t1550: the public archive behind nginx's cache (conf/nginx-microcache.conf,
# set up as its comments say: the fastcgi_cache_path line in the http block,
# the include in the archive's "location /").  An anonymous page is served
# from the cache the second time, byte for byte, with the program's own
# headers (browsers still get max-age=0 and revalidate); a request with the
# session cookie never is, and its answer is not stored; the staff programs
# are not cached at all.  The key property: a release scheduled about eight
# seconds ahead through the workflow is absent from / and from its topic
# lists, read through the cache, until its time, and there within about a
# second after it (the s-maxage the archive sends shrinks to the seconds
# left, so nginx's entries expire in time).  An entry made before the
# scheduling keeps its s-maxage: checked for being early only.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
. tests/lib/archive.sh
T0=$(date +%s)
SNIPPET=conf/nginx-microcache.conf

wf_stack_prepare "$TMP/stack" &&
    wf_admin generate 30 conf/demo/ccre-nalas-2026-fr.txt >/dev/null &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
ok 0 "the stack starts (nginx from conf/nginx.conf)"

# --- The stack's nginx.conf with the two lines the snippet documents,
# taken from its comments and given this stack's paths as stack.sh does.
cpath=$(sed -n 's/^#[[:space:]]*\(fastcgi_cache_path .*;\)$/\1/p' "$SNIPPET" |
    sed "s|/run/pressroom|$STACK/run|g")
incl=$(sed -n 's/^#[[:space:]]*\(include .*nginx-microcache\.conf;\)$/\1/p' "$SNIPPET" |
    sed "s|/etc/pressroom/|$(pwd)/conf/|g")
[ -n "$cpath" ] && [ -n "$incl" ]
ok $? "the snippet documents its http line and its include"
awk -v cpath="$cpath" -v incl="$incl" '
    { print }
    /^\tfastcgi_temp_path / { print "\t" cpath }
    /fastcgi_pass unix:.*\/archive\.sock;/ { print "\t\t\t" incl }' \
    "$STACK/run/nginx.conf" >"$STACK/run/nginx.conf.new" &&
    mv "$STACK/run/nginx.conf.new" "$STACK/run/nginx.conf"
is "$(grep -c -e 'fastcgi_cache_path' -e 'nginx-microcache.conf;' "$STACK/run/nginx.conf")" 2 \
    "both lines are in the stack's nginx.conf"
nginx -t -p "$STACK/run" -c "$STACK/run/nginx.conf" >"$TMP/nginx-t" 2>&1
ok $? "nginx -t accepts it" || sed 's/^/# /' "$TMP/nginx-t"
kill -HUP "$(cat "$STACK/run/nginx.master")"
i=0
until req GET /embed/latest.json?n=1 && [ -n "$(hdr X-Cache-Status)" ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || break
	sleep 0.1
done
sleep 0.5	# the old worker finishes its connections
ok $([ $i -lt 100 ]; echo $?) "nginx reloaded with the cache"

# --- (a) A second anonymous GET is a hit, byte for byte.
as anon
req GET /
cp "$TMP/b" "$TMP/b1"
s1=$(hdr X-Cache-Status)
req GET /
s2=$(hdr X-Cache-Status)
is "$s1 $s2" "MISS HIT" "anonymous GET / twice: MISS then HIT"
cmp -s "$TMP/b1" "$TMP/b"
ok $? "... the same body"
# (d) The program's headers pass through: browsers revalidate every time.
case $(hdr Cache-Control) in
"public, max-age=0, s-maxage="[1-9]*) ok 0 "the hit keeps Cache-Control: $(hdr Cache-Control)" ;;
*) ok 1 "the hit keeps Cache-Control: public, max-age=0, s-maxage=N ('$(hdr Cache-Control)')" ;;
esac
ETAG=$(hdr ETag)
ok $([ -n "$ETAG" ] && [ -n "$(hdr Last-Modified)" ]; echo $?) "... ETag and Last-Modified"
like "$(hdr Vary)" "Accept-Language" "... Vary: $(hdr Vary)"
req GET / -H "If-None-Match: $ETAG"
is "$CODE $(hdr X-Cache-Status)" "304 HIT" "If-None-Match of the hit: 304 from the cache"
req GET / -H 'Accept-Encoding: gzip'
s1=$(hdr X-Cache-Status)
req GET / -H 'Accept-Encoding: gzip'
is "$s1 $(hdr X-Cache-Status) $(hdr Content-Encoding)" "MISS HIT gzip" \
    "gzip'd answers are their own entry (MISS, HIT, Content-Encoding gzip)"
req GET / -H 'Accept-Language: en'
is "$(hdr X-Cache-Status)" MISS "another Accept-Language is its own entry"
req GET /embed/latest.json?n=1
is "$(hdr X-Cache-Status)" HIT "the embed was cached since the reload"

# --- (b) Staff: the session cookie is never served from the cache, and
# what it gets is not stored.
wf_login editor && wf_login approver
ok $? "editor and approver sign in"
as editor
sget /
is "$CODE $(hdr X-Cache-Status)" "200 BYPASS" "GET / with pr_session: BYPASS"
sget "/?page=2"
s1=$(hdr X-Cache-Status)
as anon
req GET "/?page=2"
is "$s1 $(hdr X-Cache-Status)" "BYPASS MISS" "... and its answer was not stored (anonymous: MISS)"
as editor
sget /staff/
sget /staff/
is "$CODE:$(hdr X-Cache-Status)" "200:" "/staff/ is never looked up (no X-Cache-Status)"
as anon
req GET /auth/login
is "$(hdr X-Cache-Status)" "" "/auth/login is never looked up"

# --- (c) An embargo through the cache.
W=cached$(tr -dc 'a-z' </dev/urandom | head -c 10)
SLUG=confidentiel-$W
TODAY=$(date -u -d '+1 min' +%Y-%m-%d)
as editor
spost /staff/new --data-urlencode "title=Cached $W: the mayors sign" \
    --data-urlencode "lead=The $W agreement was signed today." \
    --data-urlencode "body=Nobody may read about $W before the embargo ends." \
    --data-urlencode "lang=en" --data-urlencode "city=Brussels" \
    --data-urlencode "date=$TODAY" --data-urlencode "topics=Confidentiel $W, Énergie" \
    --data-urlencode "contacts=Press office" --data-urlencode "translation_of=" \
    --data-urlencode "rev=" --data-urlencode "action=save"
ID=$(hdr Location | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
ok $([ "$CODE" = 303 ] && [ -n "$ID" ]; echo $?) "editor writes a release ($ID)"
wf_act "$ID" submit
is "$CODE" 303 "editor submits it"
as approver
wf_act "$ID" approve
is "$CODE" 303 "approver approves it"
T=$(( $(date +%s) + 8 ))
as approver
wf_act "$ID" publish "" "$(date -u -d "@$T" +%Y-%m-%dT%H:%M:%S)"
is "$CODE" 303 "approver publishes it for $((T - $(date +%s))) s ahead"
as anon

now_ms() { date +%s%3N; }
# Poll / and the lists of its two topics until T + 3: never there before T
# (only answers finished before T are judged), there from about T on.
# An entry made before the scheduling keeps the s-maxage it was given (60
# s for / in (a): the program could not know): such an entry shows the
# release late, never early.  So the polls come from a browser whose
# entries are all made after the scheduling (Accept-Language: fr-BE, its
# own key), as every entry is when a release is scheduled more than
# public_max_age ahead; the plain / entry of (a) is only checked for
# being early.
LANGH='Accept-Language: fr-BE'
early=0 first= polls=0 hits=0 sbad=0
while :; do
	t0=$(now_ms)
	[ "$t0" -lt $(( (T + 3) * 1000 )) ] || break
	req GET /
	t1=$(now_ms)
	[ "$t1" -lt $((T * 1000)) ] && grep -q "data-release=\"$ID\"" "$TMP/b" &&
	    { early=$((early + 1)); diag "at $((t1 - T * 1000)) ms: on / (the entry of (a))"; }
	seen=
	for p in / /archive/topic/energie/ "/archive/topic/$SLUG/"; do
		tq=$(now_ms)
		req GET "$p" -H "$LANGH"
		ta=$(now_ms)
		[ "$(hdr X-Cache-Status)" = HIT ] && hits=$((hits + 1))
		if [ "$CODE" = 200 ] && grep -q "data-release=\"$ID\"" "$TMP/b"; then
			seen="$seen+"
		else
			seen="$seen-"
		fi
		# What the program lets a cache keep must end by T (a hit, a
		# stale or an updating answer repeats the header it was stored
		# with: judge only answers fresh from the program).
		s=$(hdr Cache-Control | sed -n 's/.*s-maxage=\([0-9]*\).*/\1/p')
		cs=$(hdr X-Cache-Status)
		case $cs in MISS|EXPIRED|BYPASS|"") fresh=1 ;; *) fresh=0 ;; esac
		# (An answer that came back after T may rightly show it.)
		if [ -n "$s" ] && [ $fresh = 1 ] && [ "$ta" -lt $((T * 1000)) ] &&
		    [ $(( tq / 1000 + s )) -gt "$T" ]; then
			sbad=$((sbad + 1))
			diag "$p at $((tq - T * 1000)) ms: $cs, s-maxage=$s"
		fi
	done
	t1=$(now_ms)
	polls=$((polls + 1))
	if [ "$t1" -lt $((T * 1000)) ]; then
		[ "$seen" = "---" ] || { early=$((early + 1)); diag "at $((t1 - T * 1000)) ms: $seen"; }
	elif [ "$t0" -ge $((T * 1000)) ]; then
		if [ "$seen" = "+++" ]; then
			first=$((t1 - T * 1000))
			break
		fi
	fi
	sleep 0.2
done
diag "$polls polls, $hits answers from the cache; all three show it at +${first:-never} ms"
is "$early" 0 "before T, through the cache: not on /, not in its topic lists"
ok $([ "$hits" -gt 0 ]; echo $?) "... those answers came from the cache ($hits hits)"
is "$sbad" 0 "before T: no s-maxage the program sends reaches past T"
ok $([ -n "$first" ] && [ "$first" -le 1500 ]; echo $?) \
    "after T: on / and in both topic lists within 1.5 s (+${first:-never} ms)"
req GET / -H "$LANGH"
req GET / -H "$LANGH"
is "$(hdr X-Cache-Status):$(ar_entries | head -1 | cut -f1)" "HIT:$ID" "the cache then serves / with it first"

ok $([ -z "$(ar_proc_deaths)" ]; echo $?) "no worker died or timed out"
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
