/* Scenario for test/fixit/recursion.c.  Written for this project. */
#include "../vnetsim.h"

unsigned	rec_get(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: %u", id, rec_get());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
