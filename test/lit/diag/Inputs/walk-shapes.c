/*
 * Shapes for the lean use walk: what it mirrors, and what makes it give
 * the function to the visitor.  walk.test compiles this with check-walk.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <sys/callout.h>
#include <net/vnet.h>

struct ent {
	int	 a;
	char	*p;
};

VNET_DEFINE_STATIC(struct ent, tab[256]);
#define	V_tab	VNET(tab)
VNET_DEFINE_STATIC(int, small);
#define	V_small	VNET(small)

static struct ent *saved;
static void (*hook)(void *);

static struct ent *
lookup(int i)
{
	return (&V_tab[i & 255]);
}

static void
plain(int n)
{
	int i, s = 0;

	for (i = 0; i < n; i++)
		s += V_tab[i].a + (int)sizeof(struct ent);
	V_small = s ? s : -1;
	while (s > 0) {
		if (s & 1)
			break;
		s >>= 1;
	}
	do {
		s--;
	} while (s > 0);
	switch (n) {
	case 1:
	case 2 ... 4:
		V_small++;
		break;
	default:
		goto out;
	}
out:
	return;
}

static void
timer(void *arg)
{
	(void)arg;
	V_tab[0].a++;
	printf("%s: %d\n", __func__, V_tab[0].a);
}

static void
publishes(void)
{
	hook = timer;			/* address taken: runs at any time */
	saved = lookup(3);		/* a pointer into the table, kept */
}

static void
shapes(void)
{
	struct local { int x[sizeof(V_tab) / sizeof(V_tab[0])]; } l;	/* a tag */
	int arr[4] = { 1, 2, 3, 4 };	/* an initialiser list */
	int vla[V_small > 0 ? V_small : 1];
	__typeof(V_tab[0]) one = V_tab[0];
	char buf[sizeof(V_tab)];
	int g = V_small ?: 1;
	int gen = _Generic(g, int: 1, default: 2);
	struct ent *cl = &(struct ent){ 0, 0 };
	int (*fp)(int) = 0;

	(void)l; (void)arr; (void)vla; (void)one; (void)buf; (void)gen;
	(void)cl; (void)fp;
	__asm__ volatile("" : : "r"(g));
	bzero(V_tab, sizeof(V_tab));
	({ int t = V_small; t; });
}

static int
deep(int x)
{
	return (x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    x + x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +
	    V_small);
}

static void __attribute__((cold))
attributed(int n __unused)
{
	static int calls = 1;
	int aligned_local __aligned(16) = calls++;

	plain(aligned_local);
	shapes();
	(void)deep(1);
	publishes();
}

static void
vnet_walk_init(const void *unused __unused)
{
	attributed(0);
}
VNET_SYSINIT(walk_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_ANY, vnet_walk_init,
    NULL);
