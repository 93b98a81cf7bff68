#!/usr/bin/env python3
"""Compare modspace-elf --json with llvm-readelf/llvm-nm on the same files,
and optionally with a plugin report of the same TU.

usage: elfcheck.py TOOL_JSON FILE... [--report PLUGIN.json]

For each file: set_vnet/set_pcpu size and alignment from `llvm-readelf -S`,
every vnet_entry_/pcpu_entry_ symbol's size from `llvm-nm -S`, the class
and byte order from `llvm-readelf -h`.  Prints "ok"/"MISMATCH" lines and
exits 1 on any mismatch.
"""
import json
import os
import re
import sys

from objfacts import elf_class, module_cost, sections, symbols


def truth(path):
    syms = {name: size for name, (_, size) in symbols(path).items()
            if re.match(r"(vnet|pcpu)_entry_", name)}
    cls, order = elf_class(path)
    return sections(path), syms, cls, order


def main(argv):
    report = None
    if "--report" in argv:
        i = argv.index("--report")
        report = json.load(open(argv[i + 1]))
        argv = argv[:i] + argv[i + 2:]
    tool = json.load(open(argv[1]))
    bad = 0
    for entry, path in zip(tool["files"], argv[2:]):
        sections, symbols, cls, order = truth(path)
        ok = entry["class"] == cls and entry["byte_order"] == order
        bad += not ok
        print("%s %s: ELF%d %s-endian" % ("ok" if ok else "MISMATCH",
                                          os.path.basename(path), cls, order))
        for name in ("set_vnet", "set_pcpu"):
            got = entry[name]
            want = sections.get(name)
            if got is None or want is None:
                ok = got is None and want is None
            else:
                ok = (got["size"], got["align"]) == want and \
                    got["module_cost"] == module_cost(want[0], path)
                for s in got["symbols"]:
                    ok &= symbols.get(s["name"]) == s["size"]
                ok &= len(got["symbols"]) == len(
                    [n for n in symbols if n.startswith(name[4:] + "_entry_")])
            bad += not ok
            print("%s %s %s: %s" % ("ok" if ok else "MISMATCH",
                                    os.path.basename(path), name,
                                    got and (got["size"], got["align"],
                                             len(got["symbols"]))))
    if report is not None:
        entry = tool["files"][0]
        for sec in report["sections"]:
            got = entry[sec["name"]]
            size = got["size"] if got else 0
            ok = sec["size"] == size
            for var in report["variables"]:
                if var.get("offset") is None or got is None or \
                        not var["symbol"].startswith(sec["name"][4:]):
                    continue
                mine = [s["size"] for s in got["symbols"]
                        if s["name"] == var["symbol"]]
                ok &= mine == [var["size"]]
            bad += not ok
            print("%s plugin report %s: %d bytes" %
                  ("ok" if ok else "MISMATCH", sec["name"], sec["size"]))
    print("elfcheck: %s" % ("MISMATCH" if bad else "all figures match"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
