#!/bin/sh
# t0200: hostile input through nginx (and, where nginx would hide it, to a
# program run as plain CGI) is refused with the right status and a clear
# message, and leaves the data directory exactly as it was: forged or
# missing CSRF tokens, GET on state-changing pages, forged, huge, malformed
# and expired session cookies, oversized and malformed fields, invalid
# UTF-8, control characters, parameter floods, bad percent escapes, lying
# Content-Length, path traversal, password guessing, Basic auth, script in
# a title, unsupported password hashes.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { ok 1 "the stack starts"; done_testing; exit 1; }
. tests/integration/t01-http.inc

FORM_CT='Content-Type: application/x-www-form-urlencoded'

# snap: the releases' and trash's files with their hashes, and the list of
# sessions; unchanged WHAT compares with the last snapshot.
snap() {
	{ data_sum; ls "$STACK/data/sessions"; } >"$TMP/snap.before"
}
unchanged() {
	{ data_sum; ls "$STACK/data/sessions"; } >"$TMP/snap.after"
	cmp -s "$TMP/snap.before" "$TMP/snap.after"
	ok $? "$1: data directory unchanged"
	[ $? -eq 0 ] || diff "$TMP/snap.before" "$TMP/snap.after" | head -6 |
	    sed 's/^/#   /'
}

# form TITLE_ENC [BODY_ENC]: a release form, already percent-encoded, with
# the session's csrf token.
form() {
	printf 'csrf=%s&title=%s&subtitle=&lead=Chapeau&body=%s&lang=fr&city=&date=2026-01-02&topics=&contacts=&translation_of=&rev=&action=save' \
	    "$CSRF" "$1" "${2:-Corps}"
}
# rawpost PATH DATA: a POST of DATA as it is, with the session cookie.
rawpost() {
	req POST "$1" -H "Cookie: pr_session=$SID" -H "$FORM_CT" \
	    --data-binary "$2"
}

# utf8_ok FILE: the file is valid UTF-8.
utf8_ok() {
	perl -MEncode -0777 -ne 'eval { decode("UTF-8", $_, Encode::FB_CROAK); 1 } or exit 1' "$1"
}

signin editor press-editor
ok $? "editor signs in (session A)"
SID_A=$SID CSRF_A=$CSRF
signin editor press-editor
ok $? "editor signs in again (session B)"
SID_B=$SID CSRF_B=$CSRF
SEED=$(ls "$STACK/data/releases" | head -1)
ok $([ -n "$SEED" ]; echo $?) "the seed release is there ($SEED)"
snap

# --- CSRF.
SID=$SID_A
req POST /staff/new -H "Cookie: pr_session=$SID_A" -H "$FORM_CT" \
    --data-binary "title=Sans+jeton&lead=x&lang=fr&date=2026-01-02&rev=&action=save"
is "$CODE" 403 "POST without csrf token: 403"
like "$(body)" "did not come from this site" "POST without csrf token: says why"
unchanged "POST without csrf"

req POST "/staff/delete/$SEED" -H "Cookie: pr_session=$SID_A" \
    --data-urlencode "csrf=$CSRF_B" --data-urlencode "seq=1"
is "$CODE" 403 "delete with session A's cookie and session B's token: 403"
like "$(body)" "did not come from this site" "cross-session token: says why"
unchanged "cross-session token"

req POST "/staff/delete/$SEED" -H "Cookie: pr_session=$SID_A" \
    --data-urlencode "csrf=$CSRF_A" --data-urlencode "csrf=$CSRF_A" \
    --data-urlencode "seq=1"
is "$CODE" 403 "csrf field sent twice: 403"
unchanged "csrf sent twice"

req POST /auth/login --data-urlencode "user=editor" \
    --data-urlencode "password=press-editor" --data-urlencode "next=/staff/"
is "$CODE" 403 "sign-in without the login token: 403"
is "$(set_cookie pr_session)" "" "sign-in without the login token: no session"
unchanged "sign-in without token"

# --- State-changing pages requested with GET.
req GET /auth/logout -H "Cookie: pr_session=$SID_A"
is "$CODE" 405 "GET /auth/logout: 405"
like "$(body)" "does not accept this kind of request" "GET /auth/logout: says why"
unlike "$(hdr Allow)" "GET" "GET /auth/logout: Allow does not offer GET"
[ -f "$STACK/data/sessions/$SID_A" ]
ok $? "GET /auth/logout: the session still exists"
req GET "/staff/delete/$SEED" -H "Cookie: pr_session=$SID_A"
is "$CODE" 200 "GET /staff/delete/<id>: the confirmation page"
like "$(body)" "Delete this draft?" "GET /staff/delete/<id>: asks first"
unchanged "GET on delete"

