/* Uses the shared table declared in tables.h.  Written for this project. */
#include <sys/param.h>
#include <sys/systm.h>
#include "tables.h"

u_int	user_count(void);
void	user_copy(struct slot *dst);

u_int
user_count(void)
{
	u_int i, n;

	n = 0;
	for (i = 0; i < nitems(V_slots); i++) // expected-warning {{'nitems(V_slots)' here depends on per-vnet 'slots' being an array, which it stops being when its definition moves it to malloc'd memory; write 'NSLOTS', which is right either way [modspace]}}
		n += V_slots[i].s_state != 0;
	return (n);
}

void
user_copy(struct slot *dst)
{

	memcpy(dst, V_slots, sizeof(V_slots)); // expected-warning {{'sizeof(V_slots)' here depends on per-vnet 'slots' being an array}}
}
