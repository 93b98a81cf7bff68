/*
 * Fix-it fixture: where the allocation and the release go when several
 * constructors and destructors touch a table (constructors run in
 * ascending, destructors in descending (subsystem, order)).  Written for
 * this project.
 *
 *   early[]  touched by constructors at (PROTO_DOMAIN, FIRST) and
 *            (PROTO_FIREWALL, ANY): allocated in the first; freed in the
 *            destructor at (PROTO_DOMAIN, FIRST), which runs after the one
 *            at (PROTO_FIREWALL, ANY) that also touches it.
 *   tied[]   touched by two constructors registered at the same
 *            (subsystem, order), whose relative order is not defined:
 *            neither can allocate, so a new constructor runs before both.
 *   guarded[] the destructor that touches it can return early, so a free
 *            at its end might not run: it is freed in the destructor at
 *            (PROTO_DOMAIN, FIRST), which runs after that one.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

static MALLOC_DEFINE(M_ORD, "ord", "ordering tables");

VNET_DEFINE_STATIC(uint64_t, early[200]); // expected-warning {{'early' takes 1600 bytes}}
#define	V_early		VNET(early)
VNET_DEFINE_STATIC(uint64_t, tied[200]); // expected-warning {{'tied' takes 1600 bytes}}
#define	V_tied		VNET(tied)
VNET_DEFINE_STATIC(uint64_t, guarded[200]); // expected-warning {{'guarded' takes 1600 bytes}}
#define	V_guarded	VNET(guarded)
VNET_DEFINE_STATIC(int, enabled);
#define	V_enabled	VNET(enabled)

static void
ord_init_domain(const void *unused __unused)
{

	V_early[0] = 1;
	V_tied[0] = 1;
	V_guarded[0] = 1;
}
VNET_SYSINIT(ord_init_domain, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    ord_init_domain, NULL);

static void
ord_init_firewall(const void *unused __unused)
{

	V_early[1] = 2;
	V_tied[1] = 2;
}
VNET_SYSINIT(ord_init_firewall, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    ord_init_firewall, NULL);

static void
ord_init_firewall2(const void *unused __unused)
{

	V_tied[2] = 3;
}
VNET_SYSINIT(ord_init_firewall2, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    ord_init_firewall2, NULL);

static void
ord_uninit_firewall(const void *unused __unused)
{

	V_early[1] = 0;
	if (!V_enabled)
		return;
	V_guarded[1] = 0;
}
VNET_SYSUNINIT(ord_uninit_firewall, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    ord_uninit_firewall, NULL);

static void
ord_uninit_domain(const void *unused __unused)
{

	V_early[0] = 0;
	V_tied[0] = 0;
	V_enabled = 0;
}
VNET_SYSUNINIT(ord_uninit_domain, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    ord_uninit_domain, NULL);
