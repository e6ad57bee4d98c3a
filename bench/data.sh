# data.sh: the generated data directories that bench/archive.sh and
# bench/publish.sh share, sourced by both (after ADMIN, BENCH_DIR, SEED
# and SEED_TEXT are set, and tests/lib/stack.sh is sourced).
#
# BENCH_DIR/archive-N-sSEED holds pressroom.conf and data/, made once by
# "pressroom-admin generate -s SEED N SEED_TEXT"; the file "generated"
# says it is complete, "index-source" which program wrote its index.

# What the index file depends on: the code that writes it.
index_source() { cksum <"$ADMIN"; }

# bench_generated N: the directory of N releases, made if it is not there
# yet; one that is there is not touched.
bench_generated() {
	local n=$1 c t0 t1
	c=$BENCH_DIR/archive-$n-s$SEED
	if [ "$(cat "$c/generated" 2>/dev/null)" = "$n $SEED" ]; then
		echo "$c"
		return 0
	fi
	rm -rf "$c"
	mkdir -p "$c/data" && chmod 700 "$c/data" || return 1
	stack_conf "$c"
	echo "generating $n releases in $c (once)" >&2
	t0=$(date +%s)
	"$ADMIN" -c "$c/pressroom.conf" generate -s "$SEED" "$n" "$SEED_TEXT" >&2 ||
	    { rm -rf "$c"; return 1; }
	t1=$(date +%s)
	echo "generated in $((t1 - t0)) s" >&2
	index_source >"$c/index-source"
	echo "$n $SEED" >"$c/generated"
	echo "$c"
}