# --- Cookies: forged, oversized, malformed, expired; Basic auth.
FORGED=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
req GET /staff/ -H "Cookie: pr_session=$FORGED"
is "$CODE" 303 "forged session id: 303"
is "$(hdr Location)" /auth/login "forged session id: to the login page"

BIG=$(head -c 8000 /dev/zero | tr '\0' 'a')
req GET /staff/ -H "Cookie: pr_session=$BIG"
is "$CODE" 303 "8000-byte cookie: signed out (303)"
is "$(hdr Location)" /auth/login "8000-byte cookie: to the login page"
BIG=$(head -c 8192 /dev/zero | tr '\0' 'a')
req GET /staff/ -H "Cookie: pr_session=$BIG"
ok $([ "$CODE" = 303 ] || [ "$CODE" = 400 ] || [ "$CODE" = 494 ]; echo $?) \
    "8 KiB cookie: refused or signed out, no crash ($CODE)"
cgi submit REQUEST_METHOD=GET PATH_INFO=/ HTTP_COOKIE="pr_session=$BIG" </dev/null
ok $([ "$CGI_STATUS" = 303 ] || [ "$CGI_STATUS" = 400 ]; echo $?) \
    "8 KiB cookie as plain CGI: refused or signed out ($CGI_STATUS)"
is "$CGI_RC" 0 "8 KiB cookie as plain CGI: exits 0"
BIG=$(head -c 9000 /dev/zero | tr '\0' 'a')
cgi submit REQUEST_METHOD=GET PATH_INFO=/ HTTP_COOKIE="pr_session=$SID_A; x=$BIG" </dev/null
ok $([ "$CGI_STATUS" = 303 ] || [ "$CGI_STATUS" = 400 ]; echo $?) \
    "9000-byte Cookie header as plain CGI: not signed in ($CGI_STATUS)"

for kind in unclosed-quote name-only empty-names empty-twice 63-digits \
    65-digits uppercase traversal nul-escape; do
	case $kind in
	unclosed-quote)	c="pr_session=\"$SID_A" ;;
	name-only)	c="pr_session" ;;
	empty-names)	c="=;=;;;" ;;
	empty-twice)	c="pr_session=;pr_session=" ;;
	63-digits)	c="pr_session=$(printf '%s' "$SID_A" | cut -c1-63)" ;;
	65-digits)	c="pr_session=${SID_A}0" ;;
	uppercase)	c="pr_session=$(printf '%s' "$SID_A" | tr a-f A-F)" ;;
	traversal)	c="pr_session=../../users" ;;
	nul-escape)	c="pr_session=$(printf '%s' "$SID_A" | cut -c1-60)%00ab" ;;
	esac
	req GET /staff/ -H "Cookie: $c"
	is "$CODE" 303 "malformed session cookie ($kind): signed out"
done
req GET /staff/ -H "Cookie: a=1; pr_session=\"$SID_A\"; b=2"
is "$CODE" 200 "a quoted session cookie among others still works"
unchanged "cookie games"

req GET /staff/ -H "Authorization: Basic YWRtaW46eA=="
is "$CODE" 303 "Basic admin:x without a session: 303"
is "$(hdr Location)" /auth/login "Basic admin:x: to the login page"
cgi submit REQUEST_METHOD=GET PATH_INFO=/ REMOTE_USER=admin </dev/null
is "$CGI_STATUS" 303 "REMOTE_USER=admin as plain CGI (not trusted): 303"
unchanged "Basic auth"

# Expired: the session file says it ended a minute ago.
SID=$SID_B
sf=$STACK/data/sessions/$SID_B
past=$(( $(date +%s) - 60 ))
sed "s/^Expires: .*/Expires: $past/" "$sf" >"$TMP/sess" && cat "$TMP/sess" >"$sf"
grep -q "^Expires: $past\$" "$sf"
ok $? "session B's file now expired"
snap
sget /staff/
is "$CODE" 303 "expired session: 303"
is "$(hdr Location)" /auth/login "expired session: to the login page"
spost /staff/new --data-urlencode "title=Expirée" --data-urlencode "lead=x" \
    --data-urlencode "lang=fr" --data-urlencode "date=2026-01-02" \
    --data-urlencode "rev=" --data-urlencode "action=save"
