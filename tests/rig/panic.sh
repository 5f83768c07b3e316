#!/bin/sh
# rig/panic: crashes the guest kernel (sysrq c): the run must fail as a panic.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
ok 1 "before the panic"
echo c >/proc/sysrq-trigger
ok 1 "never reached"
done_testing
