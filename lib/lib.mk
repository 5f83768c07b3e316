# SPDX-License-Identifier: GPL-2.0
#
# libkevent: shared library, pkg-config file, installation and the host
# install test. Included from the top-level Makefile, which builds the static
# build/lib/libkevent.a (from lib/*.c) and build/tools/* itself.
#
# Installed layout (PREFIX defaults to /usr/local, DESTDIR is prepended):
#   $(LIBDIR)/libkevent.a, libkevent.so.$(KEV_VERSION) and the symlinks
#       libkevent.so.$(KEV_SOVERSION) (the soname) and libkevent.so
#   $(INCLUDEDIR)/kevent.h                   the library API (self-contained)
#   $(INCLUDEDIR)/kevent_version.h           its version macros, from VERSION
#   $(INCLUDEDIR)/kevent/win32.h, $(LIBDIR)/libkevent-win32.a and
#       $(PKGCONFIGDIR)/kevent-win32.pc: the Win32 event calls
#   $(INCLUDEDIR)/kevent/linux/kevent.h      the kernel uAPI header; not in
#       $(INCLUDEDIR)/linux, which belongs to the system's kernel headers.
#       kevent.pc adds -I$(INCLUDEDIR)/kevent, so <linux/kevent.h> works.
#   $(PKGCONFIGDIR)/kevent.pc
#   $(BINDIR)/keventctl
#   $(MANDIR)/man1/keventctl.1, $(MANDIR)/man3/libkevent.3 and one page per
#       function (kev_create.3, ...) that sources libkevent.3

KEV_VERSION	:= $(shell cat VERSION)
KEV_SOVERSION	:= 1

PREFIX		?= /usr/local
DESTDIR		?=
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
PKGCONFIGDIR	?= $(LIBDIR)/pkgconfig
INSTALL		?= install

