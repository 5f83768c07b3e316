#!/bin/sh
# rig/hang: reports one point of two, then hangs: its timeout must kill it
# and fail it alone.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
ok 1 "before the hang"
sleep 100000
ok 1 "never reached"
done_testing
