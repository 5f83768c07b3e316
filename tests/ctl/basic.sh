#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keventctl against the module: create, open, set/reset/pulse/state, wait
# (exit 0 signaled, 1 timeout), list and unlink, as root.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"

[ -c /dev/kevent ] || skip_all "no /dev/kevent (module not loaded)"
n=ctl-basic-$$

# A temporary event dies with keventctl: create says so.
out=$(keventctl create "$n-tmp"); rc=$?
is "$rc" 0 "create temporary: exit 0"
case $out in *temporary*"--permanent"*hold*) ok 1 "create explains the event is gone" ;;
*) ok 0 "create explains the event is gone"; diag "$out" ;; esac
is "$(keventctl open "$n-tmp" 2>/dev/null; echo $?)" 2 "... and it is gone"

out=$(keventctl create "$n" --manual --permanent --mode 0644); rc=$?
is "$rc" 0 "create --manual --permanent: exit 0"
case $out in *"created permanent event '$n'"*) ok 1 "create message" ;;
*) ok 0 "create message"; diag "$out" ;; esac

is "$(keventctl open "$n")" "$n: manual-reset (notification), nonsignaled" "open prints type and state"
is "$(keventctl state "$n")" nonsignaled "state: nonsignaled"
check "set: exit 0" keventctl set "$n"
is "$(keventctl state "$n")" signaled "state: signaled"
is "$(keventctl set "$n")" "" "set prints nothing"

out=$(keventctl create "$n" --set); rc=$?
is "$rc" 0 "create of an existing name: exit 0"
case $out in *"already exists"*) ok 1 "create says it already exists" ;;
*) ok 0 "create says it already exists"; diag "$out" ;; esac
out=$(keventctl create "$n" --new 2>&1); rc=$?
is "$rc" 2 "create --new of an existing name: exit 2"
case $out in *"already exists"*) ok 1 "create --new message" ;; *) ok 0 "create --new message" ;; esac

is "$(keventctl wait "$n" --timeout 0)" "$n" "wait on a signaled event: prints its name"
is "$(keventctl wait "$n" --timeout 0 >/dev/null; echo $?)" 0 "wait: exit 0"
check "reset" keventctl reset "$n"
is "$(keventctl state "$n")" nonsignaled "state after reset"
err=$(keventctl wait "$n" --timeout 100 2>&1 >/dev/null); rc=$?
is "$rc" 1 "wait --timeout 100 on a clear event: exit 1"
case $err in "keventctl: timed out after 100 ms"*) ok 1 "timeout message" ;;
*) ok 0 "timeout message"; diag "$err" ;; esac
check "pulse" keventctl pulse "$n"
is "$(keventctl state "$n")" nonsignaled "state after pulse"

# A waiter in the background, released by a set.
keventctl wait "$n" --timeout 20000 >"/tmp/$n.out" &
pid=$!
sleep 0.3
keventctl set "$n"
wait $pid
is "$?" 0 "background wait released by set: exit 0"
is "$(cat "/tmp/$n.out")" "$n" "background wait printed the name"
rm -f "/tmp/$n.out"

# Wait for several.
keventctl create "$n-b" --permanent >/dev/null
keventctl create "$n-c" --permanent --set >/dev/null
keventctl reset "$n"
is "$(keventctl wait "$n" "$n-b" "$n-c" --timeout 0)" "$n-c" "wait any: prints the signaled one"
keventctl set "$n-c"
is "$(keventctl wait "$n" "$n-b" "$n-c" --all --timeout 0 >/dev/null 2>&1; echo $?)" 1 "wait --all, one of three: exit 1"
keventctl set "$n"
keventctl set "$n-b"
is "$(keventctl wait --all "$n" "$n-b" "$n-c" -t 0; echo $?)" 0 "wait --all, all set: exit 0, prints nothing"
is "$(keventctl state "$n-b")" nonsignaled "wait --all consumed the auto-reset events"
is "$(keventctl state "$n")" signaled "... not the manual-reset one"
err=$(keventctl wait "$n" "$n" --all -t 0 2>&1); rc=$?
is "$rc" 2 "wait --all with a name twice: exit 2"
case $err in *twice*) ok 1 "... message says twice" ;; *) ok 0 "... message says twice"; diag "$err" ;; esac

# list
out=$(keventctl list); rc=$?
is "$rc" 0 "list: exit 0"
case $out in NAME*TYPE*STATE*HANDLES*WAITERS*OWNER*GROUP*MODE*) ok 1 "list header" ;;
*) ok 0 "list header"; diag "$out" ;; esac
line=$(echo "$out" | grep "^$n ")
case $line in *notification*signaled*root*root*0644*permanent*) ok 1 "list shows $n" ;;
*) ok 0 "list shows $n"; diag "$out" ;; esac
echo "$out" | grep -q "^$n-c .*synchronization" ; ok "$([ $? = 0 ] && echo 1)" "list shows $n-c"

# unlink
check "unlink" keventctl unlink "$n"
err=$(keventctl open "$n" 2>&1); rc=$?
is "$rc" 2 "open after unlink: exit 2"
is "$err" "keventctl: no such event '$n': create it first, or check the IPC namespace" "no-such-event message"
keventctl unlink "$n-b"
keventctl unlink "$n-c"
err=$(keventctl unlink "$n" 2>&1); rc=$?
is "$rc" 2 "unlink a missing event: exit 2"
keventctl hold "$n-h" >/dev/null &
hpid=$!
sleep 0.3
err=$(keventctl unlink "$n-h" 2>&1); rc=$?
is "$rc" 2 "unlink a temporary event: exit 2"
case $err in *"not permanent"*) ok 1 "... message says not permanent" ;; *) ok 0 "... message says not permanent"; diag "$err" ;; esac
out=$(keventctl create "$n-h" --permanent); rc=$?
is "$rc" 0 "create --permanent of a held temporary event: exit 0"
case $out in *"already exists"*"now permanent"*) ok 1 "... says it is now permanent" ;;
*) ok 0 "... says it is now permanent"; diag "$out" ;; esac
kill $hpid; wait $hpid
check "... and it outlives the hold" keventctl open "$n-h"
check "unlink it" keventctl unlink "$n-h"
is "$(keventctl open "$n-h" >/dev/null 2>&1; echo $?)" 2 "gone after unlink"
done_testing
