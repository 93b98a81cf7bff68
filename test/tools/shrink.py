#!/usr/bin/env python3
"""Compare set_vnet of an object before and after modspace's fix-its.

usage: shrink.py BEFORE.o AFTER.o

Prints each vnet_entry_ symbol whose size changed ("name: B -> A"), then
the section sizes and whether the symbols shrank by exactly the array bytes
minus 8 per array (each converted array becomes one pointer).  Exits 1 if a
changed symbol is not now 8 bytes, or the totals do not add up.
"""
import os
import re
import subprocess
import sys

TOOLS = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")


def run(tool, *args):
    return subprocess.run([os.path.join(TOOLS, tool), *args], check=True,
                          capture_output=True, text=True).stdout


def vnet(obj):
    syms = {}
    for line in run("llvm-nm", "-S", obj).splitlines():
        p = line.split()
        if len(p) == 4 and p[3].startswith("vnet_entry_"):
            syms[p[3]] = int(p[1], 16)
    size = 0
    for line in run("llvm-readelf", "-S", "-W", obj).splitlines():
        m = re.search(r"\sset_vnet\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)",
                      line)
        if m:
            size = int(m.group(1), 16)
    return syms, size


def main():
    before, bsize = vnet(sys.argv[1])
    after, asize = vnet(sys.argv[2])
    bad = 0
    freed = 0
    for name in sorted(before):
        if name not in after:
            print("MISSING %s" % name)
            bad += 1
        elif before[name] != after[name]:
            ok = after[name] == 8
            bad += not ok
            freed += before[name] - 8
            print("%s%s: %d -> %d" % ("" if ok else "NOT A POINTER ", name,
                                      before[name], after[name]))
    total = sum(before.values()) - sum(after.values())
    ok = total == freed and asize < bsize if freed else asize == bsize
    bad += not ok
    print("set_vnet: %d -> %d bytes; symbols shrank by %d, arrays minus "
          "8 per pointer: %d: %s" % (bsize, asize, total, freed,
                                     "ok" if ok else "MISMATCH"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
