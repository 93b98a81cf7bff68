/*
 * Fix-it fixture: what a kernel reviewer asks of a conversion.  A
 * bzero()/memset() that clears the whole table in the allocating
 * constructor, before anything else uses it, goes (M_ZERO does it);
 * sizeof(V_x) / sizeof(V_x[0]) becomes the count; the pointer type is
 * spelled as style(9) spells it; the malloc type is one the constructor
 * already allocates from, or a new one when the file has several and
 * nothing says which.  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

#define	NQT	128

static MALLOC_DEFINE(M_QSTATS, "qstats", "queue statistics");
static MALLOC_DEFINE(M_QHASH, "qhash", "queue hash tables");
static MALLOC_DEFINE(M_QTMP, "qtmp", "temporary queue buffers");

struct qentry {
	uint64_t	qe_count;
	uint64_t	qe_bytes;
};
struct qmeter;

VNET_DEFINE_STATIC(struct qentry *, qt); // expected-warning {{per-vnet variable 'qt' takes 2048 bytes}} expected-note {{the table is allocated with 'M_QHASH', which 'q_init' already allocates from}}
#define	V_qt		VNET(qt)
VNET_DEFINE_STATIC(struct qentry *, qt2); // expected-warning {{per-vnet variable 'qt2' takes 2048 bytes}} expected-note {{the table is allocated with 'M_QHASH', which 'q_init' already allocates from}}
#define	V_qt2		VNET(qt2)
static MALLOC_DEFINE(M_QUALITY, "quality", "quality per-vnet tables");

VNET_DEFINE_STATIC(struct qmeter **, qmeters); // expected-warning {{per-vnet variable 'qmeters' takes 1024 bytes}} expected-note {{the table gets its own malloc type, M_QUALITY}}
#define	V_qmeters	VNET(qmeters)
VNET_DEFINE_STATIC(u_int, qn);
#define	V_qn		VNET(qn)
VNET_DEFINE_STATIC(void *, qbuf);
#define	V_qbuf		VNET(qbuf)

u_int	q_counts(void);

u_int
q_counts(void)
{
	u_int n;

	n = NQT;
	n += NQT;
	n += NQT;
	n += (u_int)(NQT);
	return (n + (u_int)V_qt[3].qe_count + (u_int)V_qt2[4].qe_bytes +
	    (V_qmeters[5] == NULL));
}

static void
q_init(const void *unused __unused)
{

	V_qt = mallocarray(NQT, sizeof(*V_qt), M_QHASH, M_WAITOK | M_ZERO);
	V_qt2 = mallocarray(NQT, sizeof(*V_qt2), M_QHASH, M_WAITOK | M_ZERO);
	V_qn = 0;
	V_qbuf = malloc(64, M_QHASH, M_WAITOK | M_ZERO);
	V_qt[3].qe_count = 3;
	V_qt2[4].qe_bytes = 4;
}
VNET_SYSINIT(q_init, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, q_init, NULL);

static void
q_uninit(const void *unused __unused)
{

	free(V_qbuf, M_QHASH);
	V_qt[3].qe_count = 0;
	free(V_qt, M_QHASH);
	free(V_qt2, M_QHASH);
	free(V_qmeters, M_QUALITY);
}
VNET_SYSUNINIT(q_uninit, SI_SUB_PROTO_DOMAIN, SI_ORDER_FIRST, q_uninit,
    NULL);

static void
q_meters_init(const void *unused __unused)
{

	V_qmeters = mallocarray(NQT, sizeof(*V_qmeters), M_QUALITY,
	    M_WAITOK | M_ZERO);
	V_qmeters[5] = NULL;
}
VNET_SYSINIT(q_meters_init, SI_SUB_PROTO_FIREWALL, SI_ORDER_FIRST,
    q_meters_init, NULL);
