// Arrays of structs, multi-dimensional arrays, typedef'd arrays, bounds
// from macros and from sizeof expressions.  The report names the element
// type and the outermost bound.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=JSON %s < %t.json

#include <net/vnet.h>

#define	NB	12
struct pt { int x, y; };
typedef int row_t[7];

VNET_DEFINE(struct pt, pts[NB]);
VNET_DEFINE(int, grid[3][5]);
VNET_DEFINE_STATIC(row_t, rows[4]);
VNET_DEFINE_STATIC(row_t, onerow);
VNET_DEFINE(char, buf[sizeof(struct pt) * 3 + 1]);
VNET_DEFINE(long, halves[NB / 2]);

// CHECK: ok set_vnet size
// CHECK-COUNT-6: ok vnet_entry_
// CHECK: objcheck: all figures match the object

// JSON:      "count": 12,
// JSON-NEXT: "element_type": "struct pt",
// JSON:      "name": "pts",
// JSON:      "count": 3,
// JSON-NEXT: "element_type": "int[5]",
// JSON:      "name": "grid",
// JSON:      "count": 4,
// JSON-NEXT: "element_type": "row_t",
// JSON:      "name": "rows",
// JSON:      "count": 7,
// JSON-NEXT: "element_type": "int",
// JSON:      "name": "onerow",
// JSON:      "count": 25,
// JSON-NEXT: "element_type": "char",
// JSON:      "name": "buf",
// JSON:      "count": 6,
// JSON-NEXT: "element_type": "long",
// JSON:      "name": "halves",
