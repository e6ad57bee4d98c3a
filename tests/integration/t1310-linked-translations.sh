#!/bin/sh
# Linked translations: "Translate" opens a new release linked to the
# original; each member of the group shows the others ("Also available
# in"), on staff pages and, once public, on public pages; a translation
# goes through the workflow on its own and inherits no history or state.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
. tests/integration/t08-workflow.inc
wf_stack_prepare "$TMP/stack"
wf_stack_start || { echo "1..0 # SKIP the stack did not start"; exit 1; }
wf_login editor
wf_login approver
SEED=$(ls "$STACK/data/releases" | head -1)

as editor
sget "/staff/new?translation_of=$SEED"
is "$CODE" 200 "Translate: the new-release form opens"
like "$(body)" "<option value=\"$SEED\" selected>" "... with the original chosen as \"Translation of\""
spost /staff/new --data-urlencode "title=Leaders of CEMR and NALAS meet" \
    --data-urlencode "subtitle=" --data-urlencode "lead=Today the leaders met." \
    --data-urlencode "body=They agreed to work together." \
    --data-urlencode "lang=en" --data-urlencode "city=Brussels" \
    --data-urlencode "date=2026-11-26" --data-urlencode "topics=cooperation" \
    --data-urlencode "contacts=Press office" \
    --data-urlencode "translation_of=$SEED" --data-urlencode "rev=" \
    --data-urlencode "action=save"
EN=$(hdr Location | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
[ -n "$EN" ]
ok $? "the English translation is saved ($EN)"
is "$(wf_field "$EN" Translation-Of)" "$SEED" "... linked to the original in its file"
is "$(wf_state "$EN")" draft "... as a draft of its own"
is "$(wc -l <"$STACK/data/releases/$EN/history" | tr -d ' ')" 1 "... with a history of its own (one line)"

sget "/staff/preview/$EN"
like "$(body)" "Also available in: <a href=\"/review/release/$SEED\" hreflang=\"fr\"" "the translation's preview links the original (fr)"
sget "/staff/preview/$SEED"
like "$(body)" "Also available in: <a href=\"/review/release/$EN\" hreflang=\"en\"" "the original's preview links the translation (en)"
sget "/review/release/$SEED"
like "$(body)" "/staff/new?translation_of=$SEED" "the review page offers \"Translate into another language\""

# The original goes online alone first.
for step in submit; do as editor; wf_act "$SEED" $step; done
as approver; wf_act "$SEED" approve; wf_act "$SEED" publish
is "$(wf_state "$SEED")" published "the original is published"
req GET "/release/$SEED"
is "$CODE" 200 "its public page answers"
unlike "$(body)" "Also available in" "... and names no translation while the translation is not public"
is "$(wf_state "$EN")" draft "publishing the original changed nothing of the translation"

as editor; wf_act "$EN" submit
as approver; wf_act "$EN" approve; wf_act "$EN" publish
is "$(wf_state "$EN")" published "the translation went through the workflow on its own"
# The group links each member by its permanent address (date and slug).
req GET "/release/$SEED"
href=$(body | grep -o 'Also available in: <a href="[^"]*" hreflang="en"' |
    sed 's/.*href="\([^"]*\)".*/\1/')
case $href in /20[0-9][0-9]/[01][0-9]/[0-3][0-9]/?*) ok 0 "the original's public page links the translation's permanent address ($href)" ;;
*) ok 1 "the original's public page links the translation's permanent address ('$href')" ;; esac
req GET "$href"
is "$CODE" 200 "that address answers"
like "$(body)" "data-release=\"$EN\"" "... with the translation"
req GET "/release/$EN"
href=$(body | grep -o 'Also available in: <a href="[^"]*" hreflang="fr"' |
    sed 's/.*href="\([^"]*\)".*/\1/')
req GET "$href"
is "$CODE" 200 "the translation's public page links the original's permanent address ($href)"
like "$(body)" "data-release=\"$SEED\"" "... which shows the original"
wf_check
done_testing
