#!/usr/bin/env python3
"""Writes ROOT/compile_commands.json for the small CLI test trees: one
entry per ROOT/<module>/*.c, built in ROOT/obj/<module> with the kernel
flags of the lit suite, -I its own directory and -DVIMAGE.  A line
"DB: flags" in a file replaces -DVIMAGE (e.g. "DB: -UVIMAGE"); a line
"DB-ALSO: module flags" builds it once more, in that module.

usage: dbfor.py ROOT
"""
import json
import os
import re
import shlex
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLANG = os.path.join(os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin"),
                     "clang")
KFLAGS = ["-target", "x86_64-unknown-freebsd13.0", "-ffreestanding",
          "-nostdinc", "-D_KERNEL", "-DKLD_MODULE",
          "-I", os.path.join(TOP, "test", "include")]


def flags_of(line):
    return shlex.split(line.split("*/")[0])


def main():
    root = os.path.abspath(sys.argv[1])
    entries = []
    for module in sorted(os.listdir(root)):
        src = os.path.join(root, module)
        if module == "obj" or not os.path.isdir(src):
            continue
        for name in sorted(f for f in os.listdir(src) if f.endswith(".c")):
            path = os.path.join(src, name)
            text = open(path).read()
            own = re.search(r"\bDB: (.*)", text)
            builds = [(module, flags_of(own.group(1)) if own else ["-DVIMAGE"])]
            for also in re.findall(r"\bDB-ALSO: (.*)", text):
                words = flags_of(also)
                builds.append((words[0], words[1:]))
            for mod, flags in builds:
                obj = os.path.join(root, "obj", mod)
                os.makedirs(obj, exist_ok=True)
                out = name[:-2] + ".o"
                entries.append({
                    "directory": obj, "file": path, "output": out,
                    "arguments": [CLANG] + KFLAGS + flags +
                    ["-I", src, "-c", path, "-o", out]})
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


if __name__ == "__main__":
    main()
