#!/bin/sh
# Runs the lit suite and ends with the line "N passed, N failed".
set -u
build=${1:-build}
lit=/usr/lib/llvm-19/build/utils/lit/lit.py
log="$build/test/lit.log"
mkdir -p "$build/test"
python3 "$lit" -v -j2 "$build/test/lit" 2>&1 | tee "$log"
passed=$(grep -cE '^(PASS|XFAIL): ' "$log")
failed=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
