/*
 * vnetsim: a userland VNET runtime for modspace's behaviour check.
 *
 * A fixture module is compiled for the host with -DMODSPACE_USERLAND and
 * the test headers, and linked with this runtime and a scenario.  The
 * runtime does what the kernel does for a module: runs its SYSINITs in
 * (subsystem, order) order at load, gives each vnet its own copy of
 * set_vnet initialised from the master copy, runs VNET_SYSINIT
 * constructors in every vnet (ascending) and VNET_SYSUNINIT destructors
 * (descending), counts live allocations per malloc type, and serves the
 * module's sysctls by name.  docs/vnetsim.md maps each kernel concept to
 * its userland form.
 */
#ifndef VNETSIM_H
#define	VNETSIM_H

#include <stddef.h>
#include <stdint.h>

#define	VNETSIM_MAXVNETS	8

/* Module life cycle. */
void	vnetsim_load(void);
void	vnetsim_unload(void);

/* Vnets: 0 is the default vnet, created by vnetsim_boot(). */
void	vnetsim_boot(void);
int	vnetsim_vnet_create(void);
void	vnetsim_vnet_destroy(int id);
void	vnetsim_set_curvnet(int id);

/*
 * Reads sysctl NAME ("parent.name", as SYSCTL_* spell it) in the current
 * vnet into BUF (at most *LEN bytes); sets *LEN to the length.  Returns 0,
 * or -1 if there is no such sysctl.
 */
int	vnetsim_sysctl(const char *name, void *buf, size_t *len);

/*
 * One clock tick and one packet: due callouts fire, every hook runs.  The
 * runtime also calls it between any two steps of the module's life.
 */
void	vnetsim_async(void);

/* Prints one trace line (stdout): the check compares traces. */
void	vnetsim_trace(const char *fmt, ...)
	    __attribute__((__format__(__printf__, 1, 2)));

/* Exit status: 0, or 1 if a malloc type still has live allocations. */
int	vnetsim_finish(void);

/* Provided by each scenario. */
void	scenario_in_vnet(int id);
void	scenario_after_destroy(int id);

#endif /* !VNETSIM_H */
