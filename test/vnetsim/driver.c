/*
 * The behaviour check's scenario: load the module, create three vnets and
 * run the fixture's scenario in each, destroy one, create another and run
 * it there, run it again in the survivors, unload.  Every line it prints
 * must be the same for the original and the fixed module.
 */
#include <stdio.h>

#include "vnetsim.h"

int
main(void)
{
	int v[4], i;

	vnetsim_boot();
	vnetsim_trace("load");
	vnetsim_load();
	for (i = 0; i < 3; i++) {
		v[i] = vnetsim_vnet_create();
		vnetsim_trace("vnet %d created", v[i]);
	}
	for (i = 0; i < 3; i++) {
		vnetsim_set_curvnet(v[i]);
		vnetsim_trace("-- scenario in vnet %d", v[i]);
		scenario_in_vnet(v[i]);
	}
	vnetsim_trace("destroy vnet %d", v[1]);
	vnetsim_vnet_destroy(v[1]);
	scenario_after_destroy(v[1]);
	v[3] = vnetsim_vnet_create();
	vnetsim_trace("vnet %d created", v[3]);
	vnetsim_set_curvnet(v[3]);
	vnetsim_trace("-- scenario in vnet %d", v[3]);
	scenario_in_vnet(v[3]);
	vnetsim_set_curvnet(v[0]);
	vnetsim_trace("-- again in vnet %d", v[0]);
	scenario_in_vnet(v[0]);
	vnetsim_set_curvnet(0);
	vnetsim_trace("unload");
	vnetsim_unload();
	for (i = 0; i < 4; i++)
		if (i != 1)
			vnetsim_vnet_destroy(v[i]);
	vnetsim_vnet_destroy(0);
	vnetsim_trace("done");
	return (vnetsim_finish());
}
