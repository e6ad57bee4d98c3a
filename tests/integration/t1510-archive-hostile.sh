#!/bin/sh
# t1510: hostile requests to the public archive.  Each gets a plain answer
# (400 for a malformed parameter, 404 for what does not exist, 400 for a
# search over 200 bytes, and where nginx refuses a request line first, its
# own 400 or 414), never a crash, a hang or a 5xx; headers that mean
# nothing (a garbage If-None-Match, a Range on a page) get the normal 200
# page; and the data directory and the index are unchanged afterwards.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { echo "1..0 # SKIP the stack did not start"; exit 1; }
. tests/integration/t01-http.inc
. tests/lib/archive.sh
T0=$(date +%s)

out=$(ar_admin generate 40 conf/demo/ccre-nalas-2026-fr.txt)
ok $? "generate 40 ($out)"
req GET /
REL=$(ar_entries | head -1 | cut -f5)
RID=$(ar_entries | head -1 | cut -f1)
Y=$(echo "$REL" | cut -d/ -f2)
data_sum >"$TMP/data.before"
cp "$STACK/data/index/public" "$TMP/index.before"

# expect CODES PATH WHAT [curl args]: the status is one of CODES (|-separated).
expect() {
	local codes=$1 p=$2 what=$3
	shift 3
	rm -f "$TMP/b"
	CODE=$(curl -s -g --path-as-is --max-time 15 -o "$TMP/b" -w '%{http_code}' "$@" "$URL$p" 2>/dev/null)
	case "|$codes|" in
	*"|$CODE|"*) ok 0 "$what: $CODE" ;;
	*) ok 1 "$what: $CODE (want $codes)"
	   grep -a -o -e '<title>[^<]*' -e '<p class="[^"]*">[^<]*' "$TMP/b" 2>/dev/null |
	       head -3 | awk '{ print "#   " $0 }' ;;
	esac
}
# Error pages say what is wrong, never echo the input.
plain_error() {
	grep -q -i -e '<title>' "$TMP/b" && ! grep -q -F "$1" "$TMP/b"
	ok $? "$2: a plain error page that does not echo the input"
}

# --- page.
for p in -1 abc 0 999999999 10000001 1.5 0x10 "%2B1" "" "1%00" "%EF%BC%91"; do
	expect 400 "/?page=$p" "/?page=$p"
done
expect 404 "/?page=10000000" "/?page=10000000 (well-formed, past the end)"
expect 404 "/?page=3" "/?page=3 (past the last of 2 pages)"
expect 400 "/archive/$Y/?page=-1" "/archive/$Y/?page=-1"
expect 400 "/search?q=negociation&page=abc" "/search?q=negociation&page=abc"
expect 200 "/?page=1&page=abc" "/?page=1&page=abc (the first one counts)"
expect 200 "/feed.atom?page=abc" "/feed.atom?page=abc (a feed has no pages)"

# --- search.
long=$(head -c 201 /dev/zero | tr '\0' x)
expect 400 "/search?q=$long" "a 201-byte search"
plain_error "$long" "201-byte search"
expect 200 "/search?q=$(head -c 200 /dev/zero | tr '\0' x)" "a 200-byte search"
long=$(head -c 10240 /dev/zero | tr '\0' y)
# nginx reads request lines into 8 KiB buffers: a 10 KB query is its 414.
expect "400|414" "/search?q=$long" "a 10 KB search (400 from the program, or 414 from nginx)"
long=$(head -c 3000 /dev/zero | tr '\0' z)
expect 400 "/search?q=$long" "a 3 KB search (under nginx's line limit): 400 from the program"
for q in '.*%5Ba-z%5D%2B%3F(%7C)%5E%24%5C%5C%7B%7D' '%25' '*' '?' '%2A%3F%25' \
    '%25s%25n%25x' '..%2F..%2Fetc%2Fpasswd' '%3Cscript%3Ealert(1)%3C%2Fscript%3E' \
    '%22%27%3E%3C' 'a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20negociation' '+++' '\\'; do
	expect 200 "/search?q=$q" "search q=$q"
	unlike "$(body)" "<script>alert" "... nothing unescaped"
