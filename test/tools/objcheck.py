#!/usr/bin/env python3
"""Compare a modspace JSON report with the object file of the same compile.

The object is the ground truth: symbol sizes and offsets from `llvm-nm -S`,
section sizes and alignment from `llvm-readelf -S`.  Prints one line per
variable and per section, "ok" or "MISMATCH", then a verdict; exits 1 on any
mismatch so that a lit test fails.

usage: objcheck.py REPORT.json OBJECT.o [--estimate-ok] [--by-name]
  --estimate-ok  accept a report whose layout is an estimate (the figures
                 must still match the object)
  --by-name      the report is of a non-VIMAGE build and the object of a
                 VIMAGE one: find variables by their vnet_entry_/pcpu_entry_
                 names and check the hypothetical set_vnet too
"""
import json
import re
import sys

from objfacts import module_cost, sections as object_sections, \
    symbols as object_symbols


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    report = json.load(open(argv[1]))
    obj = argv[2]
    estimate_ok = "--estimate-ok" in argv[3:]
    by_name = "--by-name" in argv[3:]
    sections = object_sections(obj)
    symbols = object_symbols(obj)
    bad = 0

    for sec in report["sections"]:
        name = sec["name"]
        size, align = sections.get(name, (0, 1))
        if sec["hypothetical"] and not by_name:
            continue
        if sec["layout"] != "exact" and not estimate_ok:
            print("MISMATCH %s layout is %s, expected exact" %
                  (name, sec["layout"]))
            bad += 1
        cost = module_cost(size, obj)
        ok = sec["size"] == size and sec["module_cost"] == cost and \
            (size == 0 or sec["align"] == align)
        bad += not ok
        print("%s %s size %d align %d cost %d (object: size %d align %d)" %
              ("ok" if ok else "MISMATCH", name, sec["size"], sec["align"],
               sec["module_cost"], size, align))
    for var in report["variables"]:
        sym = var["symbol"]
        if by_name:
            sym = "%s_entry_%s" % (var["kind"], var["name"])
        elif not var.get("in_section"):
            continue
        if var.get("offset") is None:
            continue
        value, size = symbols.get(sym, (None, None))
        ok = (value == var["offset"] and size == var["size"] and
              var["offset"] % var["align"] == 0)
        bad += not ok
        print("%s %s size %d offset %d (object: size %s offset %s)" %
              ("ok" if ok else "MISMATCH", sym, var["size"], var["offset"],
               size, value))
    # And the other way: every per-vnet and per-CPU symbol of the object
    # is in the report, so a variable the plugin missed cannot pass.
    if not by_name:
        reported = set(v["symbol"] for v in report["variables"])
        for sym in sorted(symbols):
            if re.search(r"(^|\.)(vnet|pcpu)_entry_", sym) and \
                    sym not in reported:
                print("MISSING %s is in the object but not in the report" %
                      sym)
                bad += 1
    print("objcheck: %s" % ("MISMATCH" if bad else "all figures match the object"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
