#!/bin/sh
# hwevent-demo [DELAY-SECONDS] [COUNT]: the hardware-event demo, run in the
# guest by `make demo` (installed as /opt/kevent/bin/hwevent-demo). Runs
# tools/hwevent against kevent_hwsim in each mode, COUNT notifications each
# (default 3, DELAY 1 s), and explains what happens. Exit status 0 only if
# every run got every notification on time.
delay=${1:-1}
count=${2:-3}
runs=0
failed=0

say() { printf '\n=== %s\n' "$*"; }
note() { printf '    %s\n' "$@"; }
run() {
	echo "\$ $*"
	runs=$((runs + 1))
	"$@" || { failed=$((failed + 1)); echo "!!! '$*' FAILED (exit $?)"; }
}
lookups() { cat /sys/class/misc/kevent-hwsim/notify_lookups 2>/dev/null; }

say "kevent hardware-event demo (Microsoft's Hardware Event sample on Linux)"
note "kevent_hwsim.ko (/dev/kevent-hwsim) simulates a device: an hrtimer stands in" \
     "for its interrupt. hwevent (the sample's event.exe) asks it to notify the" \
     "application after ${delay} s, ${count} times per mode, and prints the delay it" \
     "measured. A notification must arrive, and never early."
if [ ! -c /dev/kevent-hwsim ]; then
	echo "!!! /dev/kevent-hwsim does not exist: is kevent_hwsim loaded?"
	exit 1
fi
lsmod | grep -E '^(Module|kevent)'

say "Mode 0: pending request (the sample's IRP-based mode)"
note "WAIT_EVENT blocks in the driver; the timer, in hardirq context, completes it" \
     "with a message {sequence number, timestamp, source}."
run hwevent "$delay" 0 --count "$count"

say "Mode 0, asynchronous (overlapped I/O)"
note "QUEUE_REQUEST returns at once; the application poll()s the device fd and" \
     "read()s the message when the timer has fired."
run hwevent "$delay" 0 --async --count "$count"

say "Mode 1: event-based (the sample's other mode)"
note "The application creates an event and hands its fd to the driver" \
     "(REGISTER_EVENT): the driver takes a reference (MODIFY access needed)," \
     "returns at once, and the timer sets the event from hardirq context and" \
     "drops the reference. The application waits on its event."
run hwevent "$delay" 1 --count "$count"
note "The same with the timer in softirq context (a DPC), and from a task-context" \
     "section with interrupts disabled:"
run hwevent "$delay" 1 --context softirq
run hwevent "$delay" 1 --context irqsoff

say "Mode 2: named event (the DriverWorks tip)"
note "The application creates the named synchronization event" \
     "\"hwevent-named-<pid>\"; SIGNAL_NAMED makes the driver open it by name, in" \
     "the application's IPC namespace, and set it after the delay."
run hwevent "$delay" 2 --count "$count"

say "Mode 3: notifier (DMF's NotifyUserWithEvent)"
names=$(cat /sys/module/kevent_hwsim/parameters/notify_names 2>/dev/null)
note "kevent_hwsim was loaded with notify_names=${names}:" \
     "a kevent_notifier that sets the application's events by index (here" \
     "index 0, \"${names%%,*}\")." \
     "The application creates the event; NOTIFY makes the driver call" \
     "kevent_notify_index(0) after the delay."
l0=$(lookups)
run hwevent "$delay" 3 --count "$count"
l1=$(lookups)
note "Name lookups by the notifier during those ${count} notifications: $((l1 - l0))" \
     "(one when the application's new event is first seen, none after)." \
     "Now the application restarts: a new process creates the event anew."
run hwevent "$delay" 3 --count "$count"
l2=$(lookups)
note "The restarted application was notified too; name lookups: $((l2 - l1))."

say "Summary"
if [ "$failed" -eq 0 ]; then
	echo "all $runs runs: every notification arrived, none early"
else
	echo "$failed of $runs runs FAILED"
fi
[ "$failed" -eq 0 ]
