#!/bin/sh
# rig/noisy: prints text that looks like kernel complaints, from user space
# (no kernel timestamp): the rig must not count it; the run passes.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 1
echo "WARNING: CPU: 0 PID: 1 at nowhere (user-space text, not the kernel's)"
echo "BUG: unable to handle page fault (user-space text)" >&2
diag "Kernel panic - not syncing: (user-space text)"
ok 1 "printed complaint-like text"
done_testing
