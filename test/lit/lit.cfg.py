# lit configuration for modspace.  Substitutions:
#   %clang      clang-19
#   %kflags     kernel-like flags: FreeBSD/amd64 target, freestanding,
#               test/include only
#   %modspace   %clang %kflags -fplugin=modspace.so
#   %plugin     path of modspace.so
#   %objcheck   compares a plugin report with the object (llvm-nm/readelf)
#   %python     python3
#   %modspace_cli  the modspace CLI
#   %rc         runs a command, then prints "exit N" (its status)
#   %dbfor      writes compile_commands.json for a small tree (dbfor.py)
#   %mkdb       writes the CLI fixture tree's compile_commands.json
#   %sarifcheck validates a SARIF log against the official 2.1.0 schema
#   %treecheck  compares the CLI's module figures with ld.lld -r objects
#   %analyze    clang-19 --analyze %kflags with modspace.so loaded and
#               the checker freebsd.VnetModuleSpace enabled
#   %scanbuild  scan-build-19
import os
import lit.formats

config.name = "modspace"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.modspace_build, "test", "lit")

src = config.modspace_src
tools = config.llvm_tools_dir
clang = os.path.join(tools, "clang")
kflags = ("-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc "
          "-D_KERNEL -DKLD_MODULE -I " + os.path.join(src, "test", "include"))

# Longer names first: lit substitutes in order, and %modspace is a prefix.
config.substitutions.append(("%modspace_cli", os.path.join(config.modspace_build, "tools", "modspace", "modspace")))
config.substitutions.append(("%rc", "sh " + os.path.join(src, "test", "tools", "rc.sh")))
config.substitutions.append(("%dbfor", "python3 " + os.path.join(src, "test", "tools", "dbfor.py")))
config.substitutions.append(("%mkdb", "python3 " + os.path.join(src, "test", "tools", "mkdb.py")))
config.substitutions.append(("%sarifcheck", "/usr/bin/python3 " + os.path.join(src, "test", "tools", "sarifcheck.py") + " " + os.path.join(config.modspace_build, "npm", "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json")))
config.substitutions.append(("%treecheck", "python3 " + os.path.join(src, "test", "tools", "treecheck.py")))
config.substitutions.append(("%modspace_elf_asan", os.path.join(config.modspace_build, "tools", "modspace-elf", "modspace-elf-asan")))
config.substitutions.append(("%modspace_elf", os.path.join(config.modspace_build, "tools", "modspace-elf", "modspace-elf")))
config.substitutions.append(("%modspace_build", config.modspace_build))
config.substitutions.append(("%scanbuild", os.path.join(tools, "scan-build")))
config.substitutions.append(
    ("%analyze", "%s --analyze %s -Xclang -load -Xclang %s -Xclang "
     "-analyzer-checker=freebsd.VnetModuleSpace" %
     (clang, kflags, config.modspace_plugin)))
config.substitutions.append(("%kflags", kflags))
config.substitutions.append(
    ("%modspace", "%s %s -fplugin=%s" % (clang, kflags, config.modspace_plugin)))
config.substitutions.append(("%clang", clang))
config.substitutions.append(("%plugin", config.modspace_plugin))
config.substitutions.append(
    ("%objcheck", "python3 " + os.path.join(src, "test", "tools", "objcheck.py")))
config.substitutions.append(("%python", "python3"))
config.substitutions.append(("%src", src))

# FileCheck, not, split-file, llvm-nm, llvm-readelf come from LLVM 19's
# bin directory, which is not on PATH on Debian.
config.environment["PATH"] = os.pathsep.join(
    [tools, config.environment.get("PATH", os.environ.get("PATH", ""))])
config.environment["LLVM_TOOLS_DIR"] = tools
config.environment["MODSPACE_PLUGIN"] = config.modspace_plugin
