#!/bin/sh
# upload.sh: how fast does pressroom-upload take a big file, and how much
# memory does it need for it?  The claim: the body is streamed (64 KiB
# reads, a spool file on disk), so the peak resident size stays under
# 16 MiB whatever the size of the upload, even 1 GiB.
#
#   sh bench/upload.sh [BUILD]          (default build)
#
#   BENCH_SIZES="10 100 1024"  body sizes in MiB (the default)
#   BENCH_NO_1G=1              leave out 1024 MiB
#   BENCH_REPS=5               runs per size; the table shows the median
#   BENCH_NGINX=0              leave out the run through nginx
#   BENCH_TMPDIR=/tmp          where the data (and the copies) go
#
# For each size, a plain-text file big.txt (French lines, valid UTF-8, so
# libmagic says text/plain) is wrapped in a multipart body (the csrf part
# first, then the file part) and given to pressroom-upload run as plain
# CGI under /usr/bin/time -v, so that the figures are the program's own:
# the whole request, from the first read of the body to the 303 after the
# file is fsync'ed, renamed into the release and the release rewritten.
# Against it: cat(1) copying the same file on the same disk, alone and
# followed by sync(1) of the copy (the upload fsyncs what it stores).
# The data directory is made by tests/lib/stack.sh's stack_setup, with
# upload_file_max and upload_total_max raised to 2 GiB; the session is
# written straight into data/sessions.  Each run checks the 303 and that
# the stored file is big.txt (cmp), on a release of its own.
#
# Then, unless BENCH_NGINX=0, 100 MiB through nginx and the FastCGI
# program (one worker), with curl: once with Content-Length, once chunked
# (no length: the program reads to the end of the body).  The worker's
# peak (VmHWM, reset before each request through /proc/PID/clear_refs) is
# its memory for that request.
#
# Everything goes in one temporary directory, removed at exit; only the
# processes started here are stopped.
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${1:-build}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
SIZES=${BENCH_SIZES:-10 100 1024}
[ "${BENCH_NO_1G:-0}" = 1 ] && SIZES=$(printf '%s\n' $SIZES | grep -vx 1024 | tr '\n' ' ')
REPS=${BENCH_REPS:-5}
CLAIM_KIB=16384
PROG=$BUILD/cgi/pressroom-upload
TIME=/usr/bin/time

. tests/lib/stack.sh

for t in "$PROG" "$BUILD/cgi/pressroom-admin" "$TIME" perl cmp od; do
	command -v "$t" >/dev/null 2>&1 || { echo "upload.sh: $t is missing" >&2; exit 1; }
done

