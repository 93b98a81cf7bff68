// A VNET_DEFINE_STATIC written inside a function is a static local, still
// in set_vnet: the plugin finds it (under the object's name "f.vnet_entry_x")
// and measures it, exactly and as an estimate, and objcheck checks both
// ways that the report and the object hold the same variables.  No fix-it:
// its declaration must move to file scope first.
//
// RUN: %modspace -DVIMAGE -c %s -o %t.o -fplugin-arg-modspace-report=%t.json 2> %t.err
// RUN: %objcheck %t.json %t.o | FileCheck %s
// RUN: %modspace -DVIMAGE -fsyntax-only %s -fplugin-arg-modspace-report=%t.est.json 2> /dev/null
// RUN: %objcheck %t.est.json %t.o --estimate-ok | FileCheck %s
// RUN: FileCheck --check-prefix=NOTE %s < %t.err

#include <net/vnet.h>

VNET_DEFINE_STATIC(int, top[10]);

int	f(void);
int	g(void);

int
f(void)
{
	VNET_DEFINE_STATIC(uint32_t, loc[512]);

	return (VNET(loc)[3] + VNET(top)[1]);
}

static int
g2(void)
{
	VNET_DEFINE_STATIC(int, s2[300]);

	return (VNET(s2)[0]);
}

int
g(void)
{

	return (g2());
}

// CHECK-DAG: ok f.vnet_entry_loc size 2048
// CHECK-DAG: ok g2.vnet_entry_s2 size 1200
// CHECK-DAG: ok vnet_entry_top size 40
// CHECK-NOT: MISSING
// CHECK: objcheck: all figures match the object
// NOTE: note: no fix-it for 'loc': it is declared inside a function; move its declaration to file scope first [modspace]
