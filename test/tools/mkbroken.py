#!/usr/bin/env python3
"""Make hand-broken ELF files from a valid relocatable object.

usage: mkbroken.py GOOD.o OUTDIR

Each output is one way an object can be damaged: not ELF, empty, cut
short, section headers past the end of the file, a section whose size
runs past the end, a huge section count, a bad string-table index, a
symbol table with a zero entry size, a bad symbol string table link.
"""
import os
import struct
import sys


def main():
    good = open(sys.argv[1], "rb").read()
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    # ELF64 little-endian header fields.
    shoff = struct.unpack_from("<Q", good, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", good, 0x3a)

    def put(name, data):
        open(os.path.join(out, name), "wb").write(data)

    def patched(offset, fmt, value):
        b = bytearray(good)
        struct.pack_into(fmt, b, offset, value)
        return bytes(b)

    def section(i):
        return shoff + i * shentsize

    def find(sh_type):
        for i in range(shnum):
            if struct.unpack_from("<I", good, section(i) + 4)[0] == sh_type:
                return i
        raise SystemExit("no section of type %d" % sh_type)

    symtab = find(2)
    put("not-elf.o", b"this is not an ELF file\n")
    put("empty.o", b"")
    put("magic-only.o", good[:4])
    put("truncated-header.o", good[:40])
    put("truncated.o", good[:len(good) // 2])
    put("shoff-past-end.o", patched(0x28, "<Q", len(good) + 4096))
    put("shoff-huge.o", patched(0x28, "<Q", 0xfffffffffffff000))
    put("shnum-huge.o", patched(0x3c, "<H", 0xffff))
    put("shstrndx-bad.o", patched(0x3e, "<H", shnum + 5))
    put("section-size-past-end.o",
        patched(section(symtab) + 0x20, "<Q", len(good) * 4))
    put("section-offset-huge.o",
        patched(section(symtab) + 0x18, "<Q", 0xffffffffffff0000))
    put("symtab-entsize-zero.o", patched(section(symtab) + 0x38, "<Q", 0))
    put("symtab-link-bad.o", patched(section(symtab) + 0x28, "<I", 0xffff))
    put("class-bad.o", patched(4, "<B", 7))


if __name__ == "__main__":
    main()
