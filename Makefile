# kevent: NT-style named kernel events for Linux (out-of-tree module).
#
#   make                 build kevent.ko, libkevent, tools, guest tests, initramfs
#   make vm-test         boot the guest under QEMU and run the test suite
#   make help            every target, one line each
#
# Every target takes KERNEL=<profile> (scripts/profiles/<profile>, default
# 6.1). Outputs go to build/ only: build/<profile>/ for what depends on the
# kernel (modules, initramfs, logs), build/{lib,tools,tests}/ for user space.
# See README.md and docs/rig.md.

KERNEL   ?= 6.1
SUITE    ?= full
TESTS    ?=
CMD      ?=
VM_TIMEOUT ?=
ACCEL    ?= tcg
# KDIR=   kernel build tree override (default: the profile's, see kernel-prepare)
KDIR     ?=
export ACCEL KEVENT_CACHE

B      := build/$(KERNEL)
KENV   := $(B)/kernel.env
CC     ?= gcc
CFLAGS ?= -O2 -g
# User-space rules first make sure the Debian packages are there (deps);
# KEVENT_NO_DEPS=1 skips that where a package build provides them (debian/).
DEPS := $(if $(KEVENT_NO_DEPS),,deps)
# The one version of kevent (module, library, tools, DKMS, packages).
KEVENT_VERSION := $(shell cat VERSION)
# Generated from VERSION: libkevent's version macros, included by kevent.h.
VERSION_H     := build/include/kevent_version.h
KEVENT_CFLAGS := -Wall -Wextra -Iinclude/uapi -Iinclude -Ibuild/include -MMD -MP
TEST_CFLAGS   := -static -O2 -g -Wall -Wextra -pthread -Iinclude/uapi -Iinclude -Ibuild/include \
		 -Itests/harness -MMD -MP

.DEFAULT_GOAL := all
.PHONY: all deps kernel modules test-modules lib tools tests initramfs \
	vm-run vm-shell vm-test vm-gdb vm-gdb-check vm-shell-check vm-reload-check rig-selftest \
	check ci clean distclean help FORCE

all: modules test-modules examples lib tools tests initramfs

help:
	@echo 'kevent make targets (KERNEL=<profile>, default 6.1: scripts/profiles/)'
	@echo '  all            kevent.ko, test modules, libkevent.a, tools, guest tests, initramfs'
	@echo '  deps           install the Debian packages kevent needs (apt-get, only what is missing)'
	@echo '  kernel         fetch/prepare the guest kernel of the profile ($(KENV))'
	@echo '  modules        module/ -> $(B)/module/*.ko (KDIR= overrides the kernel tree)'
	@echo '  test-modules   tests/modules/*.c -> $(B)/tests/modules/*.ko'
	@echo '  examples       examples/: Windows event code ported to kevent (examples/examples.mk)'
	@echo '  lib tools tests  build/lib/libkevent.a, build/tools/*, build/tests/<group>/<name>'
	@echo '  initramfs      $(B)/initramfs.cpio (rebuilt only when an input changed)'
	@echo '  vm-run         run CMD='"'"'...'"'"' as root in the guest, kevent loaded; exits with its status'
	@echo '  vm-test-all    the full suite on every stock kernel profile (PROFILES= to choose), one table'
	@echo '  vm-test        run SUITE=full|smoke|concurrency (or TESTS="group/name ...") in the guest'
	@echo '  vm-shell       interactive guest shell on the serial console (quit: Ctrl-A X)'
	@echo '  vm-gdb         guest under gdb (tmux: guest shell + gdb with kevent symbols)'
	@echo '  vm-gdb-check   batch proof that gdb breaks in kevent and shows the backtrace'
	@echo '  vm-shell-check drive vm-shell from tmux and check it'
	@echo '  vm-reload-check  prove make modules + kevent-reload in a running guest (--share)'
	@echo '  rig-selftest   prove the rig fails on failing/missing/hung tests, panics, WARNINGs'
	@echo '                 (KERNEL=debug|kcsan: on KASAN, kmemleak, lockdep, KCSAN reports)'
	@echo '  check          checkpatch --strict, sparse (C=2), W=1 on the module, groff -ww on man pages: no warnings'
	@echo '  ci             .ci/run: deps, build, every check above; last line "N passed, N failed"'
	@echo '  vm-fuzz        guest fuzzer, FUZZ_CALLS=1000000 FUZZ_SEED=1 (KERNEL=debug: sanitizers)'
	@echo '  vm-stress      invariant stress, STRESS_OPS=1000000 STRESS_SEED=1 (tests/tests.mk)'
	@echo '  dkms-source dkms-install dkms-remove test-dkms   DKMS (dkms/dkms.mk, docs/install.md)'
	@echo '  deb test-deb   Debian packages in build/deb/, and their user-level test (debian/deb.mk)'
	@echo '  demo vm-bench vm-bench-setall install test-install   (tools/demo.mk, bench/bench.mk, lib/lib.mk; see README.md)'
	@echo '  clean          remove build/ (the kernel cache in $${KEVENT_CACHE:-~/.cache/kevent} stays)'

