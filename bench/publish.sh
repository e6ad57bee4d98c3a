#!/bin/sh
# publish.sh: what does a publication cost the public archive's index, as
# the archive grows?  Publishing, withdrawing and restoring update
# index/public (README, "The index"); unlike the pages, whose cost must
# not grow with the archive, this update may.  The script measures it,
# and the full rebuild beside it, in place of the table once measured by
# hand (bench/RESULTS.md, "What a publication costs the index").
#
#   sh bench/publish.sh [SIZES]        (default: 1000 10000 100000)
#
#   BENCH_DIR=/tmp/pressroom-bench  the generated data directories, the
#                                   same ones bench/archive.sh makes and
#                                   uses (one per size and seed, made
#                                   here if missing, never changed), and
#                                   the run's scratch copies
#   BENCH_SEED=1                    the seed of pressroom-admin generate
#   BENCH_REPEAT=3                  publications per size (the table
#                                   gives their medians)
#   BENCH_BASELINE=                 the size the other publish times are
#                                   divided by; default the smallest of
#                                   SIZES; a size not among SIZES is
#                                   measured too (300: the hand table's)
#   BENCH_MAKE=auto                 auto: `make` only when
#                                   build/cgi/pressroom-admin is missing;
#                                   1: always `make`; 0: never
#
# For each size N: the data directory of N releases made once by
# "pressroom-admin generate -s SEED N conf/demo/ccre-nalas-2026-fr.txt"
# (BENCH_DIR/archive-N-sSEED, as bench/archive.sh names it) is copied
# with hard links (cp -al) into a scratch directory in BENCH_DIR.  That
# is safe because the store replaces every file by rename (modules/
# store.c), so a change in the copy makes a new file and leaves the
# shared one alone, with one exception: a release's history is appended
# to in place (O_APPEND, and ftruncate of a dead change's tail), so
# every history file of the copy is a real copy; so is index/lock, which
# is only flock'd, so that a run never waits for a program using the
# cached directory.  (The releases' lock files stay shared: they are
# never written, and only the new releases' are locked here.)  At the
# end of each size, any file of the cached directory modified since the
# copy fails the run.
#
# In the copy, under /usr/bin/time -v (peak RSS: "Maximum resident set
# size"; the wall time is read around it to the millisecond, time's
# "Elapsed" having only hundredths), with the pressroom-admin that `make`
# built (copied once at the start, so that every size runs the same
# program even if the tree is rebuilt meanwhile):
#   1. BENCH_REPEAT publications, each of a new release: "pressroom-admin
#      import -p" of conf/demo/ccre-nalas-2026-fr.txt (dated today, in
#      French, three topics), which writes the release and updates the
#      index;
#   2. withdrawing it: not measured, pressroom-admin has no such command
#      (only the review pages withdraw a release);
#   3. "index check", which must say the index is up to date;
#   4. "index rebuild", once (every release file read);
#   5. "index check" again, which must say the index is up to date.
# If the cached index was written by another program than this one (the
# file index-source, which bench/archive.sh keeps, says which), it is
# first rebuilt in the copy, unmeasured, so that the publications update
# an index of this program's format.  The index file is read once
# before the publications; the first "index check" reads every release
# file, so the rebuild is measured with them in the page cache (as far
# as memory allows: 1.7 GB at 100,000 releases).
#
# Prints the machine, then a Markdown table: releases, the medians of the
# publications' time and peak RSS, the rebuild's, the publish time over
# the baseline's, the index file's size after the rebuild; each
# measurement also goes to stderr as it is taken.  Exit status 1 if a
# command fails, an index check does not pass, or the cached directory
# changed.  Starts no server; the scratch copies are removed at exit.
set -u
cd "$(dirname "$0")/.." || exit 1
SIZES=${*:-1000 10000 100000}
BENCH_DIR=${BENCH_DIR:-/tmp/pressroom-bench}
SEED=${BENCH_SEED:-1}
REPEAT=${BENCH_REPEAT:-3}
BASE=${BENCH_BASELINE:-$(printf '%s\n' $SIZES | sort -n | head -1)}

for n in $SIZES $BASE $REPEAT; do
	case $n in
	'' | *[!0-9]* | 0) echo "publish.sh: '$n' is not a positive number" >&2; exit 2 ;;
	esac
done
[ -x /usr/bin/time ] ||
    { echo "publish.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

case ${BENCH_MAKE:-auto} in
1) make >&2 || { echo "publish.sh: make failed" >&2; exit 1; } ;;
auto) [ -x build/cgi/pressroom-admin ] ||
    make >&2 || { echo "publish.sh: make failed" >&2; exit 1; } ;;
esac
[ -x build/cgi/pressroom-admin ] ||
    { echo "publish.sh: build/cgi/pressroom-admin is missing (make)" >&2; exit 1; }

