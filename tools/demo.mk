# tools/demo.mk - `make demo`: the hardware-event demo in the guest, non
# interactively (included by the top-level Makefile through tools/*.mk).
#
#   make demo [DEMO_DELAY=seconds] [DEMO_COUNT=n]
#
# Boots the guest (kevent and kevent_hwsim loaded) and runs hwevent-demo
# (tools/hwevent-demo.sh, installed as /opt/kevent/bin/hwevent-demo): tools/
# hwevent in each mode (0, 0 --async, 1, 2, 3), DEMO_COUNT notifications of
# DEMO_DELAY seconds each. Fails unless every notification arrived, none
# early. The output is also kept in build/<profile>/logs/demo.output.log.

DEMO_DELAY ?= 1
DEMO_COUNT ?= 3

.PHONY: demo
tools: build/tools/hwevent-demo

build/tools/hwevent-demo: tools/hwevent-demo.sh
	@mkdir -p $(@D)
	@sh -n $< && cp $< $@ && chmod +x $@

demo: initramfs
	@mkdir -p $(B)/logs
	@scripts/vm-run $(VMRUN_OPTS) --smp 2 --logs $(B)/logs/demo -- \
		hwevent-demo $(DEMO_DELAY) $(DEMO_COUNT)
	@echo "output kept in $(B)/logs/demo.output.log"
