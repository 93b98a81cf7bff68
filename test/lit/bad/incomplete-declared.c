// A per-vnet structure declared with VNET_DECLARE whose type is never
// completed here (valid C: only its address is taken).  Found by an
// attack: the foreign-table rules asked its size and clang crashed.  Its
// size is not known here, like "x[]"'s: it is followed whatever the
// threshold, and the large table beside it is still converted.
//
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify
// RUN: %modspace -UVIMAGE -fsyntax-only %s -Xclang -verify=novimage
// RUN: %modspace -DVIMAGE -fsyntax-only -fplugin-arg-modspace-extern=convert %s -Xclang -verify
// RUN: %modspace -DVIMAGE -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, big[1000]); // expected-warning {{per-vnet variable 'big' takes 4000 bytes}} novimage-warning {{per-vnet variable 'big' would take 4000 bytes}}
#define	V_big	VNET(big)

struct later;
VNET_DECLARE(struct later, incomplete);
#define	V_incomplete	VNET(incomplete)

struct later *
incomplete_get(void)
{
	return (&V_incomplete);
}

int
big_read(int i)
{
	return (V_big[i]);
}

// CHECK: warning: per-vnet variable 'big' takes 4000 bytes
// CHECK: fix-it:{{.*}}:"int *"
