#!/bin/sh
# make demo: modspace on the bundled ip_mroute-like example.
# Compiles it as a VIMAGE kernel module with the plugin, shows the
# warnings and the layout table, then the object's own figures.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=/usr/lib/llvm-19/bin
out="$build/demo"
mkdir -p "$out"
kflags="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
-D_KERNEL -DKLD_MODULE -DVIMAGE -I $top/test/include"
src="$top/test/example/ip_mroute_like.c"

echo "== modspace on test/example/ip_mroute_like.c (VIMAGE, amd64) =="
echo "\$ clang-19 ... -fplugin=modspace.so -fplugin-arg-modspace-summary -c ip_mroute_like.c"
# shellcheck disable=SC2086
"$bin/clang" $kflags -fplugin="$build/plugin/modspace.so" \
    -fplugin-arg-modspace-summary \
    -fplugin-arg-modspace-report="$out/ip_mroute_like.json" \
    -c "$src" -o "$out/ip_mroute_like.o" 2>&1 | sed 's|'"$top"'/||g'
echo
echo "== the object agrees (llvm-readelf -S, llvm-nm -S --size-sort) =="
"$bin/llvm-readelf" -S -W "$out/ip_mroute_like.o" | grep -E 'Name|set_vnet'
"$bin/llvm-nm" -S --size-sort "$out/ip_mroute_like.o" | grep vnet_entry_
python3 - "$out/ip_mroute_like.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = next(x for x in r["sections"] if x["name"] == "set_vnet")
print("\nmodule space: %d of %d bytes (%.1f%%), %s layout; JSON report: %s"
      % (s["module_cost"], s["module_space"],
         100.0 * s["module_cost"] / s["module_space"], r["layout"],
         sys.argv[1]))
PY
