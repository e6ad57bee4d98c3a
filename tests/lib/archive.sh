# archive.sh: helpers for the public archive tests (t15xx).  Source it
# after tests/lib/tap.sh, tests/lib/stack.sh and t01-http.inc (req, hdr,
# body ...), once $TMP, $STACK and $URL exist.
#
#   ar_admin ARGS...            pressroom-admin -c $STACK/pressroom.conf
#   ar_entries [FILE]           the entries of a list or search page (default
#                               the last body), one line each, tab-separated:
#                               id lang date topic-slugs(,) url title
#                               translations(lang=url,)
#   ar_ids [FILE]               their ids, one a line
#   ar_total [FILE]             the "N releases" count of a list or search
#   ar_facets [FILE]            the facet links of a list page, one line
#                               each: kind value count (kind: year, month,
#                               topic, language)
#   ar_crawl PATH               every page of a list (?page=1, 2 ... until
#                               404): the entries of all, as ar_entries;
#                               AR_PAGES is how many pages answered 200
#   ar_jsonld [FILE]            the JSON-LD of a release page, parsed by
#                               node; prints "@type|headline|inLanguage|url"
#                               or "unparseable"
#   ar_canonical [FILE]         the canonical link
#   ar_code PATH [curl args]    the status of GET PATH (body in $TMP/b)
#   ar_proc_deaths              worker deaths and request timeouts in every
#                               program's log (not only auth and submit)
#   ar_past SECONDS FILE        set FILE's mtime SECONDS in the past

ar_admin() {
	"$BUILD/cgi/pressroom-admin" -c "$STACK/pressroom.conf" "$@"
}

ar_entries() {
	perl -0777 -ne '
	    my @c = split /(?=<li\b[^>]*\bdata-release=")/;
	    shift @c;
	    for my $c (@c) {
		# An entry ends where the list does.
		$c =~ s{</ol>.*}{}s;
		my ($tag) = $c =~ /^(<li\b[^>]*>)/;
		my ($id) = $tag =~ /data-release="([^"]*)"/;
		my ($lang) = $tag =~ /\blang="([^"]*)"/;
		my ($url, $title) = $c =~ m{<h2[^>]*>\s*<a href="([^"]*)"[^>]*>(.*?)</a>}s;
		my ($date) = $c =~ /<time datetime="([^"]*)"/;
		my @t = $c =~ m{/archive/topic/([^/"]+)/}g;
		my ($tp) = $c =~ m{<p class="translations"[^>]*>(.*?)</p>}s;
		my @tr;
		while (defined $tp && $tp =~ m{<a href="([^"]*)" hreflang="([^"]*)"}g) {
			push @tr, "$2=$1";
		}
		print join("\t", $id, $lang // "", $date // "", join(",", @t),
		    $url // "", $title // "", join(",", @tr)), "\n";
	    }' "${1:-$TMP/b}"
}

ar_ids() {
	ar_entries "${1:-$TMP/b}" | cut -f1
}

ar_total() {
	perl -0777 -ne 'print $1 if /<p class="[^"]*count[^"]*">\s*(\d+) releases?/' "${1:-$TMP/b}"
}

ar_facets() {
	perl -0777 -ne '
	    my ($aside) = m{<aside class="facets".*?>(.*?)</aside>}s or exit;
	    for my $sec (split /<h2[^>]*>/, $aside) {
		my ($head) = $sec =~ /^\s*(\w+)/ or next;
		my $kind = lc $head;
		$kind =~ s/s$//;
		while ($sec =~ m{<a href="([^"]*)"[^>]*>([^<]*)</a>\s*<small>\((\d+)\)</small>}g) {
			my ($u, $name, $n) = ($1, $2, $3);
			my $v = $name;
			$v = $1 if $kind eq "topic" && $u =~ m{/topic/([^/]+)/};
			$v = $1 if $kind eq "language" && $u =~ m{/language/([^/]+)/};
			$v =~ s/^\s+|\s+$//g;
			print "$kind $v $n\n";
		}
	    }' "${1:-$TMP/b}"
}

ar_crawl() {
	local p=1 sep='?'
	case $1 in *\?*) sep='&' ;; esac
	AR_PAGES=0
	: >"$TMP/crawl"
	while [ $p -le 200 ]; do
		req GET "$1${sep}page=$p"
		[ "$CODE" = 200 ] || break
		AR_PAGES=$p
		ar_entries >>"$TMP/crawl"
		p=$((p + 1))
	done
	cat "$TMP/crawl"
}

ar_jsonld() {
	perl -0777 -ne 'print $1 if m{<script type="application/ld\+json">(.*?)</script>}s' \
	    "${1:-$TMP/b}" >"$TMP/ld.json"
	node -e '
	    let s = require("fs").readFileSync(process.argv[1], "utf8");
	    try {
		const j = JSON.parse(s);
		console.log([j["@type"], j.headline, j.inLanguage, j.url].join("|"));
	    } catch (e) { console.log("unparseable"); }' "$TMP/ld.json"
}

ar_canonical() {
	sed -n 's/.*<link rel="canonical" href="\([^"]*\)".*/\1/p' "${1:-$TMP/b}" | head -1
}

ar_code() {
	local p=$1
	shift
	rm -f "$TMP/b"
	req GET "$p" "$@"
	echo "$CODE"
}

ar_proc_deaths() {
	grep -h -e 'killed by signal' -e 'exited with' -e 'timed out' \
	    "$STACK"/run/*.log 2>/dev/null | grep -v '^nginx' || true
}

ar_past() {
	touch -d "@$(( $(date +%s) - $1 ))" "$2"
}
