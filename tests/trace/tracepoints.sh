#!/bin/sh
# trace/tracepoints: kevent's tracepoints (module/kevent_trace.h), enabled
# through tracefs, record a known scenario field by field: kevent_create
# (name, type, existed), kevent_set / kevent_reset / kevent_pulse (previous
# state, waiters released), kevent_wait_begin / kevent_wait_end (count,
# any/all, timeout, result, index, time waited). Disabled again, they record
# nothing.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
bin=${KEVENT_BIN:-/opt/kevent/bin}
ctl=$bin/keventctl
T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null
[ -d $T/events ] || { mount -t debugfs nodev /sys/kernel/debug 2>/dev/null; T=/sys/kernel/debug/tracing; }
[ -d $T/events/kevent ] || bail_out "no kevent trace events under $T (tracefs: $(ls $T 2>&1 | head -3))"
plan 27

# Every kevent event of the scenario, without the tracer's prefix:
# "kevent_set: name=tp-n id=3 prev=0 released=0".
events() { grep -o 'kevent_[a-z_]*: .*' $T/trace; }
# field LINE KEY: the value of KEY=... in LINE.
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
nth() { events | grep "^$1: " | sed -n "${2}p"; }

echo 0 >$T/tracing_on
echo >$T/trace
echo 1 >$T/events/kevent/enable
echo 1 >$T/tracing_on

# until_listed NAME: wait until NAME is in /proc/kevent.
until_listed() {
	i=0
	until awk -v n="$1" '$1 == n { f = 1 } END { exit !f }' /proc/kevent || [ $i -ge 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
"$ctl" hold tp-n --manual &
holdn=$!
until_listed tp-n
"$ctl" hold tp-s &
holds=$!
until_listed tp-s
"$ctl" create tp-n --manual >/dev/null
"$ctl" set tp-n
"$ctl" set tp-n
"$ctl" reset tp-n
"$ctl" wait tp-n --timeout 0 >/dev/null
# A waiter for the pulse: wait until /proc/kevent shows it queued.
"$ctl" wait tp-n >/dev/null &
waiter=$!
i=0
until [ "$(awk '$1 == "tp-n" { print $5 }' /proc/kevent)" = 1 ] || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.1
"$ctl" pulse tp-n
wait $waiter
waiter_rc=$?
"$ctl" set tp-s
"$ctl" wait tp-n tp-s --all --timeout 50 >/dev/null
kill $holdn $holds
wait $holdn $holds 2>/dev/null
echo 0 >$T/events/kevent/enable
events | sed 's/^/#   /'
is "$waiter_rc" 0 "the pulse released the waiter"

l=$(nth kevent_create 1)
is "$(field "$l" name) $(field "$l" type) $(field "$l" existed)" "tp-n notification 0" \
	"kevent_create: a new notification event (name, type, existed=0)"
l=$(nth kevent_create 2)
is "$(field "$l" name) $(field "$l" type) $(field "$l" existed)" "tp-s synchronization 0" \
	"kevent_create: a new synchronization event"
l=$(nth kevent_create 3)
is "$(field "$l" name) $(field "$l" existed)" "tp-n 1" "kevent_create: create of an existing name says existed=1"
id=$(field "$(nth kevent_create 1)" id)
ids=$(field "$(nth kevent_create 2)" id)
ok "$([ -n "$id" ] && [ -n "$ids" ] && [ "$id" != "$ids" ] && echo 1)" \
	"kevent_create: each named event has its own id ($id, $ids)"

l=$(nth kevent_set 1)
is "$(field "$l" name) $(field "$l" prev) $(field "$l" released)" "tp-n 0 0" "kevent_set: first set, prev=0, nobody released"
is "$(field "$l" id)" "$id" "kevent_set: the same id as at create"
l=$(nth kevent_set 2)
is "$(field "$l" prev) $(field "$l" released)" "1 0" "kevent_set: second set, prev=1"
l=$(nth kevent_reset 1)
is "$(field "$l" name) $(field "$l" prev) $(field "$l" released)" "tp-n 1 0" "kevent_reset: prev=1, released=0"
l=$(nth kevent_pulse 1)
is "$(field "$l" name) $(field "$l" prev) $(field "$l" released)" "tp-n 0 1" "kevent_pulse: prev=0, released the one waiter"
l=$(nth kevent_set 3)
is "$(field "$l" name) $(field "$l" prev) $(field "$l" released)" "tp-s 0 0" "kevent_set of the synchronization event"

# Waits, in order: --timeout 0; the pulse's waiter; the wait-all.
l=$(nth kevent_wait_begin 1)
is "$(field "$l" count) $(field "$l" type) $(field "$l" timeout) $(field "$l" absolute)" "1 any 0 0" \
	"kevent_wait_begin: a poll (count=1, any, relative timeout=0)"
l=$(nth kevent_wait_end 1)
is "$(field "$l" count) $(field "$l" type) $(field "$l" result)" "1 any -110" "kevent_wait_end: the poll timed out (-ETIMEDOUT)"
l=$(nth kevent_wait_begin 2)
is "$(field "$l" count) $(field "$l" type) $(field "$l" timeout)" "1 any 18446744073709551615" \
	"kevent_wait_begin: an infinite wait (timeout=U64_MAX)"
l=$(nth kevent_wait_end 2)
is "$(field "$l" result) $(field "$l" index)" "0 0" "kevent_wait_end: satisfied by index 0"
w=$(field "$l" waited_ns)
ok "$([ -n "$w" ] && [ "$w" -ge 100000000 ] && echo 1)" "kevent_wait_end: waited_ns covers the 0.1 s before the pulse ($w)"
# The wait ioctl turns a relative timeout into a CLOCK_MONOTONIC deadline
# (a restarted wait keeps it).
l=$(nth kevent_wait_begin 3)
is "$(field "$l" count) $(field "$l" type) $(field "$l" absolute)" "2 all 1" \
	"kevent_wait_begin: wait-all of 2 with an absolute deadline"
deadline=$(field "$l" timeout)
l=$(nth kevent_wait_end 3)
is "$(field "$l" count) $(field "$l" type) $(field "$l" result)" "2 all -110" "kevent_wait_end: the wait-all timed out (tp-n was reset)"
w=$(field "$l" waited_ns)
# The wait ioctl fixes its deadline just before the tracepoint's clock
# starts (kevent_wait_begin), so the time recorded may fall short of the
# 50 ms by that gap: allow 5 ms of it, no more.
ok "$([ -n "$w" ] && [ "$w" -ge 45000000 ] && [ "$deadline" -gt "$w" ] && echo 1)" \
	"kevent_wait_end: waited_ns covers the 50 ms timeout ($w, at most 5 ms short), before the deadline ($deadline)"
is "$(events | grep -c '^kevent_create: ')" 3 "three kevent_create records"
is "$(events | grep -c '^kevent_set: ')" 3 "three kevent_set records"
is "$(events | grep -c '^kevent_reset: ')" 1 "one kevent_reset record"
is "$(events | grep -c '^kevent_pulse: ')" 1 "one kevent_pulse record"
is "$(events | grep -c '^kevent_wait_begin: ')" 3 "three kevent_wait_begin records"
is "$(events | grep -c '^kevent_wait_end: ')" 3 "three kevent_wait_end records"

# Disabled: nothing more is recorded.
before=$(events | wc -l)
"$ctl" create tp-off >/dev/null
"$ctl" set tp-off 2>/dev/null
is "$(events | wc -l)" "$before" "disabled, the tracepoints record nothing"
is "$(cat $T/events/kevent/kevent_set/enable)" 0 "kevent_set is disabled again"
echo >$T/trace
done_testing
