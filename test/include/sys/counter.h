/*
 * counter(9): per-CPU 64-bit statistics counters, and the per-vnet
 * statistics arrays built from them (one counter_u64_t per uint64_t field).
 * Written for this project from docs/kernel-facts.md.
 */
#ifndef _SYS_COUNTER_H_
#define	_SYS_COUNTER_H_

#include <sys/malloc.h>
#include <net/vnet.h>

typedef uint64_t *counter_u64_t;

counter_u64_t	counter_u64_alloc(int flags);
void		counter_u64_free(counter_u64_t c);
void		counter_u64_add(counter_u64_t c, int64_t inc);
uint64_t	counter_u64_fetch(counter_u64_t c);
void		counter_u64_zero(counter_u64_t c);

#define	VNET_PCPUSTAT_DECLARE(type, name)				\
	VNET_DECLARE(counter_u64_t, name[sizeof(type) / sizeof(uint64_t)])
#define	VNET_PCPUSTAT_DEFINE(type, name)				\
	VNET_DEFINE(counter_u64_t, name[sizeof(type) / sizeof(uint64_t)])
#define	VNET_PCPUSTAT_DEFINE_STATIC(type, name)				\
	VNET_DEFINE_STATIC(counter_u64_t,				\
	    name[sizeof(type) / sizeof(uint64_t)])

#endif /* !_SYS_COUNTER_H_ */
