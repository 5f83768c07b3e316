#!/bin/sh
# kunit/kevent: kevent's KUnit suite (tests/modules/kevent_kunit.c, the
# in-kernel API from kernel threads and a hard hrtimer). Loading the module
# runs the suite; its KTAP results (debugfs kunit/kevent/results) are turned
# into this test's TAP, one point per KUnit case, so a failing case fails
# the run and counts in the summary. Kernels without CONFIG_KUNIT (Debian's
# stock kernels) build no such module: the test is skipped, saying so.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
mod=${KEVENT_TEST_MODDIR:-/opt/kevent/test-modules}/kevent_kunit.ko
results=/sys/kernel/debug/kunit/kevent/results

[ -f "$mod" ] ||
	skip_all "this kernel has no KUnit (CONFIG_KUNIT): the debug and kcsan profiles run the KUnit suite"

if ! out=$(insmod "$mod" 2>&1); then
	echo "1..1"
	echo "not ok 1 - insmod kevent_kunit.ko"
	diag "$out"
	exit 1
fi
if [ ! -r "$results" ]; then
	echo "1..1"
	echo "not ok 1 - KUnit results in $results"
	rmmod kevent_kunit
	exit 1
fi
ktap=$(cat "$results")
rmmod kevent_kunit

# Cases are the indented result lines; the unindented one is the suite's.
# Diagnostics (expectation failures) are passed on as TAP comments.
printf '%s\n' "$ktap" | awk '
	/^[ \t]+(not )?ok [0-9]+ / {
		line = $0; sub(/^[ \t]+/, "", line)
		st = (line ~ /^not ok/) ? "not ok" : "ok"
		sub(/^(not )?ok [0-9]+ /, "", line)
		sub(/^- /, "", line)
		cases[++n] = st " " n " - kunit kevent: " line
		next
	}
	/^(not )?ok [0-9]+ kevent/ { suite = ($0 ~ /^ok/) }
	/^[ \t]*#/ { d = $0; sub(/^[ \t]*/, "", d); diags[++nd] = d }
	END {
		printf "1..%d\n", n + 1
		for (i = 1; i <= nd; i++) print diags[i]
		for (i = 1; i <= n; i++) print cases[i]
		printf "%s %d - KUnit reports suite kevent ok (%d cases)\n", suite ? "ok" : "not ok", n + 1, n
		exit !(suite && n > 0)
	}'
