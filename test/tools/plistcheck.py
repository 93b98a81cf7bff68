#!/usr/bin/env python3
"""Reads the plist files scan-build (or clang --analyze) wrote and prints
what a test asserts on: the freebsd.VnetModuleSpace reports, the fix-its
each carries, and, given the object the same file compiles to, whether
every size a report states is the object's own (llvm-nm -S for a
variable, llvm-readelf -S for set_vnet and set_pcpu, rounded up to the
pointer size as the kernel rounds a module's request).

usage: plistcheck.py [--object FILE.o] PLIST...
"""
import argparse
import plistlib
import re
import sys

import objfacts

CHECKER = "freebsd.VnetModuleSpace"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--object")
    ap.add_argument("plists", nargs="+")
    args = ap.parse_args()
    reports = []
    for path in args.plists:
        with open(path, "rb") as f:
            reports += [d for d in plistlib.load(f)["diagnostics"]
                        if d["check_name"] == CHECKER]
    fixed = 0
    for d in sorted(reports, key=lambda d: (d["location"]["line"],
                                            d["location"]["col"])):
        fixits = sum(len(p.get("fixits", [])) for p in d["path"])
        notes = len(d.get("notes", []))
        fixed += fixits > 0
        print("report %d:%d: %s: %d fix-its, %d notes" % (
            d["location"]["line"], d["location"]["col"], d["type"], fixits,
            notes))
    print("%d reports, %d with fix-its" % (len(reports), fixed))
    if not args.object:
        return 0
    syms = objfacts.symbols(args.object)
    secs = objfacts.sections(args.object)
    ptr = objfacts.elf_class(args.object)[0] // 8
    checked = bad = 0
    for d in reports:
        text = d["description"]
        m = re.search(r"variable '(\w+)' (?:would )?takes? (\d+) bytes", text)
        if m:
            name, size = m.group(1), int(m.group(2))
            sym = next((s for s in ("vnet_entry_" + name, "pcpu_entry_" + name,
                                    name) if s in syms), None)
            real = syms[sym][1] if sym else None
        else:
            m = re.search(r"(set_vnet|set_pcpu) section .* costs (\d+) bytes",
                          text)
            if not m:
                continue
            name, size = m.group(1), int(m.group(2))
            raw = secs.get(name, (None, 0))[0]
            real = None if raw is None else (raw + ptr - 1) // ptr * ptr
        checked += 1
        if real != size:
            bad += 1
            print("size differs: %s: report %d, object %s" % (name, size,
                                                              real))
    print("%d sizes checked against the object, %d differ" % (checked, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
