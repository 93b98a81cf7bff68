/* Defines the shared table (non-static).  Written for this project. */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include "tables.h"

static MALLOC_DEFINE(M_SLOTS, "slots", "slot tables");

VNET_DEFINE(struct slot *, slots); // expected-warning {{'slots' takes 2400 bytes}}
// expected-note@tables.h:17 {{the declaration of 'slots' here changes too; other translation units' uses of it are checked when they are compiled [modspace]}}

void
slots_reset(void)
{

	bzero(V_slots, NSLOTS * sizeof(*V_slots));
}

static void
vnet_slots_init(const void *unused __unused)
{

	V_slots = mallocarray(NSLOTS, sizeof(*V_slots), M_SLOTS,
	    M_WAITOK | M_ZERO);
	slots_reset();
}
VNET_SYSINIT(vnet_slots_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_slots_init, NULL);

static void
vnet_slots_uninit(const void *unused __unused)
{

	slots_reset();
	free(V_slots, M_SLOTS);
}
VNET_SYSUNINIT(vnet_slots_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_slots_uninit, NULL);
