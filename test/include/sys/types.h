/*
 * Fixed-width and kernel integer types for freestanding test builds.
 * Written for this project; built from the compiler's predefined macros.
 */
#ifndef _SYS_TYPES_H_
#define	_SYS_TYPES_H_

#include <sys/cdefs.h>

typedef	__INT8_TYPE__		int8_t;
typedef	__INT16_TYPE__		int16_t;
typedef	__INT32_TYPE__		int32_t;
typedef	__INT64_TYPE__		int64_t;
typedef	__UINT8_TYPE__		uint8_t;
typedef	__UINT16_TYPE__		uint16_t;
typedef	__UINT32_TYPE__		uint32_t;
typedef	__UINT64_TYPE__		uint64_t;
typedef	__INTPTR_TYPE__		intptr_t;
typedef	__UINTPTR_TYPE__	uintptr_t;
typedef	__INTMAX_TYPE__		intmax_t;
typedef	__UINTMAX_TYPE__	uintmax_t;
typedef	__SIZE_TYPE__		size_t;
typedef	__PTRDIFF_TYPE__	ptrdiff_t;
typedef	uint8_t			u_char;
typedef	uint16_t		u_short;
typedef	unsigned int		u_int;
typedef	unsigned long		u_long;
typedef	uint32_t		in_addr_t;
typedef	int64_t			time_t;

#ifndef __cplusplus
#define	bool	_Bool
#define	true	1
#define	false	0
#endif

#define	NULL	((void *)0)

#endif /* !_SYS_TYPES_H_ */
