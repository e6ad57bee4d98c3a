#!/bin/sh
# t1010: hostile uploads are refused with a clear error (the status and
# words on the page) and leave nothing behind: the release and its
# history byte-identical, its files/ unchanged, no spool file in
# data/tmp.  Through nginx unless said otherwise:
#
#   - content that lies about its name: an ELF executable called .pdf and
#     .docx, HTML called .jpg, SVG with a script called .svg and .png;
#   - names: ../../etc/passwd, .htaccess, x.php, x.pdf.php, x.php<NUL>.pdf,
#     CR in a name, CR LF in filename*, photo<U+202E>gnp.exe (a PNG); a
#     PNG whose name has quotes, a TAB, U+0085 and U+202E around a .png
#     ending is accepted, and the stored name has none of the controls;
#   - an empty file;
#   - broken bodies: no closing boundary, no boundary parameter, an empty
#     one, one of 200 characters, 10,000 tiny parts, a 1 MB part header,
#     megabytes of CR LF before the first boundary, a base64 part;
#   - sizes: a declared Content-Length of 2 GiB and of 100 MiB (refused
#     before the body is read, at once), a chunked body over
#     upload_total_max that never ends (cut at the limit), the same as
#     plain CGI without CONTENT_LENGTH, a file over upload_file_max, files
#     over upload_total_max together, more files than upload_files_max;
#   - whose and when: another editor's draft (404), a release in review
#     (409), no session (401), no csrf part, csrf not first, a wrong csrf,
#     another session's csrf (403);
#   - the disk filling up mid-upload: the program as plain CGI under
#     ulimit -f, with SIGXFSZ ignored and with it at its default.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t10-attach.inc
LC_ALL=C.UTF-8
export LC_ALL

T0=$(date +%s)
wf_stack_prepare "$TMP/stack" &&
    wf_conf upload_file_max 1048576 && wf_conf upload_total_max 3145728 &&
    wf_conf upload_files_max 6 && wf_user_add editor2 && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
for u in editor editor2 approver; do
	wf_login "$u"
	ok $? "$u signs in"
done
as editor2
CSRF2=$CSRF
as editor
wf_new "Communiqué visé par des envois hostiles"
ok $? "editor creates a draft"
ID=$NEWID
at_upload "$ID" -F "file=@$FIX/chart.png"
is "$CODE" 303 "a real PNG is attached first (303)"
is "$(at_list "$ID" | wc -l)" 1 "the draft has one attachment"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
page_words() {
	# The error line of the last page, for diagnostics.
	sed -n 's/.*role="alert">\(.*\)<\/p>.*/\1/p; s/.*<p class="message">\(.*\)<\/p>.*/\1/p' \
	    "$TMP/b" | head -2 | sed 's/^/#   page: /'
}
# refused WHAT STATUS WORDS...: the last answer, and nothing changed since
# the last at_snap.
refused() {
	_what=$1 _st=$2
	shift 2
	is "$CODE" "$_st" "$_what: $_st"
	[ "$CODE" = "$_st" ] || page_words
	for _w in "$@"; do
		like "$(body)" "$_w" "$_what: says \"$_w\""
	done
	at_unchanged "$ID" "$_what"
}
NOT_ATTACHED="Nothing was attached"
KIND="This kind of file cannot be attached."
NAME_END="does not match what the file really is"
MALFORMED="The request is malformed."
TOOBIG="the upload is larger than this site accepts"
TOOMANY="more files than a release may have"

# --- Content that lies about its name.
cp /bin/true "$TMP/elf"
at_snap "$ID"
at_upload "$ID" -F "file=@$TMP/elf;filename=rapport.pdf"
refused "ELF executable named rapport.pdf" 422 "$NOT_ATTACHED" "<strong>rapport.pdf</strong>: $KIND"
like "$(body)" "(The file is: application/x-" "ELF as .pdf: says what the file really is"
at_upload "$ID" -F "file=@$TMP/elf;filename=rapport.docx"
refused "ELF executable named rapport.docx" 422 "$NOT_ATTACHED" "<strong>rapport.docx</strong>: $KIND"

