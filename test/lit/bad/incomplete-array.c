// VNET_DEFINE of an incomplete array: C makes it a one-element array at
// the end of the TU (with clang's warning).  modspace measures what the
// object holds, not a guess.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json \
// RUN:   -fplugin-arg-modspace-threshold=1 2> %t.err
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: FileCheck --check-prefix=DIAG %s < %t.err

#include <net/vnet.h>

VNET_DEFINE(long, unsized[]);

// CHECK: ok vnet_entry_unsized size 8
// CHECK: objcheck: all figures match the object
// DIAG: warning: tentative array definition assumed to have one element
// DIAG: warning: per-vnet variable 'unsized' takes 8 bytes
