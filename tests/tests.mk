# tests/tests.mk - long guest runs of the test programs (included by the
# top-level Makefile). Both boot the guest through scripts/vm-test, so the
# console is judged for kernel complaints exactly as in `make vm-test`.
#
#   make vm-fuzz   [KERNEL=debug] [FUZZ_CALLS=1000000] [FUZZ_SEED=1]
#   make vm-stress [KERNEL=debug|kcsan] [STRESS_OPS=1000000] [STRESS_SEED=1]
#
# The parameters reach the guest programs on the kernel command line
# (kevent_fuzz_calls=, kevent_stress_ops=, ...); the suite's own runs of
# tests/fuzz/fuzz and tests/stress/invariants use their short defaults.

FUZZ_CALLS ?= 1000000
FUZZ_SEED  ?= 1
STRESS_OPS ?= 1000000
STRESS_SEED ?= 1

.PHONY: vm-fuzz vm-stress test-junit

# Host test: the JUnit XML of vm-test (tests/host/junit/run.sh), and the last
# vm-test's own file of this profile when there is one.
test-junit:
	@tests/host/junit/run.sh $(wildcard build/$(KERNEL)/logs/vm-test.junit.xml)

vm-fuzz: initramfs
	@scripts/vm-test --kernel $(KERNEL) --timeout $(or $(VM_TIMEOUT),3600) \
		--tests 'fuzz/fuzz:timeout=1100' \
		--append 'kevent_fuzz_calls=$(FUZZ_CALLS) kevent_fuzz_seed=$(FUZZ_SEED)' \
		--logs build/$(KERNEL)/logs/vm-fuzz

vm-stress: initramfs
	@scripts/vm-test --kernel $(KERNEL) --timeout $(or $(VM_TIMEOUT),3600) \
		--tests 'stress/invariants:timeout=1100' \
		--append 'kevent_stress_ops=$(STRESS_OPS) kevent_stress_seed=$(STRESS_SEED)' \
		--logs build/$(KERNEL)/logs/vm-stress
