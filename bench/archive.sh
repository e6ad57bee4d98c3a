#!/bin/sh
# archive.sh: what does a page of the public archive cost, beside nginx
# serving the very same bytes from a file?  The claim (index.h): a page
# costs the same with 1,000 releases or 100,000, and page 1,000 costs what
# page 1 does.
#
#   sh bench/archive.sh [SIZES]        (default: 1000 10000 100000)
#
#   BENCH_DIR=/tmp/pressroom-bench  where the generated data directories
#                                   are kept and reused (one per size and
#                                   seed; 100,000 take a minute or two)
#   BENCH_SEED=1                    the seed of pressroom-admin generate
#   BENCH_ROUNDS=3                  rounds of (dynamic, static) per URL
#   BENCH_DURATION=5                seconds of each wrk run
#   BENCH_THREADS=2 BENCH_CONNS=16  wrk threads and connections
#   BENCH_WORKERS=2                 workers of each program (-w)
#   BENCH_GZIP=0                    1: also measure with Accept-Encoding:
#                                   gzip, on both sides
#   BENCH_REINDEX=0                 1: "index rebuild" a reused data dir
#   BENCH_MAKE=1                    0: use build/ as it is, without make
#   BENCH_TMPDIR=/tmp               where the run's own files go
#   BENCH_CACHE=0                   1: nginx's cache in front of the
#                                   archive (conf/nginx-microcache.conf,
#                                   set up as its comments say), and
#                                   only page 1 and the Atom feed
#   BENCH_MAX_AGE=                  public_max_age of the run (the
#                                   s-maxage the cache honours; default:
#                                   conf/pressroom.conf's)
#
# For each size N: a data directory made once by
# "pressroom-admin generate -s SEED N conf/demo/ccre-nalas-2026-fr.txt"
# (published releases spread over ten years, a third of them
# translations), the five programs (the normal build, made by `make`)
# with BENCH_WORKERS workers each on unix sockets, and nginx from
# conf/nginx.conf (tests/lib/stack.sh; one nginx worker, as that file
# says) on a random loopback port.  Eight URLs: archive page 1, page
# 1,000 (the last page when there are fewer: 20 a page, so page 1,000
# needs 20,000 releases), a month a year back, a topic, a search of two
# words, the newest release's page, the Atom feed, and the smallest
# public answer (/embed/latest.json?n=1), which shows what any FastCGI
# answer costs here.  Each answer is saved with curl (the exact bytes),
# and a location added to the same nginx serves those files: the static
# copy.  wrk measures each URL in BENCH_ROUNDS rounds, each the dynamic
# URL then its static copy, so that both sides are measured under the
# same load of the machine; the tables give the medians of the rounds,
# and dynamic / static is the median of the rounds' own ratios.  Beside
# throughput: the CPU time (user + system, from /proc) that the archive's
# workers and nginx's worker spent per request during the runs, a cost
# that other jobs on the machine change less.  No Accept-Encoding is sent
# by default (wrk sends none): both sides send the plain bytes.  With
# BENCH_GZIP=1 second tables send "Accept-Encoding: gzip" to both: the
# program compresses each answer, the static copy is the gzip'd bytes it
# answered, sent with "Content-Encoding: gzip".
#
# Prints the machine, one Markdown table per size, then the targets with
# PASS or MISS.  Costs are 1/throughput; where two costs measured at
# different moments are compared (page 1,000 against page 1, 100,000
# releases against 1,000), the verdict uses each URL's cost relative to
# its static copy in the same round, which cancels most of the load of
# the machine; the raw ratio and the CPU ratio are shown beside it.
# Traffic goes to 127.0.0.1 only; only the processes started here are
# stopped, by pid; the run's files are removed at exit (the data
# directories in BENCH_DIR are kept: 1.7 GB for 100,000 releases).
set -u
cd "$(dirname "$0")/.." || exit 1
SIZES=${*:-1000 10000 100000}
BENCH_DIR=${BENCH_DIR:-/tmp/pressroom-bench}
SEED=${BENCH_SEED:-1}
ROUNDS=${BENCH_ROUNDS:-3}
DUR=${BENCH_DURATION:-5}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNS:-16}
WORKERS=${BENCH_WORKERS:-2}
ENCODINGS=identity
[ "${BENCH_GZIP:-0}" = 1 ] && ENCODINGS="identity gzip"
CACHE=${BENCH_CACHE:-0}

