// Older trees wrote "static VNET_DEFINE(...)" (their VNET_DEFINE had no
// "struct _hack;"): found, measured, and reported as static.
//
// RUN: %modspace -DVIMAGE -DMODSPACE_OLD_VNET -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json
// RUN: %modspace -DMODSPACE_OLD_VNET -fsyntax-only %s -Xclang -verify

#include <net/vnet.h>

static VNET_DEFINE(int, oldtab[400]); // expected-warning {{per-vnet variable 'oldtab' would take 1600 bytes}}
static VNET_DEFINE(long, oldcount);

// CHECK: ok set_vnet size
// CHECK-COUNT-2: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON:      "macro": "VNET_DEFINE",
// JSON-NEXT: "measured": true,
// JSON-NEXT: "name": "oldtab",
// JSON:      "static": true,
