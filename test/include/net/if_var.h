/*
 * A stand-in for the kernel's struct ifnet: only its size matters to the
 * fixtures (about 1.3 KB, as a real one).  Written for this
 * project.
 */
#ifndef _NET_IF_VAR_H_
#define	_NET_IF_VAR_H_

#include <sys/types.h>

#define	IFNAMSIZ	16

struct ifnet {
	char		if_xname[IFNAMSIZ];
	u_int		if_index;
	int		if_flags;
	uint64_t	if_counters[24];
	void		*if_softc;
	void		*if_methods[32];
	char		if_opaque[832];
};

#endif /* !_NET_IF_VAR_H_ */
