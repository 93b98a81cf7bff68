// The TU warning fires when the section's module cost passes the budget
// (default: a quarter of the module space, 8192 bytes), at the largest
// variable, with a note naming the total and the largest variables.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -Xclang -verify=over
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify=est
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify=raised \
// RUN:   -fplugin-arg-modspace-budget=20000 -fplugin-arg-modspace-threshold=100000
// raised-no-diagnostics

#include <net/vnet.h>

VNET_DEFINE(char, small[1000]);
VNET_DEFINE(char, biggest[6000]); // over-warning {{per-vnet variable 'biggest' takes 6000 bytes}} est-warning {{per-vnet variable 'biggest' takes 6000 bytes}}
// over-warning@-1 {{set_vnet section of this translation unit costs 10016 bytes of vnet module space, 30.6% of 32768 and over the 8192-byte budget; move its largest variables to memory allocated at load time [modspace]}}
// over-note@-2 {{no fix-it for 'biggest': it is not static, so other translation units may use it}} est-note@-2 {{no fix-it for 'biggest': it is not static, so other translation units may use it}}
// over-note@-3 {{set_vnet holds 4 variables in 10012 bytes; largest: 'biggest' 6000, 'mid' 3000, 'small' 1000 [modspace]}}
// est-warning@-4 {{estimated set_vnet section of this translation unit costs 10016 bytes}}
// est-note@-5 {{set_vnet holds 4 variables in 10012 bytes}}
VNET_DEFINE(char, mid[3000]); // over-warning {{'mid' takes 3000 bytes}} est-warning {{'mid' takes 3000 bytes}} over-note {{no fix-it for 'mid': it is not static, so other translation units may use it}} est-note {{no fix-it for 'mid': it is not static, so other translation units may use it}}
VNET_DEFINE(int, tail);
