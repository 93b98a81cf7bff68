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
#include <sys/callout.h>
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
    &VNET_NAME(exported), blob, "exported blob"); // expected-note {{no fix-it for 'exported': '&VNET_NAME(exported)' exports the structure (or a member of it) in place from this SYSCTL_STRUCT, which would then export the 8-byte pointer; replace it with a SYSCTL_PROC handler that copies the structure out}}

/* Pointers into it stored where they outlive it (blob_get() is not
 * static: other files may keep what it returns). */
VNET_DEFINE_STATIC(struct blob, whole); // expected-warning {{'whole' takes 1504 bytes}}
#define	V_whole		VNET(whole)
VNET_DEFINE_STATIC(struct blob, member); // expected-warning {{'member' takes 1504 bytes}}
#define	V_member	VNET(member)
VNET_DEFINE_STATIC(struct blob, decayed); // expected-warning {{'decayed' takes 1504 bytes}}
#define	V_decayed	VNET(decayed)
VNET_DEFINE_STATIC(struct blob, returned); // expected-warning {{'returned' takes 1504 bytes}}
#define	V_returned	VNET(returned)
VNET_DEFINE_STATIC(struct blob, handed); // expected-warning {{'handed' takes 1504 bytes}}
#define	V_handed	VNET(handed)
VNET_DEFINE_STATIC(struct blob, carried); // expected-warning {{'carried' takes 1504 bytes}}
#define	V_carried	VNET(carried)
VNET_DEFINE_STATIC(struct blob, boxed); // expected-warning {{'boxed' takes 1504 bytes}}
#define	V_boxed		VNET(boxed)
struct nest {
	struct blob	n_blob;
	int		n_x;
};
VNET_DEFINE_STATIC(struct nest, arrowed); // expected-warning {{'arrowed' takes 1508 bytes}}
#define	V_arrowed	VNET(arrowed)
static struct blob *last_blob;
static int *last_len;
static char *last_data;
static uintptr_t last_word;
static struct { struct blob *h_blob; int h_n; } last_box;
static struct callout blob_co;

/* Without VIMAGE, V_hidden is a function's parameter. */
VNET_DEFINE_STATIC(struct blob, hidden); // expected-warning {{'hidden' takes 1504 bytes}}
#define	V_hidden	VNET(hidden)

/* A handler that reads the table through arg1. */
VNET_DEFINE_STATIC(struct blob, procarg); // expected-warning {{'procarg' takes 1504 bytes}}
#define	V_procarg	VNET(procarg)
static int	procarg_handler(SYSCTL_HANDLER_ARGS);
SYSCTL_PROC(_net, OID_AUTO, procarg, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(procarg), 0, procarg_handler, "S,blob", "procarg"); // expected-note {{no fix-it for 'procarg': '&VNET_NAME(procarg)' is this SYSCTL_PROC's argument, which its handler would then read as the 8-byte pointer's storage; have the handler use V_procarg and pass NULL, then run modspace again}}

static int
procarg_handler(SYSCTL_HANDLER_ARGS)
{

	return (SYSCTL_OUT(req, arg1, sizeof(struct blob)));
}

int	hidden_len(struct blob);

int
hidden_len(struct blob hidden)
{

	return (hidden.b_len + V_hidden.b_len); // expected-note {{no fix-it for 'hidden': 'hidden_len' declares a local 'hidden', which 'V_hidden' names when the kernel is built without VIMAGE; rename the local first}}
}

static void
blob_tick(void *arg)
{
	struct blob *b = arg;

	b->b_len++;
}

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

	return (&V_returned); // expected-note {{no fix-it for 'returned': a pointer into the structure is stored here}}
}

void
blob_uses(void)
{
	struct blob *bp;
	__typeof(V_typed) copy; // expected-note {{no fix-it for 'typed': modspace cannot prove that this use of 'V_typed' keeps its meaning when the structure becomes a pointer}}

	last_blob = &V_whole; // expected-note {{no fix-it for 'whole': a pointer into the structure is stored here}}
	last_len = &V_member.b_len; // expected-note {{no fix-it for 'member': a pointer into the structure is stored here}}
	last_data = V_decayed.b_data; // expected-note {{no fix-it for 'decayed': a pointer into the structure is stored here}}
	last_blob = blob_get();
	INMACRO_LEN = 1; // expected-note {{no fix-it for 'inmacro': this use's rewrite would fall inside a macro body ('INMACRO_LEN')}}
	callout_reset(&blob_co, 1, blob_tick, &V_handed); // expected-note {{no fix-it for 'handed': a pointer into the structure is passed here together with a function to call later (a callout, a hook), which may use it after it is freed}}
	last_word = (uintptr_t)&V_carried; // expected-note {{no fix-it for 'carried': a pointer into the structure is stored here}}
	last_box = (__typeof(last_box)){ &V_boxed, 0 }; // expected-note {{no fix-it for 'boxed': a pointer into the structure is stored here}}
	last_len = &(&V_arrowed.n_blob)->b_len; // expected-note {{no fix-it for 'arrowed': a pointer into the structure is stored here}}
	bp = VNET_PTR(pointed); // expected-note {{no fix-it for 'pointed': the address of the per-vnet storage is taken here}}
	bp->b_len = 2;
	copy.b_len = V_scalar > 0;
	V_seeded.b_len++;
	V_flexed.f_n++;
	V_shared.b_len++;
	V_exported.b_len = copy.b_len + V_shaky.b_len;
}
