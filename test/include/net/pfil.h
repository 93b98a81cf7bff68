/*
 * A packet-filter hook list in the shape of pfil(9): a module adds a
 * function that every packet passes through and removes it later.  A hook
 * runs asynchronously: the userland runtime (test/vnetsim) passes a packet
 * through the hooks between any two steps of a module's life and when a
 * scenario sends one.  Written for this project.
 */
#ifndef _NET_PFIL_H_
#define	_NET_PFIL_H_

#include <sys/types.h>

typedef int	pfil_func_t(void *arg, int dir);
typedef struct pfil_hook *pfil_hook_t;

pfil_hook_t	pfil_add_hook(pfil_func_t *func, void *arg);
void		pfil_remove_hook(pfil_hook_t hook);

#endif /* !_NET_PFIL_H_ */
