#!/bin/sh
# hwsim/hwevent: the demo application. Each mode (0 pending request, 0
# --async, 1 event, 2 named, 3 notifier) delivers every notification, none
# early, prints one line per notification with its measured delay and exits
# 0; a usage error exits 2; a notification that cannot arrive exits 1.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 14

for m in 0 "0 --async" 1 2 3; do
	out=$(hwevent 0.1 $m --count 3 2>&1)
	rc=$?
	is "$rc" 0 "hwevent 0.1 $m --count 3 exits 0"
	[ "$rc" -eq 0 ] || diag "$out"
	n=$(printf '%s\n' "$out" | grep -c '^#[0-9]* .* after [0-9.]* s (asked 0.100 s)')
	is "$n" 3 "hwevent 0.1 $m: three notification lines with the measured delay"
done
out=$(hwevent 0.1 0 --context softirq 2>&1)
case $out in *"in softirq"*) ok 1 "mode 0 --context softirq: the message says softirq" ;;
	*) ok 0 "mode 0 --context softirq: the message says softirq"; diag "$out" ;; esac
hwevent 1 9 >/dev/null 2>&1
is "$?" 2 "unknown mode: exit 2"
# Index 3's event exists nowhere but in hwevent itself; an index beyond the
# notifier's names fails the request: exit 1.
hwevent 0.1 3 --index 99 >/dev/null 2>&1
is "$?" 1 "notifier index out of range: exit 1"
hwevent 0.1 3 --index 3 >/dev/null 2>&1
is "$?" 0 "notifier index 3"
done_testing
