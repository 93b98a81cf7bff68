#!/usr/bin/env python3
"""Compare set_vnet of an object before and after modspace's fix-its.

usage: shrink.py BEFORE.o AFTER.o

Prints each vnet_entry_ symbol whose size changed ("name: B -> A"), then
the section sizes and whether the symbols shrank by exactly the array bytes
minus one pointer per array (each converted array becomes one pointer: 8
bytes on LP64 targets, 4 on 32-bit ones, from the object's ELF class).
Exits 1 if a changed symbol is not now a pointer, or the totals do not add
up.
"""
import sys

from objfacts import pointer_size, sections, symbols


def vnet(obj):
    syms = {name: size for name, (_, size) in symbols(obj).items()
            if name.startswith("vnet_entry_")}
    return syms, sections(obj).get("set_vnet", (0, 1))[0]


def main():
    before, bsize = vnet(sys.argv[1])
    after, asize = vnet(sys.argv[2])
    pointer = pointer_size(sys.argv[2])
    bad = 0
    freed = 0
    for name in sorted(before):
        if name not in after:
            print("MISSING %s" % name)
            bad += 1
        elif before[name] != after[name]:
            ok = after[name] == pointer
            bad += not ok
            freed += before[name] - pointer
            print("%s%s: %d -> %d" % ("" if ok else "NOT A POINTER ", name,
                                      before[name], after[name]))
    total = sum(before.values()) - sum(after.values())
    ok = total == freed and asize < bsize if freed else asize == bsize
    bad += not ok
    print("set_vnet: %d -> %d bytes; symbols shrank by %d, arrays minus "
          "%d per pointer: %d: %s" % (bsize, asize, total, pointer, freed,
                                      "ok" if ok else "MISMATCH"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
