// Unions, bit-fields, pointers, function pointers, bool and enums.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s

#include <net/vnet.h>

union u { char c[13]; long l; };
struct bits { unsigned a:3, b:7; unsigned long c:40; char d:1; };
enum color { RED, GREEN, BLUE };
enum wide { WIDE = 0x100000000 };
typedef int (*handler_t)(int);

VNET_DEFINE(union u, un);
VNET_DEFINE(struct bits, bf);
VNET_DEFINE(void *, ptr);
VNET_DEFINE(bool, flag);
VNET_DEFINE(enum color, col);
VNET_DEFINE(enum wide, wide);
VNET_DEFINE_STATIC(handler_t, fn);
VNET_DEFINE(bool, flags[9]);
VNET_DEFINE(union u, unions[3]);

// CHECK: ok set_vnet size
// CHECK-COUNT-9: ok vnet_entry_
// CHECK: objcheck: all figures match the object
