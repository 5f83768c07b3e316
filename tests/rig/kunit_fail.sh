#!/bin/sh
# rig/kunit_fail: kevent's KUnit suite (tests/kunit/kevent.sh) with one case
# failing on purpose (kevent_kunit.ko rig_fail=1): the failing case must show
# as a failed point and fail the run (scripts/rig-selftest-sanitizers).
KEVENT_KUNIT_ARGS=rig_fail=1
export KEVENT_KUNIT_ARGS
exec /opt/kevent/tests/kunit/kevent
