/* Scenario for test/fixit/user-macro.c.  Written for this project. */
#include <stddef.h>
#include <stdint.h>

#include "../vnetsim.h"

uint64_t	qb_add(unsigned b);
size_t	qb_sizes(void);
unsigned qb_total(void);

void
scenario_in_vnet(int id)
{
	unsigned i;

	vnetsim_trace("sizes %zu", qb_sizes());
	for (i = 0; i < 100; i++)
		(void)qb_add(i * 7 + (unsigned)id);
	vnetsim_trace("bucket 5: %ju", (uintmax_t)qb_add(5));
	vnetsim_trace("total %u", qb_total());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
