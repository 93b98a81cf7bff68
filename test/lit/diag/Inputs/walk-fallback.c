/*
 * A function named, through a block-scope declaration, before its first
 * file-scope one: the reference index could not place that use, so it is
 * not used, and the use finder walks every function.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab[512]);
#define	V_tab	VNET(tab)

void
early(void)
{
	extern void late(void);

	late();
}

void
late(void)
{
	V_tab[0] = 1;
}
