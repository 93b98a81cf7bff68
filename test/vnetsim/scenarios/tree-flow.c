/* Scenario for the CLI fixture's flow module.  Written for this project. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../vnetsim.h"

#define	FLOW_NENT	256

struct flowent {
	uint32_t	fe_key;
	uint32_t	fe_hits;
	uint64_t	fe_when;
};

void	flow_clear(void);
void	flow_add(uint32_t key, uint64_t when);
unsigned flow_active(void);
size_t	flow_copyout(struct flowent *dst, size_t len);
uint32_t flow_hist_sum(void);

void
scenario_in_vnet(int id)
{
	struct flowent copy[FLOW_NENT + 4];
	size_t n;
	int i;

	vnetsim_trace("vnet %d: %u active, history %u", id, flow_active(),
	    flow_hist_sum());
	for (i = 0; i < 100 + 7 * id; i++)
		flow_add(13 * i + id, i);
	vnetsim_async();
	vnetsim_trace("vnet %d: %u active, history %u", id, flow_active(),
	    flow_hist_sum());
	memset(copy, 0xa5, sizeof(copy));
	n = flow_copyout(copy, sizeof(copy));
	vnetsim_trace("copied %zu: [%u] %u/%u, [255] %u/%u, past end %#x", n,
	    id, copy[id].fe_key, copy[id].fe_hits, copy[255].fe_key,
	    copy[255].fe_hits, copy[FLOW_NENT].fe_key);
	n = flow_copyout(copy, 100);
	vnetsim_trace("copied %zu", n);
	flow_clear();
	vnetsim_trace("cleared: %u active, history %u", flow_active(),
	    flow_hist_sum());
	flow_add(id, 1);
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