is "$CODE" 401 "POST with an expired session: 401"
like "$(body)" "not signed in, or your session has expired" "POST with an expired session: says why"
unchanged "expired session"
SID=$SID_A CSRF=$CSRF_A

# --- Sizes.
perl -e 'print "csrf=$ARGV[0]&title=", "a" x 1048576, "&lead=x&lang=fr&date=2026-01-02&rev=&action=save"' \
    "$CSRF" >"$TMP/huge"
rawpost /staff/new "@$TMP/huge"
is "$CODE" 413 "1 MiB title: 413"
like "$(body)" "Too Large" "1 MiB title: says too large"
unchanged "1 MiB title"

perl -e 'print "a" x 100001' >"$TMP/longbody"
spost /staff/new --data-urlencode "title=Corps trop long" \
    --data-urlencode "lead=Chapeau" --data-urlencode "body@$TMP/longbody" \
    --data-urlencode "lang=fr" --data-urlencode "date=2026-01-02" \
    --data-urlencode "rev=" --data-urlencode "action=save"
is "$CODE" 422 "body of 100001 bytes: 422"
like "$(body)" "Nothing was saved" "body too long: the form's message"
like "$(body)" 'value="Corps trop long"' "body too long: the title filled in again"
n=$(perl -0777 -ne 'print length($1) if /<textarea id="body"[^>]*>(a*)<\/textarea>/' "$TMP/b")
is "$n" 100001 "body too long: the body filled in again"
perl -0777 -ne 'exit !(/<div class="field has-error">\s*<label for="body">.*?This is too long\..*?<\/div>/s)' "$TMP/b"
ok $? "body too long: 'too long' beside the body field"
perl -0777 -ne 'exit(/<div class="field has-error">\s*<label for="title">/ ? 1 : 0)' "$TMP/b"
ok $? "body too long: the title field is not marked"
unchanged "body too long"
perl -e 'print "a" x 100000' >"$TMP/maxbody"

# --- Bad text in the title.
for t in '%C0%AF' '%ED%A0%80' '%FF' 'ab%C0%BCscript%C0%BE'; do
	rawpost /staff/new "$(form "$t")"
	is "$CODE" 422 "title '$t': 422"
	like "$(body)" "not valid UTF-8" "title '$t': says not valid UTF-8"
	utf8_ok "$TMP/b"
	ok $? "title '$t': the page itself is valid UTF-8 (bad bytes not echoed)"
	unchanged "title '$t'"
done
for t in 'a%00b' 'a%0D%0Ab' 'a%0Ab' 'a%09b' 'a%C2%85b' 'a%7Fb'; do
	rawpost /staff/new "$(form "$t")"
	is "$CODE" 422 "title '$t': 422"
	like "$(body)" "one line, without control characters" "title '$t': says no control characters"
	unchanged "title '$t'"
done

# --- Floods and malformed encodings.
perl -e 'print "csrf=$ARGV[0]", "&title=x" x 10000' "$CSRF" >"$TMP/flood"
rawpost /staff/new "@$TMP/flood"
is "$CODE" 400 "title repeated 10000 times: 400"
like "$(body)" "too many fields" "title repeated: says too many"
rawpost /staff/new "$(form a)&title=b"
is "$CODE" 400 "title sent twice: 400"
like "$(body)" "too many fields, or a field repeated" "title sent twice: says repeated"
perl -e 'print "csrf=$ARGV[0]"; print "&f$_=x" for 1 .. 300' "$CSRF" >"$TMP/many"
rawpost /staff/new "@$TMP/many"
is "$CODE" 400 "300 distinct fields: 400"
unchanged "floods"

for b in "$(form 'a%zzb')" "$(form 'ab')%" "$(form 'ab')%4" "$(form 'a%%b')" "csrf=$CSRF&ti%zztle=x"; do
	rawpost /staff/new "$b"
	is "$CODE" 400 "bad escape '...$(printf '%s' "$b" | tail -c 12)': 400"
	like "$(body)" "malformed percent escape" "bad escape: says why"
done
req GET '/staff/?m=%zz' -H "Cookie: pr_session=$SID"
is "$CODE" 400 "bad escape in the query string: 400"
unchanged "bad escapes"

# --- Content-Length: short bodies, missing, not a number.  (cgi reads the
# body from stdin; a file, not a pipe, so that its variables stay set.)
printf 'title=abcd' >"$TMP/ten"
start=$(date +%s)
cgi submit REQUEST_METHOD=POST PATH_INFO=/new <"$TMP/ten" \
    CONTENT_LENGTH=100 CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_COOKIE="pr_session=$SID"
