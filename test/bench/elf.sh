#!/bin/sh
# modspace-elf reading 1 000 objects (part of make bench; not a timed
# test).  Prints the wall time of one run over a directory of 1 000
# relocatable objects, and its instruction count under callgrind.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
out="$build/bench/elf1000"
tool="$build/tools/modspace-elf/modspace-elf"
rm -rf "$out" && mkdir -p "$out"
/usr/lib/llvm-19/bin/clang -target x86_64-unknown-freebsd13.0 \
    -ffreestanding -nostdinc -D_KERNEL -DKLD_MODULE -DVIMAGE \
    -I "$top/test/include" -c "$top/test/example/ip_mroute_like.c" \
    -o "$out/m0000.o"
i=1
while [ $i -lt 1000 ]; do
	cp "$out/m0000.o" "$out/m$(printf %04d $i).o"
	i=$((i + 1))
done
start=$(date +%s%N)
"$tool" "$out" > /dev/null
end=$(date +%s%N)
echo "modspace-elf: 1000 objects in $(( (end - start) / 1000000 )) ms"
valgrind --tool=callgrind --callgrind-out-file="$out.cg" "$tool" "$out" \
    > /dev/null 2>&1
awk '/^summary:/ { printf "modspace-elf: 1000 objects, %d instructions\n", $2 }' \
    "$out.cg"
