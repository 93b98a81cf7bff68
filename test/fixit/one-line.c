/*
 * Fix-it fixture: constructors and destructors written on one line, and
 * one whose first declaration shares the line of its brace.  Statements
 * go inside the braces, inline where the body is one line; the fix-it
 * test also runs this file with CRLF and with CR-only line ends, which
 * the edits keep.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NOL	512

static MALLOC_DEFINE(M_OL, "oneline", "one-line tables");

VNET_DEFINE_STATIC(uint32_t, ol_a[NOL]); // expected-warning {{per-vnet variable 'ol_a' takes 2048 bytes}}
#define	V_ol_a	VNET(ol_a)
VNET_DEFINE_STATIC(uint32_t, ol_b[NOL]); // expected-warning {{per-vnet variable 'ol_b' takes 2048 bytes}}
#define	V_ol_b	VNET(ol_b)
VNET_DEFINE_STATIC(u_int, ol_n);
#define	V_ol_n	VNET(ol_n)

u_int	ol_sum(void);

u_int
ol_sum(void)
{
	u_int i, s;

	s = 0;
	for (i = 0; i < NOL; i++)
		s += V_ol_a[i] + V_ol_b[i];
	return (s + V_ol_n);
}

static void ol_init(const void *unused __unused) { V_ol_n = 1; V_ol_a[3] = 3; }
VNET_SYSINIT(ol_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, ol_init, NULL);

static void
ol_fill(const void *unused __unused)
{	u_int i;
	for (i = 0; i < NOL; i++)
		V_ol_b[i] = i;
}
VNET_SYSINIT(ol_fill, SI_SUB_PROTO_DOMAIN, SI_ORDER_SECOND, ol_fill, NULL);

static void ol_uninit(const void *unused __unused) { V_ol_a[0] = V_ol_b[0] = 0; V_ol_n = 0;}
VNET_SYSUNINIT(ol_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, ol_uninit, NULL);
