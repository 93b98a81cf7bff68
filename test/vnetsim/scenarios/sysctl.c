/*
 * Scenario for test/fixit/sysctl.c: each vnet fills its tables, then
 * every exported one is read through its sysctl; the trace holds each
 * sysctl's length and a checksum of its bytes.  Written for this project.
 */
#include <stdint.h>
#include <stdio.h>

#include "../vnetsim.h"

int	tv_add(unsigned, uint32_t);
void	tv_count(unsigned, uint64_t);

static void
read_sysctl(int id, const char *name)
{
	unsigned char buf[4096];
	size_t len, i;
	uint64_t sum;

	len = sizeof(buf);
	if (vnetsim_sysctl(name, buf, &len) != 0) {
		vnetsim_trace("vnet %d: sysctl %s missing", id, name);
		return;
	}
	sum = 1469598103934665603ULL;
	for (i = 0; i < len; i++)
		sum = (sum ^ buf[i]) * 1099511628211ULL;
	vnetsim_trace("vnet %d: sysctl %s = %zu bytes, sum %016llx", id, name,
	    len, (unsigned long long)sum);
}

void
scenario_in_vnet(int id)
{
	unsigned i;

	for (i = 0; i < 3u + (unsigned)id * 5; i++) {
		tv_add(i * 3 % 48, 0x0a000000u + i * 257u + (unsigned)id);
		tv_count(i, 1000u * (unsigned)id + i);
	}
	read_sysctl(id, "_net_test.vifs");
	read_sysctl(id, "_net_test.marks");
	read_sysctl(id, "_net_test.stats");
	read_sysctl(id, "_net_test.nvifs");
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
