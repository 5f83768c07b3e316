# bench/bench.mk - `make vm-bench`: kevent against futex, eventfd, pipes,
# poll, futex_waitv and ntsync, as ratios measured in the same guest boot
# (included by the top-level Makefile). docs/performance.md reads the
# results.
#
#   make vm-bench [KERNEL=6.1] [BENCH_SMP="1 2"] [BENCH_ROUNDS=9] [BENCH_ARGS=...]
#       one boot per -smp setting (-smp 1 is the reference); each prints
#       the tables on the console; then build/bench/results.md, results.csv
#       and the plots build/bench/*.png (gnuplot)
#   make vm-bench-setall   SET time against other users' wait-alls

BENCH      := build/bench/kevent-bench
BENCH_SRCS := bench/kevent-bench.c bench/common.c bench/roundtrip.c bench/setpath.c \
	      bench/wakeall.c bench/waitmany.c bench/names.c bench/kernelpath.c
BENCH_SMP    ?= 1 2
BENCH_ROUNDS ?= 9
BENCH_ARGS   ?=

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

$(BENCH): $(BENCH_SRCS) bench/bench.h bench/ntsync-abi.h include/uapi/linux/kevent.h \
	  include/uapi/linux/kevent_hwsim.h
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -g -Wall -Wextra -pthread -Iinclude/uapi -o $@ $(BENCH_SRCS)

# One boot per -smp setting; bench/report turns the consoles into tables
# and plots. 2 GiB: the names and memory figures hold 100k events.
vm-bench: initramfs $(BENCH)
	@scripts/deps $(KERNEL) bench
	@mkdir -p $(B)/logs build/bench
	@for smp in $(BENCH_SMP); do \
		echo "vm-bench: -smp $$smp, kernel $(KERNEL)"; \
		scripts/vm-run $(VMRUN_OPTS) --smp $$smp --mem 2G --timeout 3000 \
			-- sh -c 'ulimit -n 200000; kevent-bench --rounds $(BENCH_ROUNDS) $(BENCH_ARGS)' \
			| tee $(B)/logs/vm-bench-smp$$smp.txt || exit 1; \
	done
	@bench/report --out build/bench --profile $(KERNEL) \
		$(foreach s,$(BENCH_SMP),$(s)=$(B)/logs/vm-bench-smp$(s).txt)
