// A VNET_DEFINE redefined so that it no longer places the variable in
// set_vnet (in a VIMAGE build): modspace says it cannot measure it, and
// the section it does report matches the object.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -Xclang -verify -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s

#include <net/vnet.h>

VNET_DEFINE(int, proper[300]); // expected-warning {{per-vnet variable 'proper' takes 1200 bytes}} expected-note {{no fix-it for 'proper': it is not static, so other translation units may use it}}

#undef VNET_DEFINE
#define	VNET_DEFINE(t, n)	t n

VNET_DEFINE(int, stray[300]); // expected-warning {{per-vnet variable 'stray' is defined with VNET_DEFINE but is not in section set_vnet, so its module-space cost is not measured; check which VNET_DEFINE definition is in effect [modspace]}}

#undef VNET_DEFINE
#define	VNET_DEFINE(t, n)	int unrelated_name

VNET_DEFINE(int, renamed[300]);

// CHECK: ok set_vnet size 1200
// CHECK: ok vnet_entry_proper
// CHECK: objcheck: all figures match the object
