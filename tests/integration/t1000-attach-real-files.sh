#!/bin/sh
# t1000: real files, made by real tools (tests/fixtures/files, see its
# README), attached to a draft through nginx and followed all the way:
#
#   - the editor uploads every fixture, several per request; each is
#     listed on the edit page with its type in words, its size and, for
#     images, its dimensions; the stored bytes and the downloaded bytes
#     are the fixture's;
#   - downloads: Content-Type is the detected type, Content-Length,
#     Content-Disposition inline for images and PDF, attachment for the
#     rest, with an RFC 6266 filename* (a French name with a space),
#     nosniff, a CSP with sandbox, an ETag; 304 on If-None-Match and on
#     If-Modified-Since; ranges: 0-99, -10, and one past the end (416);
#   - nobody else sees a draft's files or its media kit (404);
#   - captions and credits, saved on the edit page, shown in the preview
#     and later on the public page; move up, move down; remove (the bytes
#     stay for the older revisions); replace (same place, same caption);
#   - the media kit (/kit/<id>) is a sound ZIP: release.txt with the
#     title, every file byte for byte, captions.txt;
#   - after submit, approve and publish, anonymous readers get the page,
#     the files and the kit;
#   - pressroom-admin check is clean, no spool file is left, no sanitizer
#     report in the logs.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t10-attach.inc
LC_ALL=C.UTF-8
export LC_ALL

T0=$(date +%s)
wf_stack_prepare "$TMP/stack" && wf_stack_start ||
    { ok 1 "the stack starts"; done_testing; exit 1; }
wf_login editor
ok $? "editor signs in"
wf_login approver
ok $? "approver signs in"

as editor
TITLE="Festival des lumières : les pièces jointes"
wf_new "$TITLE"
ok $? "editor creates a draft"
ID=$NEWID

# The fixtures: file, name to upload it under, MIME type, type in words,
# dimensions ("" for documents).
FIXTURES="photo.jpg|photo.jpg|image/jpeg|JPEG image|640 × 480
chart.png|chart.png|image/png|PNG image|400 × 300
logo.gif|logo.gif|image/gif|GIF image|120 × 60
image.webp|image.webp|image/webp|WebP image|320 × 240
communique.pdf|communiqué final.pdf|application/pdf|PDF document|
communique.docx|communique.docx|application/vnd.openxmlformats-officedocument.wordprocessingml.document|Word document|
communique.odt|communique.odt|application/vnd.oasis.opendocument.text|OpenDocument text|
tableau.xlsx|tableau.xlsx|application/vnd.openxmlformats-officedocument.spreadsheetml.sheet|Excel spreadsheet|
tableau.ods|tableau.ods|application/vnd.oasis.opendocument.spreadsheet|OpenDocument spreadsheet|
presentation.pptx|presentation.pptx|application/vnd.openxmlformats-officedocument.presentationml.presentation|PowerPoint presentation|
presentation.odp|presentation.odp|application/vnd.oasis.opendocument.presentation|OpenDocument presentation|
note.txt|note.txt|text/plain|plain text|
programme.csv|programme.csv|text/csv|CSV table|"

# each_fixture CMD: CMD runs once per fixture with F N TYPE LABEL DIM set.
each_fixture() {
	printf '%s\n' "$FIXTURES" >"$TMP/fixtures"
	while IFS='|' read -r F N TYPE LABEL DIM; do
		"$@"
	done <"$TMP/fixtures"
}

# --- Uploads: four requests, several files each.
upload_ok() {
	is "$CODE" 303 "upload of $1: 303"
	is "$(hdr Location)" "/staff/edit/$ID?m=uploaded#attachments" \
	    "upload of $1: back to the edit page's attachments"
}
at_upload "$ID" -F "file=@$FIX/photo.jpg" -F "file=@$FIX/chart.png" \
    -F "file=@$FIX/logo.gif" -F "file=@$FIX/image.webp"
upload_ok "4 images"
at_upload "$ID" -F "file=@$FIX/communique.pdf;filename=communiqué final.pdf" \
    -F "file=@$FIX/communique.docx" -F "file=@$FIX/communique.odt"
upload_ok "PDF, Word, OpenDocument text"
at_upload "$ID" -F "file=@$FIX/tableau.xlsx" -F "file=@$FIX/tableau.ods" \
    -F "file=@$FIX/presentation.pptx" -F "file=@$FIX/presentation.odp"