for n in $SIZES; do
	case $n in
	'' | *[!0-9]*) echo "archive.sh: '$n' is not a number of releases" >&2; exit 2 ;;
	esac
done

# wrk and nginx are Debian packages: as root they are installed, otherwise
# the exact command is printed (tests/lib/deps.sh).
if ! command -v wrk >/dev/null 2>&1 || ! command -v nginx >/dev/null 2>&1 ||
    ! command -v curl >/dev/null 2>&1; then
	sh tests/lib/deps.sh wrk nginx-light curl || exit 1
fi
if [ "${BENCH_MAKE:-1}" = 1 ]; then
	make --no-print-directory -s all >&2 || { echo "archive.sh: make failed" >&2; exit 1; }
fi
for p in admin archive auth submit review upload; do
	[ -x "build/cgi/pressroom-$p" ] || { echo "archive.sh: build/cgi/pressroom-$p is missing (make)" >&2; exit 1; }
done

. tests/lib/stack.sh
. bench/common.sh

W=$(mktemp -d "${BENCH_TMPDIR:-/tmp}/pressroom-archive-bench.XXXXXX") || exit 1
ROOT=
cleanup() {
	[ -n "$ROOT" ] && stack_stop "$ROOT"
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# A run takes half an hour, and the tree may change (and be rebuilt)
# meanwhile: every size runs the same snapshot of the programs, the
# templates, the catalogues and the configuration, taken now.
mkdir -p "$W/build/cgi" "$W/src" || exit 1
cp -p build/cgi/pressroom-* "$W/build/cgi/" && cp -R conf www "$W/src/" ||
    { echo "archive.sh: cannot copy the build" >&2; exit 1; }
BUILD=$W/build
ADMIN=$BUILD/cgi/pressroom-admin
STACK_SRC=$W/src
SEED_TEXT=$STACK_SRC/conf/demo/ccre-nalas-2026-fr.txt
REV=$(bench_rev)

# ---- The machine ------------------------------------------------------------

machine() {
	bench_machine
	echo "kernel $(uname -r), $(nginx -v 2>&1 | sed 's|^nginx version: ||'),"
	echo "$(wrk -v 2>&1 | awk 'NR == 1 { print "wrk", $2 }'), $(cc --version | awk 'NR == 1 { print $1, $NF }');"
	echo "source $REV, built by make (CFLAGS $(make -s -p -n all 2>/dev/null | awk -F' = ' '$1 == "CFLAGS" { print $2; exit }'));"
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
}

# ---- Data: one generated directory per size and seed, kept ------------------

# data_dir N: the data directory of N releases (bench/common.sh), its index
# made anew when the programs changed since it was written (they would do
# it on a first request, too slowly at 100,000 for a request's time
# limit).
data_dir() {
	local c
	c=$(bench_generated "$1") || return 1
	if [ "${BENCH_REINDEX:-0}" = 1 ] ||
	    [ "$(cat "$c/index-source" 2>/dev/null)" != "$(index_source)" ]; then
		echo "rebuilding the index of $c" >&2
		stack_conf "$c"
		"$ADMIN" -c "$c/pressroom.conf" index rebuild >&2 || return 1
		index_source >"$c/index-source"
	fi
	echo "$c/data"
}

# ---- wrk ------------------------------------------------------------------

# ticks PID...: CPU time (user + system, in clock ticks) used so far.
ticks() {
	for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done |
	    awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
}
# The archive's workers and nginx's worker(s): children of what
# stack_start started.
workers() { ps -o pid= --ppid "$(cat "$ROOT/run/$1")" | tr -d ' '; }

# measure URL [HEADER]: "req/s p99_ms errors requests archive_ticks
# nginx_ticks" from one wrk run.
measure() {
	local aw nw a0 n0 a1 n1
	aw=$(workers archive.pid)
	nw=$(workers nginx.master)
	a0=$(ticks $aw)
	n0=$(ticks $nw)
	timeout $((DUR + 60)) wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency \
	    ${2:+-H "$2"} "$1" </dev/null >"$W/wrk.out" 2>&1
	a1=$(ticks $aw)
	n1=$(ticks $nw)
	awk -v a=$((a1 - a0)) -v n=$((n1 - n0)) '
	function ms(v) {
		if (v ~ /us$/) return (v + 0) / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return (v + 0) * 60000
		if (v ~ /s$/) return (v + 0) * 1000
		return v + 0
	}
	/^Requests\/sec:/ { rps = $2 }
	$1 == "99%" { p99 = ms($2) }
	/ requests in / { req = $1 }
	/Non-2xx or 3xx responses:/ { bad += $NF }
	/Socket errors:/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
	END { printf "%s %s %d %d %d %d\n", rps == "" ? 0 : rps, p99 == "" ? 0 : p99,
	    bad, req, a, n }
	' "$W/wrk.out"
}

# median of the numbers on stdin; med K: of column K of the rounds.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'; }
med() { awk -v k="$1" '{ print $k }' "$W/rounds" | median; }
# per_req T R: CPU microseconds per request, ticks in column T of the
# rounds over the requests in column R, all rounds together.
HZ=$(getconf CLK_TCK)
per_req() { awk -v t="$1" -v r="$2" -v hz="$HZ" '{ a += $t; n += $r }
	END { if (n > 0) printf "%.0f", a * 1e6 / hz / n; else print "-" }' "$W/rounds"; }

# Number formatting for the tables.
num() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); o = ""
	while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
	print s o }'; }
