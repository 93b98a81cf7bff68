/*
 * Fix-it fixture: an older tree's "static VNET_DEFINE" (its VNET_DEFINE
 * had no "struct _hack;"); built with -DMODSPACE_OLD_VNET.  The rewrite
 * keeps the old form.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NROUTES		64

MALLOC_DEFINE(M_OLDRT, "oldrt", "old-style route tables");

struct route {
	uint32_t	r_dst;
	uint32_t	r_gw;
	uint64_t	r_uses;
};

static VNET_DEFINE(struct route *, routes); // expected-warning {{'routes' takes 1024 bytes}}
#define	V_routes	VNET(routes)

uint64_t	rt_use(u_int i);

uint64_t
rt_use(u_int i)
{

	return (++V_routes[i % NROUTES].r_uses);
}

static void
vnet_rt_init(const void *unused __unused)
{

	V_routes = mallocarray(NROUTES, sizeof(*V_routes), M_OLDRT,
	    M_WAITOK | M_ZERO);
	V_routes[0].r_gw = 1;
}
VNET_SYSINIT(vnet_rt_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    vnet_rt_init, NULL);

static void
vnet_routes_free(const void *unused __unused)
{

	free(V_routes, M_OLDRT);
}
VNET_SYSUNINIT(vnet_routes_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_routes_free, NULL);