printf '<!DOCTYPE html>\n<html><head><title>Piège</title></head>\n<body><script>alert(document.cookie)</script></body></html>\n' >"$TMP/page.html"
at_upload "$ID" -F "file=@$TMP/page.html;filename=photo.jpg"
refused "HTML named photo.jpg" 422 "$NOT_ATTACHED" "<strong>photo.jpg</strong>: $KIND" "(The file is: text/html.)"
unlike "$(body)" "<script>alert" "HTML as .jpg: its content is not echoed"

printf '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n<script>alert(document.cookie)</script>\n<circle cx="50" cy="50" r="40"/>\n</svg>\n' >"$TMP/evil.svg"
at_upload "$ID" -F "file=@$TMP/evil.svg;filename=logo.svg"
refused "SVG with <script> named logo.svg" 422 "$NOT_ATTACHED" "<strong>logo.svg</strong>: $KIND"
at_upload "$ID" -F "file=@$TMP/evil.svg;filename=logo.png"
refused "SVG with <script> named logo.png" 422 "$NOT_ATTACHED" "<strong>logo.png</strong>: $KIND"

# A good file and a bad one together: neither is attached.
at_upload "$ID" -F "file=@$FIX/photo.jpg" -F "file=@$TMP/elf;filename=annexe.pdf"
refused "a real JPEG with an ELF named annexe.pdf" 422 "$NOT_ATTACHED" "<strong>annexe.pdf</strong>: $KIND"

# --- Names.
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$TMP/passwd"
at_upload "$ID" -F "file=@$TMP/passwd;filename=../../etc/passwd"
refused "text named ../../etc/passwd" 422 "$NOT_ATTACHED" "<strong>passwd</strong>: The end of the file" "$NAME_END"
unlike "$(body)" "../" "../../etc/passwd: the path is not kept"
at_upload "$ID" -F "file=@$TMP/passwd;filename=.htaccess"
refused "text named .htaccess" 422 "$NOT_ATTACHED" "<strong>htaccess</strong>: The end of the file"
printf '<?php system($_GET["c"]); ?>\n' >"$TMP/x.php"
at_upload "$ID" -F "file=@$TMP/x.php;filename=x.php"
refused "PHP named x.php" 422 "$NOT_ATTACHED" "<strong>x.php</strong>: $KIND"
at_upload "$ID" -F "file=@$FIX/communique.pdf;filename=x.pdf.php"
refused "a PDF named x.pdf.php" 422 "$NOT_ATTACHED" "<strong>x.pdf.php</strong>: The end of the file" "Rename it to end with one of: .pdf"

mp_new; mp_field csrf "$CSRF"; mp_file 'x.php\x00.pdf' "$FIX/communique.pdf"; mp_close
mp_post "$ID"
refused "a PDF named x.php<NUL>.pdf" 400 "$MALFORMED"
mp_new; mp_field csrf "$CSRF"; mp_file 'photo\r.png' "$FIX/chart.png"; mp_close
mp_post "$ID"
refused "a CR inside the filename" 400 "$MALFORMED"
mp_new; mp_field csrf "$CSRF"
mp_add "--$MP_B\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''photo%0D%0AX-Evil:%20yes.png\r\n\r\n"
mp_cat "$FIX/chart.png"; mp_add "\r\n"; mp_close
mp_post "$ID"
refused "CR LF in filename*" 400 "$MALFORMED"

mp_new; mp_field csrf "$CSRF"; mp_file 'photo\xe2\x80\xaegnp.exe' "$FIX/chart.png" image/png; mp_close
mp_post "$ID"
refused "a PNG named photo<U+202E>gnp.exe" 422 "$NOT_ATTACHED" "<strong>photognp.exe</strong>: The end of the file" "(The file is: PNG image.)"
perl -0777 -ne 'exit(/\xe2\x80[\xaa-\xae]/ ? 1 : 0)' "$TMP/b"
ok $? "RLO name: the refusal page has no bidi control"

