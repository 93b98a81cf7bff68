/*
 * Fix-it fixture: per-vnet arrays that modspace must not rewrite.  Each
 * gets its size warning and a note saying what blocks the rewrite; no
 * fix-it at all is emitted for any of them.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include <sys/pcpu.h>
#include <sys/counter.h>
#include <net/vnet.h>

#define	N	300

/* A sysctl exports the array in place. */
VNET_DEFINE_STATIC(int, exported[N]); // expected-warning {{'exported' takes 1200 bytes}}
#define	V_exported	VNET(exported)
SYSCTL_OPAQUE(_net, OID_AUTO, exported, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(exported), sizeof(V_exported), "I", "exported table"); // expected-note {{no fix-it for 'exported': '&VNET_NAME(exported)' exports the array in place from this SYSCTL_OPAQUE, which would then export the 8-byte pointer; replace it with a SYSCTL_PROC handler that copies N entries out of the table, then run modspace again, or let -fplugin-arg-modspace-sysctl=rewrite write it [modspace]}}

/* An initialiser. */
VNET_DEFINE(int, seeded[N]) = { 1, 2, 3 }; // expected-warning {{'seeded' takes 1200 bytes}} expected-note {{no fix-it for 'seeded': it has an initialiser}}

/* Multi-dimensional, and arrays of arrays through typedefs. */
VNET_DEFINE_STATIC(int, grid[20][20]); // expected-warning {{'grid' takes 1600 bytes}} expected-note {{no fix-it for 'grid': it is a multi-dimensional array}}
typedef int row_t[30];
VNET_DEFINE_STATIC(row_t, rows[10]); // expected-warning {{'rows' takes 1200 bytes}} expected-note {{no fix-it for 'rows': its elements are arrays (type 'row_t')}}
typedef int whole_t[N];
VNET_DEFINE_STATIC(whole_t, whole); // expected-warning {{'whole' takes 1200 bytes}} expected-note {{no fix-it for 'whole': its array type comes from a typedef}}

/* A use whose rewrite would fall inside a macro body. */
VNET_DEFINE_STATIC(int, inmacro[N]); // expected-warning {{'inmacro' takes 1200 bytes}}
#define	V_inmacro	VNET(inmacro)
#define	INMACRO_BYTES	sizeof(V_inmacro)

/* The address of the whole array, as a pointer to an array. */
VNET_DEFINE_STATIC(int, pointed[N]); // expected-warning {{'pointed' takes 1200 bytes}}
#define	V_pointed	VNET(pointed)

/* The declaration written inside another macro. */
#define	DECLARE_TABLE(name)	VNET_DEFINE_STATIC(int, name[N])
DECLARE_TABLE(wrapped); // expected-warning {{'wrapped' takes 1200 bytes}} expected-note {{no fix-it for 'wrapped': its declaration is written inside macro 'DECLARE_TABLE'}}

/* Statistics counters: VNET_DEFINE inside VNET_PCPUSTAT_DEFINE. */
struct bigstat { uint64_t s[200]; };
VNET_PCPUSTAT_DEFINE(struct bigstat, bigstat); // expected-warning {{'bigstat' takes 1600 bytes}} expected-note {{no fix-it for 'bigstat': its declaration is written inside macro 'VNET_PCPUSTAT_DEFINE'}}

/* Per-CPU arrays are out of scope. */
DPCPU_DEFINE_STATIC(long, percpu[64]); // expected-warning {{per-CPU variable 'percpu' takes 512 bytes}} expected-note {{no fix-it for 'percpu': per-CPU arrays are not converted}}

/* Named without the accessor outside a sysctl. */
VNET_DEFINE_STATIC(int, rawname[N]); // expected-warning {{'rawname' takes 1200 bytes}}

/* Its type taken with __typeof, which would become a pointer type. */
VNET_DEFINE_STATIC(int, typed[N]); // expected-warning {{'typed' takes 1200 bytes}}
#define	V_typed		VNET(typed)

int	uses(void);

int
uses(void)
{
	int (*whole_table)[N];
	__typeof(V_typed) copy; // expected-note {{no fix-it for 'typed': modspace cannot prove that this use of 'V_typed' keeps its meaning when it becomes a pointer; change it by hand [modspace]}}

	whole_table = &V_pointed; // expected-note {{no fix-it for 'pointed': the address of the whole array is taken here as a pointer to an array}}
	return ((int)INMACRO_BYTES + (*whole_table)[0] + V_exported[0] + // expected-note {{no fix-it for 'inmacro': this use's rewrite would fall inside a macro body, where it would change every expansion; change it by hand [modspace]}}
	    VNET_NAME(rawname)[1] + V_inmacro[2] + (int)sizeof(copy)); // expected-note {{no fix-it for 'rawname': 'rawname' is named here without its VNET() accessor}}
}

/* Structures that cannot be converted: test/fixit/struct-refusals.c. */
