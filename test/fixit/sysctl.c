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

VNET_DEFINE_STATIC(struct tv, vifs[NV]); // expected-warning {{per-vnet variable 'vifs' takes 768 bytes}}
#define	V_vifs		VNET(vifs)
VNET_DEFINE_STATIC(uint32_t, marks[NMARKS]); // expected-warning {{per-vnet variable 'marks' takes 1200 bytes}}
#define	V_marks		VNET(marks)
VNET_DEFINE_STATIC(struct tstats, stats); // expected-warning {{per-vnet variable 'stats' takes 1032 bytes}}
#define	V_stats		VNET(stats)
VNET_DEFINE_STATIC(u_int, nvifs);
#define	V_nvifs		VNET(nvifs)

SYSCTL_OPAQUE(_net_test, OID_AUTO, vifs, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(vifs), sizeof(V_vifs), "S,tv[NV]",
    "Test interfaces (struct tv[NV])");
SYSCTL_OPAQUE(_net_test, 42, marks, CTLFLAG_RD | CTLFLAG_VNET | CTLFLAG_MPSAFE,
    &VNET_NAME(marks), sizeof(VNET(marks)), "IU", "Marks");
SYSCTL_STRUCT(_net_test, OID_AUTO, stats, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(stats), tstats, "Statistics (struct tstats)");
SYSCTL_INT(_net_test, OID_AUTO, nvifs, CTLFLAG_VNET | CTLFLAG_RD |
    CTLFLAG_MPSAFE, &VNET_NAME(nvifs), 0, "Interfaces in use");

int	tv_add(u_int, uint32_t);
void	tv_count(u_int, uint64_t);

int
tv_add(u_int i, uint32_t addr)
{

	if (i >= nitems(V_vifs))
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
	V_stats.ts_in[i % 64] += bytes;
	V_stats.ts_out[(i * 3) % 64]++;
}

static void
tv_init(const void *unused __unused)
{

	V_nvifs = 0;
	V_stats.ts_resets++;
}
VNET_SYSINIT(tv_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tv_init, NULL);

static void
tv_uninit(const void *unused __unused)
{

	V_nvifs = 0;
}
VNET_SYSUNINIT(tv_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tv_uninit,
    NULL);
