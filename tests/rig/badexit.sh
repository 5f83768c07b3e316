#!/bin/sh
# rig/badexit: every point passes but the program exits 3: must fail.
echo "TAP version 13"
echo "1..1"
echo "ok 1 - the only point"
exit 3
