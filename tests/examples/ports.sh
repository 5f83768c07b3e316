#!/bin/sh
# examples/ports: the Windows event code ported to kevent (examples/):
# Microsoft's Hardware Event test application (event, on kevent_hwsim) in
# both modes, the DriverWorks shared-event tip (kevent_synch_event.ko +
# synchapp), and an IoCreateNotificationEvent driver with its waiters
# (kevent_notification_event.ko + notified).
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
plan 17
ex=${KEVENT_EXAMPLES:-/opt/kevent/examples}
export PATH="$ex:$PATH"

# Hardware Event: 0 = pending request (IRP), 1 = the driver sets our event.
out=$(event 1 0 2>&1)
is "$?" 0 "event 1 0 (IRP based) exits 0"
case $out in *"Event occurred."*) ok 1 "event 1 0: Event occurred." ;;
	*) ok 0 "event 1 0: Event occurred."; diag "$out" ;; esac
out=$(event 1 1 2>&1)
is "$?" 0 "event 1 1 (event based) exits 0"
case $out in *"Event signalled."*) ok 1 "event 1 1: Event signalled." ;;
	*) ok 0 "event 1 1: Event signalled."; diag "$out" ;; esac
out=$(event 2>&1)
is "$?" 1 "event without arguments: exit 1"
case $out in *"Usage: event <Delay> <0|1>"*) ok 1 "...with the sample's usage" ;;
	*) ok 0 "...with the sample's usage"; diag "$out" ;; esac

# DriverWorks: the application creates SynchEvent, the driver opens
# \BaseNamedObjects\SynchEvent and sets it from a hardirq timer.
is "$(insmod "$ex/kevent_synch_event.ko" 2>&1; echo $?)" 0 "insmod kevent_synch_event.ko"
out=$(synchapp 200 2>&1)
is "$?" 0 "synchapp 200 exits 0"
case $out in *"SynchEvent signaled by the driver after 200 ms"*) ok 1 "synchapp: the driver's set ended WaitForSingleObject" ;;
	*) ok 0 "synchapp: the driver's set ended WaitForSingleObject"; diag "$out" ;; esac
is "$(rmmod kevent_synch_event 2>&1; echo $?)" 0 "rmmod kevent_synch_event"

# IoCreateNotificationEvent: every waiter released, and later ones too.
notified 0 >/dev/null 2>&1
is "$?" 1 "notified before the driver: no such event, exit 1"
is "$(insmod "$ex/kevent_notification_event.ko" delay_ms=1500 2>&1; echo $?)" 0 \
	"insmod kevent_notification_event.ko delay_ms=1500"
notified 0 >/dev/null 2>&1
is "$?" 2 "right after load the condition is not signaled (the driver cleared the new event)"
notified 10000 >/tmp/notified.1 2>&1 & p1=$!
notified 10000 >/tmp/notified.2 2>&1 & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
ok "$([ $r1 -eq 0 ] && [ $r2 -eq 0 ] && echo 1 || echo 0)" \
	"two waiters are both released by the driver's KeSetEvent ($r1, $r2)"
notified 0 >/dev/null 2>&1
is "$?" 0 "a notification event stays signaled: a later wait returns at once"
is "$(rmmod kevent_notification_event 2>&1; echo $?)" 0 "rmmod kevent_notification_event"
notified 0 >/dev/null 2>&1
is "$?" 1 "ZwClose at unload: the name is gone with the last handle"
rm -f /tmp/notified.1 /tmp/notified.2
done_testing
