/* Scenario for test/vnetsim/selftest.c.  Written for this project. */
#include <stdlib.h>

#include "../vnetsim.h"

int	st_counter(void);
void	st_bump(void);
int	st_zeroed(void);
void	st_overflow(void);
const char *st_order(void);

void
scenario_in_vnet(int id)
{
	size_t len;
	int value;

	vnetsim_trace("vnet %d: counter %d", id, st_counter());
	st_bump();
	len = sizeof(value);
	if (vnetsim_sysctl("_test.counter", &value, &len) != 0)
		value = -1;
	vnetsim_trace("vnet %d: after bump %d, sysctl %d (%zu bytes)", id,
	    st_counter(), value, len);
	vnetsim_trace("vnet %d: M_ZERO memory zeroed: %s", id,
	    st_zeroed() ? "yes" : "no");
	vnetsim_trace("vnet %d: order so far %s", id, st_order());
	if (getenv("VNETSIM_OVERFLOW") != NULL && id == 2)
		st_overflow();
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed, order so far %s", id, st_order());
}
