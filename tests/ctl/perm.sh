#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keventctl as the unprivileged user (uid 1000, via su): permission and
# privilege errors give exit status 2 and a message naming the fix.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"

[ -c /dev/kevent ] || skip_all "no /dev/kevent (module not loaded)"
[ "$(id -u)" = 0 ] || skip_all "needs root to switch users"
user=$(awk -F: '$3 == 1000 { print $1; exit }' /etc/passwd)
[ -n "$user" ] || skip_all "no user with uid 1000"
n=ctl-perm-$$

# as_user CMD...: run keventctl as $user; prints stderr+stdout, exit status kept.
as_user() {
	su -s /bin/sh -c "keventctl $*" "$user" 2>&1
}

keventctl create "$n" --permanent --mode 0644 >/dev/null
out=$(as_user state "$n"); rc=$?
is "$rc" 0 "uid 1000 may query a 0644 event"
is "$out" nonsignaled "... and sees its state"
out=$(as_user set "$n"); rc=$?
is "$rc" 2 "uid 1000 may not set a 0644 event: exit 2"
case $out in "keventctl: permission denied to set event '$n': "*"--mode"*) ok 1 "permission message names the fix" ;;
*) ok 0 "permission message names the fix"; diag "$out" ;; esac
out=$(as_user create "$n-p" --permanent); rc=$?
is "$rc" 2 "uid 1000 --permanent: exit 2"
case $out in *"CAP_SYS_ADMIN"*"keventctl hold"*) ok 1 "--permanent message suggests hold" ;;
*) ok 0 "--permanent message suggests hold"; diag "$out" ;; esac
out=$(as_user unlink "$n"); rc=$?
is "$rc" 2 "uid 1000 unlink: exit 2"
case $out in *"CAP_SYS_ADMIN"*) ok 1 "unlink message names CAP_SYS_ADMIN" ;;
*) ok 0 "unlink message names CAP_SYS_ADMIN"; diag "$out" ;; esac
out=$(as_user wait "$n" --timeout 50); rc=$?
is "$rc" 1 "uid 1000 may wait on a 0644 event (times out: 1)"
keventctl unlink "$n"

# An event the user owns: all rights, and root's list shows the owner.
keventctl hold "$n-u" >/dev/null &
pid=$!
sleep 0.3
out=$(as_user open "$n-u"); rc=$?
is "$rc" 2 "uid 1000 may not open root's default-mode (0600) event"
kill $pid; wait $pid
# busybox su execs the shell, which execs keventctl: $! is keventctl.
su -s /bin/sh -c "exec keventctl hold $n-own --mode 0666 >/dev/null" "$user" &
upid=$!
sleep 0.5
line=$(keventctl list | grep "^$n-own ")
case $line in *" $user "*0666*) ok 1 "list shows the owner by name" ;;
*) ok 0 "list shows the owner by name"; diag "$line" ;; esac
check "root may set a 0666 event of uid 1000" keventctl set "$n-own"
kill $upid
wait $upid
done_testing
