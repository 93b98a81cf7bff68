#!/usr/bin/python3
"""Validates a SARIF log against the official SARIF 2.1.0 JSON schema
(sarif-2.1.0-rtm.5.json, from the npm package @microsoft/jest-sarif,
installed by tools/install-deps.sh) with Debian's python3-jsonschema, then
prints what a reviewer checks: each result's rule, level, location and
number of replacements.  Run with /usr/bin/python3: the jsonschema module
is Debian's.

usage: sarifcheck.py SCHEMA LOG
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1]))
    log = json.load(open(sys.argv[2]))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors:
        print("invalid: %s: %s" % ("/".join(str(p) for p in e.path), e.message))
    if errors:
        sys.exit(1)
    print("valid SARIF %s" % log["version"])
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"], r
        loc = r.get("locations", [{}])[0].get("physicalLocation", {})
        region = loc.get("region", {})
        reps = sum(len(c["replacements"]) for f in r.get("fixes", [])
                   for c in f["artifactChanges"])
        print("%s %s %s:%s:%s related=%d replacements=%d" % (
            r["ruleId"], r["level"],
            loc.get("artifactLocation", {}).get("uri", "-"),
            region.get("startLine", 0), region.get("startColumn", 0),
            len(r.get("relatedLocations", [])), reps))


if __name__ == "__main__":
    main()
