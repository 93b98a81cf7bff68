/*
 * Kernel parameters and the array helpers modspace's fix-its rely on.
 * Written for this project from docs/kernel-facts.md.
 */
#ifndef _SYS_PARAM_H_
#define	_SYS_PARAM_H_

#include <sys/types.h>

#define	PAGE_SHIFT	12
#define	PAGE_SIZE	(1 << PAGE_SHIFT)
#define	MAXCPU		256

#define	nitems(x)	(sizeof((x)) / sizeof((x)[0]))
#define	roundup(x, y)	((((x) + ((y) - 1)) / (y)) * (y))
#define	roundup2(x, y)	(((x) + ((y) - 1)) & (~((y) - 1)))
#define	howmany(x, y)	(((x) + ((y) - 1)) / (y))
#define	MIN(a, b)	(((a) < (b)) ? (a) : (b))
#define	MAX(a, b)	(((a) > (b)) ? (a) : (b))

#endif /* !_SYS_PARAM_H_ */