ROOT=$(mktemp -d "${BENCH_TMPDIR:-/tmp}/pressroom-bench.XXXXXX") || exit 1
cleanup() {
	stack_stop "$ROOT"
	rm -rf "$ROOT"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE
W=$ROOT/work
mkdir -p "$W"

stack_setup "$ROOT" "$BUILD" >"$W/setup.log" 2>&1 || { cat "$W/setup.log"; exit 1; }
CONF=$ROOT/pressroom.conf
DATA=$ROOT/data
GIB=2147483648
sed -i -e '/^upload_file_max *=/d' -e '/^upload_total_max *=/d' "$CONF"
printf 'upload_file_max = %s\nupload_total_max = %s\n' $GIB $GIB >>"$CONF"

hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# A signed-in editor: the file store_session_put() would write.
SID=$(hex 32)
CSRF=$(hex 32)
now=$(date +%s)
(umask 077 && printf 'User: editor\nCSRF: %s\nCreated: %s\nExpires: %s\n' \
    "$CSRF" "$now" $((now + 3600)) >"$DATA/sessions/$SID")
BOUNDARY=----pressroom-bench-$(hex 12)

# big.txt of $1 MiB: one MiB of French lines (ASCII-padded so that every
# MiB ends on a whole character), repeated.
make_big() {
	perl -e '
		my @l = (
		    "Le Conseil des communes et régions d’Europe (CCRE) et le réseau NALAS renforcent leur coopération.\n",
		    "« Les collectivités territoriales sont au cœur de l’élargissement », a déclaré la présidente.\n",
		    "Ateliers à Sarajevo, Skopje et Tirana ; publication commune au printemps — çà et là, des élus.\n",
		);
		my $mib = 1048576;
		my ($block, $i) = ("", 0);
		$block .= $l[$i++ % 3] while length($block) + 200 < $mib;
		$block .= "." x ($mib - length($block) - 1) . "\n";
		length($block) == $mib or die "block is " . length($block);
		binmode STDOUT;
		print $block for 1 .. $ARGV[0];
	' "$1" >"$W/big.txt"
}

# The multipart body, streamed: csrf first, then the file.
make_body() {
	{
		printf -- '--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' \
		    "$BOUNDARY" "$CSRF"
		printf -- '--%s\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n' \
		    "$BOUNDARY"
		cat "$W/big.txt"
		printf -- '\r\n--%s--\r\n' "$BOUNDARY"
	} >"$W/body"
}

new_release() {
	"$BUILD/cgi/pressroom-admin" -c "$CONF" import -a editor -l fr \
	    "$STACK_SRC/conf/demo/ccre-nalas-2026-fr.txt"
}

ns() { date +%s%N; }

# fields FILE: "peak_KiB elapsed" from /usr/bin/time -v's report.
fields() {
	awk -F': ' '/Maximum resident set size/ { rss = $2 }
	    /Elapsed \(wall clock\)/ { el = $2 }
	    END { print rss, el }' "$1"
}

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

mbps() { awk -v b="$1" -v n="$2" 'BEGIN { printf "%.0f", b / (n / 1e9) / 1e6 }'; }

# run_upload: one upload of $W/body as plain CGI; "ns peak_KiB elapsed".
run_upload() {
	local id t0 t1 status stored
	id=$(new_release) || { echo "import failed" >&2; return 1; }
	t0=$(ns)
	env -i PATH="$PATH" REQUEST_METHOD=POST PATH_INFO="/release/$id" \
	    CONTENT_TYPE="multipart/form-data; boundary=$BOUNDARY" \
	    CONTENT_LENGTH="$(stat -c %s "$W/body")" HTTP_COOKIE="pr_session=$SID" \
	    "$TIME" -v -o "$W/time.up" "$PROG" -c "$CONF" <"$W/body" >"$W/out" 2>"$W/err"
	t1=$(ns)
	status=$(sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$W/out" | tr -d '\r')
	if [ "$status" != 303 ]; then
		echo "upload of $(stat -c %s "$W/body") bytes answered '$status', not 303:" >&2
		head -c 600 "$W/out" >&2
		cat "$W/err" >&2
		return 1
	fi
	set -- "$DATA/releases/$id/files/"*
	if [ $# -ne 1 ] || ! cmp -s "$1" "$W/big.txt"; then
		echo "the stored file is not big.txt ($*)" >&2
		return 1
	fi
	if [ -n "$(ls -A "$DATA/tmp")" ]; then
		echo "spool files left in data/tmp: $(ls -A "$DATA/tmp")" >&2
		return 1
	fi
	rm -rf "$DATA/releases/$id/files"
	echo "$((t1 - t0)) $(fields "$W/time.up")"
}

# run_cat [sync]: cat big.txt to a copy on the same disk; "ns peak_KiB elapsed".
run_cat() {
	local t0 t1
	rm -f "$W/copy"
	t0=$(ns)
	if [ "${1:-}" = sync ]; then
		"$TIME" -v -o "$W/time.cat" sh -c 'cat "$1" >"$2" && sync "$2"' sh \
		    "$W/big.txt" "$W/copy"
	else
		"$TIME" -v -o "$W/time.cat" cat "$W/big.txt" >"$W/copy"
	fi
	t1=$(ns)
	cmp -s "$W/big.txt" "$W/copy" || { echo "cat made a bad copy" >&2; return 1; }
	rm -f "$W/copy"
	echo "$((t1 - t0)) $(fields "$W/time.cat")"
}

# magic_kib: libmagic alone on big.txt (file(1), same library and
# database, default parameters): its peak RSS in KiB, or "-".
magic_kib() {
	command -v file >/dev/null 2>&1 || { echo -; return; }
	"$TIME" -f %M -o "$W/time.magic" file --mime-type "$W/big.txt" >/dev/null &&
	    cat "$W/time.magic"
}

ROWS=$W/rows
: >"$ROWS"
worst_kib=0
worst_magic=0
for mib in $SIZES; do
	make_big "$mib" || exit 1
	make_body
	sync "$W/big.txt" "$W/body"
	bytes=$(stat -c %s "$W/big.txt")
	: >"$W/r.up"; : >"$W/r.cat"; : >"$W/r.sync"
	i=0
	while [ $i -lt "$REPS" ]; do
		run_cat >>"$W/r.cat" || exit 1
		run_cat sync >>"$W/r.sync" || exit 1
		run_upload >>"$W/r.up" || exit 1
		i=$((i + 1))
	done
	for f in up cat sync; do
		echo "# $mib MiB $f (ns peak_KiB elapsed): $(tr '\n' ';' <"$W/r.$f")" >&2
	done
	up_ns=$(cut -d' ' -f1 "$W/r.up" | median)
	up_kib=$(cut -d' ' -f2 "$W/r.up" | sort -n | tail -1)
	up_el=$(awk -v m="$up_ns" '$1 == m { print $3; exit }' "$W/r.up")
	cat_ns=$(cut -d' ' -f1 "$W/r.cat" | median)
	cat_kib=$(cut -d' ' -f2 "$W/r.cat" | sort -n | tail -1)
	sync_ns=$(cut -d' ' -f1 "$W/r.sync" | median)
	[ "$up_kib" -gt "$worst_kib" ] && worst_kib=$up_kib
	mk=$(magic_kib)
	[ "$mk" != - ] && [ "$mk" -gt "$worst_magic" ] && worst_magic=$mk
	printf '| %s MiB | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$mib" \
	    "$(mbps "$bytes" "$up_ns")" "$up_el" "$up_kib" "$mk" \
	    "$(mbps "$bytes" "$cat_ns")" "$(mbps "$bytes" "$sync_ns")" "$cat_kib" \
	    "$(awk -v a="$up_ns" -v b="$cat_ns" 'BEGIN { printf "%.2f", a / b }')" \
	    "$(awk -v a="$up_ns" -v b="$sync_ns" 'BEGIN { printf "%.2f", a / b }')" >>"$ROWS"
	rm -f "$W/big.txt" "$W/body"
done

echo "pressroom-upload as plain CGI (median of $REPS runs; peak RSS: the largest of them):"
echo
echo '| body | upload MB/s | upload elapsed (time -v) | upload peak RSS (KiB) | file --mime-type peak RSS (KiB) | cat MB/s | cat+sync MB/s | cat peak RSS (KiB) | upload time / cat | upload time / cat+sync |'
echo '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
cat "$ROWS"
echo
if [ "$worst_kib" -lt "$CLAIM_KIB" ]; then
	echo "Claim holds: the largest peak RSS, $worst_kib KiB, is under 16 MiB ($CLAIM_KIB KiB)."
else
	echo "CLAIM FAILS: a peak RSS of $worst_kib KiB is not under 16 MiB ($CLAIM_KIB KiB)."
fi
[ "$worst_magic" -gt 0 ] &&
    echo "libmagic alone (file --mime-type on the same big.txt) peaks at $worst_magic KiB."

[ "${BENCH_NGINX:-1}" = 0 ] && exit 0
command -v nginx >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 ||
    { echo "(no nginx or curl: the run through nginx is left out)"; exit 0; }

# ---- 100 MiB through nginx, FastCGI, one worker ---------------------------------

make_big 100 || exit 1
make_body
sync "$W/big.txt" "$W/body"
bytes=$(stat -c %s "$W/big.txt")
started=no
for _ in 1 2 3 4 5; do
	PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000 ))
	if STACK_WORKERS=1 stack_start "$ROOT" "$BUILD" "$PORT" 2>"$W/start.err"; then
		started=yes
		break
	fi
done
[ $started = yes ] || { cat "$W/start.err"; exit 1; }
URL=http://127.0.0.1:$PORT
worker=$(ps -o pid= --ppid "$(cat "$ROOT/run/upload.pid")" | tr -d ' ' | head -1)
hwm() { awk '/^VmHWM:/ { print $2 }' "/proc/$worker/status"; }

# via_nginx chunked|length: "status seconds peak_KiB"
via_nginx() {
	local id te out
	id=$(new_release) || return 1
	# curl -T streams the file; it sends its length unless told "chunked".
	te=
	[ "$1" = chunked ] && te='Transfer-Encoding: chunked'
	echo 5 >"/proc/$worker/clear_refs"	# VmHWM := VmRSS
	out=$(curl -s -o "$W/resp" -X POST -T "$W/body" -H 'Expect:' ${te:+-H "$te"} \
	    -H "Content-Type: multipart/form-data; boundary=$BOUNDARY" \
	    -b "pr_session=$SID" --max-time 120 \
	    -w '%{http_code} %{time_total}' "$URL/upload/release/$id")
	set -- "$DATA/releases/$id/files/"*
	if [ $# -ne 1 ] || ! cmp -s "$1" "$W/big.txt"; then
		echo "through nginx ($1): the stored file is not big.txt (answer ${out%% *})" >&2
		head -c 400 "$W/resp" >&2
		return 1
	fi
	rm -rf "$DATA/releases/$id/files"
	echo "$out $(hwm)"
}

before=$(hwm)
echo
echo "100 MiB through nginx (curl on loopback, one FastCGI worker; VmHWM of the worker, reset before each request; $before KiB at rest):"
echo
echo '| request | answer | MB/s | worker peak RSS (KiB) |'
echo '| --- | ---: | ---: | ---: |'
for mode in length chunked; do
	i=0
	: >"$W/r.ng"
	while [ $i -lt "$REPS" ]; do
		via_nginx $mode >>"$W/r.ng" || exit 1
		i=$((i + 1))
	done
	echo "# nginx $mode (status s peak_KiB): $(tr '\n' ';' <"$W/r.ng")" >&2
	s=$(cut -d' ' -f2 "$W/r.ng" | median)
	printf '| %s | %s | %s | %s |\n' \
	    "$([ $mode = chunked ] && echo 'Transfer-Encoding: chunked' || echo 'Content-Length')" \
	    "$(cut -d' ' -f1 "$W/r.ng" | sort -u | tr '\n' ' ' | sed 's/ $//')" \
	    "$(awk -v b="$bytes" -v s="$s" 'BEGIN { printf "%.0f", b / s / 1e6 }')" \
	    "$(cut -d' ' -f3 "$W/r.ng" | sort -n | tail -1)"
done
