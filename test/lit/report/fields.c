// The JSON report lists every variable with its name, symbol, kind, macro,
// place, type, element type and count, size, alignment, offset and
// static-ness, and both sections with their costs and budgets.  Sizes and
// offsets are checked against the object by objcheck; here the rest.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o
// RUN: FileCheck %s < %t.json

#include <sys/pcpu.h>
#include <net/vnet.h>

struct entry { int key; long value; };
VNET_DEFINE_STATIC(struct entry, table[2 * 3]);
DPCPU_DEFINE(int, hits);

// CHECK:      "build": "module",
// CHECK-NEXT: "declared": [],
// CHECK-NEXT: "diagnostics": [],
// CHECK-NEXT: "file": "{{.*}}fields.c",
// CHECK-NEXT: "files": [],
// CHECK-NEXT: "layout": "exact",
// CHECK-NEXT: "pointer_size": 8,
// CHECK-NEXT: "schema": "modspace-report/1",
// CHECK-NEXT: "sections": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "align": 16,
// CHECK-NEXT:     "budget": 8192,
// CHECK-NEXT:     "hypothetical": false,
// CHECK-NEXT:     "layout": "exact",
// CHECK-NEXT:     "module_cost": [[#VCOST:]],
// CHECK-NEXT:     "module_space": 32768,
// CHECK-NEXT:     "name": "set_vnet",
// CHECK-NEXT:     "over_budget": false,
// CHECK-NEXT:     "size": [[#VCOST]],
// CHECK-NEXT:     "threshold": 1024,
// CHECK-NEXT:     "variables": 1
// CHECK-NEXT:   },
// CHECK-NEXT:   {
// CHECK-NEXT:     "align": 4,
// CHECK-NEXT:     "budget": 512,
// CHECK-NEXT:     "hypothetical": false,
// CHECK-NEXT:     "layout": "exact",
// CHECK-NEXT:     "module_cost": 8,
// CHECK-NEXT:     "module_space": 2048,
// CHECK-NEXT:     "name": "set_pcpu",
// CHECK-NEXT:     "over_budget": false,
// CHECK-NEXT:     "size": 4,
// CHECK-NEXT:     "threshold": 256,
// CHECK-NEXT:     "variables": 1
// CHECK-NEXT:   }
// CHECK-NEXT: ],
// CHECK-NEXT: "variables": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "align": 16,
// CHECK-NEXT:     "column": 34,
// CHECK-NEXT:     "count": 6,
// CHECK-NEXT:     "element_type": "struct entry",
// CHECK-NEXT:     "file": "{{.*}}fields.c",
// CHECK-NEXT:     "in_section": true,
// CHECK-NEXT:     "kind": "vnet",
// CHECK-NEXT:     "line": 14,
// CHECK-NEXT:     "macro": "VNET_DEFINE_STATIC",
// CHECK-NEXT:     "measured": true,
// CHECK-NEXT:     "name": "table",
// CHECK-NEXT:     "offset": 0,
// CHECK-NEXT:     "path": "{{/.*}}fields.c",
// CHECK-NEXT:     "size": [[#VCOST]],
// CHECK-NEXT:     "static": true,
// CHECK-NEXT:     "symbol": "vnet_entry_table",
// CHECK-NEXT:     "type": "struct entry[6]"
// CHECK-NEXT:   },
// CHECK-NEXT:   {
// CHECK-NEXT:     "align": 4,
// CHECK-NEXT:     "column": 19,
// CHECK-NEXT:     "file": "{{.*}}fields.c",
// CHECK-NEXT:     "in_section": true,
// CHECK-NEXT:     "kind": "pcpu",
// CHECK-NEXT:     "line": 15,
// CHECK-NEXT:     "macro": "DPCPU_DEFINE",
// CHECK-NEXT:     "measured": true,
// CHECK-NEXT:     "name": "hits",
// CHECK-NEXT:     "offset": 0,
// CHECK-NEXT:     "path": "{{/.*}}fields.c",
// CHECK-NEXT:     "size": 4,
// CHECK-NEXT:     "static": false,
// CHECK-NEXT:     "symbol": "pcpu_entry_hits",
// CHECK-NEXT:     "type": "int"
// CHECK-NEXT:   }
// CHECK-NEXT: ],
// CHECK-NEXT: "vimage": true
