#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# keventctl: --help, --version and usage errors (exit status 2 and a one-line
# message pointing at --help). Needs no module.
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"

out=$(keventctl --help); rc=$?
is "$rc" 0 "--help exits 0"
for word in create hold open set reset pulse state wait list unlink \
	    --manual --set --mode --permanent --all --timeout "Exit status"; do
	case $out in
	*"$word"*) ok 1 "--help mentions $word" ;;
	*) ok 0 "--help mentions $word" ;;
	esac
done
case $out in
*"keventctl hold NAME"*"kill"*|*"--permanent"*"hold"*) ok 1 "--help says how to keep an event alive" ;;
*) ok 0 "--help says how to keep an event alive" ;;
esac
is "$(keventctl -h | head -1)" "$(echo "$out" | head -1)" "-h is --help"
is "$(keventctl wait --help >/dev/null; echo $?)" 0 "COMMAND --help exits 0"

out=$(keventctl --version); rc=$?
is "$rc" 0 "--version exits 0"
case $out in
"keventctl (kevent) "[0-9]*) ok 1 "--version prints the version ($out)" ;;
*) ok 0 "--version prints the version ($out)" ;;
esac

# usage_error DESC EXPECTED-SUBSTRING ARGS...: exit 2, one line on stderr.
usage_error() {
	_d=$1 _want=$2; shift 2
	_err=$(keventctl "$@" 2>&1 >/dev/null); _rc=$?
	is "$_rc" 2 "$_d: exit status 2"
	case $_err in
	"keventctl: "*"$_want"*) ok 1 "$_d: message" ;;
	*) ok 0 "$_d: message"; diag "got: $_err" ;;
	esac
	is "$(printf '%s\n' "$_err" | wc -l)" 1 "$_d: one line"
}

is "$(keventctl >/dev/null 2>&1; echo $?)" 2 "no arguments: exit status 2"
usage_error "unknown command" "unknown command 'frob'" frob
usage_error "unknown option" "unknown option '--bogus'" set x --bogus
usage_error "missing option argument" "needs an argument" wait x --timeout
usage_error "option of another command" "--all does not apply to 'create'" create x --all
usage_error "missing name" "takes exactly one event name" set
usage_error "two names" "takes exactly one event name" state a b
usage_error "wait without names" "needs at least one event name" wait
usage_error "bad mode" "invalid mode '999'" create x --mode 999
usage_error "mode too wide" "invalid mode '1777'" create x --mode 1777
usage_error "bad timeout" "invalid timeout 'soon'" wait x --timeout soon
usage_error "negative timeout" "invalid timeout '-5'" wait x --timeout -5
usage_error "list with an argument" "takes no arguments" list x
done_testing
