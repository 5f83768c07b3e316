# bench/bench.mk - `make vm-bench`: kevent against futex and eventfd, as
# ratios, in one guest boot (included by the top-level Makefile).

BENCH := build/bench/kevent-bench
BENCH_ITERS ?= 20000

SETALL := build/bench/setall
SETALL_WAITERS ?= 0 1000 7000
SETALL_CAP ?=

.PHONY: bench vm-bench vm-bench-setall
bench: $(BENCH) $(SETALL)

$(SETALL): bench/setall.c include/uapi/linux/kevent.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -pthread -Iinclude/uapi -o $@ $<

# SET time against other users' wait-all waiters (docs/design.md).
vm-bench-setall: initramfs $(SETALL)
	@mkdir -p $(B)/logs
	@scripts/vm-run $(VMRUN_OPTS) --smp 2 --mem 2G --timeout 1200 \
		--add $(SETALL):/opt/kevent/bench/setall \
		-- sh -c '$(if $(SETALL_CAP),echo $(SETALL_CAP) >/sys/module/kevent/parameters/max_wait_all_per_user && )/opt/kevent/bench/setall $(SETALL_WAITERS)' | tee $(B)/logs/vm-bench-setall.txt
	@echo "saved in $(B)/logs/vm-bench-setall.txt"

$(BENCH): bench/kevent-bench.c include/uapi/linux/kevent.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -pthread -Iinclude/uapi -o $@ $<

# Two CPUs, so that a wake-up really crosses to another thread's CPU.
vm-bench: initramfs $(BENCH)
	@mkdir -p $(B)/logs
	@scripts/vm-run $(VMRUN_OPTS) --smp 2 \
		--add $(BENCH):/opt/kevent/bench/kevent-bench \
		-- /opt/kevent/bench/kevent-bench $(BENCH_ITERS) | tee $(B)/logs/vm-bench.txt
	@echo "saved in $(B)/logs/vm-bench.txt"
