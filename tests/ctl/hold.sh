#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keventctl hold keeps a temporary event alive until killed; the banner's
# paste-able demo (one shell waits, another sets) works as documented.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"

[ -c /dev/kevent ] || skip_all "no /dev/kevent (module not loaded)"
n=ctl-hold-$$
out=/tmp/$n.out

keventctl hold "$n" --manual >"$out" &
pid=$!
i=0
while [ ! -s "$out" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
is "$(cat "$out")" "holding new event '$n' (pid $pid): kill $pid to release it" "hold prints a ready line"
is "$(keventctl open "$n")" "$n: manual-reset (notification), nonsignaled" "the held event exists"
check "set the held event" keventctl set "$n"
is "$(keventctl state "$n")" signaled "its state persists between commands"
kill "$pid"
wait "$pid"
is "$?" 0 "hold exits 0 on SIGTERM"
is "$(keventctl open "$n" >/dev/null 2>&1; echo $?)" 2 "the event is gone after hold exits"

# A second hold of the same name opens it.
keventctl hold "$n" >"$out" &
p1=$!
sleep 0.5
keventctl hold "$n" >"$out.2" &
p2=$!
i=0
while [ ! -s "$out.2" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
case $(cat "$out.2") in "holding existing event '$n'"*) ok 1 "second hold opens the existing event" ;;
*) ok 0 "second hold opens the existing event"; diag "$(cat "$out.2")" ;; esac
kill -INT "$p1"; wait "$p1"
is "$?" 0 "hold exits 0 on SIGINT"
check "event alive while the second hold runs" keventctl open "$n"
kill -HUP "$p2"; wait "$p2"
is "$?" 0 "hold exits 0 on SIGHUP"
rm -f "$out" "$out.2"

# The banner demo, as root: create --permanent, wait in the background, set.
d=demo-$$
check "demo: keventctl create $d --manual --permanent" keventctl create "$d" --manual --permanent
keventctl wait "$d" >"$out" &
w=$!
sleep 0.3
check "demo: keventctl set $d" keventctl set "$d"
wait $w
is "$?" 0 "demo: the background wait finished with 0"
is "$(cat "$out")" "$d" "demo: and printed the event name"
check "demo: keventctl unlink $d" keventctl unlink "$d"
rm -f "$out"
done_testing
