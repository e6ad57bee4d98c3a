#!/bin/sh
# t0300: the same binaries as plain CGI (environment + stdin, one request)
# answer like the FastCGI workers behind nginx; a worker killed with
# SIGKILL is replaced while the site keeps answering; a client that stalls
# in the middle of a request body does not hold up anybody else.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { ok 1 "the stack starts"; done_testing; exit 1; }
. tests/integration/t01-http.inc

SEED_TITLE='Les dirigeants du Conseil des Communes et Régions d’Europe (CCRE) et du Réseau des associations de pouvoirs locaux d’Europe du Sud-Est (NALAS) se rencontrent pour renforcer leur coopération'
CT=application/x-www-form-urlencoded

# children PID: the pids whose parent is PID.
children() {
	if ps -o pid= --ppid "$1" >/dev/null 2>&1; then
		ps -o pid= --ppid "$1" | tr -d ' ' | sort -n
	else
		for st in /proc/[0-9]*/stat; do
			sed -n 's/^\([0-9]*\) .*) [A-Za-z] \([0-9]*\) .*/\1 \2/p' "$st" 2>/dev/null
		done | awk -v p="$1" '$2 == p { print $1 }' | sort -n
	fi
}

# The <form>...</form> of a page with the token values made equal.
form_of() {
	sed -n '/<form/,/<\/form>/p' "$1" | sed 's/value="[0-9a-f]\{64\}"/value="TOKEN"/'
}

# --- The login page as CGI and through nginx.
cgi auth REQUEST_METHOD=GET PATH_INFO=/login SCRIPT_NAME=/auth </dev/null
is "$CGI_STATUS" 200 "CGI login page: Status: 200"
is "$CGI_RC" 0 "CGI login page: exits 0"
like "$(cat "$TMP/ch")" "Content-Type: text/html; charset=utf-8" "CGI login page: HTML"
like "$(cat "$TMP/ch")" "Content-Security-Policy: default-src 'self'" "CGI login page: the security headers"
like "$(cat "$TMP/ch")" "Set-Cookie: pr_login=" "CGI login page: the login-token cookie"
len=$(sed -n 's/^Content-Length: //p' "$TMP/ch")
is "$len" "$(wc -c <"$TMP/cb" | tr -d ' ')" "CGI login page: Content-Length matches the body"
cp "$TMP/cb" "$TMP/login.cgi"
req GET /auth/login
form_of "$TMP/b" >"$TMP/form.nginx"
form_of "$TMP/login.cgi" >"$TMP/form.cgi"
ok $([ -s "$TMP/form.cgi" ]; echo $?) "CGI login page: has a form"
cmp -s "$TMP/form.nginx" "$TMP/form.cgi"
ok $? "CGI login page: the same <form> as through nginx"
[ $? -eq 0 ] || diff "$TMP/form.nginx" "$TMP/form.cgi" | head -8 | sed 's/^/#   /'

cgi auth REQUEST_METHOD=HEAD PATH_INFO=/login </dev/null
is "$CGI_STATUS" 200 "CGI HEAD login: 200"
is "$(wc -c <"$TMP/cb" | tr -d ' ')" 0 "CGI HEAD login: no body"

# --- Sign in as CGI.
T=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
printf 'user=editor&password=press-editor&csrf=%s&next=%%2Fstaff%%2F' "$T" >"$TMP/in"
cgi auth REQUEST_METHOD=POST PATH_INFO=/login CONTENT_TYPE=$CT \
    CONTENT_LENGTH="$(wc -c <"$TMP/in" | tr -d ' ')" HTTP_COOKIE="pr_login=$T" <"$TMP/in"
is "$CGI_STATUS" 303 "CGI sign-in: Status: 303"
like "$(cat "$TMP/ch")" "Location: /staff/" "CGI sign-in: to /staff/"
SID=$(sed -n 's/^Set-Cookie: pr_session=\([0-9a-f]*\);.*/\1/p' "$TMP/ch")
is "${#SID}" 64 "CGI sign-in: Set-Cookie pr_session"
like "$(grep '^Set-Cookie: pr_session=' "$TMP/ch")" "HttpOnly; SameSite=Lax" "CGI sign-in: HttpOnly, SameSite=Lax"
cgi auth REQUEST_METHOD=POST PATH_INFO=/login CONTENT_TYPE=$CT HTTPS=on \
    CONTENT_LENGTH="$(wc -c <"$TMP/in" | tr -d ' ')" HTTP_COOKIE="pr_login=$T" <"$TMP/in"
like "$(grep '^Set-Cookie: pr_session=' "$TMP/ch")" "; Secure" "CGI sign-in over HTTPS=on: the cookie is Secure"

# --- My releases as CGI, and the same page through nginx.
cgi submit REQUEST_METHOD=GET PATH_INFO=/ HTTP_COOKIE="pr_session=$SID" </dev/null
is "$CGI_STATUS" 200 "CGI My releases: 200"
like "$(cat "$TMP/cb")" "$SEED_TITLE" "CGI My releases: lists the seed title"
like "$(cat "$TMP/cb")" "<span class=\"who\">editor" "CGI My releases: signed in as editor"
cp "$TMP/cb" "$TMP/list.cgi"
sget /staff/
cmp -s "$TMP/b" "$TMP/list.cgi"
ok $? "My releases: the same bytes as CGI and through nginx"
CSRF=$(hidden csrf)