# Quotes, a TAB, U+0085 (NEL), U+2066 and U+202E around a .png ending:
# accepted, and what is stored and shown has none of the controls.
mp_new; mp_field csrf "$CSRF"
mp_file '\x5c"Li\xc3\xa8ge\x5c" logo\x09\xc2\x85\xe2\x81\xa6\xe2\x80\xaegnp.png' "$FIX/chart.png" image/png
mp_close
mp_post "$ID"
is "$CODE" 303 "a PNG named '\"Liège\" logo<TAB><NEL><LRI><RLO>gnp.png': accepted (303)"
is "$(at_list "$ID" | wc -l)" 2 "two attachments now"
NAME=$(at_list "$ID" | sed -n 2p | cut -f6)
is "$NAME" '"Liège" logognp.png' "stored name: quotes kept, the controls gone"
at_list "$ID" | sed -n 2p | cut -f6 |
    perl -ne 'chomp; exit(/[\x00-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]/ ? 1 : 0)'
ok $? "stored name: no C0/C1 control, no bidi control"
is "$(at_list "$ID" | sed -n 2p | awk -F '\t' '{ print NF }')" 8 "the Attachments line still has its 8 fields"
sget "/staff/edit/$ID"
like "$(body)" '>&quot;Liège&quot; logognp.png</a>' "edit page: the cleaned name, quotes escaped"
perl -0777 -ne 'exit(/\xc2\x85|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]/ ? 1 : 0)' "$TMP/b"
ok $? "edit page: no NEL or bidi control anywhere"
WEIRD=$(at_list "$ID" | sed -n 2p | cut -f1)
sget "/files/$ID/$WEIRD/x"
like "$(hdr Content-Disposition)" "inline; filename=\"_Li__ge_ logognp.png\"; filename*=UTF-8''%22Li%C3%A8ge%22%20logognp.png" \
    "download: the name as an ASCII fallback and percent-encoded"

# --- An empty file.
at_snap "$ID"
: >"$TMP/empty"
at_upload "$ID" -F "file=@$TMP/empty;filename=vide.pdf"
refused "an empty file" 422 "$NOT_ATTACHED" "<strong>vide.pdf</strong>: The file is empty."

# --- Broken bodies.
mp_new; mp_field csrf "$CSRF"; mp_file a.png "$FIX/chart.png"
mp_post "$ID"
refused "a body without its closing boundary" 400 "$MALFORMED"
mp_close
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: multipart/form-data" --data-binary "@$TMP/body"
refused "no boundary parameter" 400 "$MALFORMED"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: multipart/form-data; boundary=" --data-binary "@$TMP/body"
refused "an empty boundary" 400 "$MALFORMED"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: multipart/form-data; boundary=\"\"" --data-binary "@$TMP/body"
refused "an empty quoted boundary" 400 "$MALFORMED"
LONGB=$(head -c 200 /dev/zero | tr '\0' b)
mp_new
mp_add "--$LONGB\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$CSRF\r\n"
mp_add "--$LONGB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n"
mp_cat "$FIX/chart.png"; mp_add "\r\n--$LONGB--\r\n"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: multipart/form-data; boundary=$LONGB" --data-binary "@$TMP/body"
refused "a 200-character boundary" 400 "$MALFORMED"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: application/x-www-form-urlencoded" --data-binary "csrf=$CSRF&file=x"
refused "an urlencoded body" 400 "$MALFORMED"

perl -e 'my ($b, $c) = @ARGV; binmode STDOUT;
    print "--$b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$c\r\n";
    print "--$b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f$_.txt\"\r\n\r\nx\r\n" for 1 .. 10000;
    print "--$b--\r\n"' "$MP_B" "$CSRF" >"$TMP/body"
