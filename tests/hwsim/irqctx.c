// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/irqctx: kevent_set() and kevent_put() from a hardirq hrtimer
 * (HRTIMER_MODE_REL_HARD), a softirq hrtimer and a task-context section
 * with interrupts disabled (local_irq_save): each context's counter grows
 * by exactly the number of sets, each event is set, also while threads of
 * this process wait on the events (wait-any and wait-all) on other CPUs,
 * and the kernel log has no lockdep, "sleeping function" or other
 * complaint.
 */
#include "hw.h"

#define N 40

struct waiter {
	int evs[2];
	int all;
	int result;
	pthread_t t;
};

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;

	w->result = w->all ? kev_wait_all(w->evs, 2, 20000) : kev_wait_any(w->evs, 2, 20000);
	return NULL;
}

static const char *const ctx_name[] = { "hardirq", "softirq", "irqs-off" };

int main(void)
{
	struct kevent_hwsim_info a, b;
	unsigned long long before[3], after[3];
	long long base = hw_info().requests;
	int hw, ctx, i;

	plan(3 * 4 + 2);
	hw_dmesg_mark();
	hw = hw_open();
	for (ctx = 0; ctx < 3; ctx++) {
		struct waiter w[N];
		int armed = 0, waited = 0, unset = 0;

		a = hw_info();
		for (i = 0; i < N; i++) {
			w[i].evs[0] = kev_create(NULL, i % 2 ? KEV_MANUAL_RESET : 0, 0, NULL);
			w[i].evs[1] = kev_create(NULL, 0, 0, NULL);
			w[i].all = i % 2;
			pthread_create(&w[i].t, NULL, wait_thread, &w[i]);
		}
		sleep_ms(50);	/* let the threads block */
		for (i = 0; i < N; i++) {
			armed += hw_register(hw, w[i].evs[0], ctx, (i % 4) * MS) == 0;
			armed += hw_register(hw, w[i].evs[1], ctx, (i % 3) * MS) == 0;
		}
		for (i = 0; i < N; i++) {
			pthread_join(w[i].t, NULL);
			waited += w[i].all ? w[i].result == 0 : (w[i].result == 0 || w[i].result == 1);
			/* wait-any consumed one event; the other one gets set too. */
			if (!w[i].all && kev_wait(w[i].evs[w[i].result == 0 ? 1 : 0], 10000))
				unset++;
			kev_close(w[i].evs[0]);
			kev_close(w[i].evs[1]);
		}
		b = hw_info();
		before[0] = a.sets_hardirq; before[1] = a.sets_softirq; before[2] = a.sets_irqsoff;
		after[0] = b.sets_hardirq; after[1] = b.sets_softirq; after[2] = b.sets_irqsoff;
		is_int(armed, 2 * N, "%s: %d REGISTER_EVENTs armed", ctx_name[ctx], 2 * N);
		is_int(waited, N, "%s: all %d waiters (wait-any and wait-all) woke", ctx_name[ctx], N);
		is_int(unset, 0, "%s: the events wait-any did not consume are set too", ctx_name[ctx]);
		ok(after[ctx] - before[ctx] == 2 * N &&
		   after[(ctx + 1) % 3] == before[(ctx + 1) % 3] &&
		   after[(ctx + 2) % 3] == before[(ctx + 2) % 3],
		   "%s: the driver counted %llu sets in %s context (want %d, others 0)",
		   ctx_name[ctx], after[ctx] - before[ctx], ctx_name[ctx], 2 * N);
	}
	close(hw);
	is_int(hw_requests_settle(base), base, "no request left behind");
	ok(hw_dmesg_clean(), "no lockdep, sleeping-function or other complaint in the kernel log");
	return done();
}
