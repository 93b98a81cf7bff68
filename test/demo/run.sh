#!/bin/sh
# make demo: modspace on the bundled ip_mroute-like example.
#  1. the report: each variable, its bytes, the module's total against the
#     32 KiB vnet module space (figures from the object);
#  2. the fix-its, applied with -Xclang -fixit (two arrays; the third is
#     blocked by a sysctl, and the note says what to write by hand);
#  3. the second run, after that handler is written by hand;
#  4. before and after, from the objects.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=/usr/lib/llvm-19/bin
out="$build/demo"
rm -rf "$out" && mkdir -p "$out"
kflags="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
-D_KERNEL -DKLD_MODULE -DVIMAGE -I $top/test/include"
plugin="-fplugin=$build/plugin/modspace.so"
ex="$top/test/example"

# shellcheck disable=SC2086
cc() { "$bin/clang" $kflags $plugin "$@" 2>&1 | sed 's|'"$top"'/||g; s|'"$out"'/||g'; }
section() {
	printf '%d' "0x$("$bin/llvm-readelf" -S -W "$1" |
	    awk '{ for (i = 1; i < NF; i++) if ($i == "set_vnet") print $(i + 4) }')"
}

echo "== 1. modspace on test/example/ip_mroute_like.c (VIMAGE, amd64) =="
echo "\$ clang-19 ... -fplugin=modspace.so -fplugin-arg-modspace-summary -c ip_mroute_like.c"
cc -fplugin-arg-modspace-summary \
    -fplugin-arg-modspace-report="$out/ip_mroute_like.json" \
    -c "$ex/ip_mroute_like.c" -o "$out/before.o"
echo
echo "The object agrees (llvm-nm -S --size-sort):"
"$bin/llvm-nm" -S --size-sort "$out/before.o" | grep vnet_entry_

echo
echo "== 2. the fix-its: clang-19 ... -fplugin=modspace.so -Xclang -fixit =="
cp "$ex/ip_mroute_like.c" "$out/ip_mroute_like.c"
cc -fsyntax-only -Xclang -fixit "$out/ip_mroute_like.c" | grep -E 'note:' || true
diff -u "$ex/ip_mroute_like.c" "$out/ip_mroute_like.c" |
    sed 's|'"$top"'/||g; s|'"$out"'/||g' || true

echo
echo "== 3. after the sysctl handler is written by hand, the second run =="
cp "$ex/ip_mroute_like.handwritten.c" "$out/ip_mroute_like.c"
cc -fsyntax-only -Xclang -fixit "$out/ip_mroute_like.c" | grep -E 'note:' || true
diff -u "$ex/ip_mroute_like.handwritten.c" "$out/ip_mroute_like.c" |
    sed 's|'"$top"'/||g; s|'"$out"'/||g' || true

echo
echo "== 4. before and after, from the objects =="
cc -c "$out/ip_mroute_like.c" -o "$out/after.o" \
    -fplugin-arg-modspace-threshold=1400 -fplugin-arg-modspace-summary
python3 "$top/test/tools/shrink.py" "$out/before.o" "$out/after.o"
b=$(section "$out/before.o")
a=$(section "$out/after.o")
echo "vnet module space: $b bytes before, $a bytes after, of 32768"

echo
echo "== 5. modspace-elf on the objects: report, diff, a budget gate =="
elf="$build/tools/modspace-elf/modspace-elf"
"$elf" "$out/before.o" "$out/after.o" | sed 's|'"$out"'/||g'
echo "\$ modspace-elf --diff before.o after.o"
"$elf" --diff "$out/before.o" "$out/after.o"
echo "\$ modspace-elf --budget 8K before.o after.o"
"$elf" --budget 8K "$out/before.o" "$out/after.o" 2>&1 >/dev/null |
    sed 's|'"$out"'/||g'
