/*
 * Tables declared before they are defined (or never defined here), used
 * in between: the index must know a declaration for a module variable
 * where it reads it, or the functions between it and the definition go
 * unrecorded.  Under VIMAGE a VNET_DECLARE has no section (only
 * VNET_DEFINE adds set_vnet).  Found by an attack on an index that knew
 * such a declaration by the name its macro was given: that name may be
 * a macro ("NM" below) that expands to the variable's.  And on one that
 * knew it by the tracked invocation at its expansion: a user's macro
 * may declare a table by hand before the VNET_DECLARE that the
 * foreign-table rules join it to, not yet expanded when the table's
 * declaration ends ("PAIR" below).
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

/* Declared through a macro naming it: a foreign table (no definition). */
#define	NM	macro_named
VNET_DECLARE(int, NM[1000]);
#define	V_macro_named	VNET(macro_named)

int
macro_named_read(int i)
{
	return (V_macro_named[i] + (int)sizeof(V_macro_named));
}

/* A hand-written declaration, then a VNET_DECLARE, in one user macro. */
#define	PAIR(n)	extern int n##_by_hand[1000]; ; VNET_DECLARE(int, n[1000])
PAIR(paired);

int
paired_read(int i)
{
	return (paired_by_hand[i] + (int)sizeof(paired_by_hand));
}

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
