/*
 * A small sysctl(9) model: static OIDs in a linker set, readable by name.
 * CTLFLAG_VNET marks an OID whose pointer is the master copy of a per-vnet
 * variable (&VNET_NAME(x)); the sysctl code rebases it into curvnet.
 * Written for this project from docs/kernel-facts.md.
 */
#ifndef _SYS_SYSCTL_H_
#define	_SYS_SYSCTL_H_

#include <sys/types.h>
#include <sys/linker_set.h>

#define	CTLTYPE		0xf
#define	CTLTYPE_NODE	1
#define	CTLTYPE_INT	2
#define	CTLTYPE_OPAQUE	5
#define	CTLTYPE_STRUCT	CTLTYPE_OPAQUE

#define	CTLFLAG_RD	0x80000000
#define	CTLFLAG_WR	0x40000000
#define	CTLFLAG_RW	(CTLFLAG_RD | CTLFLAG_WR)
#define	CTLFLAG_MPSAFE	0x00040000
#define	CTLFLAG_TUN	0x00100000	/* a loader tunable sets it at boot */
#define	CTLFLAG_RDTUN	(CTLFLAG_RD | CTLFLAG_TUN)
#define	CTLFLAG_RWTUN	(CTLFLAG_RW | CTLFLAG_TUN)
/* Without VIMAGE nothing is per-vnet: the flag is 0, nothing is rebased. */
#ifdef VIMAGE
#define	CTLFLAG_VNET	0x00080000
#else
#define	CTLFLAG_VNET	0
#endif

#define	OID_AUTO	(-1)

struct sysctl_oid;
struct sysctl_req {
	void	*oldptr;
	size_t	oldlen;
	size_t	oldidx;
	int	(*oldfunc)(struct sysctl_req *, const void *, size_t);
};

#define	SYSCTL_HANDLER_ARGS						\
	struct sysctl_oid *oidp, void *arg1, intmax_t arg2,		\
	struct sysctl_req *req

typedef int (*sysctl_handler_t)(SYSCTL_HANDLER_ARGS);

struct sysctl_oid {
	const char		*oid_name;	/* "parent.name" */
	int			oid_kind;
	void			*oid_arg1;
	intmax_t		oid_arg2;
	sysctl_handler_t	oid_handler;
	const char		*oid_fmt;
	const char		*oid_descr;
};

#define	SYSCTL_OUT(r, p, l)	((r)->oldfunc((r), (p), (l)))

int	sysctl_handle_int(SYSCTL_HANDLER_ARGS);
int	sysctl_handle_opaque(SYSCTL_HANDLER_ARGS);

#define	SYSCTL_DECL(name)	struct __hack
#define	SYSCTL_OID(parent, nbr, name, kind, a1, a2, handler, fmt, descr)\
	static struct sysctl_oid sysctl_##parent##_##name = {		\
		#parent "." #name, (kind), (void *)(a1), (a2),		\
		(handler), (fmt), (descr)				\
	};								\
	DATA_SET(sysctl_set, sysctl_##parent##_##name)

#define	SYSCTL_INT(parent, nbr, name, access, ptr, val, descr)		\
	SYSCTL_OID(parent, nbr, name, CTLTYPE_INT | (access),		\
	    (ptr), (val), sysctl_handle_int, "I", descr)
#define	SYSCTL_OPAQUE(parent, nbr, name, access, ptr, len, fmt, descr)	\
	SYSCTL_OID(parent, nbr, name, CTLTYPE_OPAQUE | (access),	\
	    (ptr), (len), sysctl_handle_opaque, fmt, descr)
#define	SYSCTL_STRUCT(parent, nbr, name, access, ptr, type, descr)	\
	SYSCTL_OPAQUE(parent, nbr, name, access, ptr, sizeof(struct type),\
	    "S," #type, descr)
#define	SYSCTL_PROC(parent, nbr, name, access, ptr, arg, handler, fmt, descr)\
	SYSCTL_OID(parent, nbr, name, (access), (ptr), (arg),		\
	    (handler), fmt, descr)

#endif /* !_SYS_SYSCTL_H_ */
