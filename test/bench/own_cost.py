#!/usr/bin/env python3
"""own_cost.py CALLGRIND_OUT OBJECT [N]: the instructions one shared
object accounts for in a callgrind profile: what its own functions
execute, plus the calls they make into other objects (clang's API).

The difference of two whole-process counts also holds what the object
moves in clang rather than does: where its allocations put clang's
identifiers changes how long clang's pointer-keyed tables probe, by
millions of instructions either way on a large TU.  This count leaves
that out (and the dynamic loader's work to load the object).  With N,
also prints the N functions that account for most."""
import collections
import re
import sys


def main():
    path, obj = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    # Callgrind compresses names: "(id) name" the first time, "(id)" after.
    tables = {'ob': {}, 'fn': {}}
    compressed = re.compile(r'\((\d+)\)(?: (.*))?$')

    def name(table, text):
        m = compressed.match(text)
        if not m:
            return text
        if m.group(2) is not None:
            tables[table][m.group(1)] = m.group(2)
        return tables[table].get(m.group(1), '?')

    ob = fn = cob = None
    in_call = False
    own = collections.Counter()
    with open(path) as f:
        for line in f:
            line = line.rstrip('\n')
            key, _, value = line.partition('=')
            if key == 'ob':
                ob = name('ob', value)
            elif key == 'fn':
                fn = name('fn', value)
                cob = ob
            elif key == 'cob':
                cob = name('ob', value)
            elif key == 'cfn':
                name('fn', value)
            elif key == 'calls':
                in_call = True
            elif line[:1].isdigit() or line[:1] in '+-*':
                fields = line.split()
                if len(fields) < 2:
                    continue
                cost = int(fields[1])
                mine = ob is not None and obj in ob
                if in_call:
                    # A call's inclusive cost: counted once, when it
                    # leaves the object.
                    if mine and (cob is None or obj not in cob):
                        own[fn] += cost
                    in_call = False
                    cob = ob
                elif mine:
                    own[fn] += cost
    print(sum(own.values()))
    for function, cost in own.most_common(top):
        print(cost, function[:150])


if __name__ == '__main__':
    main()
