# examples/examples.mk - Windows event code ported to kevent (included by
# the top-level Makefile; examples/README.md says what each one is).
#
#   make examples   the drivers: build/<profile>/examples/*.ko (against
#                   kevent's Module.symvers), and the applications:
#                   build/examples/{event,synchapp,notified}
#
# The guest suite runs them all (tests/examples/ports.sh); the initramfs
# carries them in /opt/kevent/examples/.

EXAMPLE_APPS := build/examples/event build/examples/synchapp build/examples/notified

.PHONY: examples example-modules example-apps
examples: example-modules example-apps
example-apps: $(EXAMPLE_APPS)

# As test-modules: follow kevent's symbol CRCs when they change.
example-modules: modules | $(B)/include
	@if [ $(B)/module/Module.symvers -nt $(B)/examples/Module.symvers ]; then \
		rm -f $(B)/examples/Module.symvers; fi
	+@$(KBUILD) examples $(B)/examples W=1 KEVENT_INCLUDE=$(CURDIR)/include \
		KBUILD_EXTRA_SYMBOLS=$(CURDIR)/$(B)/module/Module.symvers modules

EXAMPLE_CFLAGS := -O2 -g $(KEVENT_CFLAGS) -static -pthread

build/examples/event: examples/hardware-event/event.c $(LIBKEVENT_WIN32) $(LIBKEVENT) $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CFLAGS) -o $@ $< $(LIBKEVENT_WIN32) $(LIBKEVENT)

build/examples/synchapp: examples/driverworks/synchapp.c examples/driverworks/synch_event.h $(LIBKEVENT_WIN32) $(LIBKEVENT) $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CFLAGS) -o $@ $< $(LIBKEVENT_WIN32) $(LIBKEVENT)

build/examples/notified: examples/notification/notified.c $(LIBKEVENT_WIN32) $(LIBKEVENT) $(VERSION_H) | $(DEPS)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CFLAGS) -o $@ $< $(LIBKEVENT_WIN32) $(LIBKEVENT)

-include $(EXAMPLE_APPS:=.d)
