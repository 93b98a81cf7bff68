/*
 * CLI fixture: a static table (converted) and one a sysctl exports in
 * place (refused).  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include "cache.h"

static MALLOC_DEFINE(M_CACHE, "cache", "cache tables");

VNET_DEFINE_STATIC(struct centry, cachetab[CACHE_NENT]);
#define	V_cachetab	VNET(cachetab)

VNET_DEFINE_STATIC(uint32_t, exported[CACHE_NEXPORT]);
#define	V_exported	VNET(exported)
SYSCTL_OPAQUE(_net, OID_AUTO, cache_exported, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(exported), sizeof(V_exported), "IU", "exported counters");

void
cache_put(uint64_t key, uint64_t val)
{
	struct centry *ce;

	ce = &V_cachetab[key % CACHE_NENT];
	ce->ce_key = key;
	ce->ce_val = val;
	ce->ce_gen++;
	V_exported[key % CACHE_NEXPORT]++;
}

uint64_t
cache_get(uint64_t key)
{
	struct centry *ce;

	ce = &V_cachetab[key % CACHE_NENT];
	return (ce->ce_key == key ? ce->ce_val : 0);
}

static void
vnet_cache_init(const void *unused __unused)
{

	memset(V_cachetab, 0, sizeof(V_cachetab));
}
VNET_SYSINIT(vnet_cache_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_cache_init, NULL);
