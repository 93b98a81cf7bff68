"""Adds broken entries to the fixture tree's compile_commands.json: a TU
that does not compile, a file that does not exist, an assembler source,
all in the flow module.  usage: mkbad.py BUILD INPUTS"""
import json
import os
import sys

build, inputs = sys.argv[1], sys.argv[2]
path = os.path.join(build, "compile_commands.json")
db = json.load(open(path))
good = [e for e in db if e["file"].endswith("flow_copy.c")][0]
for name in ("broken.c", "missing.c", "entry.S"):
    e = dict(good)
    f = os.path.join(inputs, name)
    e["arguments"] = [a if a != good["file"] else f for a in good["arguments"]]
    e["arguments"] = [a if a != "flow_copy.o" else name + ".o"
                      for a in e["arguments"]]
    e["file"], e["output"] = f, name + ".o"
    db.append(e)
json.dump(db, open(path, "w"), indent=2)
