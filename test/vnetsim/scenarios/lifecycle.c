/*
 * Scenario for fixtures with no entry points (ordering, attributes): the
 * module's constructors and destructors run in every vnet; the sanitizers
 * and the leak count judge them.  Written for this project.
 */
#include "../vnetsim.h"

void
scenario_in_vnet(int id)
{

	vnetsim_trace("vnet %d: constructors ran", id);
}

void
scenario_after_destroy(int id)
{

	vnetsim_trace("vnet %d destroyed", id);
}
