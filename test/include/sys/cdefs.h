/*
 * Kernel-like compiler shorthands for modspace's test fixtures.
 * Written for this project from the facts in docs/; not kernel source.
 */
#ifndef _SYS_CDEFS_H_
#define	_SYS_CDEFS_H_

#define	__aligned(x)	__attribute__((__aligned__(x)))
#define	__packed	__attribute__((__packed__))
#define	__section(x)	__attribute__((__section__(x)))
#define	__used		__attribute__((__used__))
#define	__unused	__attribute__((__unused__))
#define	__inline	inline
#define	__CONCAT1(x, y)	x ## y
#define	__CONCAT(x, y)	__CONCAT1(x, y)
#define	__STRING(x)	#x
#define	__XSTRING(x)	__STRING(x)
#define	__BEGIN_DECLS
#define	__END_DECLS

#endif /* !_SYS_CDEFS_H_ */
