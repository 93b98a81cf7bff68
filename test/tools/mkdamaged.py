#!/usr/bin/env python3
"""Make ELF files damaged where a gate could lose set_vnet silently, from
a valid ELF64 little-endian relocatable object that has set_vnet and a
symbol table.

usage: mkdamaged.py GOOD.o OUTDIR

Outputs (each one damage):
  vnet-name-out-of-range.o   set_vnet's sh_name points past the name table
  shstrtab-compressed-flag.o SHF_COMPRESSED on the section name table,
                             whose data is not compressed
  strtab-compressed-flag.o   the same on the symbol string table
  strtab-compressed.o        the symbol string table really compressed
                             (zlib, with its Elf64_Chdr): readable
  symtab-compressed.o        the symbol table really compressed: readable
  symbol-name-bad.o          a vnet_entry_ symbol's st_name past .strtab
  symbol-outside.o           a vnet_entry_ symbol's value past set_vnet
  two-vnet.o                 a second section named set_vnet
  no-symtab.o                the symbol table's type is not SHT_SYMTAB
  vnet-huge-nobits.o         set_vnet as SHT_NOBITS of 2^63 + 5 bytes
"""
import os
import struct
import sys
import zlib

SHF_COMPRESSED = 0x800
SHT_SYMTAB, SHT_STRTAB, SHT_NOBITS, SHT_PROGBITS = 2, 3, 8, 1


def main():
    good = open(sys.argv[1], "rb").read()
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    shoff = struct.unpack_from("<Q", good, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", good, 0x3a)

    def sh(i):
        base = shoff + i * shentsize
        (name, typ, flags, addr, off, size, link, info, align,
         entsize) = struct.unpack_from("<IIQQQQIIQQ", good, base)
        return dict(base=base, name=name, type=typ, flags=flags, off=off,
                    size=size, link=link, entsize=entsize)

    sections = [sh(i) for i in range(shnum)]
    names = sections[shstrndx]

    def name_of(s):
        start = names["off"] + s["name"]
        return good[start:good.index(b"\0", start)].decode()

    vnet = next(i for i, s in enumerate(sections) if name_of(s) == "set_vnet")
    symtab = next(i for i, s in enumerate(sections) if s["type"] == SHT_SYMTAB)
    strtab = sections[symtab]["link"]

    def put(name, data):
        open(os.path.join(out, name), "wb").write(data)

    def patch(data, offset, fmt, value):
        b = bytearray(data)
        struct.pack_into(fmt, b, offset, value)
        return bytes(b)

    def field(i, name):
        offsets = dict(name=0, type=4, flags=8, off=0x18, size=0x20)
        fmts = dict(name="<I", type="<I", flags="<Q", off="<Q", size="<Q")
        return sections[i]["base"] + offsets[name], fmts[name]

    def set_field(data, i, name, value):
        off, fmt = field(i, name)
        return patch(data, off, fmt, value)

    def compressed(data, i):
        """Section i's data replaced by a zlib Elf64_Chdr stream at the
        end of the file."""
        s = sections[i]
        raw = good[s["off"]:s["off"] + s["size"]]
        blob = struct.pack("<IIQQ", 1, 0, len(raw), 1) + zlib.compress(raw)
        pad = (-len(data)) % 8
        at = len(data) + pad
        data = data + b"\0" * pad + blob
        data = set_field(data, i, "off", at)
        data = set_field(data, i, "size", len(blob))
        return set_field(data, i, "flags", s["flags"] | SHF_COMPRESSED)

    def vnet_symbol():
        """The file offset of the first vnet_entry_ symbol's Elf64_Sym."""
        st = sections[symtab]
        strs = sections[strtab]
        for k in range(st["size"] // 24):
            at = st["off"] + 24 * k
            st_name, info, other, shndx, value, size = struct.unpack_from(
                "<IBBHQQ", good, at)
            start = strs["off"] + st_name
            name = good[start:good.index(b"\0", start)]
            if shndx == vnet and name.startswith(b"vnet_entry_"):
                return at
        raise SystemExit("no vnet_entry_ symbol in set_vnet")

    put("vnet-name-out-of-range.o",
        set_field(good, vnet, "name", names["size"] + 100))
    put("shstrtab-compressed-flag.o",
        set_field(good, shstrndx, "flags",
                  names["flags"] | SHF_COMPRESSED))
    put("strtab-compressed-flag.o",
        set_field(good, strtab, "flags",
                  sections[strtab]["flags"] | SHF_COMPRESSED))
    put("strtab-compressed.o", compressed(good, strtab))
    put("symtab-compressed.o", compressed(good, symtab))
    sym = vnet_symbol()
    put("symbol-name-bad.o",
        patch(good, sym, "<I", sections[strtab]["size"] + 1000))
    put("symbol-outside.o",
        patch(good, sym + 8, "<Q", sections[vnet]["size"] + 4096))
    other = next(i for i, s in enumerate(sections)
                 if i not in (0, vnet, shstrndx, symtab, strtab) and
                 s["type"] == SHT_PROGBITS)
    put("two-vnet.o", set_field(good, other, "name", sections[vnet]["name"]))
    put("no-symtab.o", set_field(good, symtab, "type", SHT_PROGBITS))
    huge = set_field(good, vnet, "type", SHT_NOBITS)
    put("vnet-huge-nobits.o", set_field(huge, vnet, "size", (1 << 63) + 5))


if __name__ == "__main__":
    main()
