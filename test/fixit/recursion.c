/*
 * Fix-it fixture: where a constructor reaches a table only through
 * mutually recursive helpers, and where a reusable constructor is
 * registered once more in code this configuration skips.  Written for
 * this project.
 *
 *   walk   walk_a() and walk_b() call each other; rec_early (PSEUDO, the
 *          first to run) reaches the table through walk_b() -> walk_a(),
 *          so it cannot be allocated in rec_late: a new pair.
 *   twice  tw_init touches it and is registered here once, and once more
 *          under #ifdef TW_AGAIN: allocating there would allocate twice
 *          (and leak) in that configuration, so it is not reused.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

static MALLOC_DEFINE(M_REC, "rec", "recursion test");

struct big {
	u_int	n;
	char	pad[2000];
};

VNET_DEFINE_STATIC(struct big, walk); // expected-warning {{per-vnet variable 'walk' takes 2004 bytes}}
#define	V_walk		VNET(walk)
VNET_DEFINE_STATIC(struct big, twice); // expected-warning {{per-vnet variable 'twice' takes 2004 bytes}}
#define	V_twice		VNET(twice)

u_int		rec_get(void);
static void	walk_a(int);

static void
walk_b(int n)
{

	if (n > 0)
		walk_a(n - 1);
}

static void
walk_a(int n)
{

	V_walk.n++;
	walk_b(n);
}

u_int
rec_get(void)
{

	return (V_walk.n * 100 + V_twice.n);
}

static void
rec_late(const void *unused __unused)
{

	walk_a(0);
}
VNET_SYSINIT(rec_late, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, rec_late, NULL);

static void
rec_early(const void *unused __unused)
{

	walk_b(2);
}
VNET_SYSINIT(rec_early, SI_SUB_PSEUDO, SI_ORDER_ANY, rec_early, NULL);

static void
tw_init(const void *unused __unused)
{

	V_twice.n++;
}
VNET_SYSINIT(tw_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_MIDDLE, tw_init, NULL);
#ifdef TW_AGAIN
VNET_SYSINIT(tw_again, SI_SUB_PROTO_IFATTACHDOMAIN, SI_ORDER_ANY, tw_init,
    NULL);
#endif
