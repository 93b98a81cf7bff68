/*
 * Fix-it fixture: tables used by code that runs asynchronously, reached
 * only through function pointers.  Written for this project.
 *
 *   flows[]  aged by a callout the module starts when it loads (a SYSINIT
 *            at (PROTO_DOMAIN, FIRST)) and drains when it unloads; the
 *            callout visits every vnet.  No VNET_SYSINIT of the file runs
 *            before that SYSINIT, so a new pair is registered at
 *            (SI_SUB_INIT_IF, SI_ORDER_FIRST); allocating in
 *            vnet_flow_init (PROTO_FIREWALL) would let the callout find
 *            the table missing, and freeing in vnet_flow_uninit would
 *            free it while the callout still runs.
 *   aged[]   aged by a per-vnet callout that vnet_flow_init starts; as
 *            for every table a published function uses, any constructor
 *            or destructor may run while it fires (in another vnet), so it
 *            goes into the same new pair.  Freeing it in vnet_flow_detach,
 *            which runs before the destructor that drains the callout,
 *            would free it under the running callout.
 *   seen[]   counted by a packet hook added in vnet_flow_init and removed
 *            in vnet_flow_uninit: the same as aged[].
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/callout.h>
#include <net/pfil.h>
#include <net/vnet.h>

#define	NFLOWS	128

static MALLOC_DEFINE(M_FLOWTBL, "flowtbl", "flow tables");

struct flow {
	uint64_t	f_hits;
	uint64_t	f_age;
};

VNET_DEFINE_STATIC(struct flow *, flows); // expected-warning {{per-vnet variable 'flows' takes 2048 bytes}}
#define	V_flows		VNET(flows)
VNET_DEFINE_STATIC(struct flow *, aged); // expected-warning {{per-vnet variable 'aged' takes 2048 bytes}}
#define	V_aged		VNET(aged)
VNET_DEFINE_STATIC(struct flow *, seen); // expected-warning {{per-vnet variable 'seen' takes 2048 bytes}}
#define	V_seen		VNET(seen)
VNET_DEFINE_STATIC(struct callout, age_co);
#define	V_age_co	VNET(age_co)
VNET_DEFINE_STATIC(pfil_hook_t, hook);
#define	V_hook		VNET(hook)
VNET_DEFINE_STATIC(u_int, nticks);
#define	V_nticks	VNET(nticks)

static struct callout sweep_co;	/* the module's own: visits every vnet */

uint64_t	flow_sum(void);

uint64_t
flow_sum(void)
{
	uint64_t sum;
	u_int i;

	sum = 0;
	for (i = 0; i < NFLOWS; i++)
		sum += V_flows[i].f_age + V_aged[i].f_age * 3 +
		    V_seen[i].f_hits * 7;
	return (sum + V_nticks);
}

static void
flow_sweep(void *arg __unused)
{
	VNET_ITERATOR_DECL(vnet_iter);

	VNET_LIST_RLOCK();
	VNET_FOREACH(vnet_iter) {
		CURVNET_SET(vnet_iter);
		V_flows[V_nticks % NFLOWS].f_age++;
		CURVNET_RESTORE();
	}
	VNET_LIST_RUNLOCK();
	callout_reset(&sweep_co, 1, flow_sweep, NULL);
}

static void
flow_age(void *arg)
{

	CURVNET_SET((struct vnet *)arg);
	V_aged[V_nticks % NFLOWS].f_age++;
	V_nticks++;
	callout_reset(&V_age_co, 1, flow_age, arg);
	CURVNET_RESTORE();
}

static int
flow_hook(void *arg __unused, int dir)
{

	V_seen[(V_nticks + (u_int)dir) % NFLOWS].f_hits++;
	return (0);
}

static void
flow_modinit(void *unused __unused)
{

	callout_init(&sweep_co, 1);
	callout_reset(&sweep_co, 1, flow_sweep, NULL);
}
SYSINIT(flow_modinit, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, flow_modinit, NULL);

static void
flow_moduninit(void *unused __unused)
{

	callout_drain(&sweep_co);
}
SYSUNINIT(flow_moduninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, flow_moduninit,
    NULL);

static void
vnet_flow_init(const void *unused __unused)
{

	V_nticks = 0;
	callout_init(&V_age_co, 1);
	callout_reset(&V_age_co, 1, flow_age, curvnet);
	V_hook = pfil_add_hook(flow_hook, NULL);
}
VNET_SYSINIT(vnet_flow_init, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    vnet_flow_init, NULL);

static void
vnet_flow_uninit(const void *unused __unused)
{

	if (V_hook == NULL)
		return;
	pfil_remove_hook(V_hook);
	V_hook = NULL;
	callout_drain(&V_age_co);
}
VNET_SYSUNINIT(vnet_flow_uninit, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    vnet_flow_uninit, NULL);

static void
vnet_flow_detach(const void *unused __unused)
{

	V_nticks = 0;
}
VNET_SYSUNINIT(vnet_flow_detach, SI_SUB_PROTO_IFATTACHDOMAIN, SI_ORDER_ANY,
    vnet_flow_detach, NULL);

static void
vnet_flows_alloc(const void *unused __unused)
{

	V_flows = mallocarray(NFLOWS, sizeof(*V_flows), M_FLOWTBL,
	    M_WAITOK | M_ZERO);
	V_aged = mallocarray(NFLOWS, sizeof(*V_aged), M_FLOWTBL,
	    M_WAITOK | M_ZERO);
	V_seen = mallocarray(NFLOWS, sizeof(*V_seen), M_FLOWTBL,
	    M_WAITOK | M_ZERO);
}
VNET_SYSINIT(vnet_flows_alloc, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_flows_alloc, NULL);

static void
vnet_flows_free(const void *unused __unused)
{

	free(V_flows, M_FLOWTBL);
	free(V_aged, M_FLOWTBL);
	free(V_seen, M_FLOWTBL);
}
VNET_SYSUNINIT(vnet_flows_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_flows_free, NULL);
