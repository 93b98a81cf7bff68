// threshold=, pcpu-threshold= and modspace= change the warnings; values
// may be decimal, 0x-hex or K (1024 bytes).  A leading 0 is still decimal
// (0100 is 100, not octal 64).
//
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify=small \
// RUN:   -fplugin-arg-modspace-threshold=100 -fplugin-arg-modspace-pcpu-threshold=0x10
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify=small \
// RUN:   -fplugin-arg-modspace-threshold=0100 -fplugin-arg-modspace-pcpu-threshold=16
// RUN: %modspace -DVIMAGE -fsyntax-only %s -Xclang -verify=big \
// RUN:   -fplugin-arg-modspace-threshold=4K -fplugin-arg-modspace-modspace=64K

#include <sys/pcpu.h>
#include <net/vnet.h>

VNET_DEFINE(int, medium[25]); // small-warning {{'medium' takes 100 bytes, 0.3% of the 32768-byte}} small-note {{no fix-it for 'medium': it is not static, so other translation units may use it}}
VNET_DEFINE(int, large[1024]); // small-warning {{'large' takes 4096 bytes, 12.5% of the 32768-byte}} big-warning {{'large' takes 4096 bytes, 6.2% of the 65536-byte vnet module space}} small-note {{no fix-it for 'large': it is not static, so other translation units may use it}} big-note {{no fix-it for 'large': it is not static, so other translation units may use it}}
DPCPU_DEFINE(char, pc[16]); // small-warning {{per-CPU variable 'pc' takes 16 bytes}} small-note {{no fix-it for 'pc': per-CPU arrays}}
