/*
 * CLI fixture: defines the flow module's tables.  Written for this
 * project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include "flow.h"
#include "flow_var.h"

static MALLOC_DEFINE(M_FLOW, "flow", "flow tables");

VNET_DEFINE(struct flowent *, flowtab);
VNET_DEFINE(uint32_t, flowhist[FLOW_NHIST]);
VNET_DEFINE(u_int, flow_count);

void
flow_clear(void)
{

	bzero(V_flowtab, FLOW_NENT * sizeof(*V_flowtab));
	bzero(V_flowhist, sizeof(V_flowhist));
	V_flow_count = 0;
}

void
flow_add(uint32_t key, uint64_t when)
{
	struct flowent *fe;

	fe = &V_flowtab[key % FLOW_NENT];
	if (fe->fe_hits == 0)
		V_flow_count++;
	fe->fe_key = key;
	fe->fe_hits++;
	fe->fe_when = when;
	V_flowhist[when % FLOW_NHIST]++;
}

static void
vnet_flow_init(const void *unused __unused)
{

	V_flowtab = mallocarray(FLOW_NENT, sizeof(*V_flowtab), M_FLOW,
	    M_WAITOK | M_ZERO);
	flow_clear();
}
VNET_SYSINIT(vnet_flow_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_flow_init, NULL);

static void
vnet_flow_uninit(const void *unused __unused)
{

	flow_clear();
	free(V_flowtab, M_FLOW);
}
VNET_SYSUNINIT(vnet_flow_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_flow_uninit, NULL);
