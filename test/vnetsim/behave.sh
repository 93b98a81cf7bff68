#!/bin/sh
# usage: [ORIGINAL=file] behave.sh WORK FIXTURE SCENARIO [flags...]
#
# FLAGS go to the plugin's run; the -D/-U/-I ones also to the modules'
# compiles.  ORIGINAL (default FIXTURE) is what the fixed module is
# compared with, for a fixture that is itself a hand-edited step.
#
# The behaviour check on the plugin's own output: applies the plugin's
# fix-its to a copy of FIXTURE (in its fullest configuration, as
# test/tools/fixit.sh does), then runs check.sh on the original and the
# fixed module in every configuration the fixture names (VIMAGE on and
# off, times each macro of its "modspace-options:" line).  Prints
# check.sh's lines for each configuration and a summary; exits 1 on the
# first failure.
set -u
work=$1 fixture=$2 scenario=$3
shift 3
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}
plugin=${MODSPACE_PLUGIN:?}

rm -rf "$work" && mkdir -p "$work/fixed"
cp "$(dirname "$fixture")"/*.h "$work/fixed/" 2>/dev/null
fixed="$work/fixed/$(basename "$fixture")"
cp "$fixture" "$fixed"
options=$(sed -n 's/.*modspace-options: *\([A-Za-z0-9_ ]*\).*/\1/p' "$fixture" |
    head -n 1)
all="-DVIMAGE"
for o in $options; do all="$all -D$o"; done
# shellcheck disable=SC2086
"$bin/clang" -target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
    -D_KERNEL -DKLD_MODULE -I "$top/test/include" -fplugin="$plugin" $all \
    "$@" -fsyntax-only -Xclang -fixit "$fixed" 2>"$work/fixit.err" ||
    { echo "fixit: failed"; cat "$work/fixit.err"; exit 1; }
if cmp -s "$fixture" "$fixed"; then
	echo "fixit: nothing changed"; exit 1
fi

original=${ORIGINAL:-$fixture}
defines=""
for f in "$@"; do
	case "$f" in -D*|-U*|-I*) defines="$defines $f" ;; esac
done

# Every combination of the options, fullest first.
combos="|"
for o in $options; do
	old=$combos combos=""
	IFS='|'
	for c in $old; do combos="$combos$c -D$o|"; done
	for c in $old; do combos="$combos$c|"; done
	unset IFS
done
n=0
for mode in VIMAGE NOVIMAGE; do
	IFS='|'
	for c in $combos; do
		unset IFS
		n=$((n + 1))
		# shellcheck disable=SC2086
		sh "$top/test/vnetsim/check.sh" "$work/c$n" "$original" "$fixed" \
		    "$scenario" $mode $c $defines > "$work/c$n.out" 2>&1
		status=$?
		sed "s/^/[$mode${c:+ }$(echo $c | sed 's/-D//g')] /" "$work/c$n.out"
		[ $status -eq 0 ] || exit 1
		IFS='|'
	done
	unset IFS
done
echo "behaviour: same in $n configurations"
