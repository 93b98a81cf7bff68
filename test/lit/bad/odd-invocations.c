// Invocations the plugin cannot join to a variable are ignored without a
// crash: a name argument that is not an identifier, an empty argument, a
// macro with a different arity.
//
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify

#include <net/vnet.h>

#undef VNET_DEFINE
#define	VNET_DEFINE(t, n)	struct _hack
VNET_DEFINE(int, (paren));
VNET_DEFINE(int, );
#undef DPCPU_DEFINE
#define	DPCPU_DEFINE(x)	struct _hack2
DPCPU_DEFINE(1);
VNET_DEFINE_STATIC(int, fine[400]); // expected-warning {{'fine' takes 1600 bytes}}
