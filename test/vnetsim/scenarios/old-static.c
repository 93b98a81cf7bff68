/* Scenario for test/fixit/old-static*.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

uint64_t rt_use(unsigned i);

void
scenario_in_vnet(int id)
{
	uint64_t sum;
	unsigned i;

	sum = 0;
	for (i = 0; i < 300; i++)
		sum += rt_use(i * (unsigned)(id + 1));
	vnetsim_trace("route uses: %ju", (uintmax_t)sum);
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
