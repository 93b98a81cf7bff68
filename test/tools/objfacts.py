"""What an object file says about itself, read with LLVM 19's tools: the
ground truth every modspace test compares with."""
import os
import re
import subprocess

TOOLS = os.environ.get("LLVM_TOOLS_DIR", "/usr/lib/llvm-19/bin")


def run(tool, *args):
    return subprocess.run([os.path.join(TOOLS, tool), *args], check=True,
                          capture_output=True, text=True).stdout


def sections(path):
    """{"set_vnet"/"set_pcpu": (size, align)} from llvm-readelf -S."""
    out = {}
    for line in run("llvm-readelf", "-S", "-W", path).splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(set_vnet|set_pcpu)\s+\S+\s+"
                     r"[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+\S*\s+"
                     r"\d+\s+\d+\s+(\d+)", line)
        if m:
            out[m.group(1)] = (int(m.group(2), 16), int(m.group(3)))
    return out


def symbols(path):
    """{name: (value, size)} of the defined symbols, from llvm-nm -S."""
    out = {}
    for line in run("llvm-nm", "-S", path).splitlines():
        p = line.split()
        if len(p) == 4:
            out[p[3]] = (int(p[0], 16), int(p[1], 16))
    return out


def elf_class(path):
    """(32 or 64, "little" or "big") from llvm-readelf -h."""
    header = run("llvm-readelf", "-h", path)
    return (64 if "ELF64" in header else 32,
            "big" if "big endian" in header else "little")


def pointer_size(path):
    """sizeof(void *) of the object's target: 4 for ELF32, 8 for ELF64."""
    return elf_class(path)[0] // 8


def module_cost(size, path):
    """What the kernel linker asks of module space for a section of SIZE
    bytes in object PATH: rounded up to the target's pointer size."""
    p = pointer_size(path)
    return (size + p - 1) // p * p
