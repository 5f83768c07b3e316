#!/bin/sh
# smoke/load: kevent.ko is loaded, /dev/kevent exists with mode 0666 (a
# misc device), the module unloads (the node goes away) and loads again.
# Modules that depend on kevent (kevent_hwsim, ...: whatever /init loaded
# after it) are unloaded first and loaded back afterwards.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
moddir=${KEVENT_MODDIR:-/lib/modules/kevent}
mods=$(cat /etc/kevent/loaded 2>/dev/null || echo kevent)
rev=$(echo "$mods" | sed '1!G;h;$!d')
plan 9

check "kevent is loaded (/sys/module/kevent)" test -d /sys/module/kevent
check "/dev/kevent is a character device" test -c /dev/kevent
is "$(stat -c %a /dev/kevent)" 666 "/dev/kevent has mode 0666"
major=$(stat -c %t /dev/kevent)
is "$major" a "/dev/kevent is a misc device (major 10)"
check "a non-root user can open /dev/kevent" su user -c 'exec 3</dev/kevent'
unload() { for m in $rev; do rmmod "$m" || return 1; done; }
check "rmmod $(echo $rev)" unload
ok "$([ ! -e /dev/kevent ] && [ ! -d /sys/module/kevent ] && echo 1)" \
	"/dev/kevent and /sys/module/kevent are gone after unload"
load() { for m in $mods; do insmod "$moddir/$m.ko" || return 1; done; }
check "insmod $(echo $mods) again" load
check "/dev/kevent is back" test -c /dev/kevent
done_testing
