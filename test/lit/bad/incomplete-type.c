// A variable of a type that is never completed: clang rejects it; modspace
// does not crash and prints no size.
//
// RUN: not %modspace -DVIMAGE -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=modspace

#include <net/vnet.h>

struct never_defined;
VNET_DEFINE(struct never_defined, ghost);
VNET_DEFINE_STATIC(struct never_defined, ghosts[4]);
VNET_DEFINE(char, big[5000]);

// CHECK: error: {{.*}}incomplete
