// __aligned(64) on types and on variables (after the invocation and inside
// its name argument): the object honours each alignment exactly.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s

#include <net/vnet.h>

struct __aligned(64) cacheline { int x; };
typedef struct { long a; } __aligned(32) al32_t;

VNET_DEFINE(struct cacheline, line);
VNET_DEFINE(char, c1);
VNET_DEFINE(int, v64) __aligned(64);
VNET_DEFINE_STATIC(al32_t, a32[3]);
VNET_DEFINE_STATIC(char, c2);
VNET_DEFINE_STATIC(short, s128 __aligned(128));
VNET_DEFINE(struct cacheline, lines[2]);

// CHECK: ok set_vnet size {{[0-9]+}} align 128
// CHECK-COUNT-7: ok vnet_entry_
// CHECK: objcheck: all figures match the object
