/*
 * Fix-it fixture: attributes on the declaration are kept, and a leading
 * memset(V_x, 0, sizeof(V_x)) in the constructor is removed like a bzero
 * (M_ZERO clears the new table).  Written for this project.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

MALLOC_DEFINE(M_LINES, "lines", "cache-line tables");

VNET_DEFINE(uint64_t *, lines __aligned(64)); // expected-warning {{'lines' takes 2048 bytes}} expected-note {{'lines' is not static}}
#define	V_lines		VNET(lines)

static void
vnet_lines_init(const void *unused __unused)
{

	V_lines = mallocarray(256, sizeof(*V_lines), M_LINES,
	    M_WAITOK | M_ZERO);
	V_lines[0] = 1;
}
VNET_SYSINIT(vnet_lines_init, SI_SUB_PROTO_IF, SI_ORDER_ANY, vnet_lines_init,
    NULL);

static void
vnet_lines_free(const void *unused __unused)
{

	free(V_lines, M_LINES);
}
VNET_SYSUNINIT(vnet_lines_free, SI_SUB_INIT_IF, SI_ORDER_FIRST,
    vnet_lines_free, NULL);
