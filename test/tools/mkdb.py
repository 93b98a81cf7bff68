#!/usr/bin/env python3
"""Writes a compile_commands.json for the CLI fixture tree, as a FreeBSD
module build would record it: one object directory per module, relative
outputs, and the flags real databases carry that the analysis must strip
or tolerate (-Werror, -MD -MF, GCC-only options, one raw -cc1 line, one
"command" string).  Also writes build.sh, which builds the same objects
with the flags clang takes, for the tests that compare with the objects.

usage: mkdb.py TREE BUILD [-D...]   (TREE holds sys/modules/<module>/*.c)
"""
import json
import os
import shlex
import subprocess
import sys

CLANG = os.path.join(os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin"),
                     "clang")
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    tree, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    defines = sys.argv[3:]
    kflags = ["-target", "x86_64-unknown-freebsd13.0", "-ffreestanding",
              "-nostdinc", "-D_KERNEL", "-DKLD_MODULE",
              "-I", os.path.join(TOP, "test", "include")] + defines
    noise = ["-Werror", "-finline-limit=8000", "-mno-align-long-strings",
             "--param", "max-inline-insns-single=100", "-fno-common"]
    entries, script = [], ["set -e"]
    modules = os.path.join(tree, "sys", "modules")
    for module in sorted(os.listdir(modules)):
        src = os.path.join(modules, module)
        obj = os.path.join(build, "obj", module)
        os.makedirs(obj, exist_ok=True)
        for name in sorted(f for f in os.listdir(src) if f.endswith(".c")):
            path = os.path.join(src, name)
            out = name[:-2] + ".o"
            flags = kflags + ["-I", src]
            args = ([CLANG] + flags + noise +
                    ["-MD", "-MF", ".depend." + out, "-c", path, "-o", out])
            entry = {"directory": obj, "file": path, "output": out}
            if name == "cache_util.c":
                # What a build that records the compiler's own job writes.
                job = subprocess.run([CLANG, "-###"] + flags +
                                     ["-c", path, "-o", out], cwd=obj,
                                     capture_output=True, text=True)
                line = [l for l in job.stderr.splitlines() if '"-cc1"' in l]
                entry["arguments"] = shlex.split(line[0])
            elif name == "flow_stats.c":
                entry["command"] = shlex.join(args)
            else:
                entry["arguments"] = args
            entries.append(entry)
            script.append("cd %s && %s" % (shlex.quote(obj), shlex.join(
                [CLANG] + flags + ["-c", path, "-o", out])))
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)
    with open(os.path.join(build, "build.sh"), "w") as f:
        f.write("\n".join(script) + "\n")


if __name__ == "__main__":
    main()
