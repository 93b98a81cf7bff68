// Zero-length and flexible array members; a zero-length array variable
// (0 bytes); a GNU-initialised flexible array member, which makes the
// object larger than its type.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <net/vnet.h>

struct flex { int n; long data[]; };
struct zero { int n; char pad[0]; };

VNET_DEFINE(struct flex, fl);
VNET_DEFINE(struct zero, zl);
VNET_DEFINE(int, empty[0]);
VNET_DEFINE(struct flex, fli) = { 2, { 1, 2 } };

// CHECK: ok set_vnet size
// CHECK-COUNT-4: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON: "name": "fli",
// JSON: "size": 24,
// JSON: "type": "struct flex"
