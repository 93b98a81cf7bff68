/*
 * modspace's bundled example: a multicast-routing module shaped like the
 * one in docs/kernel-facts.md, written for this project.  Its three
 * per-vnet arrays and one per-vnet struct take about 21 KB of the 32 KB
 * vnet module space; modspace reports them, and its fix-its move the
 * arrays to memory allocated per vnet.
 *
 * ip_mroute_like.step1.c is this file after modspace's fix-its,
 * ip_mroute_like.handwritten.c adds the sysctl handler a developer writes
 * by hand after modspace's note, ip_mroute_like.fixed.c is that after
 * modspace's second run (make demo shows the three).
 *
 * Build as a module: -D_KERNEL -DKLD_MODULE [-DVIMAGE] -I test/include.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include <net/if_var.h>
#include <net/vnet.h>

#define	MAXVIFS			32
#define	BW_METER_BUCKETS	1024
#define	BW_UPCALLS_MAX		128

static MALLOC_DEFINE(M_MRTABLE, "mroutetbl", "multicast forwarding tables");

struct vif {				/* 56 bytes */
	uint8_t		v_flags;
	uint8_t		v_threshold;
	uint32_t	v_lcl_addr;
	uint32_t	v_rmt_addr;
	struct ifnet	*v_ifp;
	uint64_t	v_pkt_in;
	uint64_t	v_pkt_out;
	uint64_t	v_bytes_in;
	uint64_t	v_bytes_out;
};

struct bw_meter;

struct bw_upcall {			/* 80 bytes */
	uint32_t	bu_src;
	uint32_t	bu_dst;
	uint32_t	bu_threshold_packets;
	uint32_t	bu_flags;
	uint64_t	bu_threshold_bytes;
	uint64_t	bu_threshold_time[2];
	uint64_t	bu_measured_packets;
	uint64_t	bu_measured_bytes;
	uint64_t	bu_measured_time[2];
	uint64_t	bu_spare;
};

VNET_DEFINE_STATIC(struct vif *, viftable);
#define	V_viftable		VNET(viftable)
VNET_DEFINE_STATIC(struct bw_meter **, bw_meter_timers);
#define	V_bw_meter_timers	VNET(bw_meter_timers)
VNET_DEFINE_STATIC(struct bw_upcall *, bw_upcalls);
#define	V_bw_upcalls		VNET(bw_upcalls)
VNET_DEFINE_STATIC(struct ifnet, multicast_register_if);
#define	V_multicast_register_if	VNET(multicast_register_if)
VNET_DEFINE_STATIC(u_int, numvifs);
#define	V_numvifs		VNET(numvifs)
VNET_DEFINE_STATIC(u_int, bw_upcalls_n);
#define	V_bw_upcalls_n		VNET(bw_upcalls_n)

static int
sysctl_net_inet_ip_viftable(SYSCTL_HANDLER_ARGS)
{
	struct vif *table;

	/* This vnet's pointer: CTLFLAG_VNET rebases &VNET_NAME(viftable). */
	table = *(struct vif **)arg1;
	if (table == NULL)	/* not allocated in this vnet */
		return (0);
	return (SYSCTL_OUT(req, table, MAXVIFS * sizeof(*table)));
}
SYSCTL_PROC(_net_inet_ip, OID_AUTO, viftable,
    CTLTYPE_OPAQUE | CTLFLAG_VNET | CTLFLAG_RD, &VNET_NAME(viftable), 0,
    sysctl_net_inet_ip_viftable, "S,vif[MAXVIFS]",
    "Multicast virtual interfaces (struct vif[MAXVIFS])");
SYSCTL_INT(_net_inet_ip, OID_AUTO, numvifs, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(numvifs), 0, "Number of virtual interfaces in use");