p99fmt() { awk -v v="$1" 'BEGIN { printf(v < 10 ? "%.2f ms" : "%.1f ms", v) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
fix2() { awk -v v="$1" 'BEGIN { if (v == "") print "-"; else printf "%.2f", v }'; }

# ---- One size ---------------------------------------------------------------

# One line per size, encoding and URL, tab-separated: N encoding kind
# rps p99 static_rps static_p99 ratio (medians) bytes label path, then
# CPU microseconds per request: archive workers, nginx (dynamic), nginx
# (static).
RES=$W/results
: >"$RES"

# fetch URL FILE [HEADER]: the exact bytes of a 200 answer into FILE.
fetch() {
	local code
	code=$(curl -s -o "$2" --max-time 120 ${3:+-H "$3"} -w '%{http_code}' "$1" </dev/null)
	[ "$code" = 200 ] || { echo "archive.sh: $1 answered $code" >&2; return 1; }
}

run_size() {
	local n=$1 data port started pages last month rel
	local kind path label enc hdr dir sub f d s i c cpath incl
	data=$(data_dir "$n") || { echo "archive.sh: no data for $n releases" >&2; return 1; }
	ROOT=$W/stack-$n
	mkdir -p "$ROOT"
	ln -s "$data" "$ROOT/data"
	stack_setup "$ROOT" "$BUILD" >"$W/setup.log" 2>&1 || { cat "$W/setup.log" >&2; return 1; }
	if [ -n "${BENCH_MAX_AGE:-}" ]; then
		sed -i '/^public_max_age/d' "$ROOT/pressroom.conf"
		echo "public_max_age = $BENCH_MAX_AGE" >>"$ROOT/pressroom.conf"
	fi
	started=no
	for _ in 1 2 3 4 5; do
		port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
		if STACK_WORKERS=$WORKERS stack_start "$ROOT" "$BUILD" "$port" 2>"$W/start.err"; then
			started=yes
			break
		fi
	done
	[ $started = yes ] || { cat "$W/start.err" >&2; return 1; }
	URL=http://127.0.0.1:$port

	# The static copies, served by the same nginx: one location added to
	# its configuration (from conf/nginx.conf), then a reload.
	mkdir -p "$W/static-$n/identity" "$W/static-$n/gzip"
	awk -v dir="$W/static-$n" '
	/^\t\tlocation \/ \{/ && !done {
		print "\t\tlocation /bench-static/ {"
		print "\t\t\talias " dir "/identity/;"
		print "\t\t}"
		print "\t\tlocation /bench-static-gz/ {"
		print "\t\t\talias " dir "/gzip/;"
		print "\t\t\tadd_header Content-Encoding gzip;"
		print "\t\t\tadd_header Vary Accept-Encoding;"
		print "\t\t}"
		done = 1
	}
	{ print }' "$ROOT/run/nginx.conf" >"$ROOT/run/nginx.conf.new" &&
	    mv "$ROOT/run/nginx.conf.new" "$ROOT/run/nginx.conf"
	grep -q bench-static "$ROOT/run/nginx.conf" || { echo "archive.sh: no 'location /' in nginx.conf" >&2; return 1; }
	if [ "$CACHE" = 1 ]; then
		# The two lines conf/nginx-microcache.conf documents, with this
		# stack's paths (as tests/integration/t1550 does).
		cpath=$(sed -n 's/^#[[:space:]]*\(fastcgi_cache_path .*;\)$/\1/p' \
		    "$STACK_SRC/conf/nginx-microcache.conf" | sed "s|/run/pressroom|$ROOT/run|g")
		incl=$(sed -n 's/^#[[:space:]]*\(include .*nginx-microcache\.conf;\)$/\1/p' \
		    "$STACK_SRC/conf/nginx-microcache.conf" | sed "s|/etc/pressroom/|$STACK_SRC/conf/|g")
		awk -v cpath="$cpath" -v incl="$incl" '
		    { print }
		    /^\tfastcgi_temp_path / { print "\t" cpath }
		    /fastcgi_pass unix:.*\/archive\.sock;/ { print "\t\t\t" incl }' \
		    "$ROOT/run/nginx.conf" >"$ROOT/run/nginx.conf.new" &&
		    mv "$ROOT/run/nginx.conf.new" "$ROOT/run/nginx.conf"
		[ "$(grep -c -e fastcgi_cache_path -e 'nginx-microcache.conf;' "$ROOT/run/nginx.conf")" = 2 ] ||
		    { echo "archive.sh: cannot add the cache to nginx.conf" >&2; return 1; }
	fi
	echo probe >"$W/static-$n/identity/probe.txt"

	# The index may have to be brought up to date (or rebuilt, if its
	# format changed) by the first request: wait for it.
	i=0
	until curl -s -o "$W/page1.html" --max-time 600 -w '%{http_code}' "$URL/" | grep -qx 200; do
		i=$((i + 1))
		[ $i -lt 120 ] || { echo "archive.sh: / does not answer 200" >&2; return 1; }
		sleep 1
	done
	kill -HUP "$(cat "$ROOT/run/nginx.master")"
	i=0
	until [ "$(curl -s --max-time 2 "$URL/bench-static/probe.txt")" = probe ]; do
		i=$((i + 1))
		[ $i -lt 100 ] || { echo "archive.sh: nginx did not reload" >&2; return 1; }
		sleep 0.1
	done
	sleep 1	# the old nginx worker finishes

	# The URLs.  Page 1,000, or the last page when there are fewer.
	pages=$(grep -o 'page=[0-9]*' "$W/page1.html" | cut -d= -f2 | sort -n | tail -1)
	[ -n "$pages" ] || pages=1
	if [ "$pages" -ge 1000 ]; then
		last=1000
		label="page 1,000"
	else
		last=$pages
		label="page $last (the last; page 1,000 needs 20,000 releases)"
	fi
	# A month a year back: full, and as old at every size.
	month=$(date -u -d '@'$(( $(date +%s) - 365 * 86400 )) +%Y/%m)
	# The newest release, by its permanent address.
	rel=$(grep -o 'href="/[0-9]\{4\}/[0-9][0-9]/[0-9][0-9]/[^"]*"' "$W/page1.html" |
	    head -1 | sed 's/^href="//; s/"$//')
	[ -n "$rel" ] || { echo "archive.sh: no release link on page 1" >&2; return 1; }
	cat >"$W/urls" <<-URLS
	page1	/	page 1
	page1000	/?page=$last	$label
	month	/archive/$month/	month $month
	topic	/archive/topic/cooperation/	topic "Coopération"
	search	/search?q=coop%C3%A9ration+balkans	search "coopération balkans"
	release	$rel	release page
	atom	/feed.atom	Atom feed
	floor	/embed/latest.json?n=1	smallest answer (FastCGI floor)
	URLS
	if [ "$CACHE" = 1 ]; then
		awk -F'\t' '$1 == "page1" || $1 == "atom"' "$W/urls" >"$W/urls.c" &&
		    mv "$W/urls.c" "$W/urls"
	fi

	for enc in $ENCODINGS; do
		if [ "$enc" = gzip ]; then
			hdr='Accept-Encoding: gzip'
			sub=bench-static-gz
		else
			hdr=
			sub=bench-static
		fi
		dir=$W/static-$n/$enc
		while IFS='	' read -r kind path label; do
			case $kind in atom) f=$kind.atom ;; floor) f=$kind.json ;; *) f=$kind.html ;; esac
			fetch "$URL$path" "$dir/$f" "$hdr" || return 1
			# The copy is what the program answers, byte for byte.
			fetch "$URL$path" "$W/again" "$hdr" || return 1
			cmp -s "$dir/$f" "$W/again" ||
			    echo "note: $path answered different bytes twice" >&2
			fetch "$URL/$sub/$f" "$W/again" "$hdr" || return 1
			cmp -s "$dir/$f" "$W/again" ||
			    { echo "archive.sh: the static copy of $path differs" >&2; return 1; }
			# A second of each to warm both up, then the rounds.
			timeout 30 wrk -t1 -c4 -d1s ${hdr:+-H "$hdr"} "$URL$path" </dev/null >/dev/null 2>&1
			timeout 30 wrk -t1 -c4 -d1s ${hdr:+-H "$hdr"} "$URL/$sub/$f" </dev/null >/dev/null 2>&1
			if [ "$CACHE" = 1 ]; then
				c=$(curl -s -o /dev/null -D - ${hdr:+-H "$hdr"} "$URL$path" </dev/null |
				    tr -d '\r' | sed -n 's/^[Xx]-[Cc]ache-[Ss]tatus: //p')
				[ "$c" = HIT ] || echo "note: $path through the cache: '$c', not HIT" >&2
			fi
			: >"$W/rounds"
			i=0
			while [ $i -lt "$ROUNDS" ]; do
				d=$(measure "$URL$path" "$hdr")
				s=$(measure "$URL/$sub/$f" "$hdr")
				echo "$d $s" >>"$W/rounds"
				i=$((i + 1))
			done
			# rounds: dynamic (1 rps, 2 p99, 3 errors, 4 requests,
			# 5 archive ticks, 6 nginx ticks), then static (7 to 12)
			echo "# $n $enc $kind (req/s p99_ms errors requests archive_ticks nginx_ticks, dynamic then static): $(tr '\n' ';' <"$W/rounds")" >&2
			i=$(awk '{ s += $3 + $9 } END { print s + 0 }' "$W/rounds")
			[ "$i" -gt 0 ] && echo "note: $n $enc $kind: $i socket errors or non-2xx answers" >&2
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$enc" "$kind" \
			    "$(med 1)" "$(med 2)" "$(med 7)" "$(med 8)" \
			    "$(awk '$7 > 0 { print $1 / $7 }' "$W/rounds" | median)" \
			    "$(stat -c %s "$dir/$f")" "$label" "$path" \
			    "$(per_req 5 4)" "$(per_req 6 4)" "$(per_req 12 10)" >>"$RES"
		done <"$W/urls"
	done
	stack_stop "$ROOT"
	ROOT=
	echo "# load average after $n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

