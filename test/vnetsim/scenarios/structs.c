/*
 * Scenario for test/fixit/structs.c: tags added and digested, the ring
 * aged by its callout, the anchor loaded, in each vnet.  Written for this
 * project.
 */
#include <stdint.h>

#include "../vnetsim.h"

unsigned	tag_add(unsigned);
uint64_t	tag_digest(void);
uint64_t	ring_sum(void);
unsigned	anchor_load(unsigned);

void
scenario_in_vnet(int id)
{
	unsigned i, added;
	uint64_t digest;

	added = 0;
	for (i = 0; i < 5u + (unsigned)id * 3; i++)
		added += tag_add(i * 11 + (unsigned)id);
	digest = tag_digest();
	vnetsim_trace("vnet %d: added %u, digest %ju", id, added,
	    (uintmax_t)digest);
	for (i = 0; i < 30u + (unsigned)id; i++)
		vnetsim_async();
	vnetsim_trace("vnet %d: ring %ju", id, (uintmax_t)ring_sum());
	vnetsim_trace("vnet %d: anchor %u", id, anchor_load(10u * (unsigned)id + 3));
	vnetsim_trace("vnet %d: digest again %ju", id, (uintmax_t)tag_digest());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
