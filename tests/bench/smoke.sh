#!/bin/sh
# bench/smoke: `kevent-bench --smoke` (make vm-bench's program, briefly),
# so that the bench cannot rot: it runs every figure to the end and prints
# every table row, CSV row and target. Its numbers are not checked: timing
# belongs to make vm-bench, never to a test.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 13
out=/tmp/bench-smoke.txt
(ulimit -n 4096; kevent-bench --smoke) >"$out" 2>&1
is "$?" 0 "kevent-bench --smoke exits 0"
grep -q '^# kevent-bench: done' "$out"
ok "$([ $? -eq 0 ] && echo 1 || echo 0)" "it ran to the end"
for fig in roundtrip set epoll wakeall wakeups_per_set waitany waitall names memory_anonymous kernelpath; do
	n=$(grep -c "^csv,$fig," "$out")
	ok "$([ "$n" -gt 0 ] && echo 1 || echo 0)" "figure $fig: $n CSV rows"
done
n=$(grep -c '^target| ' "$out")
ok "$([ "$n" -ge 9 ] && echo 1 || echo 0)" "every target reported, met or missed ($n lines)"
[ "$n" -ge 9 ] || tail -n 30 "$out" | sed 's/^/# /'
rm -f "$out"
done_testing
