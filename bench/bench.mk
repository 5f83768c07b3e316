# bench/bench.mk - `make vm-bench`: kevent against futex and eventfd, as
# ratios, in one guest boot (included by the top-level Makefile).

BENCH := build/bench/kevent-bench
BENCH_ITERS ?= 20000

.PHONY: bench vm-bench
bench: $(BENCH)

$(BENCH): bench/kevent-bench.c include/uapi/linux/kevent.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -pthread -Iinclude/uapi -o $@ $<

# Two CPUs, so that a wake-up really crosses to another thread's CPU.
vm-bench: initramfs $(BENCH)
	@mkdir -p $(B)/logs
	@scripts/vm-run $(VMRUN_OPTS) --smp 2 \
		--add $(BENCH):/opt/kevent/bench/kevent-bench \
		-- '/opt/kevent/bench/kevent-bench $(BENCH_ITERS)' | tee $(B)/logs/vm-bench.txt
	@echo "saved in $(B)/logs/vm-bench.txt"
