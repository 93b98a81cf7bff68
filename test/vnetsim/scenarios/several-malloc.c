/* Scenario for test/fixit/several-malloc*.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

void	fl_count(unsigned i, uint64_t bytes);

void
scenario_in_vnet(int id)
{
	unsigned i;

	for (i = 0; i < 2000; i++)
		fl_count(i * 13 + (unsigned)id, i);
	vnetsim_trace("vnet %d: counted", id);
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
