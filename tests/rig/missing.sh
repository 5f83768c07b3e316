#!/bin/sh
# rig/missing: plans 3 points, reports 2 and exits 0 anyway (a lying test):
# `make rig-selftest` expects the run to fail on the missing point.
echo "TAP version 13"
echo "1..3"
echo "ok 1 - first"
echo "ok 2 - second"
exit 0
