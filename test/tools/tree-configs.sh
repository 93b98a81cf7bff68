#!/bin/sh
# usage: tree-configs.sh TREE
#
# Compiles every TU of the CLI fixture tree (TREE/sys/modules/*/*.c) with
# -Werror and the plugin, in every configuration the tree's #ifs allow
# (VIMAGE on and off, FLOW_DEBUG on and off), and prints each fix-it the
# plugin still offers, each diagnostic, and "FAILED" for a compile that
# fails; then "N compiles".
set -u
tree=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}
plugin=${MODSPACE_PLUGIN:?}
out=$(mktemp -d)
n=0
for f in "$tree"/sys/modules/*/*.c; do
	for d in "-DVIMAGE -DFLOW_DEBUG" "-DVIMAGE" "-DFLOW_DEBUG" ""; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		"$bin/clang" -target x86_64-unknown-freebsd13.0 -ffreestanding \
		    -nostdinc -D_KERNEL -DKLD_MODULE -I "$top/test/include" \
		    -I "$(dirname "$f")" -fplugin="$plugin" $d -Werror \
		    -fdiagnostics-parseable-fixits -c "$f" -o "$out/tu.o" \
		    2> "$out/err" || echo "FAILED: $f $d"
		grep -E 'fix-it:|error:' "$out/err"
	done
done
rm -rf "$out"
echo "$n compiles"
