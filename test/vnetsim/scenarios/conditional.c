/* Scenario for test/fixit/conditional.c.  Written for this project. */
#include "../vnetsim.h"

unsigned	cond_sum(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: sum %u", id, cond_sum());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
