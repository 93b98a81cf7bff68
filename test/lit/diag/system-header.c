// Variables defined in system headers are measured (they take space) but
// never diagnosed, as clang does with its own warnings.
//
// RUN: %modspace -DVIMAGE -isystem %S/Inputs -c %s -o %t.o -Xclang -verify \
// RUN:   -fplugin-arg-modspace-report=%t.json
// RUN: FileCheck %s < %t.json

#include <sys/bigsys.h>

VNET_DEFINE(char, in_main_file[1500]); // expected-warning {{'in_main_file' takes 1500 bytes}} expected-note {{no fix-it for 'in_main_file': it is not static, so other translation units may use it}}

// CHECK: "name": "in_system_header",
