#!/usr/bin/env python3
"""Generate a tree of TUs and its compile_commands.json, for the CLI
benchmark.

usage: gen_tree.py NTUS OUT

NTUS translation units (test/bench/gen_tu.py, 20 per-vnet variables and
200 uses each, seed = index), spread over four modules as a FreeBSD build
lays them out: sources in OUT/sys/modN, one object directory per module
in OUT/obj/modN, commands with -O2 as kernel builds have.  Writes
OUT/compile_commands.json and OUT/files (the sources, one per line).
"""
import json
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLANG = os.path.join(os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin"),
                     "clang")


def main():
    n, out = int(sys.argv[1]), os.path.abspath(sys.argv[2])
    flags = ["-target", "x86_64-unknown-freebsd13.0", "-ffreestanding",
             "-nostdinc", "-D_KERNEL", "-DKLD_MODULE", "-DVIMAGE", "-O2",
             "-I", os.path.join(TOP, "test", "include")]
    db, files = [], []
    for i in range(n):
        mod = "mod%d" % (i % 4)
        src = os.path.join(out, "sys", mod)
        obj = os.path.join(out, "obj", mod)
        os.makedirs(src, exist_ok=True)
        os.makedirs(obj, exist_ok=True)
        path = os.path.join(src, "tu%03d.c" % i)
        text = subprocess.run(
            [sys.executable, os.path.join(TOP, "test", "bench", "gen_tu.py"),
             "20", "200", str(i + 1)],
            capture_output=True, text=True, check=True).stdout
        with open(path, "w") as f:
            f.write(text)
        out_name = "tu%03d.o" % i
        db.append({"directory": obj, "file": path, "output": out_name,
                   "arguments": [CLANG] + flags +
                   ["-c", path, "-o", out_name]})
        files.append(path)
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)
    with open(os.path.join(out, "files"), "w") as f:
        f.write("\n".join(files) + "\n")
    with open(os.path.join(out, "flags"), "w") as f:
        f.write(" ".join(flags) + "\n")


if __name__ == "__main__":
    main()
