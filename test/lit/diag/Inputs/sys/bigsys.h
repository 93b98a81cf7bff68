/* A system header with a large per-vnet variable: modspace stays quiet. */
#include <net/vnet.h>
VNET_DEFINE(char, in_system_header[5000]);
