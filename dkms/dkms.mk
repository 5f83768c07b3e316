# SPDX-License-Identifier: GPL-2.0
#
# DKMS: kevent as an out-of-tree module of the machine's own kernels.
# Included from the top-level Makefile.
#
#   make dkms-source   build/dkms/kevent-$(KEVENT_VERSION)/: the module source
#                      DKMS builds (top-level Kbuild, module/, the kernel-side
#                      headers, VERSION, dkms.conf), nothing else of the tree
#   make dkms-install  (root) copy it to /usr/src/kevent-$(KEVENT_VERSION),
#                      `dkms add`, `dkms install` for DKMS_KERNEL (default: the
#                      running kernel, `uname -r`); KEVENT_HWSIM=1 also
#                      installs the demo driver
#   make dkms-remove   (root) `dkms remove` of that version from every kernel,
#                      and the copy in /usr/src
#   make test-dkms     host test: DKMS builds the staged source for every
#                      stock profile's headers in a throwaway tree
#                      (tests/host/dkms/run.sh); the host's /usr/src,
#                      /var/lib/dkms and /lib/modules are not touched

DKMS_SRC	:= build/dkms/kevent-$(KEVENT_VERSION)
DKMS_KERNEL	?= $(shell uname -r)
DKMS_USRSRC	:= /usr/src/kevent-$(KEVENT_VERSION)
# What DKMS gets: kept explicit, so nothing of build/ or the rig leaks in.
DKMS_FILES	:= Kbuild VERSION module/Kbuild $(wildcard module/*.c module/*.h) \
		   include/linux/kevent.h include/linux/kevent_nt.h include/uapi/linux/kevent.h \
		   include/uapi/linux/kevent_hwsim.h dkms/kevent-post-build

.PHONY: dkms-source dkms-install dkms-remove test-dkms

dkms-source: $(DKMS_SRC)/dkms.conf

$(DKMS_SRC)/dkms.conf: dkms/dkms.conf.in $(DKMS_FILES)
	@rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	@tar cf - $(DKMS_FILES) | tar xf - -C $(DKMS_SRC)
	@sed 's|@VERSION@|$(KEVENT_VERSION)|g' dkms/dkms.conf.in >$@
	@echo "  DKMS    $(DKMS_SRC)"

dkms-install: dkms-source
	@scripts/deps $(KERNEL) packaging
	@[ "$$(id -u)" -eq 0 ] || { echo "dkms-install: run as root" >&2; exit 1; }
	rm -rf $(DKMS_USRSRC) && cp -a $(DKMS_SRC) $(DKMS_USRSRC)
	dkms status -m kevent -v $(KEVENT_VERSION) | grep -q . || dkms add -m kevent -v $(KEVENT_VERSION)
	dkms install -m kevent -v $(KEVENT_VERSION) -k $(DKMS_KERNEL) --force

dkms-remove:
	@[ "$$(id -u)" -eq 0 ] || { echo "dkms-remove: run as root" >&2; exit 1; }
	-dkms remove -m kevent -v $(KEVENT_VERSION) --all
	rm -rf $(DKMS_USRSRC)

test-dkms: dkms-source
	@scripts/deps $(KERNEL) packaging
	@tests/host/dkms/run.sh $(DKMS_SRC) $(PROFILES)
