/*
 * Fix-it fixture: an accessor the file #undefs before its end, and one it
 * defines only after the constructor.  Generated code must name a table
 * only where its accessor exists, else as VNET(x).  The file's only
 * malloc type is for temporary buffers, so the tables get their own.
 * Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NUD	256

static MALLOC_DEFINE(M_UDTMP, "udtmp", "temporary buffers");

struct ud_slot {
	uint64_t	us_value;
};

static MALLOC_DEFINE(M_UNDEF, "undef", "undef per-vnet tables");

VNET_DEFINE_STATIC(struct ud_slot *, ud_slots); // expected-warning {{per-vnet variable 'ud_slots' takes 2048 bytes}} expected-note {{the table gets its own malloc type, M_UNDEF: the file's (M_UDTMP) are for temporary data [modspace]}}
#define	V_ud_slots	VNET(ud_slots)
VNET_DEFINE_STATIC(uint32_t *, ud_other); // expected-warning {{per-vnet variable 'ud_other' takes 1024 bytes}} expected-note {{the table gets its own malloc type, M_UNDEF}}

uint64_t	ud_sum(void);

static void
ud_init(const void *unused __unused)
{

	V_ud_slots = mallocarray(NUD, sizeof(*V_ud_slots), M_UNDEF,
	    M_WAITOK | M_ZERO);
	VNET(ud_other) = mallocarray(NUD, sizeof(*VNET(ud_other)), M_UNDEF,
	    M_WAITOK | M_ZERO);
	VNET(ud_other)[0] = 1;
}
VNET_SYSINIT(ud_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, ud_init, NULL);

#define	V_ud_other	VNET(ud_other)

uint64_t
ud_sum(void)
{
	uint64_t sum;
	u_int i;
	void *tmp;

	tmp = malloc(16, M_UDTMP, M_WAITOK);
	free(tmp, M_UDTMP);
	sum = 0;
	for (i = 0; i < NUD; i++)
		sum += V_ud_slots[i].us_value + V_ud_other[i];
	return (sum);
}

/* Past here the short names are not used. */
#undef	V_ud_slots
#undef	V_ud_other

static void
vnet_ud_slots_free(const void *unused __unused)
{

	free(VNET(ud_slots), M_UNDEF);
	free(VNET(ud_other), M_UNDEF);
}
VNET_SYSUNINIT(vnet_ud_slots_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_ud_slots_free, NULL);
