/*
 * CLI fixture: the flow module's tables, shared by its three translation
 * units.  Written for this project.
 */
#ifndef _FLOW_H_
#define	_FLOW_H_

#include <net/vnet.h>

#define	FLOW_NENT	256
#define	FLOW_NHIST	512

struct flowent {
	uint32_t	fe_key;
	uint32_t	fe_hits;
	uint64_t	fe_when;
};

/* Converted: every use in every TU can be rewritten. */
VNET_DECLARE(struct flowent, flowtab[FLOW_NENT]);
#define	V_flowtab	VNET(flowtab)

/* Refused: flow_copy.c takes its type with __typeof. */
VNET_DECLARE(uint32_t, flowhist[FLOW_NHIST]);
#define	V_flowhist	VNET(flowhist)

void	flow_clear(void);
void	flow_add(uint32_t key, uint64_t when);
u_int	flow_active(void);
size_t	flow_copyout(struct flowent *dst, size_t len);
uint32_t flow_hist_sum(void);

#endif /* !_FLOW_H_ */