. tests/lib/stack.sh
. bench/common.sh

mkdir -p "$BENCH_DIR" || exit 1
W=$(mktemp -d "$BENCH_DIR/publish-run.XXXXXX") || exit 1
cleanup() { rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# The program, the configuration and the seed text, as they are now.
mkdir -p "$W/build/cgi" "$W/src" || exit 1
cp -p build/cgi/pressroom-admin "$W/build/cgi/" && cp -R conf www "$W/src/" ||
    { echo "publish.sh: cannot copy the build" >&2; exit 1; }
ADMIN=$W/build/cgi/pressroom-admin
STACK_SRC=$W/src
SEED_TEXT=$STACK_SRC/conf/demo/ccre-nalas-2026-fr.txt
"$ADMIN" 2>&1 | grep -q 'index rebuild' ||
    { echo "publish.sh: $ADMIN does not run" >&2; exit 1; }

# ---- The machine ------------------------------------------------------------

REV=$(bench_rev)

machine() {
	local fs newer
	fs=$(df -PT "$BENCH_DIR" | awk 'NR == 2 { print $2 }')
	bench_machine
	echo "kernel $(uname -r), $(cc --version | awk 'NR == 1 { print $1, $NF }'); BENCH_DIR on $fs;"
	echo "source $REV; pressroom-admin built by make at $(date -u -r build/cgi/pressroom-admin '+%Y-%m-%d %H:%M:%S UTC');"
	echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
	newer=$(find modules cgi -name '*.[ch]' -newer build/cgi/pressroom-admin 2>/dev/null | sort | tr '\n' ' ')
	[ -z "$newer" ] ||
	    echo "Note: ${newer}changed after pressroom-admin was built; the numbers are the program's as built."
}

# ---- Data: one generated directory per size and seed, shared ---------------


# cache_dir N: the directory of N generated releases (bench/common.sh).
cache_dir() { bench_generated "$1"; }

# ---- Measuring ---------------------------------------------------------------

# timed NAME CMD...: run CMD under /usr/bin/time -v, its output in
# $W/NAME.out and .err; prints "seconds peak_kib"; fails as CMD does.
# The wall time is taken around it with date(1), to the millisecond
# (time's "Elapsed" has hundredths, too coarse at 1,000 releases), less
# OVER, what the same measure of /bin/true takes (forks and execs of
# date and time: a few milliseconds here).
OVER=0
timed() {
	local name=$1 rc t0 t1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -v -o "$W/$name.time" "$@" >"$W/$name.out" 2>"$W/$name.err"
	rc=$?
	t1=$(date +%s%N)
	if [ $rc -ne 0 ]; then
		echo "publish.sh: $* failed (exit status $rc):" >&2
		cat "$W/$name.out" "$W/$name.err" >&2
		return 1
	fi
	awk -F': ' -v ns=$((t1 - t0)) -v over="$OVER" '
	/Maximum resident set size/ { kib = $NF }
	END { s = ns / 1e9 - over; printf "%.4f %d\n", (s > 0 ? s : 0), kib }' "$W/$name.time"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'; }

# Formats for the table.
num() { awk -v v="$1" 'BEGIN { s = sprintf("%.0f", v); o = ""
	while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
	print s o }'; }
secs() { awk -v v="$1" 'BEGIN { printf(v < 1 ? "%.3f s" : v < 10 ? "%.2f s" : "%.1f s", v) }'; }
mib() { awk -v v="$1" 'BEGIN { v /= 1024; printf(v < 100 ? "%.1f MiB" : "%.0f MiB", v) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "-" }'; }

# One line per size in $W/results: N publish_s publish_kib rebuild_s
# rebuild_kib index_bytes check1_s check2_s
RES=$W/results
: >"$RES"

run_size() {
	local n=$1 cache S conf t0 t1 i m id p r c1 c2 size changed
	cache=$(cache_dir "$n") || { echo "publish.sh: no data for $n releases" >&2; return 1; }
	S=$W/copy-$n
	mkdir -p "$S" || return 1
	: >"$W/stamp"
	sleep 1		# anything changed from now on has a later mtime

	# The copy: hard links, then real copies of what is written in place.
	t0=$(date +%s)
	cp -al "$cache/data" "$S/data" ||
	    { echo "publish.sh: cannot copy $cache/data with hard links (cp -al)" >&2; return 1; }
	(cd "$cache/data" && find . -type f \( -name history -o -path ./index/lock \) \
	    -exec cp -p --remove-destination --parents -t "$S/data" {} +) ||
	    { echo "publish.sh: cannot copy the history files" >&2; return 1; }
	m=$(find "$S/data" -type f \( -name history -o -path "$S/data/index/lock" \) -links +1 | head -1)
	[ -z "$m" ] || { echo "publish.sh: $m is still shared with $cache" >&2; return 1; }
	t1=$(date +%s)
	echo "# $n: copied $cache/data in $((t1 - t0)) s" >&2
	stack_conf "$S"
	conf=$S/pressroom.conf

	if [ "$(cat "$cache/index-source" 2>/dev/null)" != "$(index_source)" ]; then
		echo "# $n: the cached index was written by another pressroom-admin: rebuilt in the copy first (not measured)" >&2
		"$ADMIN" -c "$conf" index rebuild >&2 || return 1
	fi
	cat "$S/data/index/public" >/dev/null 2>&1

	# 1. Publications.
	: >"$W/pub"
	i=0
	while [ $i -lt "$REPEAT" ]; do
		i=$((i + 1))
		m=$(timed publish "$ADMIN" -c "$conf" import -p -a editor -C Bruxelles \
		    -t "coopération, Balkans occidentaux, élargissement" "$SEED_TEXT") || return 1
		id=$(cat "$W/publish.out")
		echo "$m" >>"$W/pub"
		echo "# $n: publication $i ($id): $m (s, peak KiB)" >&2
	done
	p=$(awk '{ print $1 }' "$W/pub" | median)
	m=$(awk '{ print $2 }' "$W/pub" | median)

	# 2. Withdrawal: pressroom-admin cannot.
	"$ADMIN" 2>&1 | grep -qi withdraw &&
	    echo "note: pressroom-admin now mentions withdrawing; this script does not measure it yet" >&2

	# 3. to 5. The index as the publications left it, the rebuild, again.
	c1=$(timed check1 "$ADMIN" -c "$conf" index check) ||
	    { echo "publish.sh: $n: the index is not sound after the publications" >&2; return 1; }
	grep -q ': up to date$' "$W/check1.out" ||
	    { cat "$W/check1.out" >&2; echo "publish.sh: $n: index check says no" >&2; return 1; }
	echo "# $n: index check after the publications: $c1: $(cat "$W/check1.out")" >&2
	r=$(timed rebuild "$ADMIN" -c "$conf" index rebuild) || return 1
	echo "# $n: $(cat "$W/rebuild.out"): $r" >&2
	c2=$(timed check2 "$ADMIN" -c "$conf" index check) ||
	    { echo "publish.sh: $n: the index is not sound after the rebuild" >&2; return 1; }
	grep -q ': up to date$' "$W/check2.out" ||
	    { cat "$W/check2.out" >&2; echo "publish.sh: $n: index check says no" >&2; return 1; }
	echo "# $n: index check after the rebuild: $c2" >&2
	size=$(stat -c %s "$S/data/index/public") || return 1

	# The cached directory must be as it was.
	changed=$(find "$cache" -newer "$W/stamp" -print | head -5)
	if [ -n "$changed" ]; then
		echo "publish.sh: $cache changed during the run (by this script or another):" >&2
		echo "$changed" >&2
		return 1
	fi
	rm -rf "$S"
	echo "$n $p $m $r $size ${c1%% *} ${c2%% *}" >>"$RES"
	echo "# load average after $n: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

# ---- Run ------------------------------------------------------------------

RUN=$SIZES
case " $(echo $SIZES) " in
*" $BASE "*) ;;
*) RUN="$BASE $SIZES" ;;
esac

