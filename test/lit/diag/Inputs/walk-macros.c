/*
 * More shapes for the walk on demand (found by an attack on it): a macro
 * that makes several top-level declarations, the later ones publishing a
 * function named in its body or its arguments; a name split by a line
 * splice with a form feed, a vertical tab or a newline and carriage
 * return; a pasted number split by a line splice; a #pragma comment in
 * a body; a macro whose arguments end another's.  walk.test compiles
 * this with check-walk.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/callout.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab[512]);
#define	V_tab	VNET(tab)

static struct callout c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11;
static int counter;

static void tick(void *arg) { V_tab[1]++; }
static void tock(void *arg) { V_tab[2]++; }
static void ff_cb(void *arg) { V_tab[3]++; }
static void vt_cb(void *arg) { V_tab[4]++; }
static void nlcr_cb(void *arg) { V_tab[5]++; }
static void cbx12(void *arg) { V_tab[6]++; }

/* The second function publishes what the body names. */
#define	TWO(a)	static void two1(void) { counter += a; counter += a; counter++; } \
		static void two2(void) { callout_reset(&c1, 1, tick, NULL); }
static int before_two;
TWO(1)

/* A prototype longer than the look-ahead, then the definition using cb. */
#define	DEF(name, cb)	static void name(void *arg, int flags, int more); \
		static void name(void *arg, int flags, int more) { \
			callout_reset(&c2, 1, cb, arg); }
static int before_def;
DEF(def1, tock)

#define	DEFINE_PUB(name, stmt)	static void name(void) { stmt; }

static void
pub_ff(void)
{
	callout_reset(&c3, 1, ff_\
cb, NULL);
	counter = counter + counter + counter + counter;
}

static void
pub_vt(void)
{
	callout_reset(&c4, 1, vt_\
cb, NULL);
	counter = counter + counter + counter + counter;
}

static void
pub_nlcr(void)
{
	callout_reset(&c5, 1, nlcr_\
cb, NULL);
	counter = counter + counter + counter + counter;
}

#define	CB(x)	x ## 1\
2
static void
pub_paste(void)
{
	callout_reset(&c6, 1, CB(cbx), NULL);
	counter = counter + counter + counter + counter;
}

/*
 * A function published by the macro right after it: the parser reads that
 * macro's arguments, to have its look-ahead token, before it hands the
 * function over and its name is marked.
 */
static void right_before(void *arg) { V_tab[7]++; }
DEFINE_PUB(pub_after, callout_reset(&c7, 1, right_before, NULL))

/* The same after a prototype. */
static void proto_before(void *arg);
DEFINE_PUB(pub_after_proto, callout_reset(&c8, 1, proto_before, NULL))
static void proto_before(void *arg) { V_tab[8]++; }

/* A macro expanded inside a _Pragma of a macro making two functions. */
#define	MYPACK	8
#define	PAIR(cb)	static void pair1(void) { counter++; counter++; counter++; } \
	_Pragma("pack(MYPACK)") \
	static void pair2(void) { callout_reset(&c9, 1, cb, NULL); }
static void pair_cb(void *arg) { V_tab[9]++; }
static int before_pair;
PAIR(pair_cb)
_Pragma("pack()")

/*
 * A #pragma comment is handed over where it stands, in a body too: it
 * ends no declaration (pub_comment publishes comment_cb before it).
 */
static void comment_cb(void *arg) { V_tab[10]++; }
static void
pub_comment(void)
{
	callout_reset(&c10, 1, comment_cb, NULL);
	counter++; counter++; counter++; counter++; counter++;
#pragma comment(lib, "a")
	counter++;
}

/*
 * A macro whose body ends in another's name and arguments, which the
 * file closes: the first one's arguments, read a long function before,
 * are the second one's (pub_nested publishes nested_cb).
 */
static void long1(void), pub_nested(void);
#define	NEST2(name, cb)	static void name(void) { callout_reset(&c11, 1, cb, NULL); }
#define	NEST1(cb)	static void long1(void) { counter++; counter++; \
	counter++; counter++; counter++; counter++; } NEST2(pub_nested, cb
static void nested_cb(void *arg) { V_tab[11]++; }
static int before_nest;
NEST1(nested_cb))

/*
 * Two constructors and two destructors: whether a published function
 * reaches the table decides which of them allocates and frees it (with
 * one, every constructor counts as touching it), so a missed publication
 * changes the fix-its, which walk-on-demand.test compares.
 */
VNET_DEFINE_STATIC(int, other);
#define	V_other	VNET(other)

static void
other_init(const void *unused __unused)
{
	V_other = 1;
}
VNET_SYSINIT(other_init, SI_SUB_PROTO_IF, SI_ORDER_ANY, other_init, NULL);

static void
tab_init(const void *unused __unused)
{
	V_tab[0] = 1;
}
VNET_SYSINIT(tab_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tab_init, NULL);

static void
tab_uninit(const void *unused __unused)
{
	V_tab[0] = 0;
}
VNET_SYSUNINIT(tab_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tab_uninit,
    NULL);

static void
other_uninit(const void *unused __unused)
{
	V_other = 0;
}
VNET_SYSUNINIT(other_uninit, SI_SUB_PROTO_IF, SI_ORDER_ANY, other_uninit,
    NULL);

void
entry(void)
{
	two1();
	two2();
	def1(NULL, 0, 0);
	pub_ff();
	pub_vt();
	pub_nlcr();
	pub_paste();
	pub_after();
	pub_after_proto();
	pair1();
	pair2();
	pub_comment();
	long1();
	pub_nested();
	(void)c7;
}
