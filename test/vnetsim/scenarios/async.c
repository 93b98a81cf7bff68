/*
 * Scenario for test/fixit/async.c: time passes (callouts fire, packets
 * pass the hooks) in each vnet.  Written for this project.
 */
#include <stdint.h>

#include "../vnetsim.h"

uint64_t	flow_sum(void);

void
scenario_in_vnet(int id)
{
	int i;

	for (i = 0; i < 20 + id; i++)
		vnetsim_async();
	vnetsim_trace("vnet %d: sum %ju", id, (uintmax_t)flow_sum());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
