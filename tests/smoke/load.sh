#!/bin/sh
# smoke/load: kevent.ko is loaded, /dev/kevent exists with mode 0666 (a
# misc device), the module unloads (the node goes away) and loads again.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
ko=${KEVENT_MODDIR:-/lib/modules/kevent}/kevent.ko
plan 9

check "kevent is loaded (/sys/module/kevent)" test -d /sys/module/kevent
check "/dev/kevent is a character device" test -c /dev/kevent
is "$(stat -c %a /dev/kevent)" 666 "/dev/kevent has mode 0666"
major=$(stat -c %t /dev/kevent)
is "$major" a "/dev/kevent is a misc device (major 10)"
check "a non-root user can open /dev/kevent" su user -c 'exec 3</dev/kevent'
check "rmmod kevent" rmmod kevent
ok "$([ ! -e /dev/kevent ] && [ ! -d /sys/module/kevent ] && echo 1)" \
	"/dev/kevent and /sys/module/kevent are gone after unload"
check "insmod kevent.ko again" insmod "$ko"
check "/dev/kevent is back" test -c /dev/kevent
done_testing
