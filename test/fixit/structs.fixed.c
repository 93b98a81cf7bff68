/*
 * Fix-it fixture: large structures and unions become pointers to one
 * object, allocated with malloc(sizeof(*V_x)) in the constructor the same
 * rules choose for arrays and freed in the matching destructor.  Written
 * for this project; the shapes are those of pf's tag set and main anchor.
 * modspace-options: INET6
 *
 *   tags         a tag set with every use shape: members read and
 *                written (V_tags.f -> V_tags->f), the address of a member
 *                and of an element of an array member passed on, an array
 *                member decaying, sizeof of the whole (sizeof(*V_tags)) and
 *                of a member (kept), the whole object copied out and in
 *                (*V_tags), passed by value, compared through memcmp(&V_x),
 *                in parentheses, through VNET(), and a member inside a
 *                macro's argument (nitems(V_tags.ts_names)).  Cleared by
 *                bzero(&V_tags, sizeof(V_tags)) first in its constructor,
 *                which M_ZERO replaces.
 *   ring         a union aged by a per-vnet callout that the tag
 *                constructor starts and the tag destructor drains: it is
 *                allocated before the callout starts and freed after it
 *                is drained, by the same rules as an array.
 *   main_anchor  a typedef'd structure no constructor touches (allocated
 *                in the file's constructor, freed in its destructor, as an
 *                array would be), used under #ifdef INET6 too, given to a macro
 *                whose body writes the '.' (the accessor, written in the
 *                argument, becomes (*V_main_anchor)).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/callout.h>
#include <net/vnet.h>

#define	NTAGS	64
#define	NWORDS	256

static MALLOC_DEFINE(M_TAGS, "tags", "packet tags");

struct tagname {
	char		tn_name[32];
	uint16_t	tn_id;
};

struct tagset {
	struct tagname	ts_names[NTAGS];
	u_int		ts_count;
	uint64_t	ts_hits;
};

union ring {
	uint64_t	r_words[NWORDS];
	uint8_t		r_bytes[NWORDS * 8];
};

typedef struct anchor {
	uint32_t	a_rules[300];
	u_int		a_nrules;
} anchor_t;

VNET_DEFINE_STATIC(struct tagset *, tags); // expected-warning {{per-vnet variable 'tags' takes 2192 bytes}}
#define	V_tags		VNET(tags)
VNET_DEFINE_STATIC(union ring *, ring); // expected-warning {{per-vnet variable 'ring' takes 2048 bytes}}
#define	V_ring		VNET(ring)
VNET_DEFINE_STATIC(anchor_t *, main_anchor); // expected-warning {{per-vnet variable 'main_anchor' takes 1204 bytes}}
#define	V_main_anchor	VNET(main_anchor)
VNET_DEFINE_STATIC(struct callout, ring_co);
#define	V_ring_co	VNET(ring_co)
VNET_DEFINE_STATIC(u_int, nticks);
#define	V_nticks	VNET(nticks)
VNET_DEFINE_STATIC(void *, scratch);
#define	V_scratch	VNET(scratch)

#define	RULE_OF(a, i)	((a).a_rules[(i)])

u_int		tag_add(u_int);
uint64_t	tag_digest(void);
uint64_t	ring_sum(void);
u_int		anchor_load(u_int);

static u_int
tagset_count(struct tagset ts)
{

	return (ts.ts_count);
}

static void
tagname_set(struct tagname *tn, u_int id)
{

	memset(tn->tn_name, 'a' + (int)(id % 26), sizeof(tn->tn_name) - 1);
	tn->tn_name[sizeof(tn->tn_name) - 1] = '\0';
	tn->tn_id = (uint16_t)id;
}

static uint64_t
name_sum(const struct tagname *names, u_int n)
{
	uint64_t sum;
	u_int i;

	sum = 0;
	for (i = 0; i < n; i++)
		sum += (uint64_t)names[i].tn_id * (uint64_t)(u_char)names[i].tn_name[0];
	return (sum);
}

u_int
tag_add(u_int id)
{
	struct tagname *tn;

	if (V_tags->ts_count >= nitems(V_tags->ts_names))
		return (0);
	tn = &V_tags->ts_names[V_tags->ts_count++];
	tagname_set(tn, id);
	(V_tags)->ts_hits++;
	return (tn->tn_id);
}

uint64_t
tag_digest(void)
{
	struct tagset copy;
	uint64_t digest;

	copy = *V_tags;
	copy.ts_hits += 100;
	digest = name_sum(V_tags->ts_names, V_tags->ts_count);
	digest += tagset_count(*V_tags) * 1000 + copy.ts_hits;
	digest += sizeof(*V_tags) + sizeof(V_tags->ts_names) + sizeof(*V_tags);
	digest += (memcmp(&copy, V_tags, sizeof(copy)) != 0);
	*V_tags = copy;
	digest += VNET(tags)->ts_hits + (V_tags)->ts_count;
	tagname_set(&V_tags->ts_names[0], (u_int)(digest % 50));
	return (digest);
}

static void
ring_tick(void *arg)
{

	CURVNET_SET((struct vnet *)arg);
	V_ring->r_words[V_nticks % NWORDS] += V_nticks;
	V_ring->r_bytes[V_nticks % (NWORDS * 8)] ^= 0x5a;
	V_nticks++;
	callout_reset(&V_ring_co, 1, ring_tick, arg);
	CURVNET_RESTORE();
}

uint64_t
ring_sum(void)
{
	uint64_t sum;
	u_int i;

	sum = 0;
	for (i = 0; i < nitems(V_ring->r_words); i++)
		sum += V_ring->r_words[i] * (i + 1);
	return (sum + V_ring->r_bytes[3]);
}

u_int
anchor_load(u_int n)
{
	u_int i;

	for (i = 0; i < n && i < nitems(V_main_anchor->a_rules); i++)
		RULE_OF((*V_main_anchor), i) = i * 7;
	V_main_anchor->a_nrules = i;
#ifdef INET6
	V_main_anchor->a_rules[0] += 6;
#endif
	return (V_main_anchor->a_nrules + RULE_OF((*V_main_anchor), 0));
}

static void
tags_init(const void *unused __unused)
{

	V_tags = malloc(sizeof(*V_tags), M_TAGS, M_WAITOK | M_ZERO);
	V_ring = malloc(sizeof(*V_ring), M_TAGS, M_WAITOK | M_ZERO);
	V_main_anchor = malloc(sizeof(*V_main_anchor), M_TAGS,
	    M_WAITOK | M_ZERO);
	V_scratch = malloc(64, M_TAGS, M_WAITOK | M_ZERO);
	tagname_set(&V_tags->ts_names[0], 1);
	V_tags->ts_count = 1;
	V_nticks = 0;
	callout_init(&V_ring_co, 1);
	callout_reset(&V_ring_co, 1, ring_tick, curvnet);
}
VNET_SYSINIT(tags_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tags_init, NULL);

static void
tags_uninit(const void *unused __unused)
{

	callout_drain(&V_ring_co);
	V_tags->ts_count = 0;
	free(V_scratch, M_TAGS);
	free(V_tags, M_TAGS);
	free(V_ring, M_TAGS);
	free(V_main_anchor, M_TAGS);
}
VNET_SYSUNINIT(tags_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tags_uninit,
    NULL);
