#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Host test for `make install` (make test-install): install into a scratch
# DESTDIR with PREFIX=/usr, check the layout, then compile a consumer with
# nothing but `pkg-config --cflags --libs kevent` (pointed into DESTDIR) and
# run it, linked both against the shared library and statically.
# Output is TAP; the exit status is non-zero on any failure.
# It lives one level below tests/<group>/ on purpose: the rig builds every
# tests/<group>/<name>.c|.sh as a guest test, and this one runs on the host.
set -u

top=$(cd "$(dirname "$0")/../../.." && pwd)
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
n=0
fails=0

ok() {	# ok COND-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fails=$((fails + 1))
	fi
}

echo "TAP version 13"
echo "1..14"

$make -C "$top" --no-print-directory install DESTDIR="$dest" PREFIX=/usr \
	>"$tmp/install.log" 2>&1
rc=$?
[ $rc -eq 0 ] || sed 's/^/# /' "$tmp/install.log"
ok $rc "make install DESTDIR=... PREFIX=/usr"

for f in lib/libkevent.a lib/libkevent.so.1 lib/libkevent.so \
	 include/kevent.h include/kevent/linux/kevent.h \
	 lib/pkgconfig/kevent.pc bin/keventctl \
	 share/man/man1/keventctl.1 share/man/man3/libkevent.3 \
	 share/man/man3/kev_wait_any_until.3; do
	test -e "$dest/usr/$f"
	ok $? "installed /usr/$f"
done

soname=$(readelf -d "$dest/usr/lib/libkevent.so" 2>/dev/null |
	 sed -n 's/.*SONAME.*\[\(.*\)\].*/\1/p')
[ "$soname" = libkevent.so.1 ]
ok $? "soname is libkevent.so.1 (got '$soname')"

export PKG_CONFIG_PATH="$dest/usr/lib/pkgconfig"
export PKG_CONFIG_LIBDIR="$dest/usr/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$dest"
flags=$(pkg-config --cflags --libs kevent)
echo "# pkg-config --cflags --libs kevent: $flags"
# shellcheck disable=SC2086 # flags are words
${CC:-cc} -Wall -Werror -o "$tmp/consumer" "$top/tests/host/install/consumer.c" $flags \
	>"$tmp/cc.log" 2>&1 &&
	LD_LIBRARY_PATH="$dest/usr/lib" "$tmp/consumer" >"$tmp/run.log" 2>&1
rc=$?
sed 's/^/# /' "$tmp/cc.log" "$tmp/run.log"
ok $rc "consumer built with pkg-config links against libkevent.so and runs"

# shellcheck disable=SC2086
${CC:-cc} -Wall -Werror -static -o "$tmp/consumer-static" \
	"$top/tests/host/install/consumer.c" $(pkg-config --static --cflags --libs kevent) \
	>"$tmp/cc.log" 2>&1 && "$tmp/consumer-static" >"$tmp/run.log" 2>&1
rc=$?
sed 's/^/# /' "$tmp/cc.log" "$tmp/run.log"
ok $rc "consumer built with pkg-config --static links against libkevent.a and runs"

echo "install: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
