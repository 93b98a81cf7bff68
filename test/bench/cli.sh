#!/bin/sh
# make bench, the CLI: instructions (callgrind, every thread and child
# process summed), not seconds.  Over a generated tree of NTUS (default
# 200) TUs in four modules:
#   modspace -j2 --fast   against  clang-19 -fsyntax-only, xargs -P2
#   modspace -j2          against  clang-19 -c -emit-llvm -o /dev/null, xargs -P2
# with the database's own flags (-O2).  Target: at most 1.1 times the
# compiler's count.  Figures are recorded in docs/benchmarks.md.
set -eu
build=${1:-build}
ntus=${NTUS:-200}
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$build/bench/cli"
clang=/usr/lib/llvm-19/bin/clang
rm -rf "$out" && mkdir -p "$out"
# A copy: a rebuild during the (long) run must not change the program.
cp "$build/tools/modspace/modspace" "$out/modspace"
modspace="$out/modspace"
python3 "$top/test/bench/gen_tree.py" "$ntus" "$out/tree"
flags=$(cat "$out/tree/flags")

# Instructions of a command and of every process it starts.
count() {
	rm -rf "$out/cg" && mkdir -p "$out/cg"
	# modspace exits 1 when a module is over its budget (the generated
	# tree's are): a finding, not a failure of the run.
	status=0
	valgrind --tool=callgrind --trace-children=yes \
	    --callgrind-out-file="$out/cg/cg.%p" "$@" > /dev/null 2>&1 ||
	    status=$?
	if [ "$status" -gt 1 ]; then
		echo "cli.sh: $1 exited $status" >&2
		exit 1
	fi
	cat "$out/cg"/cg.* |
	    awk '/^summary:/ { s += $2 } END { printf "%.0f\n", s }'
}

printf '%-44s %15s %15s %6s\n' run instructions compiler ratio
row() {
	awk -v n="$1" -v m="$2" -v c="$3" 'BEGIN { r = m / c;
	    printf "%-44s %15.0f %15.0f %6.3f %s\n", n, m, c, r,
	    (r <= 1.1 ? "ok" : "OVER") }'
}
# shellcheck disable=SC2086
base=$(count xargs -P2 -n1 -a "$out/tree/files" "$clang" $flags -fsyntax-only)
fast=$(count "$modspace" -p "$out/tree" -j2 --fast --output=/dev/null)
row "modspace -j2 --fast ($ntus TUs)" "$fast" "$base"
# shellcheck disable=SC2086
base=$(count xargs -P2 -n1 -a "$out/tree/files" "$clang" $flags -c \
    -emit-llvm -o /dev/null)
exact=$(count "$modspace" -p "$out/tree" -j2 --output=/dev/null)
row "modspace -j2 ($ntus TUs, exact)" "$exact" "$base"
