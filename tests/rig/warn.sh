#!/bin/sh
# rig/warn: loads tests/modules/kevent_rig_warn.ko, which fires a kernel
# WARNING; every point passes, yet the run must fail on the console.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
check "insmod kevent_rig_warn.ko" insmod "${KEVENT_TEST_MODDIR:-/opt/kevent/test-modules}/kevent_rig_warn.ko"
check "rmmod kevent_rig_warn" rmmod kevent_rig_warn
done_testing
