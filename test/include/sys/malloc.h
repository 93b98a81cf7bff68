/*
 * Kernel malloc(9) interface: malloc types, flags, malloc/mallocarray/free.
 * Written for this project from docs/kernel-facts.md.  (The
 * kernel's header leaves <sys/kernel.h> to its users; this one includes
 * it, for SYSINIT.)
 */
#ifndef _SYS_MALLOC_H_
#define	_SYS_MALLOC_H_

#include <sys/types.h>
#include <sys/kernel.h>

#define	M_NOWAIT	0x0001
#define	M_WAITOK	0x0002
#define	M_ZERO		0x0100

struct malloc_type {
	const char	*ks_shortdesc;
	const char	*ks_longdesc;
	uint64_t	ks_live;	/* used by the userland simulator */
};

/*
 * Begins with the definition so that "static MALLOC_DEFINE(...)" works;
 * registers the type at SI_SUB_KMEM, as the kernel does (so an otherwise
 * unused static type draws no warning).
 */
void	malloc_init(void *);
void	malloc_uninit(void *);
#define	MALLOC_DEFINE(type, shortdesc, longdesc)			\
	struct malloc_type type[1] = {					\
		{ (shortdesc), (longdesc), 0 }				\
	};								\
	SYSINIT(type##_init, SI_SUB_KMEM, SI_ORDER_THIRD, malloc_init,	\
	    type);							\
	SYSUNINIT(type##_uninit, SI_SUB_KMEM, SI_ORDER_ANY,		\
	    malloc_uninit, type)
#define	MALLOC_DECLARE(type)						\
	extern struct malloc_type type[1]

MALLOC_DECLARE(M_DEVBUF);
MALLOC_DECLARE(M_TEMP);

#ifdef MODSPACE_USERLAND
/*
 * The userland VNET simulator (test/vnetsim) links modules with the C
 * library, whose malloc/free take other arguments: rename the kernel's.
 */
#define	malloc(size, type, flags)	vnetsim_malloc(size, type, flags)
#define	mallocarray(nmemb, size, type, flags)				\
	vnetsim_mallocarray(nmemb, size, type, flags)
#define	free(addr, type)		vnetsim_free(addr, type)
void	*vnetsim_malloc(size_t size, struct malloc_type *type, int flags);
void	*vnetsim_mallocarray(size_t nmemb, size_t size,
	    struct malloc_type *type, int flags);
void	vnetsim_free(void *addr, struct malloc_type *type);
#else
void	*malloc(size_t size, struct malloc_type *type, int flags);
void	*mallocarray(size_t nmemb, size_t size, struct malloc_type *type,
	    int flags);
void	free(void *addr, struct malloc_type *type);
#endif

#endif /* !_SYS_MALLOC_H_ */
