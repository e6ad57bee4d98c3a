#!/bin/sh
# Every fuzz harness replays its seed corpus and fuzzes for a few seconds
# without a crash (the bounded `make fuzz` runs longer).
. tests/lib/tap.sh
n=0
for f in build-fuzz/fuzz-*; do
	[ -x "$f" ] || continue
	name=${f##*/fuzz-}
	mkdir -p "build-fuzz/corpus-fuzz-$name"
	"$f" -max_total_time="${FUZZ_TEST_SECONDS:-4}" -max_len=65536 \
	    -artifact_prefix=build-fuzz/ \
	    "build-fuzz/corpus-fuzz-$name" "tests/fuzz/corpus/$name" \
	    >"build-fuzz/$name.test.log" 2>&1
	rc=$?
	ok $rc "fuzz-$name: corpus replayed and fuzzed without a crash"
	[ $rc -eq 0 ] || tail -30 "build-fuzz/$name.test.log" | sed 's/^/# /'
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "1..0 # SKIP no fuzz harness built (make needs clang)"; exit 0; }
done_testing
