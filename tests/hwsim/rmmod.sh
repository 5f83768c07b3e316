#!/bin/sh
# hwsim/rmmod: kevent_hwsim with requests pending. While applications hold
# pending requests (WAIT_EVENT, an event fd, a named event, a queued
# message) rmmod refuses (the files hold the module) and nothing breaks;
# their requests still complete. Once they are killed, rmmod succeeds at
# once, kevent can be unloaded too (no event reference left), and both load
# again. Loading with notify_names=... configures the notifier; a bad list
# fails the load. Ends with kevent and kevent_hwsim loaded as at boot.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
moddir=${KEVENT_MODDIR:-/lib/modules/kevent}
plan 16

dmesg >/tmp/rmmod.dmesg.before
hwevent 30 0 >/dev/null 2>&1 & p0=$!
hwevent 30 1 >/dev/null 2>&1 & p1=$!
hwevent 30 2 >/dev/null 2>&1 & p2=$!
hwevent 30 0 --async >/dev/null 2>&1 & p3=$!
hwevent 0.8 1 --count 1 >/tmp/rmmod.hwevent.out 2>&1 & p4=$!
sleep 0.3
out=$(rmmod kevent_hwsim 2>&1); rc=$?
ok "$([ $rc -ne 0 ] && echo 1)" "rmmod with requests pending is refused (status $rc: $out)"
check "the module is still loaded" test -d /sys/module/kevent_hwsim
check "/dev/kevent-hwsim still exists" test -c /dev/kevent-hwsim
wait $p4
is "$?" 0 "a request pending during the refused rmmod completed on time"
kill -9 $p0 $p1 $p2 $p3
wait $p0 $p1 $p2 $p3 2>/dev/null
check "rmmod kevent_hwsim once the applications are gone" rmmod kevent_hwsim
check "/dev/kevent-hwsim is gone" test ! -e /dev/kevent-hwsim
check "rmmod kevent: the driver kept no event reference" rmmod kevent
check "insmod kevent" insmod "$moddir/kevent.ko"
check "insmod kevent_hwsim notify_names=ra,rb,rc" insmod "$moddir/kevent_hwsim.ko" notify_names=ra,rb,rc
is "$(cat /sys/module/kevent_hwsim/parameters/notify_names)" "ra,rb,rc" "notify_names as given"
keventctl create rc --manual --permanent >/dev/null 2>&1
check "sysfs notify of index 2 (rc) works" sh -c 'echo 2 >/sys/class/misc/kevent-hwsim/notify'
is "$(keventctl state rc 2>/dev/null)" "signaled" "rc was set by the notifier"
keventctl unlink rc >/dev/null 2>&1
rmmod kevent_hwsim
names=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q
ok "$(insmod "$moddir/kevent_hwsim.ko" notify_names=$names 2>/dev/null || echo 1)" \
	"17 notify names: the load fails"
ok "$(insmod "$moddir/kevent_hwsim.ko" notify_names=a,,b 2>/dev/null || echo 1)" \
	"an empty notify name: the load fails"
check "insmod kevent_hwsim with the default names" insmod "$moddir/kevent_hwsim.ko"
dmesg >/tmp/rmmod.dmesg.after
new=$(tail -n +"$(($(wc -l </tmp/rmmod.dmesg.before) + 1))" /tmp/rmmod.dmesg.after |
	grep -E 'BUG:|WARNING:|Oops|sleeping function|possible circular|inconsistent lock|recursive locking|UBSAN|KASAN' |
	grep -v 'notify_names')
is "$new" "" "no kernel complaint"
done_testing
