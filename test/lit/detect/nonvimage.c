// Without VIMAGE, VNET variables are ordinary globals: the macro
// invocations identify them, the sizes are what a VIMAGE build would take,
// and the wording says so.  The hypothetical set_vnet layout equals the
// VIMAGE object's.
//
// RUN: %modspace -fsyntax-only %s -Xclang -verify -fplugin-arg-modspace-report=%t.json
// RUN: %modspace -DVIMAGE -c %s -o %t.vimage.o
// RUN: %objcheck %t.json %t.vimage.o --estimate-ok --by-name | FileCheck %s

#include <net/vnet.h>

VNET_DEFINE_STATIC(int, table[512]); // expected-warning {{per-vnet variable 'table' would take 2048 bytes, 6.2% of the 32768-byte vnet module space in a VIMAGE kernel; allocate it in a VNET_SYSINIT constructor}}
VNET_DEFINE(char, tag);
VNET_DEFINE(long, counters[3]) = { 1, 2, 3 };
int global_not_vnet[4000];

// CHECK: ok set_vnet size
// CHECK-COUNT-3: ok vnet_entry_
// CHECK: objcheck: all figures match the object
