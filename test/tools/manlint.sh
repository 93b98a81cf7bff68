#!/bin/sh
# usage: manlint.sh PAGE...
#
# mandoc -T lint -W style on each page, every message shown, except two
# that depend on this machine's manual database rather than on the page:
# a referenced manual this system lacks (FreeBSD's kldload(8) on Debian)
# and a stale mandoc.db.  Exits 1 if anything else is reported.
set -u
out=$(mandoc -T lint -W style "$@" 2>&1 |
    tr '\r' '\n' | sed 's/mandoc: /\nmandoc: /g' | sed '/^$/d' |
    grep -v -e 'referenced manual not found' -e 'mandoc.db')
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
echo "manlint: $# page(s), no warning"