# ---- Run ------------------------------------------------------------------

machine
echo
echo "Programs: $WORKERS workers each (-w $WORKERS); nginx from conf/nginx.conf"
echo "($(awk '/^worker_processes/ { sub(/;/, ""); print $2 }' conf/nginx.conf) worker process); wrk -t$THREADS -c$CONNS -d${DUR}s --latency on 127.0.0.1,"
echo "$ROUNDS round(s) of (dynamic, static) per URL; medians of the rounds."
[ "$CACHE" = 1 ] && echo "nginx's cache was on (conf/nginx-microcache.conf): the dynamic URLs are answered from it."
for n in $SIZES; do
	run_size "$n" || exit 1
done

# The tables.
for enc in $ENCODINGS; do
	for n in $SIZES; do
		echo
		if [ "$enc" = gzip ]; then
			echo "$(num "$n") releases, Accept-Encoding: gzip on both sides:"
		else
			echo "$(num "$n") releases, no Accept-Encoding (plain bytes on both sides):"
		fi
		echo
		echo '| URL | bytes | dynamic req/s | dynamic p99 | static req/s | static p99 | dynamic / static | CPU µs/request: archive; nginx dynamic / static |'
		echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
		awk -F'\t' -v n="$n" -v enc="$enc" '$1 == n && $2 == enc' "$RES" |
		while IFS='	' read -r _ _ kind rps p99 srps sp99 rat bytes label path ca cn cs; do
			printf '| %s `%s` | %s | %s | %s | %s | %s | %s | %s; %s / %s |\n' "$label" "$path" \
			    "$(num "$bytes")" "$(num "$rps")" "$(p99fmt "$p99")" \
			    "$(num "$srps")" "$(p99fmt "$sp99")" "$(fix2 "$rat")" "$ca" "$cn" "$cs"
		done
	done
