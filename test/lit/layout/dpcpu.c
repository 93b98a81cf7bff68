// DPCPU_DEFINE and DPCPU_DEFINE_STATIC land in set_pcpu, with or without
// VIMAGE; per-vnet and per-CPU variables are laid out separately.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: %modspace -c %s -o %t.novimage.o -fplugin-arg-modspace-report=%t.nv.json
// RUN: %objcheck %t.nv.json %t.novimage.o | FileCheck --check-prefix=NOVIMAGE %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <sys/pcpu.h>
#include <net/vnet.h>

struct stats { uint64_t in, out, drops; };

DPCPU_DEFINE(struct stats, pcpu_stats);
DPCPU_DEFINE_STATIC(long, pcpu_ring[40]);
DPCPU_DEFINE_STATIC(char, pcpu_flag);
VNET_DEFINE(int, alongside[8]);

// CHECK: ok set_vnet size
// CHECK: ok set_pcpu size
// CHECK-COUNT-3: ok pcpu_entry_
// CHECK: ok vnet_entry_alongside
// CHECK: objcheck: all figures match the object
// NOVIMAGE: ok set_pcpu size
// NOVIMAGE-COUNT-3: ok pcpu_entry_
// NOVIMAGE: objcheck: all figures match the object
// JSON: "kind": "pcpu",
// JSON: "macro": "DPCPU_DEFINE",
