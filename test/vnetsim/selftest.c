/*
 * A module that exercises the runtime itself (test/lit/behaviour/
 * runtime.test): per-vnet copies initialised from the master copy, the
 * order of constructors and destructors, a CTLFLAG_VNET sysctl, M_ZERO,
 * the mallocarray overflow panic.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/sysctl.h>
#include <net/vnet.h>

static MALLOC_DEFINE(M_SELFTEST, "selftest", "vnetsim self-test");

VNET_DEFINE_STATIC(int, counter) = 5;
#define	V_counter	VNET(counter)
SYSCTL_INT(_test, OID_AUTO, counter, CTLFLAG_VNET | CTLFLAG_RD,
    &VNET_NAME(counter), 0, "per-vnet counter");

/* Not per-vnet: what ran, in order. */
static char order_log[128];

int	st_counter(void);
void	st_bump(void);
int	st_zeroed(void);
void	st_overflow(void);
const char *st_order(void);

static void
note(char c)
{
	size_t n;

	for (n = 0; order_log[n] != '\0'; n++)
		;
	if (n + 1 < sizeof(order_log))
		order_log[n] = c;
}

/* Registered in the opposite order to the one they must run in. */
static void
st_second(const void *unused __unused)
{

	note('2');
	V_counter *= 2;
}
VNET_SYSINIT(st_second, SI_SUB_PROTO_DOMAIN, SI_ORDER_SECOND, st_second,
    NULL);

static void
st_first(const void *unused __unused)
{

	note('1');
	V_counter += 10;
}
VNET_SYSINIT(st_first, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, st_first, NULL);

static void
st_teardown_late(const void *unused __unused)
{

	note('b');
}
VNET_SYSUNINIT(st_teardown_late, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST,
    st_teardown_late, NULL);

static void
st_teardown_early(const void *unused __unused)
{

	note('a');
}
VNET_SYSUNINIT(st_teardown_early, SI_SUB_PROTO_FIREWALL, SI_ORDER_ANY,
    st_teardown_early, NULL);

int
st_counter(void)
{

	return (V_counter);
}

void
st_bump(void)
{

	V_counter++;
}

int
st_zeroed(void)
{
	unsigned char *p;
	int i, zero;

	p = malloc(256, M_SELFTEST, M_WAITOK | M_ZERO);
	zero = 1;
	for (i = 0; i < 256; i++)
		zero &= p[i] == 0;
	free(p, M_SELFTEST);
	return (zero);
}

void
st_overflow(void)
{

	free(mallocarray((size_t)1 << 62, 8, M_SELFTEST, M_WAITOK),
	    M_SELFTEST);
}

const char *
st_order(void)
{

	return (order_log);
}
