/*
 * Fix-it fixture: a table the file reaches through its own macros, one of
 * which comes first in the constructor (the shape of a reassembly queue's
 * bucket macros).  The allocation must name the table through its
 * accessor, V_qb, never through QB_HEAD() (which would not compile) or
 * QB_FIRST (which would compile, and leave the table unallocated).  Of
 * the uses inside those macros, sizeof(QB_TAGS) is the size of a member
 * array and stays; sizeof(QB_ALL) is the whole table and is rewritten.
 * Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NQB	64

static MALLOC_DEFINE(M_QB, "qbuckets", "reassembly buckets");

struct qbucket {
	uint64_t	packets;
	struct qbucket	*next;
	uint32_t	tags[4];
};

VNET_DEFINE_STATIC(struct qbucket *, qb); // expected-warning {{per-vnet variable 'qb' takes 2048 bytes}}
#define	QB_HEAD(b)	(&V_qb[(b)].packets)
#define	QB_FIRST	(V_qb[0].next)
#define	QB_TAGS		(V_qb[0].tags)
#define	QB_ALL		(V_qb)
#define	V_qb		VNET(qb)
VNET_DEFINE_STATIC(u_int, qb_count);
#define	V_qb_count	VNET(qb_count)

uint64_t	qb_add(u_int b);
size_t	qb_sizes(void);
u_int	qb_total(void);

uint64_t
qb_add(u_int b)
{

	(*QB_HEAD(b % NQB))++;
	QB_TAGS[b % 4] = b;
	V_qb_count++;
	return (*QB_HEAD(b % NQB));
}

size_t
qb_sizes(void)
{

	return (sizeof(QB_TAGS) + NQB * sizeof(*QB_ALL) + sizeof(*QB_HEAD(0)));
}

u_int
qb_total(void)
{
	u_int i, sum;

	sum = 0;
	for (i = 0; i < NQB; i++)
		sum += (u_int)*QB_HEAD(i);
	return (sum + QB_TAGS[1] + V_qb_count);
}

static void
vnet_qb_init(const void *unused __unused)
{

	V_qb = mallocarray(NQB, sizeof(*V_qb), M_QB, M_WAITOK | M_ZERO);
	*QB_HEAD(0) = 0;
	QB_FIRST = NULL;
	V_qb_count = 0;
}
VNET_SYSINIT(vnet_qb_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_qb_init, NULL);

static void
vnet_qb_destroy(const void *unused __unused)
{

	QB_FIRST = NULL;
	V_qb_count = 0;
	free(V_qb, M_QB);
}
VNET_SYSUNINIT(vnet_qb_destroy, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_qb_destroy, NULL);