mp_post "$ID"
refused "10,000 tiny file parts" 422 "$NOT_ATTACHED" "$TOOMANY"
perl -e 'my ($b, $c) = @ARGV; binmode STDOUT;
    print "--$b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n$c\r\n";
    print "--$b\r\nContent-Disposition: form-data; name=\"f$_\"\r\n\r\nx\r\n" for 1 .. 10000;
    print "--$b--\r\n"' "$MP_B" "$CSRF" >"$TMP/body"
mp_post "$ID"
refused "10,000 tiny fields" 422 "$NOT_ATTACHED" "$TOOMANY"

mp_new; mp_field csrf "$CSRF"
mp_add "--$MP_B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nX-Padding: "
head -c 1048576 /dev/zero | tr '\0' a >>"$TMP/body"
mp_add "\r\n\r\n"; mp_cat "$FIX/chart.png"; mp_add "\r\n"; mp_close
mp_post "$ID"
refused "a part header of 1 MB" 400 "$MALFORMED"

mp_new
head -c 4000000 /dev/zero | perl -pe 's/\0\0/\r\n/g' >>"$TMP/body"
mp_field csrf "$CSRF"; mp_file a.png "$FIX/chart.png"; mp_close
mp_post "$ID"
refused "4 MB of CR LF before the first boundary" 400 "$MALFORMED"

mp_new; mp_field csrf "$CSRF"
mp_add "--$MP_B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
base64 -w 76 "$FIX/chart.png" | sed 's/$/\r/' >>"$TMP/body"
mp_add "\r\n"; mp_close
mp_post "$ID"
refused "a Content-Transfer-Encoding: base64 part" 400 "$MALFORMED"

# --- Sizes.  A declared length over the limits is refused before a byte
# of the body is read: curl sends a few bytes and waits for the answer.
mp_new; mp_field csrf "$CSRF"; mp_file a.png "$FIX/chart.png"; mp_close
t=$(ms)
CURL_MAX=10 mp_post "$ID" -H "Content-Length: 2147483648"
t=$(( $(ms) - t ))
refused "a declared Content-Length of 2 GiB" 413 "Request Entity Too Large"
ok $([ "$t" -lt 2000 ]; echo $?) "2 GiB declared: answered at once (${t} ms)"
t=$(ms)
CURL_MAX=10 mp_post "$ID" -H "Content-Length: 104857600"
t=$(( $(ms) - t ))
refused "a declared Content-Length of 100 MiB (nginx lets it through)" 413 "$NOT_ATTACHED" "$TOOBIG"
ok $([ "$t" -lt 2000 ]; echo $?) "100 MiB declared: the program answered at once (${t} ms)"
t=$(ms)
cgi upload REQUEST_METHOD=POST PATH_INFO="/release/$ID" \
    CONTENT_TYPE="multipart/form-data; boundary=$MP_B" CONTENT_LENGTH=2147483648 \
    HTTP_COOKIE="pr_session=$SID" <"$TMP/body"
t=$(( $(ms) - t ))
is "$CGI_STATUS" 413 "plain CGI, CONTENT_LENGTH 2 GiB with a few bytes: 413"
like "$(cat "$TMP/cb")" "$TOOBIG" "plain CGI, 2 GiB: says too large"
ok $([ "$t" -lt 2000 ]; echo $?) "plain CGI, 2 GiB: answered at once (${t} ms)"
at_unchanged "$ID" "plain CGI, 2 GiB declared"

# A chunked body (no length) of 6 MB in a field the program ignores, whose
# last chunk never comes: the program must cut it at the limit and answer
# while the client is still sending, or it would wait for ever.
mp_new; mp_field csrf "$CSRF"
mp_add "--$MP_B\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n"
head -c 6000000 /dev/zero | tr '\0' a >>"$TMP/body"
perl -e 'my ($sid, $b, $id, $f) = @ARGV;
    open my $fh, "<", $f or die "$f: $!\n"; binmode $fh; local $/; my $d = <$fh>;
    binmode STDOUT;
    print "POST /upload/release/$id HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        "Cookie: pr_session=$sid\r\n",
        "Content-Type: multipart/form-data; boundary=$b\r\n",
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    for (my $i = 0; $i < length $d; $i += 65536) {
        my $c = substr($d, $i, 65536);
        printf "%x\r\n%s\r\n", length $c, $c;
    }' "$SID" "$MP_B" "$ID" "$TMP/body" >"$TMP/chunked.req"
