#!/bin/sh
# make bench: the plugin's cost in instructions (callgrind), not seconds.
# For clang-19 -fsyntax-only with and without -fplugin=modspace.so, on the
# bundled example, on a generated TU with 10 000 VNET variables and
# 100 000 uses, and on three generated network-stack-shaped TUs.  Targets:
# at most 1 % extra on the example and the stack TUs, 5 % on the 10 000
# variables.  "own" is the part the plugin's functions execute themselves
# (test/bench/own_cost.py), "floor" what a plugin that does nothing costs.
# Figures are recorded in docs/benchmarks.md.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$build/bench"
mkdir -p "$out"
clang=/usr/lib/llvm-19/bin/clang
kflags="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
-D_KERNEL -DKLD_MODULE -DVIMAGE -I $top/test/include"
plugin="-fplugin=$build/plugin/modspace.so -fplugin-arg-modspace-threshold=1G \
-fplugin-arg-modspace-budget=1G"

python3 "$top/test/bench/gen_tu.py" 10000 100000 1 > "$out/gen10k.c"
# Shaped like a large network-stack file (issue 14): 400 functions, heavy
# macros, 60 per-vnet variables, none, two or three of them large arrays
# (the issue's shape has 0 to 3); with the default options, so that the
# use finder runs when a table is large.
python3 "$top/test/bench/gen_stack.py" 400 60 0 > "$out/stack0.c"
python3 "$top/test/bench/gen_stack.py" 400 60 2 > "$out/stack2.c"
python3 "$top/test/bench/gen_stack.py" 400 60 3 > "$out/stack3.c"

# Instructions executed by one command (the driver runs cc1 in-process).
count() {
	rm -f "$out/cg.out"
	valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$@" \
	    > /dev/null 2>&1
	awk '/^(summary|totals):/ { print $2; exit }' "$out/cg.out"
}

# One row: FILE, its target in percent, a label, how many heap layouts
# to measure it in, whether to measure the floor (yes/no), then the
# plugin's flags.  $mode is what the compiler does: -fsyntax-only, or a
# full -c -O2.
#
# Where the plugin's allocations put clang's identifiers changes how long
# clang's pointer-keyed tables probe: tens of thousands of instructions
# either way on the example, millions on a large TU, a different amount
# for every command line.  With LAYOUTS > 1 the row is measured under that
# many layouts (a -D of an unused macro, longer each time, moves the heap
# for both runs alike) and shows the one with the median extra.  "floor"
# is what a plugin that does nothing costs in the same layout
# (test/bench/empty_plugin.cpp): loading a .so and clang's plugin
# machinery, which no saving in modspace goes below.
mode=-fsyntax-only
empty="$build/test/modspace-bench-empty.so"
row() {
	file=$1 target=$2 label=$3 layouts=$4 want_floor=$5
	shift 5
	: > "$out/row"
	k=1
	while [ "$k" -le "$layouts" ]; do
		pad=$(printf "%$((8 * k))s" "" | tr ' ' x)
		# shellcheck disable=SC2086
		base=$(count "$clang" $kflags -D__MODSPACE_BENCH_LAYOUT=$pad \
		    $mode "$file")
		floor=-
		if [ "$want_floor" = yes ]; then
			# shellcheck disable=SC2086
			floor=$(count "$clang" $kflags \
			    -D__MODSPACE_BENCH_LAYOUT=$pad -fplugin="$empty" \
			    $mode "$file")
		fi
		# shellcheck disable=SC2086
		with=$(count "$clang" $kflags -D__MODSPACE_BENCH_LAYOUT=$pad \
		    "$@" $mode "$file")
		# What the plugin's own functions and their calls into clang
		# execute: the extra count less loading the .so and less the
		# layout effect (docs/benchmarks.md).
		own=$(python3 "$top/test/bench/own_cost.py" "$out/cg.out" \
		    modspace.so)
		echo "$base $with $own $floor" >> "$out/row"
		k=$((k + 1))
	done
	awk '{ print ($2 - $1) / $1, $0 }' "$out/row" | sort -g |
	    awk -v n="$layouts" 'NR == int((n + 1) / 2) { $1 = ""; print }' |
	    awk -v f="$label" -v t="$target" -v n="$layouts" \
	    '{ b = $1; w = $2; o = $3; e = 100 * (w - b) / b;
	      fl = ($4 == "-") ? "-" : sprintf("%.2f%%", 100 * ($4 - b) / b);
	      printf "%-28s %15.0f %15.0f %7.2f%% %7.2f%% %7s %6s%% %2d %s\n",
	        f, b, w, e, 100 * o / b, fl, t, n, (e <= t ? "ok" : "OVER") }'
}

printf '%-28s %15s %15s %8s %8s %7s %7s %2s\n' input without with extra own \
    floor target n
# shellcheck disable=SC2086
row "$top/test/example/ip_mroute_like.c" 1 ip_mroute_like.c 5 yes $plugin
# shellcheck disable=SC2086
row "$out/gen10k.c" 5 gen10k.c 1 no $plugin
# With the default options, so that the use finder runs when a table is
# large.
row "$out/stack0.c" 1 "stack0.c (defaults)" 3 no \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack2.c" 1 "stack2.c (defaults)" 3 no \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack3.c" 1 "stack3.c (defaults)" 3 no \
    -fplugin="$build/plugin/modspace.so"
# A full compile: the plugin takes the layout from the IR, and the
# optimiser dwarfs the parse (issue 14: at most 0.2 % on the stack TUs).
# On the example, loading any plugin costs half of that (the floor): the
# quiet row is its analysis; with the defaults it also prints three
# warnings with their fix-its.
mode="-c -O2 -o /dev/null"
# shellcheck disable=SC2086
row "$top/test/example/ip_mroute_like.c" 0.2 "ip_mroute_like.c -c -O2" 5 yes \
    $plugin
row "$top/test/example/ip_mroute_like.c" 0.2 "  the same, defaults" 1 yes \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack0.c" 0.2 "stack0.c -c -O2" 1 no \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack2.c" 0.2 "stack2.c -c -O2" 1 no \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack3.c" 0.2 "stack3.c -c -O2" 1 no \
    -fplugin="$build/plugin/modspace.so"
