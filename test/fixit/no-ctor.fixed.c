/*
 * Fix-it fixture: a module with two large per-vnet tables and no
 * constructor, destructor, malloc type or <sys/malloc.h> of its own.
 * modspace must add all of them.  Written for this project.
 */
#include <sys/param.h>
#include <sys/malloc.h>
#include <sys/systm.h>
#include <net/vnet.h>

#define	NBUCKETS	256

struct bucket {
	uint64_t	b_hits;
	void		*b_head;
};

static MALLOC_DEFINE(M_NO_CTOR, "no-ctor", "no-ctor per-vnet tables");

VNET_DEFINE_STATIC(struct bucket *, buckets); // expected-warning {{per-vnet variable 'buckets' takes 4096 bytes}}
#define	V_buckets	VNET(buckets)
VNET_DEFINE_STATIC(uint32_t *, hashkeys); // expected-warning {{per-vnet variable 'hashkeys' takes 2048 bytes}}
#define	V_hashkeys	VNET(hashkeys)

uint64_t nc_lookup(uint32_t key);
void	nc_reset(void);

uint64_t
nc_lookup(uint32_t key)
{
	struct bucket *b;

	b = &V_buckets[key % NBUCKETS];
	b->b_hits++;
	V_hashkeys[key % (NBUCKETS * 2)] = key;
	return (b->b_hits);
}

void
nc_reset(void)
{

	memset(V_buckets, 0, NBUCKETS * sizeof(*V_buckets));
	bzero(V_hashkeys, (NBUCKETS * 2) * sizeof(*V_hashkeys));
}

static void
vnet_buckets_alloc(const void *unused __unused)
{

	V_buckets = mallocarray(NBUCKETS, sizeof(*V_buckets), M_NO_CTOR,
	    M_WAITOK | M_ZERO);
	V_hashkeys = mallocarray(NBUCKETS * 2, sizeof(*V_hashkeys), M_NO_CTOR,
	    M_WAITOK | M_ZERO);
}
VNET_SYSINIT(vnet_buckets_alloc, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_buckets_alloc, NULL);

static void
vnet_buckets_free(const void *unused __unused)
{

	free(V_buckets, M_NO_CTOR);
	free(V_hashkeys, M_NO_CTOR);
}
VNET_SYSUNINIT(vnet_buckets_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_buckets_free, NULL);
