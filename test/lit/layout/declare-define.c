// A VNET_DECLARE'd array defined later, and a variable with several
// tentative definitions: each object counted once.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON --implicit-check-not='"name": "shared"' %s < %t.json

#include <net/vnet.h>

VNET_DECLARE(int, declared[64]);
VNET_DECLARE(int, shared);
VNET_DEFINE(int, declared[64]);
VNET_DEFINE(int, shared);
VNET_DEFINE(int, shared);
int peek(void) { return VNET(declared)[3] + VNET(shared); }

// CHECK: ok set_vnet size
// CHECK-COUNT-2: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON: "name": "declared",
// JSON: "line": 15,
// JSON: "name": "shared",