upload_ok "spreadsheets and presentations"
at_upload "$ID" -F "file=@$FIX/note.txt" -F "file=@$FIX/programme.csv"
upload_ok "text and CSV"
is "$(at_list "$ID" | wc -l)" 13 "13 attachments stored in the release"
is "$(at_list "$ID" | cut -f6 | tr '\n' '|')" \
    "photo.jpg|chart.png|logo.gif|image.webp|communiqué final.pdf|communique.docx|communique.odt|tableau.xlsx|tableau.ods|presentation.pptx|presentation.odp|note.txt|programme.csv|" \
    "in the order they were sent"
is "$(at_spools)" 0 "no spool file left after the uploads"

sget "/staff/edit/$ID?m=uploaded"
is "$CODE" 200 "the edit page: 200"
like "$(body)" "The files are attached." "the edit page says the files are attached"
cp "$TMP/b" "$TMP/edit.html"

# --- Each file: listed, stored and served as it is.
check_one() {
	aid=$(at_aid "$ID" "$N")
	ok $([ -n "$aid" ]; echo $?) "$N: in the list ($aid)"
	size=$(wc -c <"$FIX/$F" | tr -d ' ')
	line=$(grep -F "/files/$ID/$aid/" "$TMP/edit.html" | head -1)
	like "$line" ">$N</a>" "$N: listed under its name"
	if [ -n "$DIM" ]; then
		like "$line" "<small>$LABEL, $(at_size_label "$size"), $DIM px</small>" \
		    "$N: listed as $LABEL, $(at_size_label "$size"), $DIM px"
	else
		like "$line" "<small>$LABEL, $(at_size_label "$size")</small>" \
		    "$N: listed as $LABEL, $(at_size_label "$size")"
	fi
	is "$(at_list "$ID" | awk -F '\t' -v a="$aid" '$1 == a { print $2 " " $3 }')" \
	    "$size $TYPE" "$N: stored size and detected type"
	cmp -s "$FIX/$F" "$STACK/data/releases/$ID/files/$aid"
	ok $? "$N: files/$aid is the fixture byte for byte"

	sget "/files/$ID/$aid/x"
	is "$CODE" 200 "$N: download 200"
	cmp -s "$FIX/$F" "$TMP/b"
	ok $? "$N: downloaded bytes are the fixture's"
	is "$(hdr Content-Type)" "$TYPE" "$N: Content-Type $TYPE"
	is "$(hdr Content-Length)" "$size" "$N: Content-Length $size"
	case $TYPE in
	image/*|application/pdf) kind=inline ;;
	*) kind=attachment ;;
	esac
	enc=$(printf '%s' "$N" | perl -pe 's/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord $1)/ge')
	like "$(hdr Content-Disposition)" "$kind; filename=\"" "$N: Content-Disposition $kind"
	like "$(hdr Content-Disposition)" "filename*=UTF-8''$enc" "$N: filename*=UTF-8''$enc"
	is "$(hdr X-Content-Type-Options)" nosniff "$N: X-Content-Type-Options nosniff"
	like "$(hdr Content-Security-Policy)" sandbox "$N: CSP with sandbox"
	is "$(hdr ETag)" "\"$aid\"" "$N: ETag is the attachment id"
	is "$(hdr Cache-Control)" "private, no-store" "$N: a draft's file is not cached"
}
each_fixture check_one

# The French name: an ASCII fallback and the exact UTF-8 form.
PDF=$(at_aid "$ID" "communiqué final.pdf")
sget "/files/$ID/$PDF/communiqu%C3%A9%20final.pdf"
is "$(hdr Content-Disposition)" \
    "inline; filename=\"communiqu__ final.pdf\"; filename*=UTF-8''communiqu%C3%A9%20final.pdf" \
    "communiqué final.pdf: Content-Disposition with ASCII fallback and filename*"
like "$(cat "$TMP/edit.html")" "/files/$ID/$PDF/communique-final.pdf\">communiqué final.pdf</a>" \
    "the edit page links the French name: transliterated in the URL, accents in the text"

# --- Conditional requests and ranges.
PS=$(wc -c <"$FIX/communique.pdf" | tr -d ' ')
ETAG=$(hdr ETag)
LM=$(hdr Last-Modified)
ok $([ -n "$LM" ]; echo $?) "Last-Modified is sent ($LM)"
rm -f "$TMP/b"
sget "/files/$ID/$PDF/x" -H "If-None-Match: $ETAG"
is "$CODE" 304 "If-None-Match with the ETag: 304"
is "$(wc -c <"$TMP/b" | tr -d ' ')" 0 "304: no body"
is "$(hdr ETag)" "$ETAG" "304: the ETag again"
sget "/files/$ID/$PDF/x" -H "If-None-Match: \"0000000000000000\""
is "$CODE" 200 "If-None-Match with another tag: 200"
sget "/files/$ID/$PDF/x" -H "If-Modified-Since: $LM"
is "$CODE" 304 "If-Modified-Since the Last-Modified: 304"

sget "/files/$ID/$PDF/x" -H "Range: bytes=0-99"
is "$CODE" 206 "Range bytes=0-99: 206"
is "$(hdr Content-Range)" "bytes 0-99/$PS" "bytes=0-99: Content-Range"
is "$(hdr Content-Length)" 100 "bytes=0-99: Content-Length 100"
head -c 100 "$FIX/communique.pdf" | cmp -s - "$TMP/b"
ok $? "bytes=0-99: exactly the first 100 bytes"
sget "/files/$ID/$PDF/x" -H "Range: bytes=-10"
is "$CODE" 206 "Range bytes=-10: 206"
is "$(hdr Content-Range)" "bytes $((PS - 10))-$((PS - 1))/$PS" "bytes=-10: Content-Range"
tail -c 10 "$FIX/communique.pdf" | cmp -s - "$TMP/b"
ok $? "bytes=-10: exactly the last 10 bytes"
sget "/files/$ID/$PDF/x" -H "Range: bytes=99999999-"
is "$CODE" 416 "Range bytes=99999999-: 416"
is "$(hdr Content-Range)" "bytes */$PS" "416: Content-Range bytes */size"
sget "/files/$ID/$PDF/x" -H "Range: bytes=100-199" -H "If-Range: \"0000000000000000\""
is "$CODE" 200 "a Range with a stale If-Range: the whole file (200)"
sget "/files/$ID/0000000000000000/x"
is "$CODE" 404 "an attachment id the release does not list: 404"

# --- Nobody else sees a draft's files.
as anon
for aid in $(at_list "$ID" | cut -f1); do
	req GET "/files/$ID/$aid/x"
	[ "$CODE" = 404 ] || break
done
is "$CODE" 404 "anonymous: 404 for every file of the draft"
req GET "/kit/$ID"
is "$CODE" 404 "anonymous: 404 for the draft's media kit"
req GET "/release/$ID"
is "$CODE" 404 "anonymous: 404 for the draft itself"
as editor

# --- Captions and credits.
CAP_PHOTO="Le quartier Outremeuse au crépuscule, « été 2026 »"
CRED_PHOTO="Photo : Ville de Liège — CC BY 4.0"
CAP_LOGO="Logo du festival, fond bleu nuit"
CRED_LOGO="Service communication"
CAP_PDF="Le communiqué complet, en français"
meta() {
	# meta AID OP [CAPTION CREDIT] [REV]
	spost "/staff/attachment/$ID" --data-urlencode "aid=$1" \
	    --data-urlencode "op=$2" --data-urlencode "caption=${3:-}" \
	    --data-urlencode "credit=${4:-}" --data-urlencode "rev=${5:-$(wf_rev "$ID")}"
}
PHOTO=$(at_aid "$ID" photo.jpg)
LOGO=$(at_aid "$ID" logo.gif)
CHART=$(at_aid "$ID" chart.png)
NOTE=$(at_aid "$ID" note.txt)
meta "$PHOTO" save "$CAP_PHOTO" "$CRED_PHOTO"
is "$CODE" 303 "caption and credit of photo.jpg saved (303)"
is "$(hdr Location)" "/staff/edit/$ID?m=attachment#attachments" "caption: back to the attachments"
meta "$LOGO" save "$CAP_LOGO" "$CRED_LOGO"
is "$CODE" 303 "caption and credit of logo.gif saved (303)"
meta "$PDF" save "$CAP_PDF" ""
is "$CODE" 303 "caption of the PDF saved (303)"
is "$(at_list "$ID" | awk -F '\t' -v a="$PHOTO" '$1 == a { print $7 "|" $8 }')" \
    "$CAP_PHOTO|$CRED_PHOTO" "photo.jpg: caption and credit stored"
OLDREV=$(( $(wf_rev "$ID") - 1 ))
at_snap "$ID"
meta "$PHOTO" save "Écrasé" "Personne" "$OLDREV"
is "$CODE" 409 "a caption saved from a stale page: 409"
at_unchanged "$ID" "stale caption"

sget "/staff/edit/$ID"
like "$(body)" "value=\"$CAP_PHOTO\"" "edit page: the photo's caption in its field"
like "$(body)" "value=\"$CRED_PHOTO\"" "edit page: the photo's credit in its field"
sget "/staff/preview/$ID"
is "$CODE" 200 "preview: 200"
like "$(body)" "<span class=\"caption\">$CAP_PHOTO</span>" "preview: the photo's caption"
like "$(body)" "<small class=\"credit\">$CRED_PHOTO</small>" "preview: the photo's credit"
like "$(body)" "<span class=\"caption\">$CAP_PDF</span>" "preview: the PDF's caption"
like "$(body)" "/kit/$ID\">" "preview: a link to the media kit"

# --- Order: chart.png up, then down again.
meta "$CHART" up
is "$CODE" 303 "move chart.png up: 303"
is "$(at_list "$ID" | head -2 | cut -f6 | tr '\n' ' ')" "chart.png photo.jpg " \
    "chart.png is now first"
sget "/staff/edit/$ID"
first=$(grep -o "/files/$ID/[0-9a-f]*/" "$TMP/b" | head -1)
is "$first" "/files/$ID/$CHART/" "the edit page lists chart.png first"
meta "$CHART" down
is "$CODE" 303 "move chart.png down: 303"
is "$(at_list "$ID" | head -2 | cut -f6 | tr '\n' ' ')" "photo.jpg chart.png " \
    "chart.png is second again"
LAST=$(at_list "$ID" | tail -1 | cut -f1)
meta "$LAST" down
is "$(at_list "$ID" | tail -1 | cut -f1)" "$LAST" "the last one moved down stays last"

# --- Remove: gone from the list, the bytes kept for older revisions.
REV_WITH_NOTE=$(wf_rev "$ID")
meta "$NOTE" remove
is "$CODE" 303 "remove note.txt: 303"
is "$(hdr Location)" "/staff/edit/$ID?m=removed#attachments" "remove: back to the attachments"
is "$(at_list "$ID" | wc -l)" 12 "12 attachments left"
is "$(at_aid "$ID" note.txt)" "" "note.txt no longer in the list"
sget "/staff/edit/$ID"
unlike "$(body)" "/files/$ID/$NOTE/" "the edit page no longer lists note.txt"
cmp -s "$FIX/note.txt" "$STACK/data/releases/$ID/files/$NOTE"
ok $? "note.txt's bytes are still stored (older revisions name them)"
grep -q "$NOTE" "$STACK/data/releases/$ID/rev-$REV_WITH_NOTE"
ok $? "revision $REV_WITH_NOTE still names note.txt"
sget "/files/$ID/$NOTE/note.txt"
is "$CODE" 404 "the removed file is not served from the current text"

# --- Replace: the new file takes the old one's place and caption.
POS=$(at_list "$ID" | awk -F '\t' -v a="$LOGO" '$1 == a { print NR }')
at_upload "$ID" -F "replace=$LOGO" -F "file=@$FIX/chart.png;filename=logo-2026.png"
is "$CODE" 303 "replace logo.gif with logo-2026.png: 303"
NEWLOGO=$(at_aid "$ID" logo-2026.png)
ok $([ -n "$NEWLOGO" ] && [ "$NEWLOGO" != "$LOGO" ]; echo $?) "the replacement has a new id ($NEWLOGO)"
is "$(at_list "$ID" | awk -F '\t' -v a="$NEWLOGO" '$1 == a { print NR }')" "$POS" \
    "the replacement is where logo.gif was (position $POS)"
is "$(at_list "$ID" | awk -F '\t' -v a="$NEWLOGO" '$1 == a { print $3 "|" $7 "|" $8 }')" \
    "image/png|$CAP_LOGO|$CRED_LOGO" "the replacement keeps the caption and credit"
is "$(at_aid "$ID" logo.gif)" "" "logo.gif is no longer listed"
is "$(at_list "$ID" | wc -l)" 12 "still 12 attachments"
cmp -s "$FIX/chart.png" "$STACK/data/releases/$ID/files/$NEWLOGO"
ok $? "the replacement's bytes are stored"
ok $([ -f "$STACK/data/releases/$ID/files/$LOGO" ]; echo $?) "logo.gif's bytes are kept"
sget "/staff/edit/$ID"
like "$(body)" "logo-2026.png</a> <small>PNG image, $(at_size_label "$(wc -c <"$FIX/chart.png")"), 400 × 300 px</small>" \
    "the edit page shows the replacement with its type, size and dimensions"

# --- The media kit, while a draft (the editor's).
check_kit() {
	is "$CODE" 200 "$1: kit 200"
	is "$(hdr Content-Type)" application/zip "$1: kit is application/zip"
	like "$(hdr Content-Disposition)" "attachment; filename=\"$ID.zip\"" "$1: kit named $ID.zip"
	cp "$TMP/b" "$TMP/kit.zip"
	unzip -t "$TMP/kit.zip" >"$TMP/unzip.out" 2>&1
	ok $? "$1: unzip -t finds no error"
	[ $? -eq 0 ] || tail -3 "$TMP/unzip.out" | sed 's/^/#   /'
	rm -rf "$TMP/kit"
	unzip -q "$TMP/kit.zip" -d "$TMP/kit" >/dev/null 2>&1
	is "$(head -1 "$TMP/kit/release.txt" 2>/dev/null)" "$TITLE" "$1: release.txt starts with the title"
	like "$(cat "$TMP/kit/release.txt" 2>/dev/null)" "Le corps du communiqué." "$1: release.txt has the body"
	bad=
	n=0
	at_list "$ID" | cut -f1,6 >"$TMP/kitlist"
	while IFS="$(printf '\t')" read -r a name; do
		n=$((n + 1))
		cmp -s "$STACK/data/releases/$ID/files/$a" "$TMP/kit/$name" || bad="$bad $name"
	done <"$TMP/kitlist"
	is "$bad" "" "$1: the $n files in the kit are byte-identical to the stored ones"
	is "$(ls "$TMP/kit" | wc -l)" $((n + 2)) "$1: the kit holds the files, release.txt and captions.txt"
	like "$(cat "$TMP/kit/captions.txt" 2>/dev/null)" "$CAP_PHOTO" "$1: captions.txt has the photo's caption"
	like "$(cat "$TMP/kit/captions.txt" 2>/dev/null)" "$CRED_PHOTO" "$1: captions.txt has the photo's credit"
	like "$(cat "$TMP/kit/captions.txt" 2>/dev/null)" "communiqué final.pdf" "$1: captions.txt names the PDF"
}
sget "/kit/$ID"
check_kit "draft"
cmp -s "$FIX/photo.jpg" "$TMP/kit/photo.jpg"
ok $? "draft: photo.jpg in the kit is the fixture"
cmp -s "$FIX/communique.pdf" "$TMP/kit/communiqué final.pdf"
ok $? "draft: communiqué final.pdf in the kit is the fixture"

# --- Submit, approve, publish: then everyone may read.
wf_act "$ID" submit
is "$CODE" 303 "editor submits the release"
as approver
sget "/files/$ID/$PDF/x"
is "$CODE" 200 "approver: the file of a release in review (200)"
wf_act "$ID" approve
is "$CODE" 303 "approver approves"
wf_act "$ID" publish
is "$CODE" 303 "approver publishes"
is "$(wf_state "$ID")" published "the release is published"

as anon
req GET "/release/$ID"
is "$CODE" 200 "anonymous: the public page (200)"
like "$(body)" "<span class=\"caption\">$CAP_PHOTO</span>" "public page: the photo's caption"
like "$(body)" "<small class=\"credit\">$CRED_PHOTO</small>" "public page: the photo's credit"
like "$(body)" "<span class=\"caption\">$CAP_LOGO</span>" "public page: the replaced logo keeps its caption"
like "$(body)" "/files/$ID/$PDF/communique-final.pdf\">communiqué final.pdf</a>" \
    "public page: links the PDF"
unlike "$(body)" "/files/$ID/$NOTE/" "public page: not the removed file"
like "$(body)" "/kit/$ID\">" "public page: a link to the media kit"
bad=
for aid in $(at_list "$ID" | cut -f1); do
	req GET "/files/$ID/$aid/x"
	{ [ "$CODE" = 200 ] && cmp -s "$TMP/b" "$STACK/data/releases/$ID/files/$aid"; } ||
	    bad="$bad $aid:$CODE"
done
is "$bad" "" "anonymous: every published file downloads (200), byte for byte"
req GET "/files/$ID/$PHOTO/photo.jpg"
is "$(hdr Cache-Control)" "public, max-age=300" "a published file may be cached"
is "$(hdr Content-Type)" image/jpeg "anonymous: photo.jpg is image/jpeg"
like "$(hdr Content-Security-Policy)" sandbox "anonymous: CSP with sandbox"
req GET "/files/$ID/$PHOTO/photo.jpg" -H "If-None-Match: \"$PHOTO\""
is "$CODE" 304 "anonymous: 304 with If-None-Match"
req GET "/files/$ID/$NOTE/note.txt"
is "$CODE" 404 "anonymous: the removed file is 404"
req GET "/files/$ID/$LOGO/logo.gif"
is "$CODE" 404 "anonymous: the replaced file is 404"
req GET "/kit/$ID"
check_kit "published"

wf_check
is "$(at_spools)" 0 "no spool file left in data/tmp"
at_sanitizer_clean
diag "t1000 took $(( $(date +%s) - T0 ))s"
done_testing