# The measure's own cost, subtracted from every wall time.
OVER=$(i=0; while [ $i -lt 9 ]; do
	timed true /bin/true | cut -d' ' -f1; i=$((i + 1)); done | median)

machine
echo "Wall times are net of the measure's own cost, $(awk -v v="$OVER" 'BEGIN { printf "%.1f", v * 1000 }') ms (median of 9 of /bin/true)."
for n in $RUN; do
	run_size "$n" || exit 1
done

b=$(awk -v n="$BASE" '$1 == n { print $2; exit }' "$RES")
echo
echo "Each size: $REPEAT publication(s) of a new release (\"pressroom-admin import -p\","
echo "the index updated; medians), then \"index rebuild\" once, in a hard-linked"
echo "copy of the generated data directory; \"index check\" said \"up to date\" after"
echo "the publications and after the rebuild.  Withdrawal is not measured:"
echo "pressroom-admin has no command for it.  Baseline: $(num "$BASE") releases."
echo
echo '| releases | publish: time | publish: peak RSS | rebuild: time | rebuild: peak RSS | publish time / baseline | index size |'
echo '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
while read -r n p m r rk size c1 c2; do
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(num "$n")" "$(secs "$p")" \
	    "$(mib "$m")" "$(secs "$r")" "$(mib "$rk")" "$(ratio "$p" "$b")" \
	    "$(mib $((size / 1024)))"
done <"$RES"
echo
echo "index check after the rebuild (reads every release file): $(while read -r n _ _ _ _ _ c1 c2; do
	printf '%s at %s, ' "$(secs "$c2")" "$(num "$n")"; done <"$RES" | sed 's/, $//')."
