#!/usr/bin/env python3
"""Compares modspace's per-module figures (--format=json) with the objects:
each module's objects (the database's outputs, in database order) are
linked with ld.lld -r, and set_vnet/set_pcpu size and alignment are read
with llvm-readelf; the module cost is the size rounded up to the pointer
size.  The largest variables' sizes are compared with llvm-nm -S.
Prints one line per module and section; exits 1 on any difference.

usage: treecheck.py REPORT.json BUILD
"""
import json
import os
import subprocess
import sys

TOOLS = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")


def sections(obj):
    out = subprocess.run([os.path.join(TOOLS, "llvm-readelf"), "-S", "-W", obj],
                         capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        cols = line.replace("[ ", "[").split()
        if len(cols) > 10 and cols[1] in ("set_vnet", "set_pcpu"):
            found[cols[1]] = (int(cols[5], 16), int(cols[-1]))
    return found


def symbols(obj):
    out = subprocess.run([os.path.join(TOOLS, "llvm-nm"), "-S", obj],
                         capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines():
        cols = line.split()
        if len(cols) == 4:
            sizes[cols[3]] = int(cols[1], 16)
    return sizes


def main():
    report = json.load(open(sys.argv[1]))
    build = sys.argv[2]
    db = json.load(open(os.path.join(build, "compile_commands.json")))
    bad = 0
    for module in report["modules"]:
        # The module's TUs, in database order.
        tus = module["translation_units"]
        objs = [os.path.join(e["directory"], e["output"]) for e in db
                if any(e["file"] == t or e["file"].endswith("/" + t)
                       for t in tus)]
        if len(objs) != len(tus):
            print("%s: %d objects for %d TUs" % (module["name"], len(objs),
                                                 len(tus)))
            bad += 1
        ko = os.path.join(build, module["name"] + ".ko")
        subprocess.run([os.path.join(TOOLS, "ld.lld"), "-r", "-o", ko] + objs,
                       check=True)
        real = sections(ko)
        sizes = symbols(ko)
        for s in module["sections"]:
            size, align = real.get(s["name"], (0, 1))
            cost = -(-size // module["pointer_size"]) * module["pointer_size"]
            ok = (s["size"], s["module_cost"]) == (size, cost) and \
                (size == 0 or s["align"] == align)
            bad += not ok
            print("%s %s: modspace %d/%d/%d, object %d/%d/%d: %s" % (
                module["name"], s["name"], s["size"], s["align"],
                s["module_cost"], size, align, cost, "ok" if ok else "DIFFER"))
        for v in module["largest"]:
            sym = [n for n in sizes if n in ("vnet_entry_" + v["name"],
                                             "pcpu_entry_" + v["name"],
                                             v["name"])]
            ok = sym and sizes[sym[0]] == v["size"]
            bad += not ok
            print("%s %s: %d: %s" % (module["name"], v["name"], v["size"],
                                     "ok" if ok else "DIFFER"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
