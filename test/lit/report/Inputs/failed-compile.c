/* Input of failed-compile.test.  Written for this project. */
#include <net/vnet.h>

#ifdef PRAGMA
#pragma clang diagnostic error "-Wunused-variable"
#endif

VNET_DEFINE(int, counters[400]);

int	f(void);

int
f(void)
{
	int unused;

	return (VNET(counters)[0]);
}
