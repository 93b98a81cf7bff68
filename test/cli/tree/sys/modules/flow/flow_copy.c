/*
 * CLI fixture: copies the flow table out, and sums the history through a
 * __typeof copy, which stops meaning the array once it is a pointer.
 * Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include "flow.h"

size_t
flow_copyout(struct flowent *dst, size_t len)
{
	size_t n;

	n = MIN(len, sizeof(V_flowtab));
	memcpy(dst, V_flowtab, n);
	return (n);
}

uint32_t
flow_hist_sum(void)
{
	__typeof(V_flowhist) snap;
	uint32_t sum;
	u_int i;

	memcpy(snap, V_flowhist, sizeof(snap));
	sum = 0;
	for (i = 0; i < FLOW_NHIST; i++)
		sum += snap[i];
	return (sum);
}