took=$(( $(date +%s) - start ))
is "$CGI_STATUS" 400 "plain CGI, Content-Length 100 with 10 bytes: 400"
like "$(cat "$TMP/cb")" "ended before its announced length" "short body: says why"
ok $([ "$took" -le 3 ]; echo $?) "short body: answered at once (${took}s), no hang"
cgi submit REQUEST_METHOD=POST PATH_INFO=/new <"$TMP/ten" \
    CONTENT_TYPE=application/x-www-form-urlencoded HTTP_COOKIE="pr_session=$SID"
is "$CGI_STATUS" 411 "plain CGI, POST without Content-Length: 411"
like "$(cat "$TMP/cb")" "missing or invalid Content-Length" "no Content-Length: says why"
for cl in abc -1 1e3 ' 10' 99999999999999999999; do
	cgi submit REQUEST_METHOD=POST PATH_INFO=/new <"$TMP/ten" \
	    CONTENT_LENGTH="$cl" CONTENT_TYPE=application/x-www-form-urlencoded \
	    HTTP_COOKIE="pr_session=$SID"
	ok $([ "$CGI_STATUS" = 411 ] || [ "$CGI_STATUS" = 400 ] ||
	    [ "$CGI_STATUS" = 413 ]; echo $?) "plain CGI, Content-Length '$cl': refused ($CGI_STATUS)"
done
cgi submit REQUEST_METHOD=POST PATH_INFO=/new <"$TMP/ten" \
    CONTENT_LENGTH=2000000 CONTENT_TYPE=application/x-www-form-urlencoded \
    HTTP_COOKIE="pr_session=$SID"
is "$CGI_STATUS" 413 "plain CGI, Content-Length over max_body: 413"
cgi submit REQUEST_METHOD=POST PATH_INFO=/new <"$TMP/ten" \
    CONTENT_LENGTH=10 CONTENT_TYPE=multipart/form-data HTTP_COOKIE="pr_session=$SID"
is "$CGI_STATUS" 400 "plain CGI, a body that is not urlencoded: 400"
req POST /staff/new -H "Cookie: pr_session=$SID"
is "$CODE" 411 "through nginx, POST without a body or Content-Length: 411"
unchanged "Content-Length"

# Through nginx: clients that announce 100 bytes and send 10, then stall.
# nginx holds them (client_body_timeout); the programs' workers must not
# be the ones waiting, so the site keeps answering meanwhile.
printf 'POST /staff/new HTTP/1.1\r\nHost: x\r\nCookie: pr_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ntitle=abcd' "$SID" >"$TMP/stall"
STALLERS=
i=0
while [ $i -lt 4 ]; do
	raw_bg 12 "$TMP/stall"
	STALLERS="$STALLERS $RAW_PID"
	i=$((i + 1))
done
sleep 1
start=$(date +%s)
good=0
i=0
while [ $i -lt 10 ]; do
	CURL_MAX=5 sget /staff/
	[ "$CODE" = 200 ] && good=$((good + 1))
	i=$((i + 1))
done
CURL_MAX=5 req GET /auth/login
[ "$CODE" = 200 ] && good=$((good + 1))
took=$(( $(date +%s) - start ))
is "$good" 11 "4 clients stalled mid-body: 11 other requests answered"
ok $([ "$took" -le 5 ]; echo $?) "stalled clients: the others answered quickly (${took}s)"
for p in $STALLERS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
unchanged "stalled bodies"

# --- Paths.
for p in /staff/edit/../../etc/passwd /staff/edit/..%2f..%2fetc%2fpasswd \
    /staff/edit/%2e%2e%2f%2e%2e%2fetc%2fpasswd /staff/preview/%2e%2e/%2e%2e/etc/passwd \
    /staff/edit/20261126-0b6ecbf4/../../../../etc/passwd \
    /staff/preview/..%252f..%252fetc%252fpasswd /staff/edit/20261126-0000000g \
    /staff/edit/20261126-00000000 "/staff/edit/$SEED%00" "/staff/edit/$SEED/" \
    /staff/delete/..%2f..%2fusers /static/../../../../etc/passwd \
    /static/..%2f..%2f..%2fetc%2fpasswd; do
	req GET "$p" --path-as-is -H "Cookie: pr_session=$SID"
	ok $([ "$CODE" = 404 ] || [ "$CODE" = 400 ]; echo $?) "GET $p: 404 or 400 ($CODE)"
	unlike "$(body)" "root:" "GET $p: no file contents"
