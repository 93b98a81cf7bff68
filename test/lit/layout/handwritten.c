// A global placed in set_vnet by hand, without the macros, still takes
// module space: it is measured, with no macro in the report.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <net/vnet.h>

static int by_hand[40] __section("set_vnet") __used;
VNET_DEFINE(int, by_macro);

// CHECK: ok set_vnet size
// CHECK: ok by_hand
// CHECK: ok vnet_entry_by_macro
// CHECK: objcheck: all figures match the object
// JSON:      "macro": null,
// JSON-NEXT: "measured": true,
// JSON-NEXT: "name": "by_hand",
