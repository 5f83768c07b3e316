#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Host test for the JUnit XML that `make vm-test` writes (make test-junit):
# scripts/tap-check is run on made-up logs of a guest run holding a passing
# program, one with a failing point and its diagnostics, a skipped point, a
# program skipped as a whole, one that planned more points than it reported
# and bailed out, one that reported a point twice and points beyond its
# plan, a post-suite check and a kernel complaint; the XML must be
# valid against tests/host/junit/junit.xsd (xmllint), and its counts must be
# the summary line's. Files given as arguments (the real
# build/<profile>/logs/vm-test.junit.xml) are validated too.
# Output is TAP; the exit status is non-zero on any failure.
set -u

top=$(cd "$(dirname "$0")/../../.." && pwd)
xsd=$top/tests/host/junit/junit.xsd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi; }

N=0123456789abcdef
cat >"$tmp/list" <<L
core/good timeout=60
core/bad timeout=60
lib/skipped timeout=60
lib/short timeout=60
lib/dup timeout=60
L
cat >"$tmp/output.log" <<O
# @@KEVENT $N begin core/good timeout=60
TAP version 13
ok 1 - first
ok 2 - second <with> "markup" & more
1..2
# @@KEVENT $N end core/good exit=0
# @@KEVENT $N begin core/bad timeout=60
ok 1 - fine
not ok 2 - broken on purpose
#   got 3 (r), want 4 (4)
ok 3 - later # SKIP not here
1..3
# @@KEVENT $N end core/bad exit=1
# @@KEVENT $N begin lib/skipped timeout=60
1..0 # SKIP needs a debug kernel
# @@KEVENT $N end lib/skipped exit=0
# @@KEVENT $N begin lib/short timeout=60
1..3
ok 1 - only one
Bail out! no device
# @@KEVENT $N end lib/short exit=1
# @@KEVENT $N begin lib/dup timeout=60
ok 1 - once
ok 1 - twice
ok 2 - beyond
ok 3 - further
1..1
# @@KEVENT $N end lib/dup exit=0
O
esc=$(printf '\033')
cat >"$tmp/console.log" <<C
[    1.000000] booting
# @@KEVENT $N begin core/bad timeout=60
[    2.000000] WARNING: CPU: 0 PID: 1 at kevent_core.c:1 kevent_set+0x1/0x2 [kevent]
[    2.000001] a control character ${esc}[0m in the excerpt
[    2.000002] Call Trace:
C
cat >"$tmp/control.log" <<K
@@KEVENT $N tainted 12800
@@KEVENT $N done
K
cat >"$tmp/verdict" <<V
nonce=$N
verdict=ok
rc=1
output=$tmp/output.log
console=$tmp/console.log
control=$tmp/control.log
checks=
V
"$top/scripts/tap-check" --verdict "$tmp/verdict" --list "$tmp/list" --junit "$tmp/j.xml" >"$tmp/summary" 2>&1
ok $([ $? -ne 0 ] && echo 0 || echo 1) "tap-check fails the made-up run (exit status non-zero)"
ok $([ -s "$tmp/j.xml" ] && echo 0 || echo 1) "it wrote the JUnit file"
xmllint --noout --schema "$xsd" "$tmp/j.xml" >"$tmp/xmllint" 2>&1
r=$?
ok $r "the JUnit file is valid against junit.xsd"
[ $r -eq 0 ] || sed 's/^/#   /' "$tmp/xmllint"

# The counts: summary "P passed, F failed, S skipped" against the XML.
sum=$(tail -n 1 "$tmp/summary")
p=$(echo "$sum" | sed -E 's/^([0-9]+) passed.*/\1/')
f=$(echo "$sum" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
s=$(echo "$sum" | sed -nE 's/.*, ([0-9]+) skipped$/\1/p')
x() { xmllint --xpath "$1" "$tmp/j.xml" 2>/dev/null; }
xt=$(x 'string(/testsuites/@tests)') xf=$(x 'string(/testsuites/@failures)') xs=$(x 'string(/testsuites/@skipped)')
ok $([ "$xf" = "$f" ] && echo 0 || echo 1) "failures: XML $xf, summary $f ($sum)"
ok $([ "$xs" = "${s:-0}" ] && echo 0 || echo 1) "skipped: XML $xs, summary ${s:-0}"
ok $([ "$xt" = $((p + f + ${s:-0})) ] && echo 0 || echo 1) "tests: XML $xt = passed + failed + skipped"
ok $([ "$(x 'count(/testsuites/testsuite)')" = 6 ] && echo 0 || echo 1) \
	"one testsuite per program, plus one for the rig's own problems"
ok $([ "$(x 'count(//testsuite[@name="core/good"]/testcase)')" = 2 ] && echo 0 || echo 1) \
	"one testcase per test point"
ok $(x 'string(//testcase[@name="2 - broken on purpose"]/failure)' | grep -q 'got 3 (r), want 4' && echo 0 || echo 1) \
	"a failing point carries its TAP diagnostics"
ok $([ "$(x 'count(//testsuite[@name="lib/short"]//failure)')" = 3 ] && echo 0 || echo 1) \
	"the bail-out and each point never reported are failures of their own"
ok $(x 'string(//testsuite[@name="rig"]/testcase/failure)' | grep -q 'Call Trace' && echo 0 || echo 1) \
	"a kernel complaint carries its console excerpt"
ok $([ "$(x 'count(//testsuite[@name="lib/skipped"]/testcase/skipped)')" = 1 ] && echo 0 || echo 1) \
	"a program skipped as a whole is one skipped case"
ok $(x 'string(//testsuite[@name="core/good"]/testcase[2]/@name)' | grep -q '<with> "markup" & more' && echo 0 || echo 1) \
	"markup in a description is escaped, not lost"

for f in "$@"; do
	xmllint --noout --schema "$xsd" "$f" >"$tmp/xmllint" 2>&1
	r=$?
	ok $r "$f is valid against junit.xsd"
	[ $r -eq 0 ] || sed 's/^/#   /' "$tmp/xmllint"
done
echo "1..$n"
echo "$((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
