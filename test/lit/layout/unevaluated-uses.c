// sizeof(V_x) and __typeof in VNET() are not evaluated: code generation
// creates no global for them, so they do not move a tentative definition
// forward.  The estimate (-fsyntax-only) must agree with the object.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: llvm-nm -n %t.o | FileCheck --check-prefix=ORDER %s

#include <net/vnet.h>

VNET_DEFINE_STATIC(char, first[3]);
VNET_DEFINE_STATIC(long, second[9]);
VNET_DEFINE_STATIC(char, third);
unsigned long size_only(void) { return sizeof(VNET(second)) + _Alignof(long); }
char use_third(void) { return VNET(third); }
char use_first(void) { return VNET(first)[0] + (char)sizeof(VNET(first)); }

// ORDER: vnet_entry_third
// ORDER: vnet_entry_first
// ORDER: vnet_entry_second
// CHECK: ok set_vnet size
// CHECK-COUNT-3: ok vnet_entry_
// CHECK: objcheck: all figures match the object