t=$(ms)
raw 8 <"$TMP/chunked.req" >"$TMP/b"
t=$(( $(ms) - t ))
CODE=$(head -1 "$TMP/b" | cut -d' ' -f2)
refused "a chunked body over upload_total_max that never ends" 413 "$NOT_ATTACHED" "$TOOBIG"
ok $([ "$t" -lt 5000 ]; echo $?) "chunked, never ending: cut and answered (${t} ms)"
mp_add "\r\n"; mp_close
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -H "Content-Type: multipart/form-data; boundary=$MP_B" \
    -H "Transfer-Encoding: chunked" --data-binary "@$TMP/body"
refused "a whole chunked body over upload_total_max (curl)" 413 "$NOT_ATTACHED" "$TOOBIG"
cgi upload REQUEST_METHOD=POST PATH_INFO="/release/$ID" \
    CONTENT_TYPE="multipart/form-data; boundary=$MP_B" \
    HTTP_COOKIE="pr_session=$SID" <"$TMP/body"
is "$CGI_STATUS" 413 "plain CGI, no CONTENT_LENGTH, 6 MB on stdin: 413"
like "$(cat "$TMP/cb")" "$TOOBIG" "plain CGI, no CONTENT_LENGTH: says too large"
at_unchanged "$ID" "plain CGI, undeclared length"

head -c 1100000 /dev/urandom >"$TMP/big.png"
at_upload "$ID" -F "file=@$TMP/big.png;filename=grand.png"
refused "a file over upload_file_max (1.1 MB > 1 MiB)" 413 "$NOT_ATTACHED" "$TOOBIG"
head -c 1000000 /dev/urandom >"$TMP/m1.png"
at_upload "$ID" -F "file=@$TMP/m1.png;filename=a.png" -F "file=@$TMP/m1.png;filename=b.png" \
    -F "file=@$TMP/m1.png;filename=c.png" -F "file=@$TMP/m1.png;filename=d.png"
refused "4 files of 1 MB (over upload_total_max together)" 413 "$NOT_ATTACHED" "$TOOBIG"
set --
for i in 1 2 3 4 5; do
	set -- "$@" -F "file=@$FIX/note.txt;filename=note-$i.txt"
done
at_upload "$ID" "$@"
refused "5 more files on a release with 2 (upload_files_max 6)" 422 "$NOT_ATTACHED" "$TOOMANY"
at_upload "$ID" "$@" -F "file=@$FIX/note.txt;filename=note-6.txt" -F "file=@$FIX/note.txt;filename=note-7.txt"
refused "7 files in one upload" 422 "$NOT_ATTACHED" "$TOOMANY"

# --- Whose release, and in which state.
as editor2
wf_new "Le brouillon d’editor2"
ID2=$NEWID
as editor
at_snap "$ID2"
at_upload "$ID2" -F "file=@$FIX/note.txt"
is "$CODE" 404 "upload to another editor's draft: 404"
like "$(body)" "There is no such page or release." "another editor's draft: says no such release"
at_unchanged "$ID2" "another editor's draft"
wf_make review
IDR=$NEWID
at_snap "$IDR"
at_upload "$IDR" -F "file=@$FIX/note.txt"
is "$CODE" 409 "upload to a release in review: 409"
like "$(body)" "not possible in the release" "release in review: says not in this state"
at_unchanged "$IDR" "release in review"
at_snap "$ID"
req POST "/upload/release/20261126-00000000" -H "Cookie: pr_session=$SID" \
    -F "csrf=$CSRF" -F "file=@$FIX/note.txt"
