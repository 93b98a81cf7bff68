#!/bin/sh
# walkcheck.sh CLANG PLUGIN SRC "KFLAGS": compiles every C fixture of the
# suite with -fplugin-arg-modspace-check-walk, with and without VIMAGE,
# and prints the plugin's check-walk lines (and any error): the use walks
# and the estimate's creation order.
clang=$1 plugin=$2 src=$3 kflags=$4
for f in "$src"/test/fixit/*.c "$src"/test/fixit/shared/*.c \
    "$src"/test/example/*.c "$src"/test/lit/diag/Inputs/walk-shapes.c \
    "$src"/test/lit/diag/Inputs/walk-demand.c \
    "$src"/test/lit/diag/Inputs/walk-macros.c \
    "$src"/test/lit/diag/Inputs/walk-quiet.c \
    "$src"/test/lit/diag/Inputs/walk-part.c \
    "$src"/test/lit/diag/Inputs/walk-declared.c \
    "$src"/test/lit/diag/Inputs/order-demand.c \
    $(find "$src/test/cli/tree" -name '*.c' | sort); do
	for c in -DVIMAGE -UVIMAGE; do
		# shellcheck disable=SC2086
		"$clang" $kflags $c -I "$(dirname "$f")" -fsyntax-only \
		    -fplugin="$plugin" -fplugin-arg-modspace-check-walk \
		    -fplugin-arg-modspace-threshold=64 "$f" 2>&1 |
		    grep -E 'check-walk|error:'
	done
done
exit 0
