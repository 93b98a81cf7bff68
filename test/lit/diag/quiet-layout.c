// What clang prints while it lays a record out (-Wpadded here) comes only
// from the records clang itself needs: a -fsyntax-only run lays out no
// variable's structure, and the records modspace lays out for its figures
// at the end of the TU (QuietLayout.h) stay silent, with -Werror too.  One
// layout each: a module variable's size (analyse), a declared-only
// structure's (the foreign-table rules), a condition the estimate walk
// folds, which Sema folded already (the one warning plain clang prints).
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang %kflags -DVIMAGE -Wpadded -fsyntax-only %s 2> %t/plain
// RUN: FileCheck --check-prefix=PLAIN %s < %t/plain
// PLAIN: warning: padding struct 'struct folded' with 3 bytes to align 'i'
// PLAIN-NOT: warning:
// RUN: %clang %kflags -DVIMAGE -Wpadded -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-summary %s 2> %t/with
// RUN: grep 'warning' %t/plain > %t/plain.w
// RUN: grep 'warning' %t/with > %t/with.w
// RUN: diff %t/plain.w %t/with.w
// The summary shows the size that was laid out in silence.
// RUN: FileCheck --check-prefix=SUMMARY %s < %t/with
// SUMMARY: set_vnet 16 bytes in 1 variable
// SUMMARY: 16     8  padded                   struct padded
// With -Werror, the same one error.
// RUN: not %clang %kflags -DVIMAGE -Wpadded -Werror -fsyntax-only -fplugin=%plugin %s 2>&1 | FileCheck --check-prefix=ONE %s
// ONE: error: padding struct 'struct folded'
// ONE: 1 error generated.
//
// A full compile lays them all out, with the plugin or without: the same
// warnings (the plugin lays some out earlier, while it indexes).
// RUN: %clang %kflags -DVIMAGE -Wpadded -c -o /dev/null %s 2>&1 | grep 'warning: padding' | sort > %t/plain.c
// RUN: %clang %kflags -DVIMAGE -Wpadded -c -o /dev/null -fplugin=%plugin %s 2>&1 | grep 'warning: padding' | sort > %t/with.c
// RUN: diff %t/plain.c %t/with.c
// RUN: grep -c padding %t/with.c | FileCheck --check-prefix=FOUR %s
// FOUR: 4

#include <sys/param.h>
#include <sys/kernel.h>
#include <net/vnet.h>

struct padded {
	char	c;
	long	l;
};
VNET_DEFINE_STATIC(struct padded, padded);
#define	V_padded	VNET(padded)

struct declared_padded {
	char	c;
	long	l;
};
VNET_DECLARE(struct declared_padded, declared_padded);
#define	V_declared_padded	VNET(declared_padded)

struct folded {
	char	c;
	int	i;
};

int	padded_read(void);

int
padded_read(void)
{
	if (sizeof(struct folded) > 4)
		return (V_padded.c + V_declared_padded.c);
	return (0);
}
