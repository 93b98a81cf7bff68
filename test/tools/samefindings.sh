#!/bin/sh
# usage: samefindings.sh [--ast] [--extern-convert] PLUGIN DIR... -- FLAGS...
# For every .c file under each DIR, the plugin under
# -fsyntax-only and the analyzer checker freebsd.VnetModuleSpace (from
# the same .so) must say the same things: each warning and note, located
# and worded alike (the checker's "[freebsd.VnetModuleSpace]" tag aside),
# and the same fix-its (applied, the trees must be identical).  Where a
# conversion edits several files, which the analyzer's apply-fixits
# cannot do, the checker must say so in a note ("no fix-it here") and
# attach none: its tree stays as it was.  Prints one line per file that
# differs, then "same: F of G files, W warnings, N notes, X fixed, S
# several files"; exits 1 if any file differs.
#
# With --ast the checker reads an AST file (-emit-ast) instead: it must
# give the same warnings at the same places (the invocations recovered
# from expansion locations), no fix-it, and a note on each table saying
# why.
ast=false
pflags= cflags=
if [ "$1" = --ast ]; then
	ast=true
	shift
fi
# The same option, as each front end spells it.
if [ "$1" = --extern-convert ]; then
	pflags=-fplugin-arg-modspace-extern=convert
	cflags="-Xclang -analyzer-config -Xclang freebsd.VnetModuleSpace:Extern=convert"
	shift
fi
plugin=$1
shift
dirs=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	dirs="$dirs $1"
	shift
