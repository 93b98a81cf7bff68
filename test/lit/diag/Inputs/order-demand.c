/*
 * Shapes for the estimate's order on demand: the functions walked to
 * order the estimated set_vnet are only those whose top-level
 * declaration may name a variable not placed yet.  Each small variable
 * below is first placed where only one of the index's rules finds it;
 * walk.test compiles this with check-walk, which fails if the order on
 * demand differs from a walk of every emitted function.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <net/vnet.h>

/* Before the first variable large enough to start the index. */
VNET_DEFINE(char, early_c);
VNET_DEFINE(long, early_l);
#define	V_early_c	VNET(early_c)
#define	V_early_l	VNET(early_l)

void
set_early(void)
{
	V_early_l = 1;		/* read before the index started */
}

VNET_DEFINE_STATIC(int, table[512]);
#define	V_table	VNET(table)

VNET_DEFINE(char, in_pair);
VNET_DEFINE(long, after_sizeof);
VNET_DEFINE(char, after_static);
VNET_DEFINE(long, after_folded);
VNET_DEFINE(char, twice);
VNET_DEFINE(long, in_argument);
VNET_DEFINE(long, never);
#define	V_in_pair	VNET(in_pair)
#define	V_after_sizeof	VNET(after_sizeof)
#define	V_after_static	VNET(after_static)
#define	V_after_folded	VNET(after_folded)
#define	V_twice		VNET(twice)
#define	V_in_argument	VNET(in_argument)

/*
 * A macro making two functions: the first names in_pair under sizeof
 * (no global is created), the second uses it.  The index hears the name
 * once in the first function's declaration; the second shares the
 * expansion.
 */
#define	PAIR(n)								\
	size_t n##_size(void) { return (sizeof(V_in_pair)); }		\
	void n##_set(void) { V_in_pair = 'p'; }
PAIR(pair)

/*
 * A function named under sizeof, then the macro invocation right after
 * it that defines a function using it: the parser reads the invocation,
 * and expands its argument, before it hands the first function over.
 */
#define	DEFINE_FN(n, body)	void n(void) { body }
size_t
before_fn(void)
{
	return (sizeof(V_in_argument));
}
DEFINE_FN(after_fn, V_in_argument = 5;)

size_t
only_size(void)
{
	return (sizeof(V_after_sizeof) + sizeof(V_twice));
}

static void
hidden(void)
{
	V_after_static = 's';	/* static: emitted later, not walked */
}

int
folded(void)
{
	if (0)
		V_after_folded = 2;	/* not emitted */
	hidden();
	return (V_table[0]);
}

void
later(void)
{
	V_twice = 't';
	V_twice = 'u';
	V_twice = 'v';
	V_after_folded = 3;
	V_after_sizeof = 4;
	V_after_static = 'x';
	V_early_c = 'e';
}

/* Nothing left to place here but "never": not walked on demand. */
int
filler1(void)
{
	return (V_table[1]);
}

int
filler2(void)
{
	return (2);
}

void
filler3(void)
{
	V_twice = 'w';
}