/* Entry points a test driver calls in each vnet. */
int	mroute_add_vif(u_int vifi, uint32_t lcl, uint32_t rmt);
int	mroute_count_in(u_int vifi, uint64_t bytes);
uint64_t mroute_sum_in(void);
int	mroute_queue_upcall(uint32_t src, uint32_t dst);
u_int	mroute_upcalls_pending(void);
void	mroute_flush(void);
void	*mroute_meter_alloc(void);
void	mroute_meter_free(void *meter);

int
mroute_add_vif(u_int vifi, uint32_t lcl, uint32_t rmt)
{
	struct vif *vifp;

	if (vifi >= MAXVIFS)
		return (-1);
	vifp = &V_viftable[vifi];
	vifp->v_flags = 1;
	vifp->v_lcl_addr = lcl;
	vifp->v_rmt_addr = rmt;
	vifp->v_ifp = &V_multicast_register_if;
	if (vifi >= V_numvifs)
		V_numvifs = vifi + 1;
	return (0);
}

int
mroute_count_in(u_int vifi, uint64_t bytes)
{
	struct vif *vifp;

	if (vifi >= V_numvifs)
		return (-1);
	vifp = V_viftable + vifi;
	vifp->v_pkt_in++;
	vifp->v_bytes_in += bytes;
	return (0);
}

uint64_t
mroute_sum_in(void)
{
	uint64_t sum;
	u_int i;

	sum = 0;
	for (i = 0; i < V_numvifs; i++)
		sum += V_viftable[i].v_bytes_in;
	return (sum);
}

int
mroute_queue_upcall(uint32_t src, uint32_t dst)
{
	struct bw_upcall *u;

	if (V_bw_upcalls_n >= BW_UPCALLS_MAX)
		return (-1);
	u = &V_bw_upcalls[V_bw_upcalls_n++];
	u->bu_src = src;
	u->bu_dst = dst;
	V_bw_meter_timers[(src ^ dst) % BW_METER_BUCKETS] = NULL;
	return (0);
}

u_int
mroute_upcalls_pending(void)
{

	return (V_bw_upcalls_n);
}

void
mroute_flush(void)
{

	bzero(V_bw_upcalls, BW_UPCALLS_MAX * sizeof(*V_bw_upcalls));
	V_bw_upcalls_n = 0;
	bzero(V_viftable, MAXVIFS * sizeof(*V_viftable));
	V_numvifs = 0;
}

void *
mroute_meter_alloc(void)
{

	return (malloc(64, M_MRTABLE, M_WAITOK | M_ZERO));
}

void
mroute_meter_free(void *meter)
{

	free(meter, M_MRTABLE);
}

static void
vnet_mroute_init(const void *unused __unused)
{

	V_viftable = mallocarray(MAXVIFS, sizeof(*V_viftable), M_MRTABLE,
	    M_WAITOK | M_ZERO);
	V_bw_meter_timers = mallocarray(BW_METER_BUCKETS,
	    sizeof(*V_bw_meter_timers), M_MRTABLE, M_WAITOK | M_ZERO);
	V_bw_upcalls = mallocarray(BW_UPCALLS_MAX, sizeof(*V_bw_upcalls),
	    M_MRTABLE, M_WAITOK | M_ZERO);
	bzero(&V_multicast_register_if, sizeof(V_multicast_register_if));
	V_numvifs = 0;
}
VNET_SYSINIT(vnet_mroute_init, SI_SUB_PROTO_MC, SI_ORDER_ANY,
    vnet_mroute_init, NULL);

static void
vnet_mroute_uninit(const void *unused __unused)
{

	mroute_flush();
	V_bw_upcalls_n = 0;
	free(V_viftable, M_MRTABLE);
	free(V_bw_meter_timers, M_MRTABLE);
	free(V_bw_upcalls, M_MRTABLE);
}
VNET_SYSUNINIT(vnet_mroute_uninit, SI_SUB_PROTO_MC, SI_ORDER_MIDDLE,
    vnet_mroute_uninit, NULL);
