/* One of two files named tables.c (report-dir.test).  Written for this project. */
#include <net/vnet.h>

VNET_DEFINE(int, b_table[400]);
