#!/bin/sh
# usage: fixit.sh WORK FIXTURE GOLDEN [extra clang flags...]
#
# The check every fix-it test runs.  A fixture may name the option macros
# its #ifs test, on a line "modspace-options: INET INET6"; its
# configurations are then every combination of those and VIMAGE.
#   1. copy FIXTURE (and the headers beside it) to WORK;
#   2. compile it in every configuration with the kernel's warning flags
#      and -Werror, without the plugin (the fixture itself is clean);
#   3. apply the plugin's fix-its in the fullest configuration (VIMAGE and
#      every option) with -Xclang -fixit;
#   4. compare the result with GOLDEN (diff -u);
#   5. recompile the result in every configuration with the kernel's
#      warning flags, -Werror and the plugin: it compiles, with no warning;
#   6. run the plugin again in every configuration: no fix-it is left;
#   7. compare the objects before and after (shrink.py) in every VIMAGE
#      configuration (the fullest one's figures are printed).
# Prints one verdict line per step; exits 1 on the first failure.
set -u
work=$1 fixture=$2 golden=$3
shift 3
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}
plugin=${MODSPACE_PLUGIN:?}
kflags="-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
-D_KERNEL -DKLD_MODULE -I $top/test/include"
# The warning flags of a FreeBSD kernel build (sys/conf/kern.mk).
kwarn="-Wall -Wmissing-prototypes -Wredundant-decls -Wnested-externs \
-Wstrict-prototypes -Wpointer-arith -Wcast-qual -Wundef -Wno-pointer-sign"
src="$work/$(basename "$fixture")"
base=$(basename "$fixture" .c)

rm -rf "$work" && mkdir -p "$work"
cp "$(dirname "$fixture")"/*.h "$work"/ 2>/dev/null
cp "$fixture" "$src"

options=$(sed -n 's/.*modspace-options: *\([A-Za-z0-9_ ]*\).*/\1/p' "$fixture" |
    head -n 1)
# Every configuration, fullest first, as "|"-separated lists of flags.
configs="-DVIMAGE|-UVIMAGE|"
for o in $options; do
	old=$configs configs=""
	IFS='|'
	for c in $old; do configs="$configs$c -D$o|"; done
	for c in $old; do configs="$configs$c|"; done
	unset IFS
done
all="-DVIMAGE"
for o in $options; do all="$all -D$o"; done
nconf=$(echo "$configs" | tr -cd '|' | wc -c)
echo "configurations: $nconf (VIMAGE${options:+ }$options)"

# shellcheck disable=SC2086
cc() { "$bin/clang" $kflags $kwarn "$@"; }
# shellcheck disable=SC2086
ccp() { "$bin/clang" $kflags $kwarn -fplugin="$plugin" "$@"; }

n=0
IFS='|'
for c in $configs; do
	unset IFS
	n=$((n + 1))
	# shellcheck disable=SC2086
	cc $c -Werror "$@" -c "$src" -o "$work/before-$n.o" \
	    2>"$work/before-$n.err" ||
	    { echo "before: does not compile with$c"; cat "$work/before-$n.err";
	      exit 1; }
	IFS='|'
done
unset IFS
echo "before: compiles in $n of $nconf"

# shellcheck disable=SC2086
ccp $all "$@" -fsyntax-only -Xclang -fixit "$src" 2>"$work/fixit.err" ||
    { echo "fixit: failed"; cat "$work/fixit.err"; exit 1; }
if diff -u "$golden" "$src" > "$work/golden.diff"; then
	echo "golden: same"
else
	echo "golden: DIFFERENT"; cat "$work/golden.diff"; exit 1
fi

n=0 shrunk=0
IFS='|'
for c in $configs; do
	unset IFS
	n=$((n + 1))
	# shellcheck disable=SC2086
	ccp $c -Werror "$@" -c "$src" -o "$work/after-$n.o" \
	    2>"$work/after-$n.err" ||
	    { echo "recompile with$c: FAILED"; cat "$work/after-$n.err"; exit 1; }
	if [ -s "$work/after-$n.err" ]; then
		echo "recompile with$c: warnings"; cat "$work/after-$n.err"; exit 1
	fi
	# shellcheck disable=SC2086
	ccp $c "$@" -fsyntax-only -fdiagnostics-parseable-fixits "$src" \
	    2>"$work/again-$n.err"
	if grep -q '^fix-it:' "$work/again-$n.err"; then
		echo "idempotent with$c: NO, fix-its left"
		grep '^fix-it:' "$work/again-$n.err"; exit 1
	fi
	case "$c" in
	*-DVIMAGE*)
		python3 "$top/test/tools/shrink.py" "$work/before-$n.o" \
		    "$work/after-$n.o" > "$work/shrink-$n.txt" ||
		    { echo "shrink with$c: FAILED"; cat "$work/shrink-$n.txt";
		      exit 1; }
		shrunk=$((shrunk + 1))
		;;
	esac
	IFS='|'
done
unset IFS
echo "recompile -Werror: $n of $nconf, no warning"
echo "idempotent: $n of $nconf"
# The fullest configuration is the first one.
cat "$work/shrink-1.txt"
echo "shrink: $shrunk VIMAGE configurations"
