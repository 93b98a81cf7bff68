/* Scenario for test/fixit/redeclared.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

unsigned	rd_get(unsigned i);
unsigned	rd_sum(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: get %u sum %u", id, rd_get(301), rd_sum());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
