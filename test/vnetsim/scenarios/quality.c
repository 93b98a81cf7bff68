/* Scenario for test/fixit/quality.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

unsigned	q_counts(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: counts %u", id, q_counts());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
