/*
 * The kernel's memory helpers used by fixtures.  Written for this project.
 */
#ifndef _SYS_SYSTM_H_
#define	_SYS_SYSTM_H_

#include <sys/types.h>

void	bzero(void *, size_t);
void	bcopy(const void *, void *, size_t);
void	*memset(void *, int, size_t);
void	*memcpy(void *, const void *, size_t);
int	memcmp(const void *, const void *, size_t);
int	printf(const char *, ...);
void	panic(const char *, ...) __attribute__((__noreturn__));

#endif /* !_SYS_SYSTM_H_ */