cgi submit REQUEST_METHOD=GET PATH_INFO=/ HTTP_COOKIE="pr_session=$SID" \
    HTTP_ACCEPT_ENCODING=gzip </dev/null
like "$(cat "$TMP/ch")" "Content-Encoding: gzip" "CGI with Accept-Encoding: gzip: compressed"
gzip -dc <"$TMP/cb" >"$TMP/list.gz.cgi" 2>/dev/null
cmp -s "$TMP/list.gz.cgi" "$TMP/list.cgi"
ok $? "CGI gzip: decompresses to the same page"

# --- A save as CGI is seen through nginx.
printf 'csrf=%s&title=Par+CGI&lead=Chapeau&body=Texte&lang=fr&date=2026-05-06&rev=&action=save' "$CSRF" >"$TMP/in"
cgi submit REQUEST_METHOD=POST PATH_INFO=/new CONTENT_TYPE=$CT \
    CONTENT_LENGTH="$(wc -c <"$TMP/in" | tr -d ' ')" HTTP_COOKIE="pr_session=$SID" <"$TMP/in"
is "$CGI_STATUS" 303 "CGI new release: 303"
sget /staff/
like "$(body)" "Par CGI" "the release made as CGI is listed through nginx"

# --- An error page as CGI and through nginx (request ids differ).
cgi submit REQUEST_METHOD=GET PATH_INFO=/nowhere HTTP_COOKIE="pr_session=$SID" </dev/null
is "$CGI_STATUS" 404 "CGI unknown page: 404"
sed 's/request [0-9a-f]\{8\}/request ID/' "$TMP/cb" >"$TMP/e.cgi"
sget /staff/nowhere
is "$CODE" 404 "nginx unknown page: 404"
sed 's/request [0-9a-f]\{8\}/request ID/' "$TMP/b" >"$TMP/e.nginx"
cmp -s "$TMP/e.cgi" "$TMP/e.nginx"
ok $? "404 page: the same as CGI and through nginx"
cgi submit REQUEST_METHOD=GET PATH_INFO=/ </dev/null
is "$CGI_STATUS" 303 "CGI My releases without a cookie: 303 to sign in"

# --- Worker crash: kill -9 one worker of pressroom-submit.
SUP=$(cat "$STACK/run/submit.pid")
before=$(children "$SUP" | tr '\n' ' ')
set -- $before
is "$#" 2 "pressroom-submit has 2 workers ($before)"
victim=$1
kill -KILL "$victim"
good=0
i=0
while [ $i -lt 20 ]; do
	CURL_MAX=5 sget /staff/
	[ "$CODE" = 200 ] && good=$((good + 1))
	i=$((i + 1))
done
is "$good" 20 "after kill -9 of worker $victim: 20 requests of 20 answered"
i=0
while [ $i -lt 50 ]; do
	after=$(children "$SUP" | tr '\n' ' ')
	set -- $after
	[ "$#" = 2 ] && ! printf ' %s' "$after" | grep -q " $victim " && break
	sleep 0.1
	i=$((i + 1))
done
is "$#" 2 "the supervisor is back to 2 workers ($after)"
unlike " $after" " $victim " "the killed worker is gone"
kill -0 "$SUP" 2>/dev/null
ok $? "the supervisor itself lives on"
like "$(cat "$STACK/run/submit.log")" "worker $victim killed by signal 9; starting another" \
    "the supervisor logged the replacement"

# Both at once.
for p in $after; do kill -KILL "$p"; done
good=0
i=0
while [ $i -lt 20 ]; do
	CURL_MAX=5 sget /staff/
	[ "$CODE" = 200 ] && good=$((good + 1))
	i=$((i + 1))
done
ok $([ "$good" -ge 19 ]; echo $?) "after killing both workers: $good of 20 answered"
sget /staff/
is "$CODE" 200 "and the next request is answered"

# --- A stalled client: POST headers with Content-Length 1000, no body.
printf 'POST /staff/new HTTP/1.1\r\nHost: x\r\nCookie: pr_session=%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n' "$SID" >"$TMP/stall"
raw_bg 15 "$TMP/stall"
STALLED=$RAW_PID
sleep 0.5
start=$(date +%s)
good=0
i=0
while [ $i -lt 20 ]; do
	if [ $((i % 2)) -eq 0 ]; then CURL_MAX=5 sget /staff/; else CURL_MAX=5 req GET /auth/login; fi
	[ "$CODE" = 200 ] && good=$((good + 1))
	i=$((i + 1))
done
took=$(( $(date +%s) - start ))
is "$good" 20 "while a client stalls mid-body: 20 of 20 other requests answered"
ok $([ "$took" -le 5 ]; echo $?) "and quickly (${took}s)"
kill -0 "$STALLED" 2>/dev/null
ok $? "the stalled client was still connected meanwhile"
kill "$STALLED" 2>/dev/null
wait "$STALLED" 2>/dev/null

logs_clean
done_testing
