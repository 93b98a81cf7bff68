/* Scenario for test/fixit/no-ctor*.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

uint64_t nc_lookup(uint32_t key);
void	nc_reset(void);

void
scenario_in_vnet(int id)
{
	uint64_t sum;
	uint32_t k;

	sum = 0;
	for (k = 0; k < 1000; k++)
		sum += nc_lookup(k * 7 + (uint32_t)id);
	vnetsim_trace("lookups: %ju", (uintmax_t)sum);
	nc_reset();
	vnetsim_trace("after reset: %ju", (uintmax_t)nc_lookup(5));
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
