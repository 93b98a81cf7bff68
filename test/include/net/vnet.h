/*
 * Virtualized network stack globals (VNET), as described in
 * docs/kernel-facts.md.  Written for this project.
 *
 * With VIMAGE each VNET_DEFINE variable is vnet_entry_<name> in section
 * set_vnet, and V_<name> (= VNET(name)) resolves it in curvnet's copy of
 * that section.  Without VIMAGE they are ordinary globals.
 * MODSPACE_OLD_VNET selects the pre-12 VNET_DEFINE, which lacked the
 * "struct _hack;" that now forbids "static VNET_DEFINE".
 */
#ifndef _NET_VNET_H_
#define	_NET_VNET_H_

#include <sys/param.h>
#include <sys/kernel.h>

#define	VNET_SETNAME	"set_vnet"
#define	VNET_SYMPREFIX	"vnet_entry_"
#define	VNET_MODMIN	(8 * PAGE_SIZE)

struct vnet {
	uintptr_t	vnet_data_mem;
	uintptr_t	vnet_data_base;
	u_int		vnet_magic_n;
};

struct thread {
	struct vnet	*td_vnet;
};

extern struct thread *kern_curthread(void);
#define	curthread	(kern_curthread())
#define	curvnet		(curthread->td_vnet)

struct vnet_sysinit {
	enum sysinit_sub_id	subsystem;
	enum sysinit_elem_order	order;
	sysinit_cfunc_t		func;
	const void		*arg;
};

/*
 * The list of vnets that are fully set up (a vnet joins it after its
 * constructors ran and leaves it before its destructors run).
 */
extern struct vnet *vnet_list_first(void);
extern struct vnet *vnet_list_next(struct vnet *);

#ifdef VIMAGE

#define	CURVNET_SET(arg)						\
	struct vnet *saved_vnet = curvnet;				\
	curvnet = (arg)
#define	CURVNET_RESTORE()	(curvnet = saved_vnet)
#define	VNET_ITERATOR_DECL(arg)	struct vnet *arg
#define	VNET_FOREACH(arg)						\
	for ((arg) = vnet_list_first(); (arg) != NULL;			\
	    (arg) = vnet_list_next(arg))
#define	VNET_LIST_RLOCK()	do { } while (0)
#define	VNET_LIST_RUNLOCK()	do { } while (0)

#define	VNET_NAME(n)		vnet_entry_##n
#define	VNET_DECLARE(t, n)	extern t VNET_NAME(n)
#ifdef MODSPACE_OLD_VNET
#define	VNET_DEFINE(t, n)						\
	t VNET_NAME(n) __section(VNET_SETNAME) __used
#else
#define	VNET_DEFINE(t, n)						\
	struct _hack; t VNET_NAME(n) __section(VNET_SETNAME) __used
#endif
#define	VNET_DEFINE_STATIC(t, n)					\
	static t VNET_NAME(n) __section(VNET_SETNAME) __used

#define	_VNET_PTR(b, n)							\
	(__typeof(VNET_NAME(n)) *)((b) + (uintptr_t)&VNET_NAME(n))
#define	_VNET(b, n)		(*_VNET_PTR(b, n))
#define	VNET_VNET_PTR(vnet, n)	_VNET_PTR((vnet)->vnet_data_base, n)
#define	VNET_VNET(vnet, n)	(*VNET_VNET_PTR(vnet, n))
#define	VNET_PTR(n)		VNET_VNET_PTR(curvnet, n)
#define	VNET(n)			VNET_VNET(curvnet, n)

void	vnet_register_sysinit(void *arg);
void	vnet_deregister_sysinit(void *arg);
void	vnet_register_sysuninit(void *arg);
void	vnet_deregister_sysuninit(void *arg);

#define	VNET_SYSINIT(ident, subsystem, order, func, arg)		\
	static struct vnet_sysinit ident ## _vnet_init = {		\
		subsystem, order,					\
		(sysinit_cfunc_t)(sysinit_nfunc_t)func, (arg)		\
	};								\
	SYSINIT(vnet_init_ ## ident, subsystem, order,			\
	    vnet_register_sysinit, &ident ## _vnet_init);		\
	SYSUNINIT(vnet_init_ ## ident, subsystem, order,		\
	    vnet_deregister_sysinit, &ident ## _vnet_init)
#define	VNET_SYSUNINIT(ident, subsystem, order, func, arg)		\
	static struct vnet_sysinit ident ## _vnet_uninit = {		\
		subsystem, order,					\
		(sysinit_cfunc_t)(sysinit_nfunc_t)func, (arg)		\
	};								\
	SYSINIT(vnet_uninit_ ## ident, subsystem, order,		\
	    vnet_register_sysuninit, &ident ## _vnet_uninit);		\
	SYSUNINIT(vnet_uninit_ ## ident, subsystem, order,		\
	    vnet_deregister_sysuninit, &ident ## _vnet_uninit)

#else /* !VIMAGE */

#define	CURVNET_SET(arg)	do { } while (0)
#define	CURVNET_RESTORE()	do { } while (0)
#define	VNET_ITERATOR_DECL(arg)	int arg
#define	VNET_FOREACH(arg)	for ((arg) = 0; (arg) == 0; (arg) = 1)
#define	VNET_LIST_RLOCK()	do { } while (0)
#define	VNET_LIST_RUNLOCK()	do { } while (0)

#define	VNET_NAME(n)		n
#define	VNET_DECLARE(t, n)	extern t n
#ifdef MODSPACE_OLD_VNET
#define	VNET_DEFINE(t, n)	t n
#else
#define	VNET_DEFINE(t, n)	struct _hack; t n
#endif
#define	VNET_DEFINE_STATIC(t, n)	static t n
#define	VNET_VNET_PTR(vnet, n)	(&(n))
#define	VNET_VNET(vnet, n)	(n)
#define	VNET_PTR(n)		(&(n))
#define	VNET(n)			(n)

#define	VNET_SYSINIT(ident, subsystem, order, func, arg)		\
	SYSINIT(ident, subsystem, order, func, arg)
#define	VNET_SYSUNINIT(ident, subsystem, order, func, arg)		\
	SYSUNINIT(ident, subsystem, order, func, arg)

#endif /* VIMAGE */

#endif /* !_NET_VNET_H_ */
