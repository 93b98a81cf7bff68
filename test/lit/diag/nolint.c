// NOLINT(modspace) on the line, or NOLINTNEXTLINE(modspace) on the line
// before, silences the warning for that variable; other checks' NOLINTs
// do not, a bare NOLINT and NOLINT(*) do.
//
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify \
// RUN:   -fplugin-arg-modspace-budget=1000000

#include <net/vnet.h>

VNET_DEFINE(char, quiet1[2000]); // NOLINT(modspace)
// NOLINTNEXTLINE(modspace)
VNET_DEFINE(char, quiet2[2000]);
VNET_DEFINE(char, quiet3[2000]); // NOLINT(bugprone-foo, modspace)
VNET_DEFINE(char, quiet4[2000]); // NOLINT
VNET_DEFINE(char, quiet5[2000]); // NOLINT(*)
VNET_DEFINE(char, loud1[2000]); // NOLINT(bugprone-foo) expected-warning {{'loud1' takes 2000 bytes}} expected-note {{no fix-it for 'loud1': it is not static, so other translation units may use it}}
// NOLINTNEXTLINE(modspace)

VNET_DEFINE(char, loud2[2000]); // expected-warning {{'loud2' takes 2000 bytes}} expected-note {{no fix-it for 'loud2': it is not static, so other translation units may use it}}
VNET_DEFINE(char, loud3[2000]); // NOLINTNEXTLINE(modspace) expected-warning {{'loud3' takes 2000 bytes}} expected-note {{no fix-it for 'loud3': it is not static, so other translation units may use it}}
VNET_DEFINE(char, quiet6[2000]); // silenced by the line before, as clang-tidy does
VNET_DEFINE(char, loud4[2000]); // NOLINTBEGIN(modspace) is not supported expected-warning {{'loud4' takes 2000 bytes}} expected-note {{no fix-it for 'loud4': it is not static, so other translation units may use it}}
