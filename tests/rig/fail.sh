#!/bin/sh
# rig/fail: one of three points fails; `make rig-selftest` expects the run to fail.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 3
ok 1 "first point passes"
ok 0 "second point fails on purpose"
ok 1 "third point passes"
done_testing