# --- set-up ---------------------------------------------------------------

deps:
	@scripts/deps $(KERNEL)

# The profile's kernel: fetched/built once into the cache; $(KENV) holds the
# KERNEL_* assignments (rewritten only when they change).
kernel: $(KENV)
$(KENV): FORCE | deps
	@mkdir -p $(B)
	@scripts/kernel-prepare $(KERNEL) >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# --- kernel modules ---------------------------------------------------------
# Kbuild builds in the M= directory: scripts/kbuild mirrors the sources into
# $(B)/... with symlinks and runs Kbuild there. $(B)/include -> include/.

KBUILD = . ./$(KENV) && export KERNEL_CC && scripts/kbuild "$${KDIR_OVERRIDE:-$$KERNEL_KDIR}"
export KDIR_OVERRIDE := $(KDIR)

$(B)/include:
	@mkdir -p $(B) && ln -sfn ../../include $@

modules: $(KENV) | $(B)/include
	+@$(KBUILD) module $(B)/module W=1 KEVENT_INCLUDE=$(CURDIR)/include modules

# Kbuild does not rerun modpost when KBUILD_EXTRA_SYMBOLS changed: drop the
# test modules' symbol dump when kevent's is newer, so their CRCs follow.
test-modules: modules | $(B)/include
	@if [ $(B)/module/Module.symvers -nt $(B)/tests/modules/Module.symvers ]; then \
		rm -f $(B)/tests/modules/Module.symvers; fi
	+@if ls tests/modules/*.c >/dev/null 2>&1; then \
		$(KBUILD) tests/modules $(B)/tests/modules W=1 KEVENT_INCLUDE=$(CURDIR)/include \
			KBUILD_EXTRA_SYMBOLS=$(CURDIR)/$(B)/module/Module.symvers modules; fi

# --- user space (kernel-independent: build/lib, build/tools, build/tests) ---

LIB_SRCS  := $(wildcard lib/*.c)
LIB_OBJS  := $(LIB_SRCS:lib/%.c=build/lib/%.o)
LIBKEVENT := $(if $(LIB_SRCS),build/lib/libkevent.a)
TOOL_SRCS := $(wildcard tools/*.c)
TOOLS     := $(TOOL_SRCS:tools/%.c=build/tools/%)

# Guest tests: tests/<group>/<name>.c|.sh -> build/tests/<group>/<name>
NOT_TEST_DIRS := harness modules suites host
TEST_C    := $(filter-out $(NOT_TEST_DIRS:%=tests/%/%),$(wildcard tests/*/*.c))
TEST_SH   := $(filter-out $(NOT_TEST_DIRS:%=tests/%/%),$(wildcard tests/*/*.sh))
TEST_BINS := $(TEST_C:tests/%.c=build/tests/%) $(TEST_SH:tests/%.sh=build/tests/%)

# libkevent-win32: the Win32 event calls of <kevent/win32.h> (lib/win32/).
WIN32_SRCS := $(wildcard lib/win32/*.c)
WIN32_OBJS := $(WIN32_SRCS:lib/win32/%.c=build/lib/win32/%.o)
LIBKEVENT_WIN32 := $(if $(WIN32_SRCS),build/lib/libkevent-win32.a)

lib: $(LIBKEVENT) $(LIBKEVENT_WIN32)
tools: $(TOOLS)
tests: $(TEST_BINS)

$(VERSION_H): VERSION scripts/gen-version-h
	@mkdir -p $(@D)
	@scripts/gen-version-h VERSION >$@.tmp && mv $@.tmp $@

build/lib/%.o: lib/%.c $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(KEVENT_CFLAGS) -fPIC -c -o $@ $<

build/lib/libkevent.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

build/lib/win32/%.o: lib/win32/%.c $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(KEVENT_CFLAGS) -fPIC -c -o $@ $<

build/lib/libkevent-win32.a: $(WIN32_OBJS)
	@rm -f $@
	ar rcs $@ $^

build/tools/%: tools/%.c $(LIBKEVENT) $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(KEVENT_CFLAGS) -static -pthread -o $@ $< $(LIBKEVENT)

build/tests/%: tests/%.c $(LIBKEVENT) $(VERSION_H) tests/harness/tap.h | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(LIBKEVENT)

# tests/win32/<name>.c: programs of ported Windows code, on libkevent-win32.
build/tests/win32/%: tests/win32/%.c $(LIBKEVENT_WIN32) $(LIBKEVENT) $(VERSION_H) tests/harness/tap.h | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(LIBKEVENT_WIN32) $(LIBKEVENT)

# tests/compat/<name>.c: 32-bit programs, to test compat_ioctl (no libkevent).
build/tests/compat/%: tests/compat/%.c tests/harness/tap.h | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -m32 -o $@ $<

build/tests/%: tests/%.sh
	@mkdir -p $(@D)
	@sh -n $< && cp $< $@ && chmod +x $@

-include $(LIB_OBJS:.o=.d) $(WIN32_OBJS:.o=.d) $(TOOLS:=.d) $(TEST_BINS:=.d)

# --- guest ------------------------------------------------------------------

initramfs: all-guest-inputs
	@scripts/mkinitramfs $(KERNEL)
.PHONY: all-guest-inputs
all-guest-inputs: modules test-modules examples lib tools tests build/bench/kevent-bench

VMRUN_OPTS = --kernel $(KERNEL) $(if $(VM_TIMEOUT),--timeout $(VM_TIMEOUT))

# CMD is a shell command line: the guest's sh -c runs it.
vm-run: initramfs
	@scripts/vm-run $(VMRUN_OPTS) -- sh -c '$(subst ','"'"',$(CMD))'

vm-shell: initramfs
	@scripts/vm-run $(VMRUN_OPTS) --shell --share

vm-test: initramfs
	@scripts/vm-test $(VMRUN_OPTS) --suite '$(SUITE)' $(if $(TESTS),--tests '$(TESTS)')

# The full suite on every stock kernel profile, one summary table.
vm-test-all:
	@scripts/vm-test-all $(PROFILES)

vm-gdb: initramfs
	@scripts/vm-gdb --kernel $(KERNEL) $(if $(CMD),-- '$(subst ','"'"',$(CMD))')

vm-gdb-check: initramfs
	@scripts/vm-gdb-check --kernel $(KERNEL)

vm-shell-check: initramfs
	@scripts/vm-shell-check --kernel $(KERNEL)

# The edit/rebuild/reload loop (vm-run --share, kevent-reload), proved.
vm-reload-check: initramfs
	@scripts/vm-reload-check --kernel $(KERNEL)

# The stock kernel: the rig's generic self-tests. A debug profile (one with
# KERNEL_SANITIZERS): proof that its sanitizers fire and fail the run.
rig-selftest: initramfs
	@if [ -n "$$(. scripts/profiles/$(KERNEL) && echo "$${KERNEL_SANITIZERS:-}")" ]; then \
		scripts/rig-selftest-sanitizers --kernel $(KERNEL); \
	else scripts/rig-selftest --kernel $(KERNEL); fi

check: $(KENV) | $(B)/include
	@scripts/check $(KERNEL)

ci:
	@bash .ci/run

# --- targets of other parts of kevent (demo, vm-bench, install) go here ------
# Each part keeps its rules in its own fragment: lib/lib.mk (shared library,
# install, test-install), bench/*.mk, ...
-include $(wildcard lib/*.mk tools/*.mk bench/*.mk module/*.mk tests/*.mk dkms/*.mk debian/*.mk examples/*.mk)

# -----------------------------------------------------------------------------

clean:
	rm -rf build

distclean: clean
	@echo "the kernel cache $${KEVENT_CACHE:-$$HOME/.cache/kevent} is left alone; rm -rf it by hand"

FORCE:
