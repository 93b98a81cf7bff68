/* One of two files named tables.c (report-dir.test).  Written for this project. */
#include <net/vnet.h>

VNET_DEFINE(int, a_table[300]);
