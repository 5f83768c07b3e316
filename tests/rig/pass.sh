#!/bin/sh
# rig/pass: the positive control of `make rig-selftest`: passes.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
ok 1 "first point passes"
check "second point passes" true
done_testing
