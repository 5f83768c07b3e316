#!/bin/sh
# rig/kunit_fail: kevent's KUnit suite (tests/kunit/kevent.sh) with one case
# failing on purpose (kevent_kunit.ko fails a case while the named event
# kevent-kunit-rig-fail exists): the failing case must show as a failed
# point and fail the run (scripts/rig-selftest-sanitizers).
/opt/kevent/bin/keventctl create kevent-kunit-rig-fail --permanent || exit 1
/opt/kevent/tests/kunit/kevent
rc=$?
/opt/kevent/bin/keventctl unlink kevent-kunit-rig-fail
exit $rc
