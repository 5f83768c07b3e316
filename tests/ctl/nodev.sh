#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keventctl without the module: exit status 2 and a message that says to
# load it. /dev/kevent and /proc/kevent are hidden in a private mount
# namespace (unshare -m), so the module stays loaded for the other tests.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root for unshare -m"
unshare -m true 2>/dev/null || skip_all "no unshare -m"

# hidden CMD...: run keventctl in a namespace without /dev/kevent and /proc/kevent.
hidden() {
	unshare -m sh -c 'mount --make-rprivate / 2>/dev/null; mount -t tmpfs none /dev &&
		mount -t tmpfs none /proc && exec keventctl "$@"' sh "$@" 2>&1
}

for cmd in "set x" "open x" "create x" "wait x" "unlink x"; do
	# shellcheck disable=SC2086 # cmd is words
	out=$(hidden $cmd); rc=$?
	is "$rc" 2 "$cmd without the module: exit 2"
	case $out in
	"keventctl: cannot "*"the kevent module is not loaded"*"insmod kevent.ko"*) ok 1 "$cmd: message says to load the module" ;;
	*) ok 0 "$cmd: message says to load the module"; diag "$out" ;;
	esac
done
out=$(hidden list); rc=$?
is "$rc" 2 "list without the module: exit 2"
case $out in *"/proc/kevent does not exist"*"insmod kevent.ko"*) ok 1 "list: message says to load the module" ;;
*) ok 0 "list: message says to load the module"; diag "$out" ;; esac
done_testing
