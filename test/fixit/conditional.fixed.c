/*
 * Fix-it fixture: tables defined under #ifdef, and a file whose last
 * include is conditional (modspace-options: INET INET6).  Everything the
 * fix adds for a table (its constructor and destructor, the malloc type,
 * the include) must be compiled exactly when the table is, and the file
 * must compile in all eight configurations afterwards.  Compiled with
 * INET alone, 'both' is refused: code the preprocessor skips (under INET6)
 * uses it in a way the plugin cannot see.  Written for this project.
 */
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <net/vnet.h>
#ifdef INET6
#include <sys/sysctl.h>
#endif

#define	N4	256
#define	N6	128

static MALLOC_DEFINE(M_CONDITIONAL, "conditional",
    "conditional per-vnet tables");

#ifdef INET
VNET_DEFINE_STATIC(uint32_t *, v4tbl); // expected-warning {{per-vnet variable 'v4tbl' takes 1024 bytes}}
#define	V_v4tbl		VNET(v4tbl)

static void
vnet_v4tbl_free(const void *unused __unused)
{

	free(V_v4tbl, M_CONDITIONAL);
}
VNET_SYSUNINIT(vnet_v4tbl_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_v4tbl_free, NULL);
#endif
#ifdef INET6
VNET_DEFINE_STATIC(uint64_t *, v6tbl); // expected-warning {{per-vnet variable 'v6tbl' takes 1024 bytes}}
#define	V_v6tbl		VNET(v6tbl)

static void
vnet_v6tbl_free(const void *unused __unused)
{

	free(V_v6tbl, M_CONDITIONAL);
}
VNET_SYSUNINIT(vnet_v6tbl_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_v6tbl_free, NULL);
#endif
#if defined(INET) || defined(INET6)
VNET_DEFINE_STATIC(uint32_t *, both); // expected-warning {{per-vnet variable 'both' takes 1200 bytes}}
#define	V_both		VNET(both)

static void
vnet_both_alloc(const void *unused __unused)
{

	V_both = mallocarray(300, sizeof(*V_both), M_CONDITIONAL,
	    M_WAITOK | M_ZERO);
}
VNET_SYSINIT(vnet_both_alloc, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_both_alloc, NULL);

static void
vnet_both_free(const void *unused __unused)
{

	free(V_both, M_CONDITIONAL);
}
VNET_SYSUNINIT(vnet_both_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_both_free, NULL);
#endif
#ifdef VIMAGE
VNET_DEFINE_STATIC(uint8_t *, vimage_only); // expected-warning {{per-vnet variable 'vimage_only' takes 2000 bytes}}
#define	V_vimage_only	VNET(vimage_only)

static void
vnet_vimage_only_free(const void *unused __unused)
{

	free(V_vimage_only, M_CONDITIONAL);
}
VNET_SYSUNINIT(vnet_vimage_only_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_vimage_only_free, NULL);
#endif

u_int	cond_sum(void);

u_int
cond_sum(void)
{
	u_int s;

	s = 0;
#ifdef INET
	s += V_v4tbl[3] + (u_int)N4;
#endif
#ifdef INET6
	s += (u_int)V_v6tbl[5] + (u_int)(N6 * sizeof(*V_v6tbl));
#endif
#if defined(INET) || defined(INET6)
	s += V_both[7] + (u_int)(300);
#endif
#ifdef VIMAGE
	s += V_vimage_only[11];
#endif
	return (s);
}

#ifdef INET
static void
cond_init4(const void *unused __unused)
{

	V_v4tbl = mallocarray(N4, sizeof(*V_v4tbl), M_CONDITIONAL,
	    M_WAITOK | M_ZERO);
	V_v4tbl[3] = 4;
}
VNET_SYSINIT(cond_init4, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, cond_init4,
    NULL);
#endif

#ifdef INET6
static void
cond_init6(const void *unused __unused)
{

	V_v6tbl = mallocarray(N6, sizeof(*V_v6tbl), M_CONDITIONAL,
	    M_WAITOK | M_ZERO);
	V_v6tbl[5] = 6;
#if defined(INET)
	V_both[1] = (u_int)(300 * sizeof(*V_both));
#endif
}
VNET_SYSINIT(cond_init6, SI_SUB_PROTO_DOMAIN, SI_ORDER_SECOND, cond_init6,
    NULL);
#endif

#ifdef VIMAGE
static void
cond_init_vimage(const void *unused __unused)
{

	V_vimage_only = mallocarray(2000, sizeof(*V_vimage_only), M_CONDITIONAL,
	    M_WAITOK | M_ZERO);
	V_vimage_only[11] = 11;
}
VNET_SYSINIT(cond_init_vimage, SI_SUB_PROTO_DOMAIN, SI_ORDER_THIRD,
    cond_init_vimage, NULL);
#endif