KEV_BUILD	?= build
KEV_LIB_SRCS	:= $(wildcard lib/*.c)
KEV_PIC_OBJS	:= $(patsubst lib/%.c,$(KEV_BUILD)/lib/pic/%.o,$(KEV_LIB_SRCS))
KEV_SO_REAL	:= $(KEV_BUILD)/lib/libkevent.so.$(KEV_VERSION)
KEV_SO_NAME	:= libkevent.so.$(KEV_SOVERSION)
KEV_SO		:= $(KEV_BUILD)/lib/libkevent.so
KEV_A		:= $(KEV_BUILD)/lib/libkevent.a
KEV_PC		:= $(KEV_BUILD)/lib/kevent.pc
# libkevent-win32 (lib/win32/): static, PIC, built by the top-level Makefile.
KEV_WIN32_A	:= $(KEV_BUILD)/lib/libkevent-win32.a
KEV_WIN32_PC	:= $(KEV_BUILD)/lib/kevent-win32.pc
KEV_TOOLS	:= $(KEV_BUILD)/tools/keventctl
KEV_MAN1	:= docs/man/man1/keventctl.1
KEV_MAN3	:= docs/man/man3/libkevent.3
# Each gets a one-line page that sources libkevent.3, so "man kev_wait" works.
KEV_MAN3_LINKS	:= kev_create kev_open kev_set kev_reset kev_pulse kev_state \
		   kev_is_manual kev_wait kev_wait_any kev_wait_all \
		   kev_wait_any_until kev_wait_all_until kev_unlink kev_close

KEV_LIB_CFLAGS	?= -O2 -g -Wall -Wextra -std=gnu11
KEV_PIC_CFLAGS	:= $(KEV_LIB_CFLAGS) -fPIC -Iinclude -Ibuild/include

.PHONY: lib-shared install install-lib install-headers install-tools \
	install-man install-pc uninstall test-install FORCE

lib-shared: $(KEV_SO)

$(KEV_BUILD)/lib/pic/%.o: lib/%.c lib/internal.h include/kevent.h \
			  include/uapi/linux/kevent.h $(VERSION_H)
	@mkdir -p $(dir $@)
	$(CC) $(KEV_PIC_CFLAGS) -c $< -o $@

$(KEV_SO_REAL): $(KEV_PIC_OBJS) lib/libkevent.map
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(KEV_SO_NAME) \
		-Wl,--version-script,lib/libkevent.map -Wl,-z,defs \
		-o $@ $(KEV_PIC_OBJS)

$(KEV_SO): $(KEV_SO_REAL)
	ln -sf libkevent.so.$(KEV_VERSION) $(KEV_BUILD)/lib/$(KEV_SO_NAME)
	ln -sf $(KEV_SO_NAME) $@

# Regenerated on every run: it depends on PREFIX and friends, not on files.
$(KEV_PC): lib/kevent.pc.in FORCE
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(KEV_VERSION)|' \
	    $< > $@

$(KEV_WIN32_PC): lib/win32/kevent-win32.pc.in FORCE
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(KEV_VERSION)|' \
	    $< > $@

install: install-lib install-headers install-tools install-man install-pc

install-lib: $(KEV_A) $(KEV_SO) $(KEV_WIN32_A)
	$(INSTALL) -d $(DESTDIR)$(LIBDIR)
	$(INSTALL) -m 0644 $(KEV_A) $(DESTDIR)$(LIBDIR)/libkevent.a
	$(INSTALL) -m 0644 $(KEV_WIN32_A) $(DESTDIR)$(LIBDIR)/libkevent-win32.a
	$(INSTALL) -m 0755 $(KEV_SO_REAL) $(DESTDIR)$(LIBDIR)/libkevent.so.$(KEV_VERSION)
	ln -sf libkevent.so.$(KEV_VERSION) $(DESTDIR)$(LIBDIR)/$(KEV_SO_NAME)
	ln -sf $(KEV_SO_NAME) $(DESTDIR)$(LIBDIR)/libkevent.so

install-headers: $(VERSION_H)
	$(INSTALL) -d $(DESTDIR)$(INCLUDEDIR)/kevent/linux
	$(INSTALL) -m 0644 include/kevent.h $(DESTDIR)$(INCLUDEDIR)/kevent.h
	$(INSTALL) -m 0644 $(VERSION_H) $(DESTDIR)$(INCLUDEDIR)/kevent_version.h
	$(INSTALL) -m 0644 include/kevent/win32.h $(DESTDIR)$(INCLUDEDIR)/kevent/win32.h
	$(INSTALL) -m 0644 include/uapi/linux/kevent.h \
		$(DESTDIR)$(INCLUDEDIR)/kevent/linux/kevent.h

install-tools: $(KEV_TOOLS)
	$(INSTALL) -d $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 0755 $(KEV_TOOLS) $(DESTDIR)$(BINDIR)/

install-man:
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 0644 $(KEV_MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 0644 $(KEV_MAN3) $(DESTDIR)$(MANDIR)/man3/
	for f in $(KEV_MAN3_LINKS); do \
		echo '.so man3/libkevent.3' > $(DESTDIR)$(MANDIR)/man3/$$f.3 || exit 1; \
	done

install-pc: $(KEV_PC) $(KEV_WIN32_PC)
	$(INSTALL) -d $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 0644 $(KEV_PC) $(DESTDIR)$(PKGCONFIGDIR)/kevent.pc
	$(INSTALL) -m 0644 $(KEV_WIN32_PC) $(DESTDIR)$(PKGCONFIGDIR)/kevent-win32.pc

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libkevent.a \
	      $(DESTDIR)$(LIBDIR)/libkevent.so.$(KEV_VERSION) \
	      $(DESTDIR)$(LIBDIR)/$(KEV_SO_NAME) $(DESTDIR)$(LIBDIR)/libkevent.so \
	      $(DESTDIR)$(INCLUDEDIR)/kevent.h \
	      $(DESTDIR)$(INCLUDEDIR)/kevent_version.h \
	      $(DESTDIR)$(INCLUDEDIR)/kevent/win32.h \
	      $(DESTDIR)$(LIBDIR)/libkevent-win32.a \
	      $(DESTDIR)$(PKGCONFIGDIR)/kevent-win32.pc \
	      $(DESTDIR)$(INCLUDEDIR)/kevent/linux/kevent.h \
	      $(DESTDIR)$(PKGCONFIGDIR)/kevent.pc \
	      $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(KEV_TOOLS))) \
	      $(DESTDIR)$(MANDIR)/man1/keventctl.1 \
	      $(DESTDIR)$(MANDIR)/man3/libkevent.3 \
	      $(patsubst %,$(DESTDIR)$(MANDIR)/man3/%.3,$(KEV_MAN3_LINKS))
	-rmdir $(DESTDIR)$(INCLUDEDIR)/kevent/linux $(DESTDIR)$(INCLUDEDIR)/kevent

# Host test: install into a scratch DESTDIR, then build and run consumers
# with nothing but pkg-config's flags.
test-install: $(KEV_A) $(KEV_SO) $(KEV_TOOLS)
	MAKE="$(MAKE)" tests/host/install/run.sh

FORCE:
