/* Scenario for test/fixit/shared (tables.c + user.c).  For this project. */
#include <stdint.h>
#include <string.h>

#include "../vnetsim.h"

struct slot {
	uint32_t	s_id;
	uint32_t	s_state;
};

unsigned user_count(void);
void	user_copy(struct slot *dst);
void	slots_reset(void);

void
scenario_in_vnet(int id)
{
	struct slot copy[300];

	memset(copy, 0xa5, sizeof(copy));
	vnetsim_trace("vnet %d: %u in use", id, user_count());
	user_copy(copy);
	vnetsim_trace("copied: first %u/%u, last %u/%u", copy[0].s_id,
	    copy[0].s_state, copy[299].s_id, copy[299].s_state);
	slots_reset();
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
