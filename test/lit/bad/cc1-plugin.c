// clang -cc1 -plugin modspace asks for an action that replaces the
// compile, which modspace is not: it says so and how to load it, rather
// than exit 1 without a word.  Loaded the ways that work, it says nothing
// on a TU with nothing to report.
//
// RUN: not %clang -cc1 -load %plugin -plugin modspace %s 2>&1 \
// RUN:   | FileCheck --check-prefix=PLUGIN %s
// RUN: not %clang -cc1 -load %plugin -plugin modspace \
// RUN:   -plugin-arg-modspace summary %s 2>&1 \
// RUN:   | FileCheck --check-prefix=PLUGIN %s
// PLUGIN: error: the modspace plugin runs beside the compile, not in place of it; load it with -fplugin=modspace.so, or with -cc1 -load modspace.so -add-plugin modspace [modspace]
// PLUGIN-NOT: error
//
// RUN: %clang -cc1 -load %plugin -add-plugin modspace -fsyntax-only %s 2>&1 \
// RUN:   | count 0
// RUN: %clang -fplugin=%plugin -fsyntax-only %s 2>&1 | count 0
// RUN: %clang -fplugin=%plugin -E %s -o /dev/null 2>&1 | count 0

int	plain;
