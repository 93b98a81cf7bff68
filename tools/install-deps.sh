#!/bin/sh
# Install the Debian packages modspace needs, and nothing else.
# As root: apt-get installs what is missing.  Otherwise: print the exact
# command and exit 1, so that a build never runs half-equipped.
set -eu

PACKAGES="clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tools-19 \
lld-19 libelf-dev libclang-rt-19-dev python3 cmake make valgrind mandoc \
bmake"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "modspace: missing Debian packages:$missing" >&2
	echo "modspace: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "modspace: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >&2
