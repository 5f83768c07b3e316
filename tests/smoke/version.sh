#!/bin/sh
# smoke/version: the module, the demo driver, libkevent (through keventctl)
# and the header all carry the project's one version, the VERSION file the
# initramfs was built with (/etc/kevent/version).
. "${KEVENT_HARNESS:-/opt/kevent/harness}/tap.sh"
bin=${KEVENT_BIN:-/opt/kevent/bin}
plan 4

want=$(cat /etc/kevent/version)
check "VERSION is MAJOR.MINOR.PATCH ($want)" \
	sh -c 'echo "$1" | grep -Eqx "[0-9]+\.[0-9]+\.[0-9]+"' - "$want"
is "$(cat /sys/module/kevent/version 2>&1)" "$want" "kevent's MODULE_VERSION"
if [ -d /sys/module/kevent_hwsim ]; then
	is "$(cat /sys/module/kevent_hwsim/version 2>&1)" "$want" "kevent_hwsim's MODULE_VERSION"
else
	is "not loaded" "$want" "kevent_hwsim's MODULE_VERSION (kevent_hwsim must be loaded)"
fi
is "$("$bin/keventctl" --version 2>&1)" "keventctl (kevent) $want" \
	"keventctl --version (KEV_VERSION_STRING of kevent_version.h)"
done_testing
