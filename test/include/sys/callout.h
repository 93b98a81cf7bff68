/*
 * callout(9): a function to run later, once, from the clock.  A callout
 * fires asynchronously: the userland runtime (test/vnetsim) fires due
 * callouts between any two steps of a module's life (each constructor,
 * destructor, SYSINIT, SYSUNINIT) and when a scenario lets time pass.
 * Written for this project.
 */
#ifndef _SYS_CALLOUT_H_
#define	_SYS_CALLOUT_H_

#include <sys/types.h>

struct callout {
	void	(*c_func)(void *);
	void	*c_arg;
	int	c_ticks;	/* ticks left; meaningful while pending */
	int	c_pending;
};

void	callout_init(struct callout *c, int mpsafe);
int	callout_reset(struct callout *c, int ticks, void (*func)(void *),
	    void *arg);
int	callout_stop(struct callout *c);
int	callout_drain(struct callout *c);
#define	callout_pending(c)	((c)->c_pending)

#endif /* !_SYS_CALLOUT_H_ */
