#!/bin/sh
# usage: fixone.sh WORK FILE [flags...]
#
# Applies the plugin's fix-its to a copy of FILE (with -DVIMAGE and FLAGS),
# then compiles the result with the kernel's warning flags and -Werror
# with and without VIMAGE (and FLAGS).  Prints the plugin's notes, the
# diff of the fix (without its header) and one verdict line per build;
# exits 1 if a build fails.  For the small cases of fixit/shapes.test.
set -u
work=$1 file=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}
plugin=${MODSPACE_PLUGIN:?}
k="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc -D_KERNEL \
-DKLD_MODULE -I $top/test/include"
w="-Wall -Wmissing-prototypes -Wredundant-decls -Wnested-externs \
-Wstrict-prototypes -Wpointer-arith -Wcast-qual -Wundef -Wno-pointer-sign"
rm -rf "$work" && mkdir -p "$work"
out="$work/$(basename "$file")"
cp "$file" "$out"
cp "$(dirname "$file")"/*.h "$work"/ 2>/dev/null
# shellcheck disable=SC2086
"$bin/clang" $k -fplugin="$plugin" -DVIMAGE "$@" -fsyntax-only \
    -Xclang -fixit "$out" 2> "$work/fixit.err"
grep -o 'note: no fix-it for .*' "$work/fixit.err"
if diff -u "$file" "$out" > "$work/fix.diff"; then
	echo "unchanged"
else
	echo "changed"
	tail -n +3 "$work/fix.diff"
fi
status=0
for v in -DVIMAGE -UVIMAGE; do
	# shellcheck disable=SC2086
	if "$bin/clang" $k $w -Werror $v "$@" -fsyntax-only "$out" \
	    2> "$work/build.err"; then
		echo "build $v: ok"
	else
		echo "build $v: FAILED"; cat "$work/build.err"; status=1
	fi
done
exit $status
