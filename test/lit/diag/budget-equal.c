// A section that costs exactly the budget is not over it.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -Xclang -verify \
// RUN:   -fplugin-arg-modspace-budget=64 -fplugin-arg-modspace-threshold=1000
// RUN: llvm-readelf -S %t.o | FileCheck %s
// RUN: not %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-errors=always \
// RUN:   -fplugin-arg-modspace-budget=63 -fplugin-arg-modspace-threshold=1000 2>&1 \
// RUN:   | FileCheck --check-prefix=OVER %s
// expected-no-diagnostics

#include <net/vnet.h>

VNET_DEFINE(char, sixty[60]);
VNET_DEFINE(int, four);

// CHECK: set_vnet PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} 000040
// OVER: error: set_vnet section of this translation unit costs 64 bytes {{.*}} over the 63-byte budget
