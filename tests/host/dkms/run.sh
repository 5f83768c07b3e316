#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host test for DKMS (make test-dkms): for every kernel profile given
# (default: the stock ones, 5.10 6.1 6.12 rt latest), DKMS adds and builds
# the staged module source (make dkms-source) against that profile's headers,
# in a throwaway dkms/source/install tree (dkms --dkmstree, --sourcetree,
# --installtree, --kernelsourcedir): the host's /usr/src, /var/lib/dkms and
# /lib/modules are never touched. Then checks what a user gets: kevent.ko with
# that kernel's vermagic and the project's version, no kevent_hwsim.ko unless
# asked (KEVENT_HWSIM=1 is tried on the first profile), the Module.symvers the
# post-build hook keeps, and that the third-party consumer module of
# tests/modules builds against the DKMS-built kevent with no unresolved symbol.
# Output is TAP; the exit status is non-zero on any failure.
set -u
src=$(cd "${1:?usage: run.sh DKMS-SOURCE-DIR [PROFILE...]}" && pwd)
shift
top=$(cd "$(dirname "$0")/../../.." && pwd)
profiles=("$@")
[ ${#profiles[@]} -gt 0 ] || profiles=(5.10 6.1 6.12 rt latest)
version=$(cat "$src/VERSION")
# DKMS_KEEP=DIR: work in DIR and keep it (tests/host/deb/run.sh boots the
# module built there); default: a temporary directory, removed at the end.
if [ -n "${DKMS_KEEP:-}" ]; then
	tmp=$DKMS_KEEP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
n=0 fails=0

ok() {	# ok COND-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
diag_file() { sed 's/^/#   /' "$1" | tail -n 20; }

echo "TAP version 13"
first=1
for p in "${profiles[@]}"; do
	env=$("$top/scripts/kernel-prepare" "$p" 2>"$tmp/prepare.log") || {
		ok 1 "$p: kernel-prepare (its headers)"; diag_file "$tmp/prepare.log"; continue; }
	KERNEL_KDIR= KERNEL_RELEASE= KERNEL_CC=
	eval "$env"
	t=$tmp/$p
	mkdir -p "$t/dkms" "$t/src" "$t/modules" "$t/bin"
	cp -a "$src" "$t/src/kevent-$version"
	# DKMS compiles with the compiler the headers name (.kernelvariables:
	# gcc-10 for bullseye's 5.10). A bullseye machine has it; here the
	# profile's KERNEL_CC stands in for it, as it does for the rig.
	if [ -n "$KERNEL_CC" ] && [ -f "$KERNEL_KDIR/.kernelvariables" ]; then
		want=$(sed -n 's/^CC = .*)\(gcc-[0-9]*\)$/\1/p' "$KERNEL_KDIR/.kernelvariables")
		[ -n "$want" ] && ! command -v "$want" >/dev/null &&
			ln -s "$(command -v "$KERNEL_CC")" "$t/bin/$want"
	fi
	d=(env PATH="$t/bin:$PATH" dkms --dkmstree "$t/dkms" --sourcetree "$t/src"
	   --installtree "$t/modules" --kernelsourcedir "$KERNEL_KDIR"
	   -m kevent -v "$version" -k "$KERNEL_RELEASE")
	hw=()
	[ $first -eq 1 ] && hw=(KEVENT_HWSIM=1)
	"${d[@]}" add >"$t/add.log" 2>&1
	ok $? "$p: dkms add kevent/$version"
	s=$SECONDS
	env "${hw[@]}" "${d[@]}" build >"$t/build.log" 2>&1
	rc=$?
	ok $rc "$p: dkms build for $KERNEL_RELEASE ($((SECONDS - s)) s${hw:+, ${hw[*]}})"
	[ $rc -eq 0 ] || { diag_file "$t/build.log"; find "$t/dkms" -name make.log -exec tail -n 20 {} \; | sed 's/^/#   /'; continue; }
	base=$t/dkms/kevent/$version/$KERNEL_RELEASE/$(uname -m)
	ko=$base/module/kevent.ko
	ok "$([ -f "$ko" ]; echo $?)" "$p: the built module is kevent.ko"
	vm=$(modinfo -F vermagic "$ko" 2>/dev/null | cut -d' ' -f1)
	ok "$([ "$vm" = "$KERNEL_RELEASE" ]; echo $?)" "$p: its vermagic is $KERNEL_RELEASE (got '$vm')"
	mv=$(modinfo -F version "$ko" 2>/dev/null)
	ok "$([ "$mv" = "$version" ]; echo $?)" "$p: its version is $version (got '$mv')"
	if [ $first -eq 1 ]; then
		ok "$([ -f "$base/module/kevent_hwsim.ko" ]; echo $?)" "$p: KEVENT_HWSIM=1 also gives kevent_hwsim.ko"
		# ... and without it, only kevent.ko.
		"${d[@]}" unbuild >/dev/null 2>&1
		"${d[@]}" build >"$t/build2.log" 2>&1
		ok "$([ -f "$ko" ] && [ ! -e "$base/module/kevent_hwsim.ko" ]; echo $?)" \
			"$p: without KEVENT_HWSIM, DKMS keeps kevent.ko only"
	fi
	sv=$base/Module.symvers
	syms=$(awk 'END { print NR }' "$sv" 2>/dev/null || echo 0)
	ok "$([ "$syms" -gt 0 ] && ! grep -qv 'kevent' "$sv"; echo $?)" \
		"$p: the post-build hook kept kevent's Module.symvers ($syms symbols)"
	# The consumer module of tests/modules, as a third party builds it:
	# kevent's headers from /usr/src/kevent-<version>, its symbols from DKMS.
	c=$t/consumer
	mkdir -p "$c"
	cp "$top/tests/modules/kevent_consumer.c" "$c/"
	echo 'obj-m := kevent_consumer.o' >"$c/Kbuild"
	make -C "$KERNEL_KDIR" M="$c" ${KERNEL_CC:+CC="$KERNEL_CC"} \
		KBUILD_EXTRA_SYMBOLS="$sv" \
		KCPPFLAGS="-I$t/src/kevent-$version/include -I$t/src/kevent-$version/module" \
		modules >"$c/build.log" 2>&1
	rc=$?
	grep -q 'undefined!' "$c/build.log" && rc=1
	ok $rc "$p: a third-party module (kevent_consumer) builds against the DKMS-built kevent"
	[ $rc -eq 0 ] || diag_file "$c/build.log"
	first=0
done
echo "1..$n"
echo "$((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
