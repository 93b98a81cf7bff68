/*
 * Shapes for the walk in part: functions that only the tables' names
 * select, walked only at the statements that may name one (where the
 * index heard each name).  Each names a table in a place where the
 * statement that holds the use is hard to tell: first or last in the
 * body, without spaces, out of a macro that makes two statements, of a
 * macro's body or a pasted name, after a macro that begins the statement,
 * under a label, in a loop a macro opens, in a nested block, spread over
 * a macro's arguments on several lines, in a parameter's type, before a
 * macro that makes the next statement too, with an #if in its arguments;
 * and the
 * shapes that must be walked whole: a #define or an #include in the body,
 * a body a macro writes, a local that holds a pointer into a table (its
 * reads elsewhere are uses), a function that is reached from a registered
 * one or whose caller keeps what it returns (their calls are needed).
 * walk.test compiles this with check-walk, which fails if the walk on
 * demand misses a use that a walk of every function finds.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab0[512]);
VNET_DEFINE_STATIC(int, tab1[512]);
VNET_DEFINE_STATIC(int, tab2[512]);
#define	V_tab0	VNET(tab0)
#define	V_tab1	VNET(tab1)
#define	V_tab2	VNET(tab2)

#define	TWO(i)		(i)++; V_tab1[(i)] = (i)
#define	FIRST0		V_tab0[0]
#define	TAB(n)		V_tab##n
#define	IF_SET(x)	if ((x) != 0 &&
#define	EACH(i)		for ((i) = 0; (i) < 4; (i)++)
#define	SUM(a, b, c)	((a) + (b) + (c))

static int sink;
static int *keep;

static int
first(int x)
{
	V_tab0[x & 511] = x;
	x += 1;
	x *= 3;
	return (x);
}

static int
last(int x)
{
	x += 1;
	x *= 3;
	return (V_tab2[x & 511]);
}

static int
tight(int x)
{
	int a;
	a=V_tab0[1];x=a;a=x+1;
	return (a);
}

static int
two(int i)
{
	i = 2;
	TWO(i);
	i++;
	return (i);
}

static int
object(int x)
{
	x++;
	FIRST0 = x;
	x--;
	return (x);
}

static int
pasted(int x)
{
	x++;
	TAB(1)[2] = x;
	x--;
	return (x);
}

static int
begun(int x)
{
	x++;
	IF_SET(x) V_tab2[3]) x = 0;
	x--;
	return (x);
}

static int
labelled(int x)
{
	if (x)
		goto out;
	x++;
out:
	V_tab0[4] = x;
	return (x);
}

static int
looped(int x)
{
	int i;

	EACH(i)
		V_tab1[i] += x;
	return (x);
}

static int
nested(int x)
{
	x++;
	if (x > 2) {
		x--;
		while (x > 0) {
			x -= 2;
			if (x == 7)
				sizeof(V_tab2) > 4 ? x++ : x--;
		}
	}
	return (x);
}

static int
spread(int x)
{
	x++;
	x = SUM(x,
	    V_tab0[5],
	    x);
	return (x);
}

static int
typed(__typeof(V_tab1[0]) x)
{
	x++;
	return (x);
}

static int
defined_in(int x)
{
#define	IN_BODY	V_tab2[6]
	x++;
	IN_BODY = x;
	return (x);
#undef	IN_BODY
}

static int
included(int x)
{
	x++;
#include "walk-part-body.h"
	return (x);
}

#define	BODY	{ V_tab0[7] = 1; return (0); }
static int
written(void)
BODY

static int
held(int x)
{
	int *p;

	p = &V_tab1[8];
	x++;
	keep = p;
	return (x);
}

/*
 * Found by an attack: a macro in the middle of a statement that makes
 * the next one too (the index's place, past the invocation, is past the
 * next statement's start): the name is in the statement before.
 */
#define	TAB0_CLEAR()	bzero(V_tab0, sizeof(V_tab0)); sink++
#define	TAB1_KEEP()	keep = &V_tab1[0]; sink++
#define	COUNTED(e)	(e); sink++
#define	TAB2_BUMP(n)	sink += (n)
#define	TAB2_CLEAR	bzero(V_tab2, sizeof(V_tab2)); TAB2_BUMP
#define	ID(a)		a
#define	TAB0_SIZE	sizeof(V_tab0); sink++

static int
cleared(int reset)
{
	if (reset)
		TAB0_CLEAR();
	return (sink);
}

static int
kept(int on)
{
	if (on)
		TAB1_KEEP();
	return (sink);
}

static int
counted(void)
{
	int n;

	n = COUNTED(nitems(V_tab0));
	return (n);
}

static int
tail(int reset)
{
	if (reset)
		TAB2_CLEAR(1);
	return (sink);
}

static int
through(int x)
{
	x++;
	x = ID(V_tab1[0]; x++);
	x--;
	return (x);
}

static int
sized(int x)
{
	x++;
	x = TAB0_SIZE;
	x--;
	return (x);
}

/*
 * Found by a second attack: an #if in such a macro's arguments, whose
 * macros the preprocessor tells of after the invocation (or, builtin,
 * before it), and a macro ending in one whose arguments the file gives.
 */
#define	ONE		1
#define	CLEAR_BY(n)	bzero(V_tab1, sizeof(V_tab1)); sink += (n)
#define	CLEAR_THEN(s)	bzero(V_tab1, sizeof(V_tab1)); s
#define	TAIL_CLEAR	sink = 0; CLEAR_THEN

static int
cleared_if(int reset)
{
	if (reset)
		CLEAR_BY(
#if ONE
		    2
#else
		    1
#endif
		    );
	return (sink);
}

static int
counted_if(void)
{
	int n;

	n = COUNTED(nitems(V_tab2)
#if __COUNTER__ >= 0
#endif
	    );
	return (n);
}

static int
tail_if(int x)
{
	x++;
	TAIL_CLEAR(
#if ONE
#endif
	)x++;
	return (x);
}

/* Reached from the constructor: walked whole for what it calls. */
static int
helper_leaf(int x)
{
	return (x + 1);
}

static int
helper(int x)
{
	V_tab2[9] = x;
	x = helper_leaf(x);
	return (x);
}

/* Returns a pointer into a table; its caller keeps it. */
static int *
pick(void)
{
	return (&V_tab0[10]);
}

static int
picker(int x)
{
	V_tab1[11] = x;
	keep = pick();
	return (x);
}

static void
vnet_part_init(const void *unused __unused)
{
	sink = helper(1);
}
VNET_SYSINIT(vnet_part_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY,
    vnet_part_init, NULL);

int
part_entry(int x)
{
	return (first(x) + last(x) + tight(x) + two(x) + object(x) +
	    pasted(x) + begun(x) + labelled(x) + looped(x) + nested(x) +
	    spread(x) + typed(x) + defined_in(x) + included(x) + written() +
	    held(x) + picker(x) + cleared(x) + kept(x) + counted() + tail(x) +
	    through(x) + sized(x) + cleared_if(x) + counted_if() + tail_if(x));
}
