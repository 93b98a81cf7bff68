/*
 * Fix-it fixture: a file with two malloc types, one for scratch buffers.
 * The table is allocated with the other, and a note says which and why.  Its constructor does not
 * touch the table; its destructor does.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

static MALLOC_DEFINE(M_FLOWS, "flows", "flow tables");
static MALLOC_DEFINE(M_FLOWTMP, "flowtmp", "flow scratch buffers");

struct flow {
	uint64_t	f_bytes;
	uint64_t	f_packets;
};

VNET_DEFINE_STATIC(struct flow *, flows); // expected-warning {{'flows' takes 8192 bytes}} expected-note {{the table is allocated with 'M_FLOWS', the file's only malloc type not meant for temporary data [modspace]}}
#define	V_flows		VNET(flows)
VNET_DEFINE_STATIC(void *, scratch);
#define	V_scratch	VNET(scratch)

void	fl_count(u_int i, uint64_t bytes);

void
fl_count(u_int i, uint64_t bytes)
{

	V_flows[i % 512].f_bytes += bytes;
	V_flows[i % 512].f_packets++;
}

static void
vnet_fl_init(const void *unused __unused)
{
	void *buf;

	V_flows = mallocarray(512, sizeof(*V_flows), M_FLOWS,
	    M_WAITOK | M_ZERO);
	buf = malloc(128, M_FLOWTMP, M_WAITOK | M_ZERO);
	V_scratch = buf;
}
VNET_SYSINIT(vnet_fl_init, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    vnet_fl_init, NULL);

static void
vnet_fl_uninit(const void *unused __unused)
{

	free(V_scratch, M_FLOWTMP);
	bzero(V_flows, 512 * sizeof(*V_flows));
	free(V_flows, M_FLOWS);
}
VNET_SYSUNINIT(vnet_fl_uninit, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    vnet_fl_uninit, NULL);
