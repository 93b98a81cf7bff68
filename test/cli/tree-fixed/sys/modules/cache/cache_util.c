/*
 * CLI fixture: the cache module's small per-vnet and per-CPU state.
 * Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/pcpu.h>
#include "cache.h"

VNET_DEFINE_STATIC(u_int, cache_nputs);
#define	V_cache_nputs	VNET(cache_nputs)
DPCPU_DEFINE_STATIC(uint64_t, cache_hits);

u_int
cache_puts(void)
{

	return (V_cache_nputs);
}
