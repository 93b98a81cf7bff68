/*
 * Fix-it fixture: a header that declares a per-vnet table defined in
 * tables.c and used in user.c.  Written for this project.
 */
#ifndef _TABLES_H_
#define	_TABLES_H_

#include <net/vnet.h>

#define	NSLOTS	300

struct slot {
	uint32_t	s_id;
	uint32_t	s_state;
};

VNET_DECLARE(struct slot *, slots);
#define	V_slots		VNET(slots)

void	slots_reset(void);

#endif /* !_TABLES_H_ */
