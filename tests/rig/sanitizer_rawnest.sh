#!/bin/sh
# rig/sanitizer_rawnest: loads tests/modules/kevent_sanitizer_bugs.ko with bug=rawnest
# (a deliberate bug, see the module); every point passes, yet the run must
# fail on the checker's report (scripts/rig-selftest-sanitizers).
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 2
check "insmod kevent_sanitizer_bugs.ko bug=rawnest" insmod "${KEVENT_TEST_MODDIR:-/opt/kevent/test-modules}/kevent_sanitizer_bugs.ko" bug=rawnest
check "rmmod kevent_sanitizer_bugs" rmmod kevent_sanitizer_bugs
done_testing
