// Invocations written inside a user's wrapper macro are found; the report
// names the wrapper, and diagnostics point at the wrapper's argument.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify

#include <net/vnet.h>

#define	MY_TABLE(t, n)	VNET_DEFINE_STATIC(t, n)
#define	TWO(a, b)	VNET_DEFINE(int, a); VNET_DEFINE(long, b)

MY_TABLE(int, wrapped[300]); // expected-warning {{per-vnet variable 'wrapped' takes 1200 bytes}} expected-note {{no fix-it for 'wrapped': its declaration is written inside macro 'MY_TABLE'}}
TWO(first, second[200]); // expected-warning {{per-vnet variable 'second' takes 1600 bytes}} expected-note {{no fix-it for 'second': its declaration is written inside macro 'TWO'}}

// CHECK: ok set_vnet size
// CHECK-COUNT-3: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON: "name": "wrapped",
// JSON: "wrapper_macro": "MY_TABLE"
// JSON: "name": "first",
// JSON: "wrapper_macro": "TWO"
