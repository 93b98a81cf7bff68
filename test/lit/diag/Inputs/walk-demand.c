/*
 * Shapes for the walk on demand: functions that never name the table but
 * whose facts the plan needs (published through a macro's body, a pasted
 * name, an object-like macro, parentheses, a line splice; a function that
 * publishes itself; a caller of a registered function; a caller that
 * keeps a pointer a function returns into the table; a function defined
 * by a macro).  walk.test compiles this with check-walk, which fails if
 * the walk on demand misses what a walk of every function finds.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/callout.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab[512]);
#define	V_tab	VNET(tab)

static struct callout c1, c2, c3, c4, c5, c6, c7, c8;
static int *kept;
static void (*hook)(void *);

static void
touch(void)
{
	V_tab[1]++;
}

/* Each reaches the table only through touch(). */
static void tick_body(void *arg) { touch(); }
static void paste_handler(void *arg) { touch(); }
static void object_cb(void *arg) { touch(); }
static void paren_cb(void *arg) { touch(); }
static void spliced_cb(void *arg) { touch(); }
static void defined_cb(void *arg) { touch(); }

#define	ARM(c)		callout_reset((c), 1, tick_body, NULL)
#define	HANDLER(n)	n##_handler
#define	OBJECT_CB	object_cb

/*
 * Each publishes one of them, never names the table, and is called only
 * from entry(), which nothing registers: only the index selects them.
 */
static void pub_macro(void) { ARM(&c1); }
static void pub_paste(void) { callout_reset(&c2, 1, HANDLER(paste), NULL); }
static void pub_object(void) { callout_reset(&c3, 1, OBJECT_CB, NULL); }
static void pub_paren(void) { hook = (paren_cb); }
/* Longer than the look-ahead, so that pub_spliced is selected for its own. */
static int spacer1, spacer2, spacer3, spacer4, spacer5;
static void
pub_spliced(void)
{
	callout_reset(&c4, 1, spli\
ced_cb, NULL);
}

/* No prototype: it publishes itself before the index knows its name. */
static void
self_arm(void *arg)
{
	callout_reset(&c5, 1, self_arm, arg);
	touch();
}

/*
 * Published by itself, unseen (no prototype), and then at once by the
 * next function: that one's use is not the first's own.
 */
static void
self_too(void *arg)
{
	callout_reset(&c7, 1, self_too, arg);
	touch();
}
static void
pub_self_too(void)
{
	/* More than the look-ahead after the name. */
	callout_reset(&c8, 1, self_too, NULL);
	c8.c_ticks = c7.c_ticks + c6.c_ticks + c5.c_ticks;
}

/*
 * A function a macro defines: the preprocessor reads the arguments, and
 * the callout in them, before the previous declaration is handed over.
 */
#define	DEFINE_PUB(name, stmt)	static void name(void) { stmt; }
static int before_it;
DEFINE_PUB(pub_defined, callout_reset(&c6, 1, defined_cb, NULL))

static int *
slot(int i)
{
	return (&V_tab[i & 511]);
}

static void
keep(void)
{
	kept = slot(3);
}

#define	DEFINE_BUMP(name)	static void name(void) { V_tab[2]++; }
DEFINE_BUMP(bump)

static void
tab_init(const void *unused __unused)
{
	V_tab[0] = 1;
	bump();
}
VNET_SYSINIT(tab_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, tab_init, NULL);

static void
again(void)
{
	tab_init(NULL);
}

void
entry(void)
{
	pub_macro();
	pub_paste();
	pub_object();
	pub_paren();
	pub_spliced();
	self_arm(NULL);
	pub_defined();
	pub_self_too();
	keep();
	again();
}
