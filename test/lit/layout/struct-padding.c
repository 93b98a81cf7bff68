// Structs with inner and tail padding, packed structs, arrays of structs:
// sizes, alignments and the padding between variables equal the object's.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <net/vnet.h>

struct padded { char c; long l; short s; };
struct tail { int i; char c; };
struct packed { char c; int i; } __packed;

VNET_DEFINE(struct padded, pad);
VNET_DEFINE_STATIC(struct tail, tl);
VNET_DEFINE_STATIC(struct packed, pk);
VNET_DEFINE(char, ch);
VNET_DEFINE(struct padded, pads[3]);
VNET_DEFINE_STATIC(struct packed, pks[5]);

// CHECK: ok set_vnet size
// CHECK-COUNT-6: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON: "element_type": "struct padded"
