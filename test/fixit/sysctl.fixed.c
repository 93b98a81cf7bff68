/*
 * Fix-it fixture for sysctl=rewrite: read-only sysctls that export a
 * converted table or structure in place (&VNET_NAME(x)) become a
 * SYSCTL_PROC whose handler copies the whole of it out of this vnet's
 * allocation, keeping the parent, the OID number or OID_AUTO, the name,
 * the flags (CTLFLAG_MPSAFE added, as this file marks its sysctls), the
 * format and the description.  Written for this project.
 *
 *   vifs   an array exported with SYSCTL_OPAQUE(..., sizeof(V_vifs), ...)
 *          under OID_AUTO.
 *   marks  an array exported under a fixed OID number, through
 *          sizeof(VNET(marks)), already CTLFLAG_MPSAFE.
 *   stats  a structure exported with SYSCTL_STRUCT.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

#define	NV	48
#define	NMARKS	300

static MALLOC_DEFINE(M_TVIF, "tvif", "test interfaces");

struct tv {
	uint32_t	tv_flags;
	uint32_t	tv_addr;
	uint64_t	tv_bytes;
};

struct tstats {
	uint64_t	ts_in[64];
	uint64_t	ts_out[64];
	u_int		ts_resets;
};

VNET_DEFINE_STATIC(struct tv *, vifs); // expected-warning {{per-vnet variable 'vifs' takes 768 bytes}}
#define	V_vifs		VNET(vifs)
VNET_DEFINE_STATIC(uint32_t *, marks); // expected-warning {{per-vnet variable 'marks' takes 1200 bytes}}
#define	V_marks		VNET(marks)
VNET_DEFINE_STATIC(struct tstats *, stats); // expected-warning {{per-vnet variable 'stats' takes 1032 bytes}}
#define	V_stats		VNET(stats)
VNET_DEFINE_STATIC(u_int, nvifs);
#define	V_nvifs		VNET(nvifs)

static int
sysctl_net_test_vifs(SYSCTL_HANDLER_ARGS)
{
	struct tv *table;

	/* This vnet's pointer: CTLFLAG_VNET rebases &VNET_NAME(vifs). */
	table = *(struct tv **)arg1;
	if (table == NULL)	/* not allocated in this vnet */
		return (0);
	return (SYSCTL_OUT(req, table, NV * sizeof(*table)));
}
SYSCTL_PROC(_net_test, OID_AUTO, vifs,
    CTLTYPE_OPAQUE | CTLFLAG_VNET | CTLFLAG_RD | CTLFLAG_MPSAFE,
    &VNET_NAME(vifs), 0, sysctl_net_test_vifs, "S,tv[NV]",
    "Test interfaces (struct tv[NV])");

static int
sysctl_net_test_marks(SYSCTL_HANDLER_ARGS)
{
	uint32_t *table;

	/* This vnet's pointer: CTLFLAG_VNET rebases &VNET_NAME(marks). */
	table = *(uint32_t **)arg1;
	if (table == NULL)	/* not allocated in this vnet */
		return (0);
	return (SYSCTL_OUT(req, table, NMARKS * sizeof(*table)));
}
SYSCTL_PROC(_net_test, 42, marks,
    CTLTYPE_OPAQUE | CTLFLAG_RD | CTLFLAG_VNET | CTLFLAG_MPSAFE,
    &VNET_NAME(marks), 0, sysctl_net_test_marks, "IU", "Marks");

static int
sysctl_net_test_stats(SYSCTL_HANDLER_ARGS)
{
	struct tstats *table;

	/* This vnet's pointer: CTLFLAG_VNET rebases &VNET_NAME(stats). */
	table = *(struct tstats **)arg1;
	if (table == NULL)	/* not allocated in this vnet */
		return (0);
	return (SYSCTL_OUT(req, table, sizeof(*table)));
}
SYSCTL_PROC(_net_test, OID_AUTO, stats,
    CTLTYPE_OPAQUE | CTLFLAG_VNET | CTLFLAG_RD | CTLFLAG_MPSAFE,
    &VNET_NAME(stats), 0, sysctl_net_test_stats, "S,tstats",
    "Statistics (struct tstats)");
SYSCTL_INT(_net_test, OID_AUTO, nvifs, CTLFLAG_VNET | CTLFLAG_RD |
    CTLFLAG_MPSAFE, &VNET_NAME(nvifs), 0, "Interfaces in use");

int	tv_add(u_int, uint32_t);
void	tv_count(u_int, uint64_t);

int
tv_add(u_int i, uint32_t addr)
{

	if (i >= NV)
		return (-1);
	V_vifs[i].tv_flags = 1;
	V_vifs[i].tv_addr = addr;
	V_marks[(i * 7) % NMARKS] = addr ^ 0x5a5a;
	if (i >= V_nvifs)
		V_nvifs = i + 1;
	return (0);
}

void
tv_count(u_int i, uint64_t bytes)
{

	V_vifs[i % NV].tv_bytes += bytes;
	V_stats->ts_in[i % 64] += bytes;
	V_stats->ts_out[(i * 3) % 64]++;
}

static void
tv_init(const void *unused __unused)
{

	V_vifs = mallocarray(NV, sizeof(*V_vifs), M_TVIF, M_WAITOK | M_ZERO);
	V_marks = mallocarray(NMARKS, sizeof(*V_marks), M_TVIF,
	    M_WAITOK | M_ZERO);
	V_stats = malloc(sizeof(*V_stats), M_TVIF, M_WAITOK | M_ZERO);
	V_nvifs = 0;
	V_stats->ts_resets++;
}
VNET_SYSINIT(tv_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tv_init, NULL);

static void
tv_uninit(const void *unused __unused)
{

	V_nvifs = 0;
	free(V_vifs, M_TVIF);
	free(V_marks, M_TVIF);
	free(V_stats, M_TVIF);
}
VNET_SYSUNINIT(tv_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tv_uninit,
    NULL);
