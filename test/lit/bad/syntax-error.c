// Code that does not compile: clang reports its error, modspace says
// nothing (a size of broken code would be a guess), and nothing crashes.
//
// RUN: rm -f %t.json
// RUN: not %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=modspace
// RUN: not test -e %t.json

#include <net/vnet.h>

VNET_DEFINE(char, big[5000]);
int broken(void) { return undeclared_identifier; }

// CHECK: error: use of undeclared identifier 'undeclared_identifier'
