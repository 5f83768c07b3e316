#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host test of the Debian packages (make test-deb), as a user would use them:
#   1. the four packages of DEB_DIR (make deb) are unpacked into a throwaway
#      root (dpkg-deb -x: the host's dpkg database and / are not touched;
#      maintainer scripts, which only call dkms, are not run) and hold what
#      they should;
#   2. DKMS builds the packaged module source for every stock profile's
#      headers (tests/host/dkms/run.sh on <root>/usr/src/kevent-<version>);
#   3. a consumer compiled with nothing but `pkg-config --cflags --libs
#      kevent` pointed into the root links (shared and static);
#   4. in the guest of the default profile: the DKMS-built kevent.ko loads,
#      the packaged keventctl (dynamically linked against the packaged
#      libkevent.so.1) creates, sets, reads and lists an event, and the
#      static consumer runs its round trip.
# Output is TAP; the exit status is non-zero on any failure.
set -u
debdir=$(cd "${1:?usage: run.sh DEB_DIR [PROFILE...]}" && pwd)
shift
top=$(cd "$(dirname "$0")/../../.." && pwd)
version=$(cat "$top/VERSION")
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
profile=${KERNEL:-6.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
n=0 fails=0
ok() {	# ok COND-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
has() { [ -e "$root/$1" ]; echo $?; }

echo "TAP version 13"
for p in kevent-dkms libkevent1 libkevent-dev kevent-tools; do
	deb=$(ls "$debdir"/${p}_"$version"_*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] && dpkg-deb -x "$deb" "$root"
	ok $? "$p $version unpacks into the throwaway root"
done

# 1. Contents.
for f in usr/src/kevent-$version/dkms.conf usr/src/kevent-$version/Kbuild \
	 usr/src/kevent-$version/module/kevent_core.c \
	 usr/src/kevent-$version/include/linux/kevent_nt.h usr/include/kevent/win32.h \
	 usr/lib/udev/rules.d/60-kevent.rules usr/lib/modules-load.d/kevent.conf \
	 usr/lib/$multiarch/libkevent.so.1 usr/lib/$multiarch/libkevent.so \
	 usr/lib/$multiarch/libkevent.a usr/lib/$multiarch/pkgconfig/kevent.pc \
	 usr/include/kevent.h usr/include/kevent_version.h usr/include/kevent/linux/kevent.h \
	 usr/bin/keventctl usr/share/man/man1/keventctl.1.gz usr/share/man/man3/libkevent.3.gz \
	 usr/share/man/man7/kevent.7.gz; do
	ok "$(has "$f")" "packaged: /$f"
done
grep -q 'PACKAGE_VERSION="'"$version"'"' "$root/usr/src/kevent-$version/dkms.conf"
ok $? "dkms.conf says version $version"
grep -Eq '^KERNEL=="kevent".*MODE="0666"' "$root/usr/lib/udev/rules.d/60-kevent.rules"
ok $? "the udev rule gives /dev/kevent mode 0666"
grep -qx kevent "$root/usr/lib/modules-load.d/kevent.conf"
ok $? "the modules-load.d snippet loads kevent"
soname=$(objdump -p "$root/usr/lib/$multiarch/libkevent.so.1" | awk '$1 == "SONAME" { print $2 }')
ok "$([ "$soname" = libkevent.so.1 ]; echo $?)" "libkevent's soname is libkevent.so.1 (got $soname)"
need=$(objdump -p "$root/usr/bin/keventctl" | awk '$1 == "NEEDED" { print $2 }' | tr '\n' ' ')
ok "$(echo "$need" | grep -qw libkevent.so.1; echo $?)" "the packaged keventctl links libkevent.so.1 ($need)"

# 2. DKMS, from the packaged source, for every stock profile.
DKMS_KEEP=$tmp/dkms "$top/tests/host/dkms/run.sh" "$root/usr/src/kevent-$version" "$@" >"$tmp/dkms.tap" 2>&1
rc=$?
sed 's/^/# dkms: /' "$tmp/dkms.tap" | grep -v '^# dkms: ok '
ok $rc "DKMS builds the packaged source: $(tail -n 1 "$tmp/dkms.tap")"
ko=$(ls "$tmp"/dkms/"$profile"/dkms/kevent/"$version"/*/*/module/kevent.ko 2>/dev/null | head -n 1)
ok "$([ -n "$ko" ]; echo $?)" "the DKMS-built kevent.ko for profile $profile is there"

# 3. A consumer built with pkg-config against the packaged -dev files.
export PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_LIBDIR=$root/usr/lib/$multiarch/pkgconfig
cons=$top/tests/host/install/consumer.c
# shellcheck disable=SC2046
gcc -Wall -o "$tmp/consumer-shared" "$cons" $(pkg-config --cflags --libs kevent) 2>"$tmp/cc.log"
ok $? "consumer links against the packaged libkevent.so ($(pkg-config --cflags --libs kevent | tr -s ' '))"
LD_LIBRARY_PATH=$root/usr/lib/$multiarch "$tmp/consumer-shared" >"$tmp/consumer.out" 2>&1
ok $? "... and runs on the host (no module here: ENODEV path)"
# shellcheck disable=SC2046
gcc -Wall -static -o "$tmp/consumer-static" "$cons" $(pkg-config --static --cflags --libs kevent) 2>>"$tmp/cc.log"
ok $? "consumer links statically with pkg-config --static (for the busybox guest)"
[ $fails -eq 0 ] || sed 's/^/#   /' "$tmp/cc.log"

# 4. The guest: DKMS-built module, packaged keventctl, the consumer.
# keventctl is a dynamic Debian binary: it gets the host's loader and libc
# (the guest is busybox) and the packaged libkevent.so.1.
libc=$(ldd "$root/usr/bin/keventctl" 2>/dev/null | awk '/libc.so/ { print $3 }')
ld=$(ldd "$root/usr/bin/keventctl" 2>/dev/null | awk '/ld-linux/ { print $1 }')
cat >"$tmp/guest.sh" <<'GUEST'
set -u
insmod /root/kevent.ko || { echo "insmod failed"; exit 10; }
echo "module version $(cat /sys/module/kevent/version)"
export LD_LIBRARY_PATH=/root/lib
ctl="/root/lib/ld.so /root/keventctl"
$ctl --version || exit 11
$ctl hold deb-test --manual &
h=$!
i=0
until grep -q '^deb-test ' /proc/kevent || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
$ctl set deb-test || exit 12
[ "$($ctl state deb-test)" = signaled ] || exit 13
$ctl list | grep -q deb-test || exit 14
$ctl wait deb-test --timeout 100 || exit 15
kill $h
/root/consumer-static || exit 16
echo "guest: all passed"
GUEST
mkdir -p "$tmp/lib"
cp -L "$root/usr/lib/$multiarch/libkevent.so.1" "$libc" "$tmp/lib/" && cp -L "$ld" "$tmp/lib/ld.so"
out=$tmp/guest.output.log
"$top/scripts/vm-run" --kernel "$profile" --no-load --quiet --timeout 120 --logs "$tmp/guest" \
	--add "$ko:/root/kevent.ko" --add "$root/usr/bin/keventctl:/root/keventctl" \
	--add "$tmp/lib:/root/lib" --add "$tmp/consumer-static:/root/consumer-static" \
	--add "$tmp/guest.sh:/root/guest.sh" -- sh /root/guest.sh >"$tmp/vm-run.log" 2>&1
rc=$?
cat "$tmp/vm-run.log" >>"$out"
sed 's/^/#   guest: /' "$out" | tail -n 25
ok "$(grep -q "^module version $version" "$out"; echo $?)" "guest ($profile): the DKMS-built kevent.ko loads, version $version"
ok "$(grep -q "^keventctl (kevent) $version" "$out"; echo $?)" "guest: the packaged keventctl runs with the packaged libkevent.so.1"
ok "$(grep -q '^PASSED, version' "$out"; echo $?)" "guest: the pkg-config-built consumer's create/set/wait round trip passes"
ok $rc "guest: keventctl create/set/state/list/wait and everything else passed (exit $rc)"
echo "1..$n"
echo "$((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
