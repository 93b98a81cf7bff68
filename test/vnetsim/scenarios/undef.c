/* Scenario for test/fixit/undef.c.  Written for this project. */
#include <stdint.h>

#include "../vnetsim.h"

uint64_t	ud_sum(void);

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: sum %ju", id, (uintmax_t)ud_sum());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
