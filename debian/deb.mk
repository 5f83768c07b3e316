# SPDX-License-Identifier: GPL-2.0
#
# Debian packages: `make deb` builds kevent-dkms, libkevent1, libkevent-dev
# and kevent-tools with Debian's own tooling (dpkg-buildpackage, debhelper,
# dh-dkms; `scripts/deps ... packaging` installs them) into build/deb/, then
# runs lintian on them (build/deb/lintian.log; an error fails the target).
# `make test-deb` installs them into a throwaway root and tests them like a
# user (tests/host/deb/run.sh). Included from the top-level Makefile.
#
# The package build runs in a staged copy of what the packages are made
# of (build/deb/kevent-$(KEVENT_VERSION)/): dpkg-buildpackage writes its
# results to the parent directory, and the checkout's build/ stays out.

DEB_DIR		:= build/deb
DEB_STAGE	:= $(DEB_DIR)/kevent-$(KEVENT_VERSION)
DEB_ARCH	:= $(shell dpkg --print-architecture 2>/dev/null)
DEB_PKGS	:= kevent-dkms_$(KEVENT_VERSION)_all.deb \
		   $(foreach p,libkevent1 libkevent-dev kevent-tools,$(p)_$(KEVENT_VERSION)_$(DEB_ARCH).deb)
# What the packages are built from: kept explicit, like the DKMS source.
DEB_SOURCES	:= Makefile Kbuild VERSION module include lib tools/keventctl.c \
		   docs/man dkms debian scripts/gen-version-h

.PHONY: deb test-deb

deb:
	@scripts/deps $(KERNEL) packaging
	@rm -rf $(DEB_DIR) && mkdir -p $(DEB_STAGE)
	@tar cf - --exclude=debian/changelog.in $(DEB_SOURCES) | tar xf - -C $(DEB_STAGE)
	@sed 's|@VERSION@|$(KEVENT_VERSION)|g' debian/changelog.in >$(DEB_STAGE)/debian/changelog
	cd $(DEB_STAGE) && dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -n 30 ../build.log; echo "deb: dpkg-buildpackage failed: $(DEB_DIR)/build.log"; exit 1; }
	@cd $(DEB_DIR) && ls $(DEB_PKGS) >/dev/null
	@cd $(DEB_DIR) && lintian --info --display-level '>=pedantic' $(DEB_PKGS) >lintian.log 2>&1; \
		cat lintian.log; \
		if grep -q '^E: ' lintian.log; then echo "deb: lintian reports errors"; exit 1; fi
	@echo "deb: $(addprefix $(DEB_DIR)/,$(DEB_PKGS))"

test-deb: deb initramfs
	@tests/host/deb/run.sh $(DEB_DIR) $(PROFILES)
