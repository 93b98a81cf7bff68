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

echo
echo "== 6. the picture: where the 32 KiB went, and why the next kldload fails =="
# A kernel with the stock reserves, and a second module with a 12000-byte
# table: it does not fit next to the example, and does after the fix.
printf '#include <sys/pcpu.h>\n#include <net/vnet.h>\nVNET_DEFINE_STATIC(char, modspace[VNET_MODMIN]) __aligned(8);\nDPCPU_DEFINE_STATIC(char, modspace[DPCPU_MODMIN]);\n' \
    > "$out/kernel.c"
printf '#include <net/vnet.h>\nVNET_DEFINE(char, table[12000]);\n' \
    > "$out/other.c"
# shellcheck disable=SC2086
"$bin/clang" $kflags -c "$out/kernel.c" -o "$out/kernel.o"
"$bin/ld.lld" -e 0 "$out/kernel.o" -o "$out/kernel"
# shellcheck disable=SC2086
"$bin/clang" $kflags -c "$out/other.c" -o "$out/other.ko"
cp "$out/before.o" "$out/ip_mroute.ko"
cp "$out/after.o" "$out/ip_mroute_fixed.ko"
for when in before after; do
	mod=ip_mroute.ko
	[ "$when" = after ] && mod=ip_mroute_fixed.ko
	echo "\$ modspace-elf --load kernel --svg module-space-$when.svg --html module-space-$when.html $mod other.ko"
	"$elf" --load "$out/kernel" --svg "$out/module-space-$when.svg" \
	    --html "$out/module-space-$when.html" "$out/$mod" "$out/other.ko" |
	    sed 's|'"$out"'/||g' || true
done
echo "pictures: $out/module-space-before.html, $out/module-space-after.html (and .svg)"
