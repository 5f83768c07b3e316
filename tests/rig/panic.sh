#!/bin/sh
# rig/panic: crashes the guest kernel (sysrq c): the run must fail as a panic.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
ok 1 "before the panic"
# Let the console finish sending that line first: during a panic the kernel
# writes to the UART without waiting for its lock, so output still being sent
# from the tty would be mixed into the "Kernel panic - not syncing" line (seen
# once: "KerneTl panic"), and the rig's check of the reason would miss it.
sleep 1
echo c >/proc/sysrq-trigger
ok 1 "never reached"
done_testing
