#!/bin/sh
# usage: check.sh WORK ORIGINAL FIXED SCENARIO [VIMAGE|NOVIMAGE] [flags...]
#
# FLAGS (such as -DINET6) go to the module's and the scenario's compiles.
# The behaviour check: builds ORIGINAL and FIXED (module sources) with the
# userland VNET runtime and SCENARIO, under AddressSanitizer and
# LeakSanitizer, runs the same scenario on both, and compares the traces.
# Prints a verdict line per step; exits 1 on the first failure, with the
# runtime's or the sanitizer's message naming the problem.
set -u
work=$1 original=$2 fixed=$3 scenario=$4 mode=${5:-VIMAGE}
shift 4
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
sim="$top/test/vnetsim"
clang=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}/clang
san="-fsanitize=address -fno-omit-frame-pointer -g"
vimage=""
[ "$mode" = VIMAGE ] && vimage=-DVIMAGE

rm -rf "$work" && mkdir -p "$work"
# shellcheck disable=SC2086
"$clang" $san -std=c11 -D_DEFAULT_SOURCE -Wall -Werror -c "$sim/vnetsim.c" \
    -o "$work/vnetsim.o" &&
"$clang" $san -std=c11 -Wall -Werror -c "$sim/driver.c" -o "$work/driver.o" &&
"$clang" $san -std=c11 -Wall -Werror $vimage "$@" -c "$scenario" \
    -o "$work/scenario.o" ||
    { echo "runtime: does not build"; exit 1; }

for which in original fixed; do
	eval src=\$$which
	# The module (a file, or every .c of a directory): kernel-like headers
	# only, as in a kernel build.
	objs=""
	if [ -d "$src" ]; then files=$(ls "$src"/*.c); else files=$src; fi
	for f in $files; do
		o="$work/$which-$(basename "$f" .c).o"
		# shellcheck disable=SC2086
		"$clang" $san -ffreestanding -nostdinc -D_KERNEL -DKLD_MODULE \
		    -DMODSPACE_USERLAND $vimage -I "$top/test/include" \
		    -I "$(dirname "$f")" "$@" -c "$f" -o "$o" \
		    2> "$work/$which.cc" ||
		    { echo "$which: does not compile"; cat "$work/$which.cc";
		      exit 1; }
		objs="$objs $o"
	done
	# shellcheck disable=SC2086
	"$clang" $san "$work/vnetsim.o" "$work/driver.o" "$work/scenario.o" \
	    $objs -o "$work/$which" ||
	    { echo "$which: does not link"; exit 1; }
	ASAN_OPTIONS=detect_leaks=1:handle_abort=1 "$work/$which" \
	    > "$work/$which.trace" 2> "$work/$which.err"
	status=$?
	if [ $status -ne 0 ]; then
		echo "$which $mode: FAILED (exit $status)"
		grep -E '^vnetsim:|ERROR: (Address|Leak)Sanitizer|SUMMARY' \
		    "$work/$which.err"
		exit 1
	fi
	echo "$which $mode: ran, $(wc -l < "$work/$which.trace") trace lines, no leak"
done
if diff -u "$work/original.trace" "$work/fixed.trace" > "$work/trace.diff"; then
	echo "traces $mode: same"
else
	echo "traces $mode: DIFFER"
	cat "$work/trace.diff"
	exit 1
fi
