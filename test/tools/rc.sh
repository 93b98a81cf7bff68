#!/bin/sh
# usage: rc.sh COMMAND [ARG...]
# Runs COMMAND, then prints "exit N" with its exit status on standard
# output, and exits 0: for tests that check an exact exit status.
"$@"
echo "exit $?"
