/* Scenario for the CLI fixture's cache module.  Written for this project. */
#include <stddef.h>
#include <stdint.h>

#include "../vnetsim.h"

#define	CACHE_NEXPORT	300

void	cache_put(uint64_t key, uint64_t val);
uint64_t cache_get(uint64_t key);
unsigned cache_puts(void);

void
scenario_in_vnet(int id)
{
	uint32_t exported[CACHE_NEXPORT];
	size_t len;
	uint64_t sum;
	int i;

	vnetsim_trace("vnet %d: get 5 -> %llu", id,
	    (unsigned long long)cache_get(5));
	for (i = 0; i < 200 + id; i++)
		cache_put(i * 3 + id, i * 1000 + id);
	vnetsim_async();
	sum = 0;
	for (i = 0; i < 200 + id; i++)
		sum += cache_get(i * 3 + id);
	vnetsim_trace("vnet %d: sum %llu, puts %u", id,
	    (unsigned long long)sum, cache_puts());
	len = sizeof(exported);
	if (vnetsim_sysctl("_net.cache_exported", exported, &len) != 0)
		vnetsim_trace("sysctl failed");
	else
		vnetsim_trace("exported %zu bytes: [0] %u [1] %u [299] %u", len,
		    exported[0], exported[1], exported[299]);
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
