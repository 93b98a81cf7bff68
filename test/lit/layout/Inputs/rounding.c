/*
 * Input of targets.test: sections whose sizes are multiples of 4 but not
 * of 8, so that a 32-bit and a 64-bit kernel round them differently.
 * Written for this project.
 */
#include <sys/pcpu.h>
#include <net/vnet.h>

VNET_DEFINE(char, odd[13]);
VNET_DEFINE(int, after);
DPCPU_DEFINE(int, hits);

int	use(void);

int
use(void)
{

	return (VNET(odd)[1] + VNET(after) + DPCPU_GET(hits));
}
