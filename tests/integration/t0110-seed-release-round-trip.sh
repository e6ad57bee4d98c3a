#!/bin/sh
# t0110: the seed release (French text: accents, curly apostrophes, dashes,
# a blank line inside the contacts block) posted the
# way a browser posts it (textarea lines as CRLF) comes back byte for byte:
# in the stored file and in the edit form; and the admin check is clean.
. tests/lib/tap.sh
. tests/lib/stack.sh
tap_tmpdir
stack_test_up || { ok 1 "the stack starts"; done_testing; exit 1; }
. tests/integration/t01-http.inc

FIX=tests/fixtures/ccre-nalas-2026-fr.txt
E=$TMP/expect
mkdir -p "$E"

# Split the fixture: line 1 title, line 2 lead, the non-empty lines up to
# the contacts opener are the body's paragraphs, the opener to EOF is the
# contacts block (kept exactly, inner blank line included).
perl -e '
	my ($fix, $dir) = @ARGV;
	open my $f, "<:raw", $fix or die; local $/; my $t = <$f>;
	$t =~ s/\r\n?/\n/g;
	my @l = split /\n/, $t, -1;
	my ($title, $lead) = @l[0, 1];
	my ($i, @para) = (2);
	for (; $i < @l; $i++) {
		last if $l[$i] =~ /^Pour plus d\xe2\x80\x99informations, contactez :/;
		push @para, $l[$i] if $l[$i] ne "";
	}
	my $contacts = join "\n", @l[$i .. $#l];
	my %v = (title => $title, lead => $lead,
	    body => join("\n\n", @para), contacts => $contacts);
	for my $k (keys %v) {
		open my $o, ">:raw", "$dir/$k" or die; print $o $v{$k}; close $o;
		(my $crlf = $v{$k}) =~ s/\n/\r\n/g;
		open $o, ">:raw", "$dir/$k.crlf" or die; print $o $crlf; close $o;
	}' "$FIX" "$E"

ok $([ -s "$E/title" ] && [ -s "$E/lead" ] && [ -s "$E/body" ] &&
    [ -s "$E/contacts" ]; echo $?) "fixture split into title, lead, body, contacts"
n=$(grep -c '^$' "$E/body")
is "$n" 3 "fixture: the body has four paragraphs (three blank lines)"
grep -q "$(printf '\r')" "$E/body.crlf"
ok $? "the body is sent with CRLF line ends"

signin editor press-editor
ok $? "editor signs in"

spost /staff/new --data-urlencode "title@$E/title.crlf" \
    --data-urlencode "subtitle=" --data-urlencode "lead@$E/lead.crlf" \
    --data-urlencode "body@$E/body.crlf" --data-urlencode "lang=fr" \
    --data-urlencode "city=Bruxelles" --data-urlencode "date=2026-11-26" \
    --data-urlencode "topics=coopération, Balkans occidentaux, élargissement" \
    --data-urlencode "contacts@$E/contacts.crlf" \
    --data-urlencode "translation_of=" --data-urlencode "rev=" \
    --data-urlencode "action=save"
is "$CODE" 303 "posting the seed release: 303"
id=$(hdr Location | sed -n 's|^/staff/edit/\([0-9]\{8\}-[0-9a-f]\{8\}\)?m=created$|\1|p')
ok $([ -n "$id" ]; echo $?) "posting the seed release: a new id ($id)"
F=$STACK/data/releases/$id/release
[ -f "$F" ]
ok $? "the release file exists"

# --- The stored file: every field byte for byte.
G=$TMP/stored
mkdir -p "$G"
perl -e '
	my ($file, $dir) = @ARGV;
	open my $f, "<:raw", $file or die; local $/; my $t = <$f>;
	my ($head, $body) = split /\n\n/, $t, 2;
	my (%h, $k);
	for (split /\n/, $head, -1) {
		if (/^ (.*)$/s) { $h{$k} .= "\n$1"; next }
		($k, my $v) = /^([A-Za-z-]+): ?(.*)$/s or die "bad line $_\n";
		$h{$k} = $v;
	}
	my %v = (title => $h{Title}, lead => $h{Lead}, contacts => $h{Contacts},
	    body => $body, topics => $h{Topics}, city => $h{City},
	    date => $h{Date}, lang => $h{Language}, author => $h{Author});
	for (keys %v) { open my $o, ">:raw", "$dir/$_" or die; print $o $v{$_} }
' "$F" "$G"
for k in title lead body contacts; do
	cmp -s "$E/$k" "$G/$k"
	ok $? "stored file: $k identical to the fixture's"
	[ $? -eq 0 ] || diff "$E/$k" "$G/$k" | head -5 | sed 's/^/#   /'
done
! grep -q "$(printf '\r')" "$F"
ok $? "stored file: no CR left"
is "$(cat "$G/topics")" "coopération, Balkans occidentaux, élargissement" "stored file: topics"
is "$(cat "$G/author")" editor "stored file: author editor"

# --- The edit form shows the same text (HTML-unescaped).
sget "/staff/edit/$id"
is "$CODE" 200 "edit form: 200"
perl -e '
	my ($html, $dir) = @ARGV;
	open my $f, "<:raw", $html or die; local $/; my $t = <$f>;
	sub un { my $s = shift; $s =~ s/&lt;/</g; $s =~ s/&gt;/>/g;
	    $s =~ s/&quot;/"/g; $s =~ s/&#39;/\x27/g; $s =~ s/&amp;/&/g; $s }
	my %v;
	($v{title}) = $t =~ /<input id="title" name="title" value="([^"]*)"/;
	for my $k (qw(lead body contacts)) {
		($v{$k}) = $t =~ /<textarea id="$k" name="$k"[^>]*>(.*?)<\/textarea>/s;
	}
	for (keys %v) {
		open my $o, ">:raw", "$dir/form.$_" or die;
		print $o un($v{$_} // "MISSING");
	}' "$TMP/b" "$G"
for k in title lead body contacts; do
	cmp -s "$E/$k" "$G/form.$k"
	ok $? "edit form: $k identical to the fixture's"
	[ $? -eq 0 ] || diff "$E/$k" "$G/form.$k" | head -5 | sed 's/^/#   /'
done
like "$(body)" "Régions d’Europe" "edit form: French characters intact"
unlike "$(body)" "&amp;rsquo;" "edit form: nothing escaped twice"

# --- Saving the form unchanged (as a browser would, CRLF again) keeps it.
spost "/staff/edit/$id" --data-urlencode "title@$E/title.crlf" \
    --data-urlencode "subtitle=" --data-urlencode "lead@$E/lead.crlf" \
    --data-urlencode "body@$E/body.crlf" --data-urlencode "lang=fr" \
    --data-urlencode "city=Bruxelles" --data-urlencode "date=2026-11-26" \
    --data-urlencode "topics=coopération, Balkans occidentaux, élargissement" \
    --data-urlencode "contacts@$E/contacts.crlf" \
    --data-urlencode "translation_of=" --data-urlencode "rev=1" \
    --data-urlencode "action=save"
is "$CODE" 303 "saving again unchanged: 303"
perl -e '
	open my $f, "<:raw", $ARGV[0] or die; local $/; my $t = <$f>;
	my (undef, $body) = split /\n\n/, $t, 2; print $body' "$F" >"$G/body2"
cmp -s "$E/body" "$G/body2"
ok $? "saving again: the body still identical"
grep -q '^Revision: 1$' "$F" && grep -q '^Seq: 2$' "$F"
ok $? "saving again unchanged: still revision 1, one more change (Seq 2)"

# --- The seed imported by pressroom-admin (stack setup) holds the same text.
seed=$(ls "$STACK/data/releases" | grep -vx "$id" | head -1)
perl -e '
	open my $f, "<:raw", $ARGV[0] or die; local $/; my $t = <$f>;
	my (undef, $body) = split /\n\n/, $t, 2; print $body' \
    "$STACK/data/releases/$seed/release" >"$G/seedbody"
cmp -s "$E/body" "$G/seedbody"
ok $? "the imported seed release ($seed) has the same body"

# --- The admin check.
out=$("$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" check 2>&1)
ok $? "pressroom-admin check exits 0"
like "$out" "no problems found" "pressroom-admin check: no problems found"

workers_alive
logs_clean
done_testing
