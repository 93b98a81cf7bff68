// A TU with no per-vnet variable: no diagnostics, an empty report.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -Xclang -verify -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// expected-no-diagnostics

int ordinary_global[4000];

// CHECK: ok set_vnet size 0
// CHECK: ok set_pcpu size 0
// CHECK: objcheck: all figures match the object
