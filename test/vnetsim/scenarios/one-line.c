/* Scenario for test/fixit/one-line.c.  Written for this project. */
#include "../vnetsim.h"

unsigned	ol_sum(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: sum %u", id, ol_sum());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
