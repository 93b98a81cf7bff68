/*
 * CLI fixture: the flow module's small per-vnet state.  Written for this
 * project.
 */
#ifndef _FLOW_VAR_H_
#define	_FLOW_VAR_H_

#include <net/vnet.h>

VNET_DECLARE(u_int, flow_count);
#define	V_flow_count	VNET(flow_count)

#endif /* !_FLOW_VAR_H_ */
