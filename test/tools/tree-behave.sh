#!/bin/sh
# usage: tree-behave.sh WORK ORIGINAL FIXED
#
# The behaviour check of the CLI fixture tree: runs test/vnetsim/check.sh
# on each module of ORIGINAL and FIXED (TREE/sys/modules/<m>) with its
# scenario (test/vnetsim/scenarios/tree-<m>.c), VIMAGE on and off,
# FLOW_DEBUG on and off.  Prints one verdict line per run.
set -u
work=$1 original=$2 fixed=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
for m in flow cache; do
	for mode in VIMAGE NOVIMAGE; do
		for d in "" -DFLOW_DEBUG; do
			# shellcheck disable=SC2086
			sh "$top/test/vnetsim/check.sh" "$work" \
			    "$original/sys/modules/$m" "$fixed/sys/modules/$m" \
			    "$top/test/vnetsim/scenarios/tree-$m.c" $mode $d |
			    tail -n 1 | sed "s/^/$m ${d:-plain}: /"
		done
	done
done
