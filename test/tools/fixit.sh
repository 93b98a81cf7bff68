#!/bin/sh
# usage: fixit.sh WORK FIXTURE GOLDEN [extra clang flags...]
#
# The check every fix-it test runs:
#   1. copy FIXTURE (and the files beside it it includes) to WORK;
#   2. compile it (VIMAGE) to before.o;
#   3. apply the plugin's fix-its with -Xclang -fixit;
#   4. compare the result with GOLDEN (diff -u);
#   5. recompile the result with -Werror and the plugin, with VIMAGE
#      (after.o) and without: it compiles, with no warning;
#   6. run the plugin again: no fix-it is left (idempotent);
#   7. compare before.o and after.o (shrink.py).
# Prints one verdict line per step; exits 1 on the first failure.
set -u
work=$1 fixture=$2 golden=$3
shift 3
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}
plugin=${MODSPACE_PLUGIN:?}
kflags="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
-D_KERNEL -DKLD_MODULE -I $top/test/include"
src="$work/$(basename "$fixture")"

rm -rf "$work" && mkdir -p "$work"
cp "$(dirname "$fixture")"/*.h "$work"/ 2>/dev/null
cp "$fixture" "$src"

# shellcheck disable=SC2086
cc() { "$bin/clang" $kflags -fplugin="$plugin" "$@"; }

cc -DVIMAGE "$@" -c "$src" -o "$work/before.o" 2>"$work/before.err" ||
    { echo "before: does not compile"; cat "$work/before.err"; exit 1; }
cc -DVIMAGE "$@" -fsyntax-only -Xclang -fixit "$src" 2>"$work/fixit.err" ||
    { echo "fixit: failed"; cat "$work/fixit.err"; exit 1; }
if diff -u "$golden" "$src" > "$work/golden.diff"; then
	echo "golden: same"
else
	echo "golden: DIFFERENT"; cat "$work/golden.diff"; exit 1
fi
cc -DVIMAGE -Werror "$@" -c "$src" -o "$work/after.o" 2>"$work/after.err" ||
    { echo "recompile VIMAGE: FAILED"; cat "$work/after.err"; exit 1; }
echo "recompile VIMAGE -Werror: ok"
cc -Werror "$@" -c "$src" -o "$work/after-novimage.o" \
    2>"$work/after-novimage.err" ||
    { echo "recompile non-VIMAGE: FAILED"; cat "$work/after-novimage.err";
      exit 1; }
echo "recompile non-VIMAGE -Werror: ok"
cc -DVIMAGE "$@" -fsyntax-only -fdiagnostics-parseable-fixits "$src" \
    2>"$work/again.err"
if grep -q '^fix-it:' "$work/again.err"; then
	echo "idempotent: NO, fix-its left"; grep '^fix-it:' "$work/again.err"
	exit 1
fi
echo "idempotent: ok"
python3 "$top/test/tools/shrink.py" "$work/before.o" "$work/after.o"
