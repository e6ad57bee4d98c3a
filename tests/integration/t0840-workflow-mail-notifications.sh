#!/bin/sh
# t0840: mail notifications of the workflow, with mail_command pointing at
# a recorder that keeps each message it is given as one file.
#
#   - submit: one message to everyone who may approve the release (not its
#     author, not plain editors), subject "Waiting for your review: TITLE"
#     RFC 2047-encoded (the title is French), a link to the review page
#     under site_url;
#   - request-changes: one message to the author only, with the comment;
#   - approve, publish: the author is told;
#   - what the author does themselves (recall, an admin publishing their
#     own release) mails nobody; a save mails nobody;
#   - a mail_command that fails does not fail the transition;
#   - with mail_command empty, no mail at all.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc

T0=$(date +%s)
MAIL=$TMP/mail
mkdir -p "$MAIL/new" "$MAIL/seen"
# The recorder runs with an empty environment (PATH only): all absolute.
cat >"$MAIL/record.sh" <<EOF
#!/bin/sh
# Keep the message on stdin as one file; fail if asked to.
if [ -e "$MAIL/fail" ]; then
	cat >/dev/null
	exit 1
fi
f="$MAIL/new/\$(date +%s%N).\$\$"
cat >"\$f.tmp" && mv "\$f.tmp" "\$f.eml"
EOF
chmod +x "$MAIL/record.sh"

SITE=https://press.example.org
wf_stack_prepare "$TMP/stack" && wf_user_add approver2 &&
    wf_user_add editor2 && wf_conf approvers "approver approver2" &&
    wf_conf mail_command "$MAIL/record.sh" &&
    wf_conf mail_from communication@example.org && wf_conf site_url "$SITE" &&
    wf_email editor editor@example.org && wf_email approver approver@example.org &&
    wf_email approver2 approver2@example.org && wf_email admin admin@example.org &&
    wf_email editor2 editor2@example.org &&
    wf_stack_start || { ok 1 "the stack starts"; done_testing; exit 1; }
for u in editor approver approver2 admin; do
	wf_login "$u"
	ok $? "$u signs in"
done
wf_admin user list >"$TMP/userlist"
grep -q 'approver2.*approver2@example.org' "$TMP/userlist"
ok $? "user list shows the addresses"

# mail_take: the messages recorded since the last call: MAILN is their
# count, $TMP/m the first one (with CR removed); they move to seen/.
mail_take() {
	MAILN=$(ls "$MAIL/new" | grep -c '\.eml$')
	: >"$TMP/m"
	f=$(ls "$MAIL/new" | grep '\.eml$' | LC_ALL=C sort | head -1)
	[ -z "$f" ] || tr -d '\r' <"$MAIL/new/$f" >"$TMP/m"
	for f in $(ls "$MAIL/new" | grep '\.eml$'); do
		mv "$MAIL/new/$f" "$MAIL/seen/$f"
	done
}
# A header of $TMP/m (before the first empty line), unfolded.
mhdr() {
	perl -ne 'BEGIN { $k = shift } last if /^$/; chomp;
	    if (/^\s/) { $h .= $_ if $in; next }
	    ($in) = /^\Q$k\E:\s?(.*)/i or next; $h = $in; $n++ if $n == 0;
	    END { print $h if $n }' "$1" "$TMP/m"
}
# The addresses of To:, sorted, space separated.
mto() { mhdr To | tr ',' '\n' | tr -d ' ' | grep . | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }
# The subject, decoded (RFC 2047) by Perl's own MIME-Header decoder.
msubject() {
	mhdr Subject | perl -MEncode -0777 -ne \
	    'print encode("UTF-8", decode("MIME-Header", $_))'
}
# Every RFC 2047 encoded-word of the subject is at most 75 characters
# (RFC 2047 section 2), and the header's lines at most 998 (RFC 5322).
mwords_ok() {
	perl -ne 'last if /^$/; $s = 1 if /^Subject:/i; $s = 0 if /^\S/ && !/^Subject:/i;
	    next unless $s; $bad++ if length($_) > 999;
	    $bad++ for grep { length($_) > 75 } /(=\?[^?]+\?[BbQq]\?[^?]*\?=)/g;
	    END { exit($bad ? 1 : 0) }' "$TMP/m"
}
mbody() { sed '1,/^$/d' "$TMP/m"; }

APPROVERS="admin@example.org approver2@example.org approver@example.org"
TITLE="Élection du comité régional : les résultats à Liège"
COMMENT="Merci de préciser la date du scrutin, s’il vous plaît."

# --- Submit: the approvers are asked.
as editor
wf_new "$TITLE"
ok $? "editor writes a release"
ID=$NEWID
mail_take
is "$MAILN" 0 "a new draft: no mail"
wf_act "$ID" submit
is "$CODE" 303 "editor submits it"
mail_take
is "$MAILN" 1 "submit: one message"
is "$(mto)" "$APPROVERS" "submit: to admin, approver, approver2 (not the author, not editor2)"
is "$(mhdr From)" communication@example.org "submit: From is mail_from"
like "$(mhdr Subject)" "=?UTF-8?B?" "submit: the French subject is RFC 2047 base64"
is "$(msubject)" "Waiting for your review: $TITLE" "submit: the subject decodes to the title"
mwords_ok
ok $? "submit: RFC 2047 encoded-words of at most 75 characters (long subjects split)"
like "$(mhdr Content-Type)" "charset=utf-8" "submit: body in UTF-8"
is "$(mhdr Auto-Submitted)" auto-generated "submit: Auto-Submitted: auto-generated"
like "$(mbody)" "$SITE/review/release/$ID" "submit: the body links to the review page"
like "$(mbody)" "By: editor" "submit: the body says who"
like "$(mbody)" "$TITLE" "submit: the body has the title"

