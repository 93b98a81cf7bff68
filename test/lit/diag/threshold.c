// The per-variable warning fires at 1024 bytes (vnet) and 256 (pcpu) by
// default, not one byte below; -verify pins where it lands: on the name
// inside the invocation.
//
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify
// RUN: %modspace -DVIMAGE -c %s -o %t.o -Xclang -verify

#include <sys/pcpu.h>
#include <net/vnet.h>

VNET_DEFINE(char, at_threshold[1024]); // expected-warning {{per-vnet variable 'at_threshold' takes 1024 bytes, 3.1% of the 32768-byte vnet module space; allocate it in a VNET_SYSINIT constructor and keep only a pointer per vnet [modspace]}} expected-note {{no fix-it for 'at_threshold': it is not static, so other translation units may use it}}
VNET_DEFINE(char, below[1023]);
VNET_DEFINE_STATIC(struct { char b[2000]; }, anon); // expected-warning {{per-vnet variable 'anon' takes 2000 bytes, 6.1% of}}
DPCPU_DEFINE(char, pcpu_at[256]); // expected-warning {{per-CPU variable 'pcpu_at' takes 256 bytes, 12.5% of the 2048-byte pcpu module space; allocate it when the module loads instead of with DPCPU_DEFINE [modspace]}} expected-note {{no fix-it for 'pcpu_at': per-CPU arrays are not converted; allocate per-CPU memory when the module loads, by hand [modspace]}}
DPCPU_DEFINE_STATIC(char, pcpu_below[255]);
