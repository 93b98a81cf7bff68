/* Scenario for test/fixit/hazards*.c.  Written for this project. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../vnetsim.h"

struct entry {
	uint32_t	e_key;
	uint32_t	e_value;
};

size_t	hz_sizes(void);
void	hz_copy(struct entry *dst, const struct entry *src);
unsigned hz_walk(void);

void
scenario_in_vnet(int id)
{
	struct entry in[128], out[128];
	unsigned i;
	uint64_t sum;

	vnetsim_trace("sizes %zu", hz_sizes());
	vnetsim_trace("walk %u", hz_walk());
	for (i = 0; i < 128; i++) {
		in[i].e_key = i * 3 + (unsigned)id;
		in[i].e_value = i + 7 * (unsigned)id;
	}
	memset(out, 0, sizeof(out));
	hz_copy(out, in);
	sum = 0;
	for (i = 0; i < 128; i++)
		sum += out[i].e_key * 5 + out[i].e_value;
	vnetsim_trace("copied out before the clear: sum %ju", (uintmax_t)sum);
	vnetsim_trace("walk after clear %u", hz_walk());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
