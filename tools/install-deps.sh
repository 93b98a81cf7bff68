#!/bin/sh
# usage: install-deps.sh [BUILD]
#
# Install what modspace needs, and nothing else: Debian packages, then
# (into BUILD/npm, default build/npm) the npm package that ships the
# official SARIF 2.1.0 JSON schema, which make check validates against.
# As root: apt-get installs what is missing.  Otherwise: print the exact
# command and exit 1, so that a build never runs half-equipped.
set -eu
build=${1:-build}

PACKAGES="clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev \
llvm-19-tools clang-tools-19 lld-19 libelf-dev libclang-rt-19-dev python3 \
python3-jsonschema cmake make valgrind mandoc bmake git"
# npm only for test data; any npm will do (Debian's, or NodeSource's).
command -v npm > /dev/null 2>&1 || PACKAGES="$PACKAGES npm"

SARIF_PACKAGE="@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_SCHEMA="$build/npm/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
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
fi

if [ ! -f "$SARIF_SCHEMA" ]; then
	echo "modspace: installing $SARIF_PACKAGE into $build/npm (the SARIF schema)" >&2
	mkdir -p "$build/npm"
	npm install --prefix "$build/npm" --no-save --no-audit --no-fund \
	    --loglevel=error "$SARIF_PACKAGE" >&2
	[ -f "$SARIF_SCHEMA" ] || {
		echo "modspace: $SARIF_PACKAGE did not provide $SARIF_SCHEMA" >&2
		exit 1
	}
fi