done
for p in /edit/../../etc/passwd /preview/../../../etc/passwd /edit/../../users \
    /delete/../../data/sessions; do
	cgi submit REQUEST_METHOD=GET PATH_INFO="$p" HTTP_COOKIE="pr_session=$SID" </dev/null
	is "$CGI_STATUS" 404 "plain CGI PATH_INFO=$p: 404"
	unlike "$(cat "$TMP/cb")" "root:" "plain CGI PATH_INFO=$p: no file contents"
done
unchanged "paths"

# --- A script as the title is shown escaped everywhere.
XSS='<script>alert(1)</script>'
spost /staff/new --data-urlencode "title={{csrf}} {{>header}} {{html:body_html}}" \
    --data-urlencode "lead=x" --data-urlencode "lang=fr" --data-urlencode "date=2026-01-02" \
    --data-urlencode "rev=" --data-urlencode "action=save"
is "$CODE" 303 "a title made of template tags is saved (303)"
sget /staff/
like "$(body)" "{{csrf}} {{&gt;header}} {{html:body_html}}" "template tags in a title are shown as text"
spost /staff/new --data-urlencode "title=$XSS" --data-urlencode "lead=$XSS" \
    --data-urlencode "body=$XSS" --data-urlencode "lang=fr" \
    --data-urlencode "date=2026-01-02" --data-urlencode "topics=$XSS" \
    --data-urlencode "city=$XSS" --data-urlencode "rev=" --data-urlencode "action=save"
is "$CODE" 303 "a release titled $XSS is saved (303)"
xid=$(hdr Location | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\).*|\1|p')
for p in /staff/ "/staff/edit/$xid" "/staff/preview/$xid" "/staff/delete/$xid"; do
	sget "$p"
	is "$CODE" 200 "GET $p: 200"
	like "$(body)" "&lt;script&gt;alert(1)&lt;/script&gt;" "$p: the title escaped"
	unlike "$(body)" "<script>alert" "$p: never a raw <script>"
done
snap

# --- Password hashes: $apr1$ is refused with advice; bcrypt works.
printf 'apr1user:%s\n' "$(htpasswd -nbm apr1user apr1-secret | cut -d: -f2 | head -1)" >>"$STACK/users"
printf 'bcuser:%s\n' "$(htpasswd -nbB bcuser bcrypt-secret | cut -d: -f2 | head -1)" >>"$STACK/users"
grep -q '^apr1user:\$apr1\$' "$STACK/users" && grep -q '^bcuser:\$2y\$' "$STACK/users"
ok $? "users file: an \$apr1\$ and a bcrypt user added with htpasswd"
signin apr1user apr1-secret
is "$CODE" 403 "\$apr1\$ user: sign-in refused (403)"
like "$(body)" "format this site does not accept" "\$apr1\$ user: says the hash kind is unsupported"
like "$(body)" "htpasswd -B" "\$apr1\$ user: names htpasswd -B"
signin bcuser bcrypt-secret
ok $? "bcrypt user (htpasswd -B): signs in"
like "$(body)" "bcuser" "bcrypt user: My releases shows the user"
snap

# --- Where sign-in leads: only a local path, whatever "next" says.  A
# browser drops tabs and newlines from a URL, so "/<TAB>/evil" is "//evil".
req GET /auth/login
pre=$(set_cookie pr_login)
for n in '//evil.example/' '/%5Cevil.example' 'https://evil.example/' \
    '/%09/evil.example/' '/%0B/evil.example/' '%09//evil.example/' \
    '/%0D%0ALocation:%20//evil.example/'; do
	req POST /auth/login -H "Cookie: pr_login=$pre" -H "$FORM_CT" \
	    --data-binary "user=editor&password=press-editor&csrf=$pre&next=$n"
	loc=$(hdr Location)
	is "$CODE" 303 "sign-in with next=$n: 303"
	ok $(printf '%s' "$loc" | LC_ALL=C tr -d '\t\n\r' |
	    grep -q -e '^/[^/\\]' -e '^/$' && ! printf '%s' "$loc" |
	    LC_ALL=C grep -q '[[:cntrl:]]'; echo $?) \
	    "sign-in with next=$n: stays on this site ($(printf '%s' "$loc" | perl -pe 's/([\x00-\x1f])/sprintf("\\x%02x", ord $1)/ge' | head -c 60))"
