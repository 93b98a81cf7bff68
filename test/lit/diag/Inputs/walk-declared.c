/*
 * A large array declared with VNET_DECLARE, used, and only then defined.
 * Under VIMAGE the declaration has no section (only VNET_DEFINE adds
 * set_vnet): the index knows it for a module variable by the name the
 * VNET_DECLARE was given, and starts there, so that the uses before the
 * definition are recorded and the functions after it that do not name it
 * need no walk.  The variables SYSCTL and SYSINIT make are none: their
 * names were given to no VNET_DECLARE or VNET_DEFINE.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

VNET_DECLARE(int, declared_table[512]);
#define	V_declared_table	VNET(declared_table)

static int counter;
SYSCTL_INT(_net, OID_AUTO, declared_counter, CTLFLAG_RW, &counter, 0,
    "a sysctl's variable");

int
declared_read(int i)
{
	return (V_declared_table[i]);
}

VNET_DEFINE(int, declared_table[512]);

static void
declared_init(void *arg __unused)
{
	counter = 1;
}
SYSINIT(declared_init, SI_SUB_PSEUDO, SI_ORDER_ANY, declared_init, NULL);

int
declared_plain(int x)
{
	return (x + 1);
}

int
declared_other(int x)
{
	return (declared_plain(x) * 2);
}

int
declared_write(int i, int v)
{
	V_declared_table[i] = v;
	return (0);
}
