#!/bin/sh
# usage: check-headers.sh CLANG "KFLAGS" TMPDIR
# Compiles each test header alone, with and without VIMAGE, 64 and 32 bit,
# with -Werror; prints "ok H" or "FAILED H".
clang=$1 kflags=$2 tmp=$3
mkdir -p "$tmp"
for h in sys/cdefs.h sys/types.h sys/param.h sys/systm.h sys/linker_set.h \
    sys/kernel.h sys/malloc.h sys/sysctl.h sys/pcpu.h sys/counter.h \
    net/vnet.h net/if_var.h; do
	printf '#include <%s>\nint modspace_header_ok;\n' "$h" > "$tmp/one.c"
	# shellcheck disable=SC2086
	if $clang $kflags -Wall -Wextra -Werror -c "$tmp/one.c" -o "$tmp/one.o" &&
	    $clang $kflags -DVIMAGE -Wall -Wextra -Werror -c "$tmp/one.c" \
	    -o "$tmp/one.o" &&
	    $clang $kflags -DVIMAGE -target i386-unknown-freebsd13.0 -Wall \
	    -Werror -c "$tmp/one.c" -o "$tmp/one.o"; then
		echo "ok $h"
	else
		echo "FAILED $h"
	fi
done
