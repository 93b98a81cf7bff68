/*
 * Fix-it fixture: per-vnet structures and unions that modspace must not
 * turn into pointers.  Each gets its size warning and a note at what
 * blocks it; no fix-it at all is emitted.  Written for this project.
 * Run with threshold=16, so that a 16-byte scalar is flagged too.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

struct blob {
	char	b_data[1500];
	int	b_len;
};

/* A scalar: neither an array nor a structure. */
VNET_DEFINE_STATIC(long double, scalar); // expected-warning {{'scalar' takes 16 bytes}} expected-note {{no fix-it for 'scalar': it is of type 'long double', neither an array nor a structure}}
#define	V_scalar	VNET(scalar)

/* An initialiser. */
VNET_DEFINE_STATIC(struct blob, seeded) = { .b_len = 3 }; // expected-warning {{'seeded' takes 1504 bytes}} expected-note {{no fix-it for 'seeded': it has an initialiser}}
#define	V_seeded	VNET(seeded)

/* A flexible array member. */
struct flex {
	char	f_pad[1500];
	int	f_n;
	int	f_items[];
};
VNET_DEFINE_STATIC(struct flex, flexed); // expected-warning {{'flexed' takes 1504 bytes}} expected-note {{no fix-it for 'flexed': its type ends in a flexible array member}}
#define	V_flexed	VNET(flexed)

/* Not static: other files may write V_shared.f. */
VNET_DEFINE(struct blob, shared); // expected-warning {{'shared' takes 1504 bytes}} expected-note {{no fix-it for 'shared': it is not static, and other translation units' uses of it ('V_shared.f') cannot be written}}
#define	V_shared	VNET(shared)

/* volatile. */
VNET_DEFINE_STATIC(volatile struct blob, shaky); // expected-warning {{'shaky' takes 1504 bytes}} expected-note {{no fix-it for 'shaky': it is const or volatile}}
#define	V_shaky		VNET(shaky)

/* Exported in place by a sysctl. */
VNET_DEFINE_STATIC(struct blob, exported); // expected-warning {{'exported' takes 1504 bytes}}
#define	V_exported	VNET(exported)
SYSCTL_STRUCT(_net, OID_AUTO, exported, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(exported), blob, "exported blob"); // expected-note {{no fix-it for 'exported': '&VNET_NAME(exported)' exports the structure in place from this SYSCTL_STRUCT, which would then export the 8-byte pointer; replace it with a SYSCTL_PROC handler that copies the structure out}}

/* Pointers into it stored where they outlive it. */
VNET_DEFINE_STATIC(struct blob, whole); // expected-warning {{'whole' takes 1504 bytes}}
#define	V_whole		VNET(whole)
VNET_DEFINE_STATIC(struct blob, member); // expected-warning {{'member' takes 1504 bytes}}
#define	V_member	VNET(member)
VNET_DEFINE_STATIC(struct blob, decayed); // expected-warning {{'decayed' takes 1504 bytes}}
#define	V_decayed	VNET(decayed)
VNET_DEFINE_STATIC(struct blob, returned); // expected-warning {{'returned' takes 1504 bytes}}
#define	V_returned	VNET(returned)
static struct blob *last_blob;
static int *last_len;
static char *last_data;

/* Used in a macro's body, through VNET_PTR(), in a __typeof. */
VNET_DEFINE_STATIC(struct blob, inmacro); // expected-warning {{'inmacro' takes 1504 bytes}}
#define	V_inmacro	VNET(inmacro)
#define	INMACRO_LEN	(V_inmacro.b_len)
VNET_DEFINE_STATIC(struct blob, pointed); // expected-warning {{'pointed' takes 1504 bytes}}
VNET_DEFINE_STATIC(struct blob, typed); // expected-warning {{'typed' takes 1504 bytes}}
#define	V_typed		VNET(typed)

void	blob_uses(void);
struct blob	*blob_get(void);

struct blob *
blob_get(void)
{

	return (&V_returned);
}

void
blob_uses(void)
{
	struct blob *bp;
	__typeof(V_typed) copy; // expected-note {{no fix-it for 'typed': modspace cannot prove that this use of 'V_typed' keeps its meaning when the structure becomes a pointer}}

	last_blob = &V_whole; // expected-note {{no fix-it for 'whole': a pointer into the structure is stored here}}
	last_len = &V_member.b_len; // expected-note {{no fix-it for 'member': a pointer into the structure is stored here}}
	last_data = V_decayed.b_data; // expected-note {{no fix-it for 'decayed': a pointer into the structure is stored here}}
	last_blob = blob_get(); // expected-note {{no fix-it for 'returned': a pointer into the structure is stored here}}
	INMACRO_LEN = 1; // expected-note {{no fix-it for 'inmacro': this use's rewrite would fall inside a macro body ('INMACRO_LEN')}}
	bp = VNET_PTR(pointed); // expected-note {{no fix-it for 'pointed': the address of the per-vnet storage is taken here}}
	bp->b_len = 2;
	copy.b_len = V_scalar > 0;
	V_seeded.b_len++;
	V_flexed.f_n++;
	V_shared.b_len++;
	V_exported.b_len = copy.b_len + V_shaky.b_len;
}
