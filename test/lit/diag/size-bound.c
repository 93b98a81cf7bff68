// The reference index decides whether a macro-made variable is large
// enough to start its recording.  Under -fsyntax-only it first bounds a
// record's size without laying the record out (References.cpp,
// sizeBound): most such variables are SYSCTL's, SYSINIT's and
// MALLOC_DEFINE's structures, which clang would not lay out otherwise.
//
// The bound must never be below the size (nor the alignment): under
// check-walk every file-scope variable's bound is compared with its
// layout, on each target FreeBSD builds for.
//
// RUN: %clang -target x86_64-unknown-freebsd13.0 -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
// RUN: %clang -target i386-unknown-freebsd13.0 -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND32 %s
// RUN: %clang -target aarch64-unknown-freebsd13.0 -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
// RUN: %clang -target armv7-unknown-freebsd13.0-gnueabihf -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND32 %s
// RUN: %clang -target powerpc64-unknown-freebsd13.0 -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
// RUN: %clang -target riscv64-unknown-freebsd13.0 -fsyntax-only -fplugin=%plugin -fplugin-arg-modspace-check-walk %s 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
// Every variable's bound was compared: the nine below, less the one
// with __int128 on the 32-bit targets.
// BOUND-NOT: error:
// BOUND64: remark: check-walk: the size bounds of 9 file-scope variables are no less than their sizes and alignments [modspace]
// BOUND32: remark: check-walk: the size bounds of 8 file-scope variables are no less than their sizes and alignments [modspace]
// BOUND-NOT: error:
// The CLI starts its index the same way, and compares the same bounds.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '[{"directory": "%t", "file": "%s", "command": "clang-19 -target x86_64-unknown-freebsd13.0 -c %s -o %t/a.o"}]' > %t/compile_commands.json
// RUN: %modspace_cli -p %t --fast --option check-walk 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
// RUN: %modspace_cli -p %t --option check-walk 2>&1 | FileCheck --check-prefixes=BOUND,BOUND64 %s
//
// The records only the registration's variables use are not laid out
// under -fsyntax-only (clang alone lays out none of them here); under a
// full compile, code generation lays them out anyway.
// RUN: %clang %kflags -DVIMAGE -DREGISTRATIONS -Werror -fsyntax-only -Xclang -fdump-record-layouts-simple %s | FileCheck --check-prefix=ALONE --allow-empty %s
// RUN: %clang %kflags -DVIMAGE -DREGISTRATIONS -Werror -fsyntax-only -fplugin=%plugin -Xclang -fdump-record-layouts-simple %s | FileCheck --check-prefix=SPARED %s
// RUN: %clang %kflags -DVIMAGE -DREGISTRATIONS -Werror -S -emit-llvm -o /dev/null -fplugin=%plugin -Xclang -fdump-record-layouts-simple %s | FileCheck --check-prefix=FULL %s
// What clang prints while it lays a record out (-Wpadded) is not printed
// for those records either, as it is not without the plugin.
// RUN: %clang %kflags -DVIMAGE -DREGISTRATIONS -Wpadded -fsyntax-only -fplugin=%plugin %s 2>&1 | FileCheck --check-prefix=PADDED --allow-empty %s
// PADDED-NOT: padding struct
// ALONE-NOT: Type:
// SPARED-NOT: Type: struct sysinit
// SPARED-NOT: Type: struct sysctl_oid
// SPARED: Type: struct counters
// SPARED-NOT: Type: struct sysinit
// SPARED-NOT: Type: struct sysctl_oid
// FULL-DAG: Type: struct sysinit
// FULL-DAG: Type: struct sysctl_oid
// FULL-DAG: Type: struct counters

#ifdef REGISTRATIONS
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

struct counters {
	unsigned long	in, out;
};
VNET_DEFINE_STATIC(struct counters, counters);
#define	V_counters	VNET(counters)
VNET_DEFINE_STATIC(int, enabled);
#define	V_enabled	VNET(enabled)

SYSCTL_INT(_net, OID_AUTO, enabled, CTLFLAG_VNET | CTLFLAG_RW,
    &VNET_NAME(enabled), 0, "on");

static void
counters_init(const void *unused)
{
	V_counters.in = 0;
	V_enabled = 1;
}
VNET_SYSINIT(counters_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, counters_init,
    NULL);
#else

// Bit-fields that straddle their units, zero-width and unnamed ones.
struct straddle {
	char	a;
	int	b : 31;
	int	c : 2;
};
struct small_fields {
	char	a : 1;
	char	b : 8;
	char	c : 7;
	long	d : 1;
	_Bool	e : 1;
};
struct zero_width {
	char	a;
	int	: 0;
	char	b;
	long long : 3;
	char	c;
};

// Unions, nested records, arrays of records, arrays of arrays.
union mixed {
	struct straddle s;
	char	c[13];
	long double ld;
};
struct nested {
	struct straddle a[3];
	char	tail;
	union mixed	u;
};
struct nested two_by_three[2][3];

// Wide scalars, complex numbers, vectors, atomics, enums, pointers.
typedef int v8si __attribute__((vector_size(32)));
enum colour { RED, GREEN = 70000 };
struct wide {
	char	a;
	long double	ld;
	char	b;
	_Complex long double	cld;
	char	c;
	v8si	v;
	char	d;
	_Atomic(struct straddle)	at;
	enum colour	col;
	void	(*fn)(int);
	char	*p;
	long long	ll;
	double	dbl;
	short	sh;
};
#ifdef __SIZEOF_INT128__
struct wider {
	char	a;
	__int128	i;
};
struct wider wider;
#endif

// Alignment that only the sugar or an attribute shows: the bound gives
// up on these and the record is laid out.
typedef struct {
	char	c;
} aligned_t __attribute__((aligned(32)));
typedef int aligned_int __attribute__((aligned(16)));
typedef char bytes7[7];
struct sugar {
	char	a;
	aligned_t	b;
	char	c;
	aligned_int	d;
	char	e;
	bytes7	f;
	int	g;
};
struct member_aligned {
	char	a;
	_Alignas(64) char b;
};
struct packed_inner {
	char	a;
	int	b;
} __attribute__((packed));
struct holds_packed {
	char	a;
	struct packed_inner p;
	long	l;
};
#pragma pack(push, 2)
struct pragma_packed {
	char	a;
	long	l;
};
#pragma pack(pop)
struct empty {
};
struct with_empty {
	char	a;
	struct empty e;
	char	b;
};

struct straddle straddle;
struct small_fields small_fields;
struct zero_width zero_width;
union mixed mixed;
struct nested nested;
struct wide wide;
struct sugar sugar;
struct member_aligned member_aligned;
struct holds_packed holds_packed;
struct pragma_packed pragma_packed;
struct with_empty with_empty;
#endif