done
shift
clang=${LLVM_TOOLS_DIR:-/usr/lib/llvm-19/bin}/clang
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
files=0 warnings=0 notes=0 fixed=0 several=0 bad=0
for root in $dirs; do
# Absolute, as an AST file records its sources.
root=$(cd "$root" && pwd)
for f in $(find "$root" -name '*.c' | sort); do
	files=$((files + 1))
	inc="-I $(dirname "$f")"
	# shellcheck disable=SC2086
	"$clang" "$@" $pflags $inc -fsyntax-only -fplugin="$plugin" "$f" \
	    2> "$tmp/p.err" > /dev/null
	input=$f
	if $ast; then
		input=$tmp/in.ast
		rm -f "$input"
		# shellcheck disable=SC2086
		"$clang" "$@" $inc -emit-ast "$f" -o "$input" 2> /dev/null ||
		    continue
	fi
	# shellcheck disable=SC2086
	"$clang" --analyze "$@" $cflags $inc -Xclang -load -Xclang "$plugin" \
	    -Xclang -analyzer-checker=freebsd.VnetModuleSpace \
	    -Xclang -analyzer-output=text-minimal -o /dev/null "$input" \
	    2> "$tmp/c.err" > /dev/null
	if $ast; then
		grep -E ': warning: .*\[modspace\]$' "$tmp/p.err" | sort \
		    > "$tmp/p.lines"
		grep -E ': warning: .*\[modspace\]' "$tmp/c.err" |
		    sed 's/ \[freebsd\.VnetModuleSpace\]$//' | sort \
		    > "$tmp/c.lines"
		if ! cmp -s "$tmp/p.lines" "$tmp/c.lines"; then
			echo "differs: $f"
			diff "$tmp/p.lines" "$tmp/c.lines" | head -6
			bad=$((bad + 1))
			continue
		fi
		warnings=$((warnings + $(grep -c . "$tmp/p.lines")))
		notes=$((notes + $(grep -c 'read from an AST file' "$tmp/c.err")))
		# shellcheck disable=SC2086
		"$clang" --analyze "$@" $cflags $inc -Xclang -load -Xclang "$plugin" \
		    -Xclang -analyzer-checker=freebsd.VnetModuleSpace \
		    -Xclang -analyzer-output=plist -o "$tmp/a.plist" \
		    "$input" > /dev/null 2>&1
		if grep -q '<key>fixits</key>' "$tmp/a.plist"; then
			echo "fix-it from an AST file: $f"
			bad=$((bad + 1))
		fi
		continue
	fi
	grep -E ': (warning|note): .*\[modspace\]$' "$tmp/p.err" | sort \
	    > "$tmp/p.lines"
	grep -E ': (warning|note): .*\[modspace\]' "$tmp/c.err" |
	    sed -e 's/ \[freebsd\.VnetModuleSpace\]$//' \
	    -e 's/-analyzer-config freebsd\.VnetModuleSpace:Extern=convert/-fplugin-arg-modspace-extern=convert/' \
	    -e 's/-analyzer-config freebsd\.VnetModuleSpace:Sysctl=rewrite/-fplugin-arg-modspace-sysctl=rewrite/' |
	    grep -v ": note: no fix-it here for '" | sort > "$tmp/c.lines"
	split=$(grep -c ": note: no fix-it here for '" "$tmp/c.err")
	if ! cmp -s "$tmp/p.lines" "$tmp/c.lines"; then
		echo "differs: $f"
		diff "$tmp/p.lines" "$tmp/c.lines" | head -6
		bad=$((bad + 1))
		continue
	fi
	warnings=$((warnings + $(grep -c ': warning: ' "$tmp/p.lines")))
	notes=$((notes + $(grep -c ': note: ' "$tmp/p.lines")))
	grep -q ': warning: ' "$tmp/p.lines" || continue
	# The fix-its, headers included: the plugin's through -fixit, the
	# checker's through apply-fixits, each on its own copy of the tree
	# (same names: the malloc type is named after the file).
	rel=${f#"$root"/}
	rm -rf "$tmp/p" "$tmp/c" && mkdir "$tmp/p" "$tmp/c"
	cp -R "$root" "$tmp/p/root" && cp -R "$root" "$tmp/c/root"
	inc="-I $(dirname "$tmp/p/root/$rel")"
	# shellcheck disable=SC2086
	"$clang" "$@" $pflags $inc -fsyntax-only -fplugin="$plugin" -Xclang -fixit \
	    "$tmp/p/root/$rel" > /dev/null 2>&1
	inc="-I $(dirname "$tmp/c/root/$rel")"
	# shellcheck disable=SC2086
	"$clang" --analyze "$@" $cflags $inc -Xclang -load -Xclang "$plugin" \
	    -Xclang -analyzer-checker=freebsd.VnetModuleSpace \
	    -Xclang -analyzer-config -Xclang apply-fixits=true \
	    -o /dev/null "$tmp/c/root/$rel" > /dev/null 2>&1
	expect="$tmp/p/root"
	if [ "$split" -gt 0 ]; then
		several=$((several + 1))
		expect="$root"
		if diff -r -q "$root" "$tmp/p/root" > /dev/null; then
			echo "no fix-it to split: $f"
			bad=$((bad + 1))
			continue
		fi
	fi
	if ! diff -r "$expect" "$tmp/c/root" > "$tmp/fix.diff"; then
		echo "fix-its differ: $f"
		head -6 "$tmp/fix.diff"
		bad=$((bad + 1))
		continue
	fi
	# What the checker wrote compiles wherever the original did, with
	# -Werror, and leaves the plugin nothing it could convert.
	# shellcheck disable=SC2086
	if "$clang" "$@" -I "$(dirname "$f")" -Werror -fsyntax-only "$f" \
	    > /dev/null 2>&1; then
		# shellcheck disable=SC2086
		if ! "$clang" "$@" $inc -Werror -fsyntax-only \
		    "$tmp/c/root/$rel" > /dev/null 2> "$tmp/build.err"; then
			echo "checker's fix does not compile: $f"
			head -3 "$tmp/build.err"
			bad=$((bad + 1))
			continue
		fi
	fi
	diff -r -q "$root" "$tmp/p/root" > /dev/null || fixed=$((fixed + 1))
done
done
echo "same: $((files - bad)) of $files files, $warnings warnings," \
    "$notes notes, $fixed fixed, $several several files"
[ "$bad" -eq 0 ]
