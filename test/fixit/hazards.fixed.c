/*
 * Fix-it fixture: every use of a per-vnet array whose meaning depends on
 * it being an array (rewritten), next to the uses that keep their meaning
 * as a pointer (left alone).  The table is touched by one constructor,
 * through a helper, and by one destructor.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NENTRIES	128

static MALLOC_DEFINE(M_HAZARD, "hazard", "hazard tables");

struct entry {
	uint32_t	e_key;
	uint32_t	e_value;
};

VNET_DEFINE_STATIC(struct entry *, table); // expected-warning {{per-vnet variable 'table' takes 1024 bytes}}
#define	V_table		VNET(table)
VNET_DEFINE_STATIC(u_int, nused);
#define	V_nused		VNET(nused)

size_t	hz_sizes(void);
void	hz_copy(struct entry *dst, const struct entry *src);
u_int	hz_sum(struct entry *first, u_int n);
u_int	hz_walk(void);

/* Uses that change meaning: each is rewritten. */
size_t
hz_sizes(void)
{
	size_t s;

	s = NENTRIES * sizeof(*V_table);
	s += NENTRIES * sizeof(*V_table);
	s += NENTRIES * sizeof(*VNET(table));
	s += NENTRIES;
	return (s);
}

void
hz_copy(struct entry *dst, const struct entry *src)
{

	memcpy(dst, V_table, NENTRIES * sizeof(*V_table));
	bcopy(src, V_table, NENTRIES * sizeof(*V_table));
	memset(V_table, 0xff, NENTRIES * sizeof(*V_table));
	bzero(V_table, NENTRIES * sizeof(*V_table));
}

/* Uses that keep their meaning as a pointer: left alone. */
u_int
hz_sum(struct entry *first, u_int n)
{
	u_int i, sum;

	sum = 0;
	for (i = 0; i < n; i++)
		sum += first[i].e_value;
	return (sum);
}

u_int
hz_walk(void)
{
	struct entry *p, *end;
	u_int sum;

	sum = V_table[0].e_value + (V_table + 1)->e_value;
	end = &V_table[NENTRIES - 1];
	for (p = V_table; p < end; p++)
		sum += (u_int)(p - V_table);
	sum += (u_int)sizeof(V_table[0]);
	return (sum + hz_sum(V_table, V_nused));
}

static void
hz_fill(void)
{
	u_int i;

	for (i = 0; i < NENTRIES; i++)
		V_table[i].e_key = i;
	V_nused = NENTRIES;
}

static void
vnet_hz_early(const void *unused __unused)
{

	V_nused = 0;
}
VNET_SYSINIT(vnet_hz_early, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    vnet_hz_early, NULL);

static void
vnet_hz_init(const void *unused __unused)
{

	V_table = mallocarray(NENTRIES, sizeof(*V_table), M_HAZARD,
	    M_WAITOK | M_ZERO);
	hz_fill();
}
VNET_SYSINIT(vnet_hz_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_SECOND,
    vnet_hz_init, NULL);

static void
vnet_hz_uninit(const void *unused __unused)
{
	u_int i;

	for (i = 0; i < NENTRIES; i++)
		V_table[i].e_value = 0;
	V_nused = 0;
	free(V_table, M_HAZARD);
}
VNET_SYSUNINIT(vnet_hz_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_SECOND,
    vnet_hz_uninit, NULL);