is "$CODE" 404 "upload to a release that does not exist: 404"
req POST "/upload/release/$ID" -F "csrf=$CSRF" -F "file=@$FIX/note.txt"
refused "upload without a session" 401 "not signed in"

# --- CSRF: the token must come first, and be this session's.
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" -F "file=@$FIX/note.txt"
refused "no csrf part" 403 "did not come from this site"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -F "file=@$FIX/note.txt" -F "csrf=$CSRF"
refused "csrf after the file" 403 "did not come from this site"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -F "csrf=$(printf '%s' "$CSRF" | tr '0-9a-f' '1-9a-f0')" -F "file=@$FIX/note.txt"
refused "a wrong csrf token" 403 "did not come from this site"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -F "csrf=$CSRF2" -F "file=@$FIX/note.txt"
refused "another session's csrf token" 403 "did not come from this site"
req POST "/upload/release/$ID" -H "Cookie: pr_session=$SID" \
    -F "csrf=" -F "file=@$FIX/note.txt"
refused "an empty csrf token" 403 "did not come from this site"

# --- The disk fills up mid-upload: plain CGI under RLIMIT_FSIZE (ulimit -f
# 256: 128 or 256 KiB whatever the shell's unit), a 600 kB file.
head -c 600000 /dev/urandom >"$TMP/rand.bin"
mp_new; mp_field csrf "$CSRF"; mp_file grand.png "$TMP/rand.bin"; mp_close
LEN=$(wc -c <"$TMP/body" | tr -d ' ')
at_snap "$ID"
(
	ulimit -f 256
	trap '' XFSZ
	cgi upload REQUEST_METHOD=POST PATH_INFO="/release/$ID" \
	    CONTENT_TYPE="multipart/form-data; boundary=$MP_B" CONTENT_LENGTH="$LEN" \
	    HTTP_COOKIE="pr_session=$SID" <"$TMP/body"
	echo "$CGI_STATUS $CGI_RC" >"$TMP/xfsz"
)
read -r st rc <"$TMP/xfsz"
diag "disk full, SIGXFSZ ignored: status $st, exit $rc"
is "$st" 507 "disk full (SIGXFSZ ignored): 507 Insufficient Storage"
like "$(cat "$TMP/cb")" "could not store the files (its disk may be full)" \
    "disk full (SIGXFSZ ignored): says the disk may be full"
at_unchanged "$ID" "disk full (SIGXFSZ ignored)"

# A service manager's LimitFSIZE leaves SIGXFSZ at its default, which
# kills the writer: the program must not die with a spool file left.
at_snap "$ID"
(
	ulimit -f 256
	cgi upload REQUEST_METHOD=POST PATH_INFO="/release/$ID" \
	    CONTENT_TYPE="multipart/form-data; boundary=$MP_B" CONTENT_LENGTH="$LEN" \
	    HTTP_COOKIE="pr_session=$SID" <"$TMP/body"
	echo "${CGI_STATUS:--} $CGI_RC" >"$TMP/xfsz"
)
read -r st rc <"$TMP/xfsz"
diag "disk full, SIGXFSZ default: status $st, exit $rc"
is "$rc" 0 "disk full (SIGXFSZ at its default): the program is not killed (exit $rc)"
like "$(cat "$TMP/cb")" "could not store the files (its disk may be full)" \
    "disk full (SIGXFSZ at its default): says the disk may be full"
at_unchanged "$ID" "disk full (SIGXFSZ at its default)"
# Whatever happened, later checks start clean.
rm -f "$STACK"/data/tmp/spool.*

# --- Still working after all of it.
at_snap "$ID"
at_upload "$ID" -F "file=@$FIX/logo.gif"
is "$CODE" 303 "a real GIF is still accepted afterwards (303)"
is "$(at_list "$ID" | wc -l)" 3 "three attachments now"
wf_check
is "$(at_spools)" 0 "no spool file left in data/tmp"
at_sanitizer_clean
diag "t1010 took $(( $(date +%s) - T0 ))s"
done_testing
