/*
 * Dynamic per-CPU data (DPCPU): each variable is pcpu_entry_<name> in
 * section set_pcpu; loadable modules share DPCPU_MODMIN bytes of it.
 * Written for this project from docs/kernel-facts.md.
 */
#ifndef _SYS_PCPU_H_
#define	_SYS_PCPU_H_

#include <sys/param.h>

#define	DPCPU_SETNAME	"set_pcpu"
#define	DPCPU_SYMPREFIX	"pcpu_entry_"
#define	DPCPU_MODMIN	2048

#define	DPCPU_NAME(n)		pcpu_entry_##n
#define	DPCPU_DECLARE(t, n)	extern t DPCPU_NAME(n)
#define	DPCPU_DEFINE(t, n)						\
	struct _hack; t DPCPU_NAME(n) __section(DPCPU_SETNAME) __used
#define	DPCPU_DEFINE_STATIC(t, n)					\
	static t DPCPU_NAME(n) __section(DPCPU_SETNAME) __used

struct pcpu {
	uintptr_t	pc_dynamic;	/* this CPU's offset of set_pcpu */
	u_int		pc_cpuid;
};

extern struct pcpu *pcpu_find_current(void);
extern uintptr_t dpcpu_off[MAXCPU];

#define	_DPCPU_PTR(b, n)						\
	(__typeof(DPCPU_NAME(n)) *)((b) + (uintptr_t)&DPCPU_NAME(n))
#define	DPCPU_PTR(n)	_DPCPU_PTR(pcpu_find_current()->pc_dynamic, n)
#define	DPCPU_GET(n)	(*DPCPU_PTR(n))
#define	DPCPU_SET(n, v)	(*DPCPU_PTR(n) = (v))
#define	DPCPU_ID_PTR(i, n)	_DPCPU_PTR(dpcpu_off[(i)], n)

#endif /* !_SYS_PCPU_H_ */
