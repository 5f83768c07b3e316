#!/bin/sh
# smoke/reload: loading and unloading kevent 20 times works every time and
# leaves no trace in the kernel log (the one-time taint messages of the first
# load happened at boot), and taints the kernel with O and E only.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
ko=${KEVENT_MODDIR:-/lib/modules/kevent}/kevent.ko
plan 5

check "kevent is loaded before the loop" test -d /sys/module/kevent
dmesg >/tmp/dmesg.before
fail=0
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	rmmod kevent || { fail=$i; break; }
	[ -e /dev/kevent ] && { fail=$i; break; }
	insmod "$ko" || { fail=$i; break; }
	[ -c /dev/kevent ] || { fail=$i; break; }
done
is "$fail" 0 "20 unload/load cycles (0 = no cycle failed)"
dmesg >/tmp/dmesg.after
# New kernel log lines since the loop began; the late "random: crng init"
# notice is unrelated to kevent.
new=$(tail -n +"$(($(wc -l </tmp/dmesg.before) + 1))" /tmp/dmesg.after | grep -v 'random: crng init done')
is "$new" "" "the 20 cycles left no kernel log message"
check "/dev/kevent exists after the loop" test -c /dev/kevent
t=$(cat /proc/sys/kernel/tainted)
is "$((t & ~(4096 | 8192)))" 0 "taint $t has no bit but O (4096) and E (8192)"
done_testing
