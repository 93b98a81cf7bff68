// The per-CPU section has its own budget (a quarter of 2048 by default).
//
// RUN: %modspace -c %s -o %t.o -Xclang -verify
// RUN: %modspace -c %s -o %t.o -Xclang -verify=quiet -fplugin-arg-modspace-pcpu-budget=1K \
// RUN:   -fplugin-arg-modspace-pcpu-threshold=1K
// quiet-no-diagnostics

#include <sys/pcpu.h>

DPCPU_DEFINE(long, ring[40]); // expected-warning {{per-CPU variable 'ring' takes 320 bytes, 15.6% of the 2048-byte pcpu module space}} expected-note {{no fix-it for 'ring': per-CPU arrays are not converted}}
// expected-warning@-1 {{set_pcpu section of this translation unit costs 520 bytes of pcpu module space, 25.4% of 2048 and over the 512-byte budget}}
// expected-note@-2 {{set_pcpu holds 2 variables in 520 bytes; largest: 'ring' 320, 'hist' 200 [modspace]}}
DPCPU_DEFINE(char, hist[200]);
