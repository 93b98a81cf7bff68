/*
 * Scenario for test/example/ip_mroute_like*.c: fill the tables through the
 * module's entry points, read them back and through its sysctls, clear
 * them, read again.  Prints only what the module computes, never
 * addresses (which differ from run to run).
 */
#include <stdint.h>
#include <stdio.h>

#include "../vnetsim.h"

int	mroute_add_vif(unsigned vifi, uint32_t lcl, uint32_t rmt);
int	mroute_count_in(unsigned vifi, uint64_t bytes);
uint64_t mroute_sum_in(void);
int	mroute_queue_upcall(uint32_t src, uint32_t dst);
unsigned mroute_upcalls_pending(void);
void	mroute_flush(void);
void	*mroute_meter_alloc(void);
void	mroute_meter_free(void *meter);

/* The module's struct vif, as the sysctl exports it (56 bytes). */
struct vif_out {
	uint8_t		v_flags;
	uint8_t		v_threshold;
	uint32_t	v_lcl_addr;
	uint32_t	v_rmt_addr;
	void		*v_ifp;
	uint64_t	v_pkt_in;
	uint64_t	v_pkt_out;
	uint64_t	v_bytes_in;
	uint64_t	v_bytes_out;
};

static void
read_sysctls(const char *when)
{
	struct vif_out table[64];
	uint64_t sum;
	size_t len, i;
	int numvifs;

	len = sizeof(numvifs);
	if (vnetsim_sysctl("_net_inet_ip.numvifs", &numvifs, &len) != 0)
		numvifs = -1;
	vnetsim_trace("%s: sysctl numvifs = %d", when, numvifs);
	len = sizeof(table);
	if (vnetsim_sysctl("_net_inet_ip.viftable", table, &len) != 0) {
		vnetsim_trace("%s: sysctl viftable missing", when);
		return;
	}
	/* Every entry, pointers left out. */
	sum = 0;
	for (i = 0; i < len / sizeof(table[0]); i++)
		sum += table[i].v_flags + table[i].v_lcl_addr * 3 +
		    table[i].v_rmt_addr * 5 + table[i].v_pkt_in * 7 +
		    table[i].v_bytes_in * 11 + table[i].v_bytes_out;
	vnetsim_trace("%s: sysctl viftable = %zu bytes, %zu entries, sum %ju",
	    when, len, len / sizeof(table[0]), (uintmax_t)sum);
	for (i = 0; i < 3 && i < len / sizeof(table[0]); i++)
		vnetsim_trace("%s:   vif %zu: flags %u lcl %#x rmt %#x in %ju/%ju",
		    when, i, table[i].v_flags, table[i].v_lcl_addr,
		    table[i].v_rmt_addr, (uintmax_t)table[i].v_pkt_in,
		    (uintmax_t)table[i].v_bytes_in);
}

void
scenario_in_vnet(int id)
{
	void *meter;
	unsigned i;

	read_sysctls("fresh");
	for (i = 0; i < 3 + (unsigned)id; i++)
		vnetsim_trace("add vif %u: %d", i, mroute_add_vif(i,
		    0x0a000001 + i + 256 * (unsigned)id, 0x0a000101 + i));
	vnetsim_trace("add vif 40: %d", mroute_add_vif(40, 1, 2));
	mroute_count_in(0, 100 * ((uint64_t)id + 1));
	mroute_count_in(1, 7);
	vnetsim_trace("count in vif 9: %d", mroute_count_in(9, 1));
	vnetsim_trace("sum in: %ju", (uintmax_t)mroute_sum_in());
	for (i = 0; i < 5; i++)
		(void)mroute_queue_upcall(i, (uint32_t)id);
	vnetsim_trace("upcalls pending: %u", mroute_upcalls_pending());
	read_sysctls("filled");
	meter = mroute_meter_alloc();
	mroute_meter_free(meter);
	mroute_flush();
	vnetsim_trace("flushed: sum in %ju, upcalls pending %u",
	    (uintmax_t)mroute_sum_in(), mroute_upcalls_pending());
	read_sysctls("flushed");
	mroute_count_in(0, 5);
	vnetsim_trace("add vif 0 again: %d, sum in %ju",
	    mroute_add_vif(0, 9, 9), (uintmax_t)mroute_sum_in());
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
