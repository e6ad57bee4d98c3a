#!/bin/sh
# Public pages carry an entity tag made from their bytes: a client (or a
# cache) that has the page gets 304 without it, and a changed page gets a
# new tag.  Staff pages are never stored (no-store) and have no tag.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { echo "1..0 # SKIP the stack did not start"; exit 1; }

tag() {
	curl -s --max-time 10 -D - -o /dev/null "$@" |
	    tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'
}

t=$(tag "$URL/")
like "$t" 'W/"' "the public home page has a weak entity tag ($t)"
: >"$TMP/b"
code=$(curl -s --max-time 10 -o "$TMP/b" -w '%{http_code}' -H "If-None-Match: $t" "$URL/")
is "$code" 304 "If-None-Match with that tag: 304"
is "$(wc -c <"$TMP/b" | tr -d ' ')" 0 "... and no body"
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H 'If-None-Match: W/"0-00000000"' "$URL/")
is "$code" 200 "another tag: 200 with the page"
gz=$(tag -H 'Accept-Encoding: gzip' "$URL/")
is "$gz" "$t" "the gzip'd page has the same (weak) tag"
is "$(tag "$URL/")" "$t" "the same page twice: the same tag"

# Publishing a release changes the home page, and so its tag.
id=$(ls "$STACK/data/releases" | head -1)
f=$STACK/data/releases/$id/release
sed -i -e 's/^State: draft$/State: published/' -e 's/^Public-Revision: 0$/Public-Revision: 1/' "$f"
# A release file edited by hand: the index (a cache) is rebuilt by the admin.
"$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" index rebuild >/dev/null
t2=$(tag "$URL/")
[ -n "$t2" ] && [ "$t2" != "$t" ]
ok $? "a newly published release gives the home page a new tag ($t2)"
code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "If-None-Match: $t" "$URL/")
is "$code" 200 "the old tag no longer matches: 200"

is "$(tag "$URL/auth/login")" "" "staff pages have no tag"
like "$(curl -s --max-time 10 -D - -o /dev/null "$URL/auth/login" | tr -d '\r')" \
    "Cache-Control: no-store" "staff pages are no-store"
done_testing
