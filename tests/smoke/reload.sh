#!/bin/sh
# smoke/reload: loading and unloading kevent 20 times works every time and
# leaves no trace in the kernel log (the one-time taint messages of the first
# load happened at boot), and taints the kernel with O and E only. Modules
# /init loaded after kevent (they depend on it) cycle with it.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
moddir=${KEVENT_MODDIR:-/lib/modules/kevent}
mods=$(cat /etc/kevent/loaded 2>/dev/null || echo kevent)
rev=$(echo "$mods" | sed '1!G;h;$!d')
plan 5

check "kevent is loaded before the loop" test -d /sys/module/kevent
dmesg >/tmp/dmesg.before
fail=0
i=0
while [ $i -lt 20 ]; do
	i=$((i + 1))
	for m in $rev; do rmmod "$m" || fail=$i; done
	[ $fail -ne 0 ] && break
	[ -e /dev/kevent ] && { fail=$i; break; }
	for m in $mods; do insmod "$moddir/$m.ko" || fail=$i; done
	[ $fail -ne 0 ] && break
	[ -c /dev/kevent ] || { fail=$i; break; }
done
is "$fail" 0 "20 unload/load cycles of $(echo $mods) (0 = no cycle failed)"
dmesg >/tmp/dmesg.after
# New kernel log lines since the loop began, without the notices that TCG's
# timing and a late entropy pool cause on their own (the clocksource
# watchdog's, for one, which newer kernels also print when a vCPU is slow to
# answer its cross-CPU read).
last=$(tail -n 1 /tmp/dmesg.before)
new=$(awk -v l="$last" 'f; $0 == l { f = 1 }' /tmp/dmesg.after |
	grep -v -e 'random: crng init done' -e 'hrtimer: interrupt took' \
		-e 'clocksource: ' -e 'sched: RT throttling activated' \
		-e 'perf: interrupt took too long')
is "$new" "" "the 20 cycles left no kernel log message"
check "/dev/kevent exists after the loop" test -c /dev/kevent
t=$(cat /proc/sys/kernel/tainted)
is "$((t & ~(4096 | 8192)))" 0 "taint $t has no bit but O (4096) and E (8192)"
done_testing
