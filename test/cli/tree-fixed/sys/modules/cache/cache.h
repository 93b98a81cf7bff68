/*
 * CLI fixture: the cache module's interface.  Written for this project.
 */
#ifndef _CACHE_H_
#define	_CACHE_H_

#include <net/vnet.h>

#define	CACHE_NENT	128
#define	CACHE_NEXPORT	300

struct centry {
	uint64_t	ce_key;
	uint64_t	ce_val;
	uint32_t	ce_flags;
	uint32_t	ce_gen;
	uint64_t	ce_pad;
};

void	cache_put(uint64_t key, uint64_t val);
uint64_t cache_get(uint64_t key);
u_int	cache_puts(void);

#endif /* !_CACHE_H_ */
