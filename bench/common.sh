# common.sh: what bench/archive.sh and bench/publish.sh share, sourced by
# both from the top of the tree (the data functions once ADMIN, BENCH_DIR,
# SEED and SEED_TEXT are set, and tests/lib/stack.sh is sourced).
#
# ---- The machine and the source -------------------------------------------

# bench_rev: the commit measured, and whether the tree differs from it.
bench_rev() {
	local rev
	if command -v git >/dev/null 2>&1 && [ -d .git ]; then
		rev=$(git rev-parse --short HEAD 2>/dev/null)
		[ -n "$(GIT_OPTIONAL_LOCKS=0 git status --porcelain -uno 2>/dev/null)" ] &&
		    rev="$rev with uncommitted changes"
		echo "$rev"
	else
		echo unknown
	fi
}

# bench_machine: "Machine: CPUs (model, arch), RAM, OS," (a line to go on).
bench_machine() {
	local model mem os
	model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	os=$( (. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") || uname -s)
	echo "Machine: $(nproc) CPU ($model, $(uname -m)), $mem RAM, $os,"
}

# ---- The generated data directories ----------------------------------------
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
