#!/usr/bin/env python3
"""Generate a VNET-heavy translation unit for tests and benchmarks.

usage: gen_tu.py NVARS NUSES [SEED]

Writes C to stdout: NVARS per-vnet variables of mixed types (scalars,
structs, arrays, some initialised, some static, some aligned), and NUSES
uses spread over functions (external ones, which clang emits at once and
which so decide where a tentative definition lands, and static ones).
Deterministic for a given SEED.
"""
import random
import sys


TYPES = [
    ("char", 1), ("short", 2), ("int", 4), ("long", 8), ("void *", 8),
    ("struct small", 3), ("struct medium", 24), ("struct wide", 40),
    ("bool", 1), ("uint64_t", 8),
]


def main():
    nvars, nuses = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    out = ["#include <net/vnet.h>",
           "struct small { char a, b, c; };",
           "struct medium { long x; int y; char z[12]; };",
           "struct wide { char c; long v[4]; } __aligned(8);", ""]
    kinds = []
    for i in range(nvars):
        t, _ = rng.choice(TYPES)
        macro = rng.choice(["VNET_DEFINE", "VNET_DEFINE_STATIC"])
        name = "v%d" % i
        shape = rng.random()
        if shape < 0.25:
            name += "[%d]" % rng.randint(1, 40)
            kinds.append("array")
        else:
            kinds.append("scalar")
        attr = " __aligned(32)" if rng.random() < 0.03 else ""
        init = ""
        if kinds[-1] == "scalar" and t in ("int", "long", "char", "short") \
                and rng.random() < 0.2:
            init = " = %d" % rng.randint(1, 100)
        out.append("%s(%s, %s)%s%s;" % (macro, t, name, attr, init))
    out.append("")
    per_func = 50
    nfuncs = max(1, (nuses + per_func - 1) // per_func)
    done = 0
    for f in range(nfuncs):
        linkage = "static " if f % 3 == 2 else ""
        out.append("%sunsigned long f%d(void);" % (linkage, f))
        out.append("%sunsigned long\nf%d(void)\n{\n\tunsigned long s = 0;" %
                   (linkage, f))
        for _ in range(min(per_func, nuses - done)):
            i = rng.randrange(nvars)
            if kinds[i] == "array":
                out.append("\ts += sizeof(VNET(v%d)) + (unsigned long)"
                           "&VNET(v%d)[0];" % (i, i))
            else:
                out.append("\ts += (unsigned long)&VNET(v%d);" % i)
            done += 1
        out.append("\treturn (s);\n}")
    # Keep static functions referenced so that they are emitted.
    out.append("unsigned long all(void);\nunsigned long\nall(void)\n{\n"
               "\treturn (0" + "".join(" + f%d()" % f for f in range(nfuncs)
                                      if f % 3 == 2) + ");\n}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
