// VNET_PCPUSTAT_DEFINE(_STATIC): one counter_u64_t (8 bytes) per uint64_t
// field of the statistics struct, through a nested VNET_DEFINE.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <sys/counter.h>

struct ipstat_like { uint64_t ips_total, ips_badsum, ips_tooshort,
    ips_toosmall, ips_badhlen, ips_badlen, ips_fragments[34]; };
struct icmpstat_like { uint64_t icps_error, icps_oldshort[12]; };

VNET_PCPUSTAT_DEFINE(struct ipstat_like, ipstat);
VNET_PCPUSTAT_DEFINE_STATIC(struct icmpstat_like, icmpstat);

// CHECK: ok set_vnet size
// CHECK-COUNT-2: ok vnet_entry_
// CHECK: objcheck: all figures match the object
// JSON:      "count": 40,
// JSON-NEXT: "element_type": "counter_u64_t",
// JSON:      "macro": "VNET_PCPUSTAT_DEFINE",
// JSON-NEXT: "measured": true,
// JSON-NEXT: "name": "ipstat",
// JSON:      "macro": "VNET_PCPUSTAT_DEFINE_STATIC",
// JSON:      "static": true,
