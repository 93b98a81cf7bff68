// A file built into the kernel (no KLD_MODULE, which kmod.mk defines for
// every module) takes no module space: by default modspace says nothing
// of it, not even of the kernel's own 32 KiB reserve.  kernel-threshold=
// asks for the truth: the per-vnet memory, and what it would cost as a
// module; no fix-it (a static and an allocated table cost the same per
// vnet).  build=module or build=kernel override KLD_MODULE.  The report
// says which was assumed.
//
// RUN: %modspace -UKLD_MODULE -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json 2>&1 \
// RUN:   | count 0
// RUN: FileCheck --check-prefix=REPORT %s < %t.json
// RUN: %modspace -UKLD_MODULE -DVIMAGE -fsyntax-only %s \
// RUN:   -fplugin-arg-modspace-kernel-threshold=4K -fdiagnostics-parseable-fixits 2>&1 \
// RUN:   | FileCheck --check-prefix=NOFIX %s
// RUN: %modspace -UKLD_MODULE -DVIMAGE -fsyntax-only %s -Xclang -verify=kernel \
// RUN:   -fplugin-arg-modspace-kernel-threshold=4K
// RUN: %modspace -UKLD_MODULE -DVIMAGE -fsyntax-only %s -Xclang -verify=module \
// RUN:   -fplugin-arg-modspace-build=module -fplugin-arg-modspace-budget=1M
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-build=kernel 2>&1 | count 0

#include <net/vnet.h>

/* The kernel's own reserve for modules (net/vnet.c's shape). */
VNET_DEFINE_STATIC(char, modspace[VNET_MODMIN]); // module-warning {{per-vnet variable 'modspace' takes 32768 bytes, 100.0% of the 32768-byte vnet module space}} kernel-warning {{per-vnet variable 'modspace' takes 32768 bytes in every vnet; this file is built into the kernel (no KLD_MODULE), where that takes no module space, but built as a module it would take 100.0% of the 32768-byte vnet module space [modspace]}} kernel-note {{no fix-it for 'modspace': this file is built into the kernel, where a table costs the same memory in every vnet whether it is static or allocated; the fix-its convert module code (KLD_MODULE) [modspace]}}
VNET_DEFINE(int, small[10]);

int	f(void);

int
f(void)
{

	return (VNET(modspace)[1] + VNET(small)[0]);
}

// NOFIX: warning: per-vnet variable 'modspace' takes 32768 bytes in every vnet
// NOFIX-NOT: fix-it:
// REPORT: "build": "kernel",
// REPORT: "over_budget": false,
// REPORT: "threshold": null,
