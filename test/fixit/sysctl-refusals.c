/*
 * Fix-it fixture: sysctl exports that sysctl=rewrite must not rewrite.
 * Each table gets its size warning and a note at the export saying why;
 * no fix-it at all is emitted.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

#define	N	300

struct pair {
	uint64_t	p_a, p_b;
};

/* Writable: a handler that only copies out would drop the writes. */
VNET_DEFINE_STATIC(int, writable[N]); // expected-warning {{'writable' takes 1200 bytes}}
#define	V_writable	VNET(writable)
SYSCTL_OPAQUE(_net, OID_AUTO, writable, CTLFLAG_VNET | CTLFLAG_RW,
    &VNET_NAME(writable), sizeof(V_writable), "I", "writable"); // expected-note {{no fix-it for 'writable': '&VNET_NAME(writable)' exports the array in place from this SYSCTL_OPAQUE, which sysctl=rewrite does not rewrite: it is writable or tunable ('CTLFLAG_RW'), and the rewrite only copies the table out; replace it with a SYSCTL_PROC handler by hand [modspace]}}

/* A loader tunable writes the table at boot. */
VNET_DEFINE_STATIC(int, tunable[N]); // expected-warning {{'tunable' takes 1200 bytes}}
#define	V_tunable	VNET(tunable)
SYSCTL_OPAQUE(_net, OID_AUTO, tunable, CTLFLAG_VNET | CTLFLAG_RDTUN,
    &VNET_NAME(tunable), sizeof(V_tunable), "I", "tunable"); // expected-note {{it is writable or tunable ('CTLFLAG_RDTUN')}}

/* Part of the table. */
VNET_DEFINE_STATIC(int, partial[N]); // expected-warning {{'partial' takes 1200 bytes}}
#define	V_partial	VNET(partial)
SYSCTL_OPAQUE(_net, OID_AUTO, partial, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(partial), 10 * sizeof(V_partial[0]), "I", "partial"); // expected-note {{its size '10 * sizeof(V_partial[0])' is not written as the size of the whole table ('sizeof(V_partial)')}}

/* No CTLFLAG_VNET: it exports the master copy today. */
VNET_DEFINE_STATIC(int, master[N]); // expected-warning {{'master' takes 1200 bytes}}
#define	V_master	VNET(master)
SYSCTL_OPAQUE(_net, OID_AUTO, master, CTLFLAG_RD,
    &VNET_NAME(master), sizeof(V_master), "I", "master"); // expected-note {{which sysctl=rewrite does not rewrite: it has no CTLFLAG_VNET, so it exports the master copy, not a vnet's; replace it with a SYSCTL_PROC handler by hand}}

/* A flag modspace does not know. */
#define	CTLFLAG_LOCAL	0x100
VNET_DEFINE_STATIC(int, flagged[N]); // expected-warning {{'flagged' takes 1200 bytes}}
#define	V_flagged	VNET(flagged)
SYSCTL_OPAQUE(_net, OID_AUTO, flagged, CTLFLAG_VNET | CTLFLAG_RD | CTLFLAG_LOCAL,
    &VNET_NAME(flagged), sizeof(V_flagged), "I", "flagged"); // expected-note {{has a part modspace does not know ('CTLFLAG_LOCAL')}}

/* SYSCTL_STRUCT of an array: its first element only. */
VNET_DEFINE_STATIC(struct pair, pairs[100]); // expected-warning {{'pairs' takes 1600 bytes}}
#define	V_pairs		VNET(pairs)
SYSCTL_STRUCT(_net, OID_AUTO, pairs, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(pairs), pair, "first pair"); // expected-note {{it exports 'struct pair', not the whole table}}

/* The pointer written otherwise. */
VNET_DEFINE_STATIC(int, spelled[N]); // expected-warning {{'spelled' takes 1200 bytes}}
#define	V_spelled	VNET(spelled)
SYSCTL_OPAQUE(_net, OID_AUTO, spelled, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(spelled)[0], sizeof(V_spelled), "I", "spelled"); // expected-note {{its pointer is not written '&VNET_NAME(spelled)'}}

/* Inside a macro of the file's own. */
#define	EXPORT(n)	SYSCTL_OPAQUE(_net, OID_AUTO, n, CTLFLAG_VNET | CTLFLAG_RD, \
	    &VNET_NAME(n), sizeof(VNET(n)), "I", #n)
VNET_DEFINE_STATIC(int, wrapped[N]); // expected-warning {{'wrapped' takes 1200 bytes}}
EXPORT(wrapped); // expected-note {{no fix-it for 'wrapped': 'wrapped' is named here without its VNET() accessor}}