done

# get N KIND FIELD (4 rps, 5 p99, 6 static rps, 8 dynamic/static, 9 bytes,
# 10 label, 11 path), without Accept-Encoding.
get() { awk -F'\t' -v n="$1" -v k="$2" -v f="$3" '$1 == n && $2 == "identity" && $3 == k { print $f }' "$RES"; }
# verdict A OP B: PASS when the comparison holds (OP: ge, le, lt).
verdict() {
	awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN {
		if (a == "-" || a == "") exit 2
		ok = op == "ge" ? a + 0 >= b + 0 : op == "le" ? a + 0 <= b + 0 : a + 0 < b + 0
		exit !ok }'
	case $? in 0) echo PASS ;; 1) echo MISS ;; *) echo "not measured" ;; esac
}

small=$(printf '%s\n' $SIZES | sort -n | head -1)
big=$(printf '%s\n' $SIZES | sort -n | tail -1)
echo
echo "Targets (no Accept-Encoding).  Cost = 1 / throughput; \"relative\" is the"
echo "cost divided by its static copy's cost in the same round, the figure the"
echo "verdict uses when two costs measured at different moments are compared;"
echo "\"raw\" compares the dynamic throughputs alone, \"CPU\" the archive workers'"
echo "CPU time per request."
echo
echo '| target | relative | raw | CPU | result |'
echo '| --- | ---: | ---: | ---: | --- |'
r=$(get "$big" page1 8)
echo "| page 1 at $(num "$big") releases: at least half the static copy's throughput | $(fix2 "$r") | $(ratio "$(get "$big" page1 4)" "$(get "$big" page1 6)") | | $(verdict "$r" ge 0.5) |"
# With the cache only page 1 and the feed are measured (see BENCH_CACHE).
[ "$CACHE" = 1 ] || for n in $SIZES; do
	# cost(page 1,000) / cost(page 1)
	r=$(ratio "$(get "$n" page1 8)" "$(get "$n" page1000 8)")
	raw=$(ratio "$(get "$n" page1 4)" "$(get "$n" page1000 4)")
	cpu=$(ratio "$(get "$n" page1000 12)" "$(get "$n" page1 12)")
	case $(get "$n" page1000 10) in
	"page 1,000") what="page 1,000" ;;
	*) what="the last page, $(get "$n" page1000 11 | cut -d= -f2)," ;;
	esac
	echo "| $(num "$n") releases: $what cost within 1.5× of page 1's | $r× | $raw× | $cpu× | $(verdict "$r" le 1.5) |"
done
if [ "$small" != "$big" ]; then
	while IFS='	' read -r kind _ label; do
		[ "$kind" = floor ] && continue
		# cost(big) / cost(small)
		r=$(ratio "$(get "$small" "$kind" 8)" "$(get "$big" "$kind" 8)")
		raw=$(ratio "$(get "$small" "$kind" 4)" "$(get "$big" "$kind" 4)")
		cpu=$(ratio "$(get "$big" "$kind" 12)" "$(get "$small" "$kind" 12)")
		[ "$kind" = page1000 ] && label="page 1,000 (at $(num "$small"): the last page)"
		echo "| $label: cost at $(num "$big") within 1.5× of the cost at $(num "$small") | $r× | $raw× | $cpu× | $(verdict "$r" le 1.5) |"
	done <"$W/urls"
fi
p=$(get "$big" search 5)
[ "$CACHE" = 1 ] || echo "| search p99 at $(num "$big") releases under 100 ms | | $(p99fmt "$p") | | $(verdict "$p" lt 100) |"
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
