# tap.sh - TAP 13 helpers for kevent's shell tests (busybox ash or bash).
#
#	#!/bin/sh
#	. /opt/kevent/harness/tap.sh	# in the guest: $KEVENT_HARNESS/tap.sh
#	plan 3
#	ok "$([ -c /dev/kevent ] && echo 1)" "/dev/kevent is a char device"
#	check "kevent is loaded" test -d /sys/module/kevent
#	is "$(stat -c %a /dev/kevent)" 666 "mode 0666"
#	done_testing	# exits 0 only if every point passed and the plan matched
#
# ok COND DESC	    COND is a shell truth: non-empty and not 0/false passes
# check DESC CMD...   runs CMD; passes if it exits 0 (its output is shown as # lines)
# is GOT WANT DESC    string comparison
# skip DESC          a skipped point; skip_all REASON skips the whole program
# diag MSG           a # comment;  bail_out MSG aborts (fails)

_tap_run=0
_tap_failed=0
_tap_planned=-1
echo "TAP version 13"

plan() { _tap_planned=$1; echo "1..$1"; }

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

_tap_point() { # pass desc
	_tap_run=$((_tap_run + 1))
	if [ "$1" = 1 ]; then
		echo "ok $_tap_run - $2"
	else
		_tap_failed=$((_tap_failed + 1))
		echo "not ok $_tap_run - $2"
	fi
}

ok() {
	case $1 in ''|0|false) _tap_point 0 "$2"; return 1 ;; esac
	_tap_point 1 "$2"
}

check() {
	_d=$1; shift
	if _out=$("$@" 2>&1); then
		_tap_point 1 "$_d"
	else
		_rc=$?
		_tap_point 0 "$_d"
		diag "  command: $*"
		diag "  exit status $_rc"
		[ -n "$_out" ] && diag "$_out"
		return 1
	fi
}

is() {
	if [ "$1" = "$2" ]; then
		_tap_point 1 "$3"
	else
		_tap_point 0 "$3"
		diag "  got:  '$1'"
		diag "  want: '$2'"
		return 1
	fi
}

skip() { _tap_run=$((_tap_run + 1)); echo "ok $_tap_run - $1 # SKIP $1"; }

bail_out() { echo "Bail out! $*"; exit 1; }

done_testing() {
	[ "$_tap_planned" -lt 0 ] && { _tap_planned=$_tap_run; echo "1..$_tap_run"; }
	if [ "$_tap_run" -ne "$_tap_planned" ]; then
		echo "# planned $_tap_planned test points, ran $_tap_run"
		exit 1
	fi
	[ "$_tap_failed" -eq 0 ] || exit 1
	exit 0
}