done
req GET '/auth/login?next=/%09/evil.example/'
n=$(hidden next)
ok $(printf '%s' "$n" | LC_ALL=C grep -q '[[:cntrl:]]'; [ $? -ne 0 ]; echo $?) \
    "login form: no control character echoed into the next field"

# --- Roles: an approver may not edit or delete the editor's draft.
signin approver press-approver
ok $? "approver signs in"
snap
sget "/staff/edit/$SEED"
is "$CODE" 403 "approver: GET edit of editor's draft: 403"
spost "/staff/delete/$SEED" --data-urlencode "seq=1"
is "$CODE" 403 "approver: delete of editor's draft: 403"
like "$(body)" "not allowed" "approver: says not allowed"
spost "/staff/edit/$SEED" --data-urlencode "title=Détourné" --data-urlencode "lead=x" \
    --data-urlencode "lang=fr" --data-urlencode "date=2026-01-02" \
    --data-urlencode "rev=1" --data-urlencode "action=save"
is "$CODE" 403 "approver: save over editor's draft: 403"
req PUT "/staff/edit/$SEED" -H "Cookie: pr_session=$SID"
is "$CODE" 405 "PUT: 405"
req DELETE "/staff/delete/$SEED" -H "Cookie: pr_session=$SID"
is "$CODE" 405 "DELETE: 405"
unchanged "approver and other methods"

# --- A session planted before sign-in is worthless after it.
old=$SID
signin approver press-approver
req POST /auth/login -H "Cookie: pr_login=$pre; pr_session=$old" -H "$FORM_CT" \
    --data-binary "user=approver&password=press-approver&csrf=$pre&next=/staff/"
new=$(set_cookie pr_session)
ok $([ -n "$new" ] && [ "$new" != "$old" ]; echo $?) "sign-in: a new session id, not the one sent"
[ ! -e "$STACK/data/sessions/$old" ]
ok $? "sign-in: the session id sent along is removed"
SID=$SID_A CSRF=$CSRF_A
snap

# --- Password guessing: 20 wrong passwords, then the right one.
req GET /auth/login
pre=$(set_cookie pr_login)
codes=
i=0
while [ $i -lt 20 ]; do
	req POST /auth/login -H "Cookie: pr_login=$pre" --data-urlencode "user=editor" \
	    --data-urlencode "password=guess-$i" --data-urlencode "csrf=$pre"
	codes="$codes $CODE"
	i=$((i + 1))
done
diag "codes:$codes"
first5=$(echo $codes | cut -d' ' -f1-5)
is "$first5" "403 403 403 403 403" "the first 5 wrong passwords: 403"
is "$CODE" 429 "the 20th wrong password: 429"
like "$(body)" "Too many failed sign-ins" "throttled: says why"
n=$(echo $codes | tr ' ' '\n' | grep -c 429)
ok $([ "$n" -ge 10 ]; echo $?) "most later attempts throttled ($n of 20)"
n=$(echo $codes | tr ' ' '\n' | grep -vc -e 403 -e 429)
is "$n" 0 "every attempt answered 403 or 429"
req POST /auth/login -H "Cookie: pr_login=$pre" --data-urlencode "user=editor" \
    --data-urlencode "password=press-editor" --data-urlencode "csrf=$pre"
is "$CODE" 429 "the right password while throttled: still 429"
is "$(set_cookie pr_session)" "" "the right password while throttled: no session"
like "$(body)" "Too many failed sign-ins" "the right password while throttled: says why"
like "$(body)" 'name="user" value="editor"' "throttled: the user name filled in again"
req POST /auth/login -H "Cookie: pr_login=$pre" --data-urlencode "user=approver" \
    --data-urlencode "password=press-approver" --data-urlencode "csrf=$pre"
is "$CODE" 303 "another user still signs in meanwhile"
sget /staff/
is "$CODE" 200 "editor's existing session still works while the name is throttled"

# Users deleted while signed in lose their session.
(grep -v '^bcuser:' "$STACK/users" >"$TMP/users" && cat "$TMP/users" >"$STACK/users")
signin bcuser bcrypt-secret
is "$CODE" 403 "a user removed from the users file cannot sign in"

"$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" check >"$TMP/check" 2>&1
ok $? "pressroom-admin check: clean after all of it"
[ $? -eq 0 ] || sed 's/^/#   /' "$TMP/check"
workers_alive
logs_clean
done_testing
