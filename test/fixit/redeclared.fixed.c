/*
 * Fix-it fixture: tables declared more than once in one file, a
 * VNET_DECLARE ahead of a use and two identical tentative definitions
 * (legal C, and what a merge can leave behind).  Every declaration
 * changes together, or the file redefines the variable with another type.
 * Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NRD	300

static MALLOC_DEFINE(M_RD, "redecl", "redeclared tables");

struct rd_entry {
	uint32_t	re_value;
};

VNET_DECLARE(struct rd_entry *, rd_table); // expected-note {{the declaration of 'rd_table' here changes too}}
#define	V_rd_table	VNET(rd_table)

u_int	rd_get(u_int i);
u_int	rd_sum(void);

u_int
rd_get(u_int i)
{

	return (V_rd_table[i % NRD].re_value);
}

VNET_DEFINE(struct rd_entry *, rd_table); // expected-warning {{per-vnet variable 'rd_table' takes 1200 bytes}}
VNET_DEFINE(struct rd_entry *, rd_table);

VNET_DEFINE_STATIC(uint64_t *, rd_static); // expected-warning {{per-vnet variable 'rd_static' takes 1600 bytes}}
VNET_DEFINE_STATIC(uint64_t *, rd_static);
#define	V_rd_static	VNET(rd_static)

u_int
rd_sum(void)
{
	u_int i, sum;

	sum = 0;
	for (i = 0; i < NRD; i++)
		sum += V_rd_table[i].re_value;
	return (sum + (u_int)V_rd_static[3] + (u_int)(200 * sizeof(*V_rd_static)));
}

static void
rd_init(const void *unused __unused)
{

	V_rd_table = mallocarray(NRD, sizeof(*V_rd_table), M_RD,
	    M_WAITOK | M_ZERO);
	V_rd_static = mallocarray(200, sizeof(*V_rd_static), M_RD,
	    M_WAITOK | M_ZERO);
	V_rd_table[1].re_value = 1;
	V_rd_static[3] = 3;
}
VNET_SYSINIT(rd_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, rd_init, NULL);

static void
rd_uninit(const void *unused __unused)
{

	V_rd_table[1].re_value = 0;
	free(V_rd_table, M_RD);
	free(V_rd_static, M_RD);
}
VNET_SYSUNINIT(rd_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, rd_uninit,
    NULL);
