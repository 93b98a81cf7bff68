/*
 * A file linked into the kernel (no KLD_MODULE), written for this project:
 * the kernel's own module-space reserve and a large table.  Neither takes
 * module space, so modspace says nothing of them by default.
 */
#include <net/vnet.h>

VNET_DEFINE_STATIC(char, modspace[VNET_MODMIN]);
VNET_DEFINE(uint64_t, kernel_table[1024]);

int	kernel_use(void);

int
kernel_use(void)
{

	return (VNET(modspace)[0] + (int)VNET(kernel_table)[1]);
}
