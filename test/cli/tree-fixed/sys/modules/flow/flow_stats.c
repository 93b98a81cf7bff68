/*
 * CLI fixture: reads the flow table through nitems().  Written for this
 * project.  modspace-options: FLOW_DEBUG
 */
#include <sys/param.h>
#include <sys/systm.h>
#include "flow.h"
#include "flow_var.h"

u_int
flow_active(void)
{
	u_int i, n;

	n = 0;
	for (i = 0; i < FLOW_NENT; i++)
		n += V_flowtab[i].fe_hits != 0;
#ifdef FLOW_DEBUG
	if (n != V_flow_count)
		printf("flow: %u active, %u counted\n", n, V_flow_count);
#endif
	return (n);
}
