#!/bin/sh
# make bench: the plugin's cost in instructions (callgrind), not seconds.
# For clang-19 -fsyntax-only with and without -fplugin=modspace.so, on the
# bundled example, on a generated TU with 10 000 VNET variables and
# 100 000 uses, and on two generated network-stack-shaped TUs.  Targets:
# at most 1 % extra on the example and the stack TUs, 5 % on the 10 000
# variables.  "own" is the part the plugin's functions execute themselves
# (test/bench/own_cost.py).  Figures are recorded in docs/benchmarks.md.
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
# macros, 60 per-vnet variables, none or two of them large arrays; with
# the default options, so that the use finder runs when a table is large.
python3 "$top/test/bench/gen_stack.py" 400 60 0 > "$out/stack0.c"
python3 "$top/test/bench/gen_stack.py" 400 60 2 > "$out/stack2.c"

# Instructions executed by one command (the driver runs cc1 in-process).
count() {
	rm -f "$out/cg.out"
	valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$@" \
	    > /dev/null 2>&1
	awk '/^(summary|totals):/ { print $2; exit }' "$out/cg.out"
}

# One row: FILE, its target in percent, a label, then the plugin's flags.
# $mode is what the compiler does: -fsyntax-only, or a full -c -O2.
mode=-fsyntax-only
row() {
	file=$1 target=$2 label=$3
	shift 3
	# shellcheck disable=SC2086
	base=$(count "$clang" $kflags $mode "$file")
	# shellcheck disable=SC2086
	with=$(count "$clang" $kflags "$@" $mode "$file")
	# What the plugin's own functions and their calls into clang execute:
	# the extra count less loading the .so and less the layout effect on
	# clang's pointer-keyed tables (docs/benchmarks.md).
	own=$(python3 "$top/test/bench/own_cost.py" "$out/cg.out" modspace.so)
	awk -v f="$label" -v b="$base" -v w="$with" -v o="$own" -v t="$target" \
	    'BEGIN { e = 100 * (w - b) / b;
	      printf "%-28s %15.0f %15.0f %7.2f%% %7.2f%% %6s%% %s\n", f, b, w,
	        e, 100 * o / b, t, (e <= t ? "ok" : "OVER") }'
}

printf '%-28s %15s %15s %8s %8s %7s\n' input without with extra own target
# shellcheck disable=SC2086
row "$top/test/example/ip_mroute_like.c" 1 ip_mroute_like.c $plugin
# shellcheck disable=SC2086
row "$out/gen10k.c" 5 gen10k.c $plugin
# With the default options, so that the use finder runs when a table is
# large.
row "$out/stack0.c" 1 "stack0.c (defaults)" -fplugin="$build/plugin/modspace.so"
row "$out/stack2.c" 1 "stack2.c (defaults)" -fplugin="$build/plugin/modspace.so"
# A full compile: the plugin takes the layout from the IR, and the
# optimiser dwarfs the parse (issue 14: at most 0.2 %).
mode="-c -O2 -o /dev/null"
row "$top/test/example/ip_mroute_like.c" 0.2 "ip_mroute_like.c -c -O2" \
    -fplugin="$build/plugin/modspace.so"
row "$out/stack0.c" 0.2 "stack0.c -c -O2" -fplugin="$build/plugin/modspace.so"
row "$out/stack2.c" 0.2 "stack2.c -c -O2" -fplugin="$build/plugin/modspace.so"
