// Globals are laid out in the order clang creates them, not the order they
// are declared: initialised definitions first, a tentative one when code
// first refers to it, the rest at the end.  Every figure the plugin reports
// must equal the object's, both from the exact pass (-c) and from the AST
// estimate (-fsyntax-only), which follows the same rules.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=EST %s < %t.est.json
// RUN: llvm-nm -n %t.o | FileCheck --check-prefix=ORDER %s

#include <net/vnet.h>

VNET_DEFINE_STATIC(int, a[100]);
VNET_DEFINE_STATIC(int, b);
VNET_DEFINE(int, c[10]);
VNET_DEFINE_STATIC(short, d) = 7;
VNET_DEFINE(int, e) = 3;
VNET_DEFINE_STATIC(int, f[20]);
int use(void) { return VNET(f)[1] + VNET(b); }

// ORDER: vnet_entry_d
// ORDER: vnet_entry_e
// ORDER: vnet_entry_f
// ORDER: vnet_entry_b
// ORDER: vnet_entry_a
// ORDER: vnet_entry_c

// CHECK: ok set_vnet size
// CHECK-COUNT-6: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// EST: "layout": "estimate"
