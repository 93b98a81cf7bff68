#!/bin/sh
# make bench: the plugin's cost in instructions (callgrind), not seconds.
# For clang-19 -fsyntax-only with and without -fplugin=modspace.so, on the
# bundled example and on a generated TU with 10 000 VNET variables and
# 100 000 uses.  Targets: at most 1 % extra on the example, 5 % on the
# generated TU.  Figures are recorded in docs/benchmarks.md.
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

# Instructions executed by one command (the driver runs cc1 in-process).
count() {
	rm -f "$out/cg.out"
	valgrind --tool=callgrind --callgrind-out-file="$out/cg.out" "$@" \
	    > /dev/null 2>&1
	awk '/^(summary|totals):/ { print $2; exit }' "$out/cg.out"
}

printf '%-28s %15s %15s %8s %7s\n' input without with extra target
for input in "$top/test/example/ip_mroute_like.c:1" "$out/gen10k.c:5"; do
	file=${input%:*}
	target=${input##*:}
	# shellcheck disable=SC2086
	base=$(count "$clang" $kflags -fsyntax-only "$file")
	# shellcheck disable=SC2086
	with=$(count "$clang" $kflags $plugin -fsyntax-only "$file")
	awk -v f="$(basename "$file")" -v b="$base" -v w="$with" -v t="$target" \
	    'BEGIN { e = 100 * (w - b) / b;
	      printf "%-28s %15.0f %15.0f %7.2f%% %6s%% %s\n", f, b, w, e, t,
	        (e <= t ? "ok" : "OVER") }'
done