done
expect 400 "/search?q=%" "search q=% (a broken escape)"
expect 400 "/search?q=negociation%00zzz" "search with a NUL (%00) in q"
expect 400 "/search?q=caf%E9" "search with invalid UTF-8 (Latin-1 é)"
if [ "$CODE" = 200 ]; then
	perl -MEncode -0777 -ne 'eval { decode("UTF-8", $_, Encode::FB_CROAK) }; exit($@ ? 1 : 0)' "$TMP/b"
	ok $? "... and if answered, the page is still valid UTF-8"
fi

# --- paths: NUL, dot-dot, long slugs, odd segments.
expect 400 "/%00" "/%00 (nginx refuses a NUL in the path)"
expect "400|404" "/archive/2026%00/" "/archive/2026%00/"
expect "400|404" "/2026/01/01/x%00y" "a permalink with %00"
expect "400|404" "/release/$RID%00" "/release/ID%00"
expect "400|404" "/archive/../../etc/passwd" "/archive/../../etc/passwd"
unlike "$(cat "$TMP/b" 2>/dev/null)" "root:" "... no file from outside"
expect "400|404" "/%2e%2e/%2e%2e/etc/passwd" "/%2e%2e/%2e%2e/etc/passwd"
expect "400|404" "/archive/%2e%2e%2f%2e%2e%2fetc%2fpasswd" "/archive/%2e%2e%2f...%2fetc%2fpasswd"
unlike "$(cat "$TMP/b" 2>/dev/null)" "root:" "... no file from outside"
expect "400|404" "/release/..%2f..%2fpressroom.conf" "/release/..%2f..%2fpressroom.conf"
expect "400|404" "/files/$RID/..%2f..%2frelease" "/files/ID/..%2f..%2frelease"
expect "400|404" "/kit/..%2f$RID" "/kit/..%2fID"
unlike "$(cat "$TMP/b" 2>/dev/null)" "State:" "... no release file"
# nginx merges "/x/../" before the program sees it: these are / itself.
expect 200 "/archive/%2e%2e/" "/archive/%2e%2e/ (nginx normalises it to /)"
expect 404 "/$(head -c 300 /dev/zero | tr '\0' a)" "a 300-byte path segment"
expect 404 "/2026/11/26/$(head -c 300 /dev/zero | tr '\0' a)" "a 300-byte slug"
expect "404|414" "/2026/11/26/$(head -c 6000 /dev/zero | tr '\0' a)" "a 6 KB slug"
# 1 MB does not fit a command line: send the request line raw.
{ printf 'GET /2026/11/26/'; head -c 1048576 /dev/zero | tr '\0' a; printf ' HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'; } >"$TMP/huge"
code=$(raw 15 <"$TMP/huge" | head -1 | awk '{ print $2 }')
case $code in
400|404|414) ok 0 "a 1 MB slug: $code (nginx's limit on the request line; the program never sees it)" ;;
*) ok 1 "a 1 MB slug: '$code' (want 400, 404 or 414)" ;;
esac
expect 404 "/a/b/c/d/e/f/g/h/i/j/k/l/m/n" "14 path segments"
expect 404 "/archive/archive/" "/archive/archive/"
expect 404 "/feed.atom/feed.atom" "/feed.atom/feed.atom"
expect 404 "/archive/feed.xml" "/archive/feed.xml"
expect 404 "/archive/topic/" "/archive/topic/ (no topic)"
expect 404 "/archive/language/" "/archive/language/ (no language)"

# --- unknown or malformed filters.
expect 404 "/archive/language/xx/" "an unknown language"
expect 404 "/archive/language/FR/" "a language in capitals"
expect 404 "/archive/language/fr%2Fen/" "language fr%2Fen"
expect 404 "/archive/topic/no-such-topic/" "an unknown topic"
expect 404 "/archive/topic/%C3%A9nergie/" "a topic with its accent (URLs use the slug)"
expect 404 "/archive/topic/Energie/" "a topic in capitals"
expect 404 "/archive/topic/$(head -c 61 /dev/zero | tr '\0' t)/" "a 61-byte topic"
expect 404 "/archive/topic/energie/language/fr/" "filters in the wrong order"
expect 404 "/archive/$Y/13/" "month 13"
expect 404 "/archive/$Y/00/" "month 00"
expect 404 "/archive/$Y/1/" "a one-digit month"
expect 404 "/archive/0000/" "year 0000"
expect 404 "/archive/0999/" "year 0999"
expect 404 "/archive/99999/" "a five-digit year"
expect 404 "/archive/1999/" "a year with nothing"
expect 404 "/archive/-2024/" "a negative year"
expect 404 "/2026/13/01/slug" "a permalink in month 13"
expect 404 "/2026/02/30/slug" "a permalink on 30 February"
expect 404 "/2026/1/01/slug" "a permalink with a one-digit month"
expect 404 "/release/20260101-zzzzzzzz" "/release/ with a malformed id"
expect 404 "/release/20260101-00000000" "/release/ with an unknown id"
expect 404 "/files/$RID/0000000000000000" "an unknown attachment"
expect 404 "/kit/20260101-00000000" "the kit of an unknown release"
expect 404 "/embed/latest.xml" "an unknown embed"
expect 404 "/embed/" "/embed/"

