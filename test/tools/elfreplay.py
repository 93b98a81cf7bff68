#!/usr/bin/env python3
"""Deterministic replay of mutated objects through modspace-elf, checked
against llvm-readelf.

usage: elfreplay.py TOOL COUNT SEED OBJECT...

Makes COUNT mutants of the OBJECTs (random bytes, zeroed and saturated
fields, in the ELF header, the section headers, and the data the tool
reads: string tables, symbol tables), the same ones for a given SEED, and
runs TOOL --json (built with ASan and UBSan) and llvm-readelf -S -s on
each.  Every mutant must be: rejected by the tool with exit 2 and a
reason; or accepted (exit 0), in which case llvm-readelf must read it
without a warning and the figures must be the same: set_vnet and set_pcpu
size and alignment, and every vnet_entry_/pcpu_entry_ symbol in them with
its size; or accepted with a warning that the object is incomplete (then
only the sections are compared).  A sanitizer report, a crash, or any
other exit is a failure.  Prints one line per failure and a summary;
exits 1 on any failure.  Keeps failing mutants in $ELFREPLAY_KEEP.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

TOOLS = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")


def fields(data):
    """(offset, width) of fields worth damaging, from the ELF64 or ELF32
    headers of DATA (little- or big-endian)."""
    if len(data) < 0x34 or data[:4] != b"\x7fELF":
        return [(i, 1) for i in range(min(len(data), 64))]
    is64 = data[4] == 2
    end = ">" if data[5] == 2 else "<"
    import struct
    out = [(o, 1) for o in range(4, 16)]
    if is64:
        hdr = [(0x10, 2), (0x12, 2), (0x18, 8), (0x20, 8), (0x28, 8),
               (0x34, 2), (0x3a, 2), (0x3c, 2), (0x3e, 2)]
        shoff = struct.unpack_from(end + "Q", data, 0x28)[0]
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3a)
        layout = [(0, 4), (4, 4), (8, 8), (0x10, 8), (0x18, 8), (0x20, 8),
                  (0x28, 4), (0x2c, 4), (0x30, 8), (0x38, 8)]
    else:
        hdr = [(0x10, 2), (0x12, 2), (0x1c, 4), (0x20, 4), (0x2e, 2),
               (0x30, 2), (0x32, 2)]
        shoff = struct.unpack_from(end + "I", data, 0x20)[0]
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2e)
        layout = [(0, 4), (4, 4), (8, 4), (0xc, 4), (0x10, 4), (0x14, 4),
                  (0x18, 4), (0x1c, 4), (0x20, 4), (0x24, 4)]
    out += hdr
    sections = []
    if shentsize and shoff + shnum * shentsize <= len(data):
        for i in range(shnum):
            base = shoff + i * shentsize
            out += [(base + o, w) for o, w in layout]
            if is64:
                off, size = struct.unpack_from(end + "QQ", data, base + 0x18)
            else:
                off, size = struct.unpack_from(end + "II", data, base + 0x10)
            sections.append((off, size))
    # Bytes of the small sections (string and symbol tables among them).
    for off, size in sections:
        if 0 < size <= 4096 and off + size <= len(data):
            out += [(off + k, 1) for k in range(0, size, max(1, size // 16))]
    return out


def mutate(data, rng):
    b = bytearray(data)
    spots = fields(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        off, width = rng.choice(spots)
        if off + width > len(b):
            continue
        how = rng.random()
        if how < 0.3:
            value = bytes(rng.randrange(256) for _ in range(width))
        elif how < 0.5:
            value = b"\0" * width
        elif how < 0.7:
            value = b"\xff" * width
        else:
            value = bytes(x ^ (1 << rng.randrange(8)) if k == 0 else x
                          for k, x in enumerate(b[off:off + width]))
        b[off:off + width] = value
    if rng.random() < 0.05:
        del b[rng.randrange(len(b)):]
    return bytes(b)


def readelf(path):
    r = subprocess.run([os.path.join(TOOLS, "llvm-readelf"), "-S", "-s", "-W",
                        path], capture_output=True, text=True,
                       errors="replace")
    # Warnings about parts modspace-elf does not read (program headers,
    # the dynamic table, names of symbols outside the two sections) do
    # not make a file
    # unreadable for it; the figures are compared all the same.
    ignored = ("program headers", "st_name", "dynamic")
    ok = r.returncode == 0 and not any(
        ("warning" in line or "error" in line) and
        not any(i in line for i in ignored)
        for line in r.stderr.splitlines())
    sections, index, syms = {}, {}, []
    for line in r.stdout.splitlines():
        m = re.match(r"\s*\[\s*(\d+)\]\s+(\S+)\s+.+?\s+[0-9a-f]{8,16}\s+"
                     r"[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+\S*\s*\d+\s+\d+\s+"
                     r"(\d+)$", line)
        if m and m.group(2) in ("set_vnet", "set_pcpu"):
            if m.group(2) in sections:
                ok = False  # two: the tool rejects it
            sections[m.group(2)] = (int(m.group(3), 16), int(m.group(4)))
            index[m.group(1)] = m.group(2)
            continue
        # "Num: Value Size Type Bind Vis Ndx Name"; a type may be words.
        words = line.split()
        if len(words) >= 8 and re.match(r"\d+:$", words[0]) and \
                words[2].isdigit() and words[-2] in index and \
                words[3] != "SECTION":
            name, sect = words[-1], index[words[-2]]
            if name.startswith("vnet_entry_" if sect == "set_vnet"
                               else "pcpu_entry_"):
                syms.append((sect, name, int(words[2])))
    symtab_only = all("SHT_SYMTAB" in line or "symbol" in line
                      for line in r.stderr.splitlines()
                      if "warning" in line or "error" in line)
    return ok, sections, sorted(syms), symtab_only


def tool_figures(doc):
    f = doc["files"][0]
    sections, syms = {}, []
    for sect in ("set_vnet", "set_pcpu"):
        s = f.get(sect)
        if s is None:
            continue
        sections[sect] = (s["size"], s["align"])
        syms += [(sect, x["name"], x["size"]) for x in s["symbols"]]
    return sections, sorted(syms), f.get("complete", True)


def main():
    tool, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seeds = [open(p, "rb").read() for p in sys.argv[4:]]
    rng = random.Random(seed)
    keep = os.environ.get("ELFREPLAY_KEEP")
    env = dict(os.environ, ASAN_OPTIONS="exitcode=99:detect_leaks=1",
               UBSAN_OPTIONS="halt_on_error=1:exitcode=98")
    tally = dict(rejected=0, equal=0, incomplete=0)
    failures = 0
    work = tempfile.mkdtemp()
    try:
        for n in range(count):
            data = mutate(rng.choice(seeds), rng)
            path = os.path.join(work, "m%04d.o" % n)
            open(path, "wb").write(data)
            r = subprocess.run([tool, "--json", path], capture_output=True,
                               text=True, errors="replace", env=env)
            why = None
            if r.returncode == 2:
                if path not in r.stderr:
                    why = "exit 2 without naming the file"
                else:
                    tally["rejected"] += 1
            elif r.returncode != 0:
                why = "exit %d: %s" % (r.returncode,
                                       r.stderr.strip().splitlines()[-1:])
            else:
                sections, syms, complete = tool_figures(json.loads(r.stdout))
                ok, rsections, rsyms, symtab_only = readelf(path)
                # No section to list: the symbol table is not read.
                if not sections and symtab_only and r.returncode == 0:
                    ok = True
                if not complete:
                    if sections != {k: v for k, v in rsections.items()
                                    if k in sections} and ok:
                        why = "incomplete, and its sections differ"
                    tally["incomplete"] += 1
                elif not ok:
                    why = "accepted what llvm-readelf cannot read cleanly"
                elif sections != rsections:
                    why = "sections %s, llvm-readelf %s" % (sections, rsections)
                elif syms != rsyms:
                    why = "symbols differ: %d against %d" % (len(syms),
                                                            len(rsyms))
                else:
                    tally["equal"] += 1
            if why:
                failures += 1
                print("elfreplay: mutant %d: %s" % (n, why))
                if keep:
                    os.makedirs(keep, exist_ok=True)
                    shutil.copy(path, keep)
    finally:
        shutil.rmtree(work)
    print("elfreplay: %d mutants: %d rejected, %d read and equal to "
          "llvm-readelf, %d incomplete (warned); %d failures" % (
              count, tally["rejected"], tally["equal"], tally["incomplete"],
              failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
