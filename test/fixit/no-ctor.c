/*
 * Fix-it fixture: a module with two large per-vnet tables and no
 * constructor, destructor, malloc type or <sys/malloc.h> of its own.
 * modspace must add all of them.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <net/vnet.h>

#define	NBUCKETS	256

struct bucket {
	uint64_t	b_hits;
	void		*b_head;
};

VNET_DEFINE_STATIC(struct bucket, buckets[NBUCKETS]); // expected-warning {{per-vnet variable 'buckets' takes 4096 bytes}}
#define	V_buckets	VNET(buckets)
VNET_DEFINE_STATIC(uint32_t, hashkeys[NBUCKETS * 2]); // expected-warning {{per-vnet variable 'hashkeys' takes 2048 bytes}}
#define	V_hashkeys	VNET(hashkeys)

uint64_t nc_lookup(uint32_t key);
void	nc_reset(void);

uint64_t
nc_lookup(uint32_t key)
{
	struct bucket *b;

	b = &V_buckets[key % nitems(V_buckets)];
	b->b_hits++;
	V_hashkeys[key % (NBUCKETS * 2)] = key;
	return (b->b_hits);
}

void
nc_reset(void)
{

	memset(V_buckets, 0, sizeof(V_buckets));
	bzero(V_hashkeys, sizeof V_hashkeys);
}