# --- embeds.
for n in 0 51 abc -1 1.5 99999999999999999999 ""; do
	expect 400 "/embed/latest.json?n=$n" "embed n=$n"
done
expect 400 "/embed/latest.html?n=0" "embed html n=0"
expect 200 "/embed/latest.json?n=50" "embed n=50"
expect 200 "/embed/latest.json?n=1" "embed n=1"
expect 404 "/embed/latest.html?language=xx" "embed of an unknown language"
expect "400|404" "/embed/latest.html?language=" "embed of an empty language"
expect 400 "/sitemap.xml?part=abc" "sitemap part=abc"
expect 400 "/sitemap.xml?part=0" "sitemap part=0"
expect 404 "/sitemap.xml?part=2" "sitemap part=2 (there is one)"

# --- headers that mean nothing: the normal page.
curl -s --max-time 15 -o "$TMP/home" "$URL/"
expect 200 "/" "a garbage If-None-Match" -H 'If-None-Match: "garbage", W/"x", ,,,'
cmp -s "$TMP/b" "$TMP/home"
ok $? "... the whole page"
expect 200 "/" "an If-None-Match of 4 KB" -H "If-None-Match: $(head -c 4000 /dev/zero | tr '\0' '"')"
expect 200 "/" "a garbage If-Modified-Since" -H 'If-Modified-Since: yesterday at noon'
expect 200 "/" "an If-Modified-Since in year 99999" -H 'If-Modified-Since: Mon, 01 Jan 99999 00:00:00 GMT'
expect 200 "/" "an If-Modified-Since of 1970" -H 'If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT'
for r in 'bytes=0-10' 'bytes=-5' 'bytes=5-' 'bytes=0-0,5-9' 'bytes=999999999-' 'garbage'; do
	expect 200 "/" "Range: $r on a list page: the full page, not 206/416" -H "Range: $r"
	cmp -s "$TMP/b" "$TMP/home"
	ok $? "... the whole page ($(wc -c <"$TMP/b" | tr -d ' ') bytes)"
done
expect 200 "$REL" "Range on a release page" -H 'Range: bytes=0-10'
expect 200 "/" "Accept-Encoding: garbage" -H 'Accept-Encoding: ;;;q=x,gzip;q=0'
expect 200 "/" "Accept-Encoding: gzip;q=0 (not wanted)" -H 'Accept-Encoding: gzip;q=0'
cmp -s "$TMP/b" "$TMP/home"
ok $? "... gets the page uncompressed"
expect 405 "/" "POST /" -X POST --data 'page=1'
expect 405 "/search?q=x" "DELETE /search" -X DELETE

# --- Afterwards: alive, nothing written, index sound.
expect 200 "/" "the archive still answers"
expect 200 "$REL" "the release still answers"
ok $([ -z "$(ar_proc_deaths)" ]; echo $?) "no worker died or timed out (every program's log)"
[ -z "$(ar_proc_deaths)" ] || ar_proc_deaths | head -5 | sed 's/^/#   /'
logs_clean
data_sum >"$TMP/data.after"
cmp -s "$TMP/data.before" "$TMP/data.after"
ok $? "no release file changed"
cmp -s "$TMP/index.before" "$STACK/data/index/public"
ok $? "the index file is the same"
ar_admin index check >"$TMP/ic" 2>&1
ok $? "pressroom-admin index check: up to date"
ar_admin check >"$TMP/ck" 2>&1
ok $? "pressroom-admin check: clean"
[ $? -eq 0 ] || sed 's/^/#   /' "$TMP/ck" | head -5
diag "took $(( $(date +%s) - T0 )) s"
done_testing
