/*
 * SYSINIT/SYSUNINIT and the subsystem/order values from
 * docs/kernel-facts.md.  Written for this project.
 */
#ifndef _SYS_KERNEL_H_
#define	_SYS_KERNEL_H_

#include <sys/linker_set.h>

enum sysinit_sub_id {
	SI_SUB_DUMMY			= 0x0000000,
	SI_SUB_KMEM			= 0x1800000,
	SI_SUB_VNET			= 0x21E0000,
	SI_SUB_INIT_IF			= 0x3000000,
	SI_SUB_PSEUDO			= 0x7000000,
	SI_SUB_PROTO_PFIL		= 0x8100000,
	SI_SUB_PROTO_IF			= 0x8400000,
	SI_SUB_PROTO_MC			= 0x8700000,
	SI_SUB_PROTO_DOMAIN		= 0x8800000,
	SI_SUB_PROTO_FIREWALL		= 0x8806000,
	SI_SUB_PROTO_IFATTACHDOMAIN	= 0x8808000,
	SI_SUB_VNET_DONE		= 0xdc00000,
	SI_SUB_LAST			= 0xfffffff
};

enum sysinit_elem_order {
	SI_ORDER_FIRST	= 0x0000000,
	SI_ORDER_SECOND	= 0x0000001,
	SI_ORDER_THIRD	= 0x0000002,
	SI_ORDER_FOURTH	= 0x0000003,
	SI_ORDER_FIFTH	= 0x0000004,
	SI_ORDER_MIDDLE	= 0x1000000,
	SI_ORDER_ANY	= 0xfffffff
};

typedef void (*sysinit_nfunc_t)(void *);
typedef void (*sysinit_cfunc_t)(const void *);

struct sysinit {
	enum sysinit_sub_id	subsystem;
	enum sysinit_elem_order	order;
	sysinit_cfunc_t		func;
	const void		*udata;
};

#define	C_SYSINIT(uniquifier, subsystem, order, func, ident)		\
	static struct sysinit uniquifier ## _sys_init = {		\
		subsystem, order, func, (ident)				\
	};								\
	DATA_SET(sysinit_set, uniquifier ## _sys_init)
#define	SYSINIT(uniquifier, subsystem, order, func, ident)		\
	C_SYSINIT(uniquifier, subsystem, order,				\
	    (sysinit_cfunc_t)(sysinit_nfunc_t)func, (void *)(ident))

#define	C_SYSUNINIT(uniquifier, subsystem, order, func, ident)		\
	static struct sysinit uniquifier ## _sys_uninit = {		\
		subsystem, order, func, (ident)				\
	};								\
	DATA_SET(sysuninit_set, uniquifier ## _sys_uninit)
#define	SYSUNINIT(uniquifier, subsystem, order, func, ident)		\
	C_SYSUNINIT(uniquifier, subsystem, order,			\
	    (sysinit_cfunc_t)(sysinit_nfunc_t)func, (void *)(ident))

#endif /* !_SYS_KERNEL_H_ */