# --- Request changes: the author is told why.
as approver
wf_act "$ID" request-changes "$COMMENT"
is "$CODE" 303 "approver requests changes"
mail_take
is "$MAILN" 1 "request-changes: one message"
is "$(mto)" editor@example.org "request-changes: to the author only"
like "$(mbody)" "$COMMENT" "request-changes: the comment is in the message"
like "$(mbody)" "By: approver" "request-changes: says who"
like "$(msubject)" "$TITLE" "request-changes: the subject has the title"
like "$(mbody)" "$SITE/review/release/$ID" "request-changes: links to the release"

# --- The author saves and resubmits; recalls; submits again.
as editor
wf_edit "$ID" "$TITLE" "La date du scrutin : le 12 mars."
is "$CODE" 303 "editor saves the changes"
mail_take
is "$MAILN" 0 "a save: no mail"
wf_act "$ID" submit
is "$CODE" 303 "editor submits again"
mail_take
is "$MAILN" 1 "submit again: one message"
is "$(mto)" "$APPROVERS" "submit again: to the approvers"
wf_act "$ID" recall
is "$CODE" 303 "editor takes it back"
mail_take
is "$MAILN" 0 "the author's own recall: no mail"
wf_act "$ID" submit
mail_take
is "$MAILN" 1 "submit a third time: one message"

# --- Approve and publish: the author is told.
as approver
wf_act "$ID" approve
is "$CODE" 303 "approver approves"
mail_take
is "$MAILN" 1 "approve: one message"
is "$(mto)" editor@example.org "approve: to the author"
like "$(mbody)" "By: approver" "approve: says who"
like "$(mbody)" "approved" "approve: says the new state"
wf_act "$ID" publish
is "$CODE" 303 "approver publishes"
mail_take
is "$MAILN" 1 "publish: one message"
is "$(mto)" editor@example.org "publish: to the author"
like "$(mbody)" "published" "publish: says the new state"
wf_act "$ID" withdraw "Erreur dans les résultats."
mail_take
is "$MAILN:$(mto)" "1:editor@example.org" "withdraw: the author is told"
like "$(mbody)" "Erreur dans les résultats." "withdraw: with the reason"

# --- An admin's own release: four eyes for the mail too.
as admin
wf_new "Note de l’administration : fermeture du bureau"
ok $? "admin writes a release"
AD=$NEWID
wf_act "$AD" submit
is "$CODE" 303 "admin submits own release"
mail_take
is "$MAILN" 1 "admin's submit: one message"
is "$(mto)" "approver2@example.org approver@example.org" \
    "admin's submit: to approver and approver2, not admin (may not approve own)"
as approver2
wf_act "$AD" approve
mail_take
is "$MAILN:$(mto)" "1:admin@example.org" "approver2 approves: the admin (author) is told"
as admin
wf_act "$AD" publish
is "$CODE" 303 "admin publishes own release"
mail_take
is "$MAILN" 0 "admin publishing own release: no mail"

# --- A failing mail_command does not fail the transition.
as editor
wf_new "Communiqué malgré la panne du courrier"
FID=$NEWID
: >"$MAIL/fail"
wf_act "$FID" submit
is "$CODE" 303 "mail_command exits 1: submit still 303"
is "$(wf_state "$FID")" review "mail_command exits 1: the state changed"
mail_take
is "$MAILN" 0 "mail_command exits 1: nothing recorded"
grep -q "mail_command failed" "$STACK"/run/review.log
ok $? "mail_command exits 1: the failure is logged"
rm -f "$MAIL/fail"
as approver
wf_act "$FID" approve
is "$CODE:$(wf_state "$FID")" 303:approved "after the failure, the next transition works"
mail_take
is "$MAILN" 1 "after the failure, mail works again"

# --- mail_command empty: no mail.
wf_conf mail_command ""
grep -q '^mail_command = $' "$STACK/pressroom.conf"
ok $? "mail_command set to empty"
wf_stack_restart || { ok 1 "the stack restarts"; done_testing; exit 1; }
loglines=$(wc -l <"$STACK/run/review.log")
as editor
wf_new "Communiqué sans courrier"
NID=$NEWID
wf_act "$NID" submit
s1=$CODE
as approver
wf_act "$NID" request-changes "Sans courrier."
s2=$CODE
as editor
wf_act "$NID" submit
s3=$CODE
as approver
wf_act "$NID" approve
s4=$CODE
wf_act "$NID" publish
s5=$CODE
is "$s1 $s2 $s3 $s4 $s5 $(wf_state "$NID")" "303 303 303 303 303 published" \
    "mail_command empty: every transition works"
mail_take
is "$MAILN" 0 "mail_command empty: no mail"
tail -n +$((loglines + 1)) "$STACK/run/review.log" | grep -q mail
ok $([ $? -ne 0 ]; echo $?) "mail_command empty: nothing about mail in the log"

wf_check
logs_clean
diag "took $(( $(date +%s) - T0 )) s"
done_testing
