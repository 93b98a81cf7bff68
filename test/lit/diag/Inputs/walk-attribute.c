/*
 * A #pragma clang attribute region: the attribute, and the function it
 * names, is parsed once at the push and applied to every declaration up
 * to the pop, which names it without spelling it (here the local of
 * pub(), three functions later).  The reference index cannot see that:
 * it is not used, and every function is walked.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <net/vnet.h>

VNET_DEFINE_STATIC(int, tab[512]);
#define	V_tab	VNET(tab)

static int counter;

static int
touch_tab(void)
{
	V_tab[1]++;
	return (1);
}

#pragma clang attribute push(__attribute__((annotate("cb", touch_tab))), apply_to = variable)
static int before_region;
static void one(void) { counter++; }
static void two(void) { counter++; }
static void three(void) { counter++; }

static void
pub(void)
{
	int local = 0;

	counter += local;
}
#pragma clang attribute pop

void
entry(void)
{
	V_tab[0]++;
	pub();
	one();
	two();
	three();
}
