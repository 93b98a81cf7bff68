#!/usr/bin/env python3
"""Generate a translation unit shaped like a large file of the network
stack, for make bench: many functions, heavy macro use (accessors, bit
field helpers, list and lock macros, statistics counters), a few dozen
per-vnet variables of which only LARGE are arrays over the default
threshold.  Written for this project; no kernel source is used.

usage: gen_stack.py NFUNCS NVARS LARGE [SEED]

Deterministic for a given SEED.
"""
import random
import sys

PRELUDE = r"""#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/malloc.h>
#include <net/vnet.h>

struct pkt {
	struct pkt	*next;
	uint32_t	 len, flags, hash, proto;
	uint8_t		 data[64];
};
struct stats {
	uint64_t	 in, out, drop, err, bytes[4];
};
struct flow {
	uint32_t	 src, dst;
	uint16_t	 sport, dport;
	uint64_t	 hits;
	struct flow	*link;
};

#define	F_SHIFT_A	3
#define	F_MASK_A	0x7
#define	F_SHIFT_B	8
#define	F_MASK_B	0xff
#define	FIELD_GET(x, f)		(((x) >> F_SHIFT_##f) & F_MASK_##f)
#define	FIELD_SET(x, f, v)	((x) = ((x) & ~(F_MASK_##f << F_SHIFT_##f)) | \
				    (((v) & F_MASK_##f) << F_SHIFT_##f))
#define	ROTL32(x, n)		(((x) << (n)) | ((x) >> (32 - (n))))
#define	MIX(a, b, c) do {						\
	(a) -= (c); (a) ^= ROTL32((c), 4); (c) += (b);			\
	(b) -= (a); (b) ^= ROTL32((a), 6); (a) += (c);			\
	(c) -= (b); (c) ^= ROTL32((b), 8); (b) += (a);			\
} while (0)
#define	STAT_INC(s, f)		((s).f++)
#define	STAT_ADD(s, f, n)	((s).f += (n))
#define	LIST_FOREACH_P(p, head)	for ((p) = (head); (p) != NULL; (p) = (p)->next)
#define	LOCK(l)			((l)++)
#define	UNLOCK(l)		((l)--)
#define	MIN3(a, b, c)		((a) < (b) ? ((a) < (c) ? (a) : (c)) : \
				    ((b) < (c) ? (b) : (c)))
#define	CHECK_LEN(p, n)		((p) != NULL && (p)->len >= (n))

static MALLOC_DEFINE(M_STACK, "stack", "generated stack tables");
"""


def main():
    nfuncs, nvars, large = (int(a) for a in sys.argv[1:4])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    out = [PRELUDE]
    scalars, structs, stats, arrays = [], [], [], []
    for i in range(nvars):
        kind = i % 4
        if i < large:
            name = "big%d" % i
            out.append("VNET_DEFINE_STATIC(struct flow *, %s[%d]);"
                       % (name, 512 + 256 * i))
            arrays.append((name, 512 + 256 * i))
        elif kind == 0:
            name = "count%d" % i
            out.append("VNET_DEFINE_STATIC(u_int, %s);" % name)
            scalars.append(name)
        elif kind == 1:
            name = "st%d" % i
            out.append("VNET_DEFINE_STATIC(struct stats, %s);" % name)
            stats.append(name)
        elif kind == 2:
            name = "small%d" % i
            out.append("VNET_DEFINE_STATIC(uint32_t, %s[8]);" % name)
            arrays.append((name, 8))
        else:
            name = "head%d" % i
            out.append("VNET_DEFINE_STATIC(struct pkt *, %s);" % name)
            structs.append(name)
        out.append("#define\tV_%s\tVNET(%s)" % (name, name))
    out.append("")
    for f in range(nfuncs):
        s = rng.choice(scalars)
        st = rng.choice(stats)
        hd = rng.choice(structs)
        arr, n = rng.choice(arrays)
        static = "static " if f % 3 else ""
        out.append("%suint32_t\tfn%d(struct pkt *, uint32_t);" % (static, f))
        out.append("%suint32_t\nfn%d(struct pkt *m, uint32_t key)\n{" % (
            static, f))
        out.append("\tstruct pkt *p;\n\tuint32_t a = key, b = %d, c = 0;"
                   % rng.randrange(1 << 16))
        out.append("\tint lock = 0;\n")
        out.append("\tif (!CHECK_LEN(m, %d))\n\t\treturn (0);"
                   % rng.randrange(1, 60))
        out.append("\tLOCK(lock);")
        for k in range(rng.randrange(4, 9)):
            out.append("\tMIX(a, b, c);")
            out.append("\tFIELD_SET(m->flags, %s, a + %d);"
                       % (rng.choice("AB"), k))
            out.append("\tSTAT_INC(V_%s, in);" % st)
            out.append("\tSTAT_ADD(V_%s, bytes[%d], FIELD_GET(m->flags, %s));"
                       % (st, k % 4, rng.choice("AB")))
        out.append("\tLIST_FOREACH_P(p, V_%s) {" % hd)
        out.append("\t\tc += MIN3(p->len, p->hash, key) ^ p->data[a & 63];")
        out.append("\t\tswitch (p->proto & 7) {")
        for case in range(6):
            out.append("\t\tcase %d:\n\t\t\tc ^= ROTL32(c, %d) + %d;\n"
                       "\t\t\tbreak;" % (case, case + 1, rng.randrange(999)))
        out.append("\t\tdefault:\n\t\t\tSTAT_INC(V_%s, drop);\n\t\t}" % st)
        out.append("\t}")
        out.append("\tV_%s[key %% %d] = (__typeof(V_%s[0]))0;" % (arr, n, arr))
        out.append("\tV_%s += c & 1;" % s)
        if f > 0:
            out.append("\tc += fn%d(m, a);" % rng.randrange(f))
        out.append("\tUNLOCK(lock);\n\treturn (a ^ b ^ c);\n}\n")
    # A constructor that uses every large table, as real stacks do.
    out.append("static void\nvnet_stack_init(const void *unused __unused)\n{\n")
    for name, n in arrays[:large]:
        out.append("\tV_%s[0] = NULL;" % name)
    out.append("}\nVNET_SYSINIT(vnet_stack_init, SI_SUB_PROTO_DOMAIN, "
               "SI_ORDER_ANY,\n    vnet_stack_init, NULL);")
    print("\n".join(out))


if __name__ == "__main__":
    main()
