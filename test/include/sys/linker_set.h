/*
 * Linker sets: an array of pointers gathered in a named ELF section, walked
 * between the linker's __start_set_X and __stop_set_X symbols.
 * Written for this project.
 */
#ifndef _SYS_LINKER_SET_H_
#define	_SYS_LINKER_SET_H_

#include <sys/cdefs.h>

#define	__MAKE_SET(set, sym)						\
	static void const * const __set_##set##_sym_##sym		\
	__section("set_" #set) __used = &(sym)
#define	DATA_SET(set, sym)	__MAKE_SET(set, sym)
#define	TEXT_SET(set, sym)	__MAKE_SET(set, sym)

#define	SET_DECLARE(set, ptype)						\
	extern ptype * __start_set_##set[];				\
	extern ptype * __stop_set_##set[]
#define	SET_BEGIN(set)	(__start_set_##set)
#define	SET_LIMIT(set)	(__stop_set_##set)
#define	SET_FOREACH(pvar, set)						\
	for (pvar = SET_BEGIN(set); pvar < SET_LIMIT(set); pvar++)

#endif /* !_SYS_LINKER_SET_H_ */
