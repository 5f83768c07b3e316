// SPDX-License-Identifier: GPL-2.0
/*
 * Wake-all: N threads wait on one notification event; the time from the
 * SET until the last of them ran (each notes the time it woke). The
 * waiters are SCHED_FIFO, the setter is not (see wa_thread()). Against a
 * futex broadcast (FUTEX_WAKE of all), N threads poll()ing one eventfd, and
 * an ntsync manual-reset event. Then, on a synchronization event with N
 * waiters, how many wake per SET, from the waiters' own counts: exactly
 * one, or the event is not what it claims.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "bench.h"

enum { WA_KEVENT, WA_NTSYNC, WA_FUTEX, WA_EVENTFD, WA_N };

struct wa;

struct wa_waiter {
	struct wa *wa;
	int c;
	int i;
	pthread_t t;
};

struct wa {
	int n;
	int kev, nt, efd, stop_kev;
	uint32_t word;		/* futex broadcast word */
	uint32_t gen;		/* generation: bumped to start a round */
	uint32_t ready, done, stop;
	uint64_t woke[256];
	struct wa_waiter w[WA_N][256];
	int cur;		/* contender whose waiters are in play */
	int fifo_err;		/* why a waiter could not be made SCHED_FIFO */
};

static void wa_block(struct wa *wa, int c)
{
	struct pollfd p = { .fd = wa->efd, .events = POLLIN };

	switch (c) {
	case WA_KEVENT:
		kev_wait_fds(&wa->kev, 1, 0, KEVENT_TIMEOUT_INFINITE);
		break;
	case WA_NTSYNC:
		nt_wait(&wa->nt, 1, 0, ~0ULL);
		break;
	case WA_FUTEX:
		while (!__atomic_load_n(&wa->word, __ATOMIC_ACQUIRE))
			futex_wait(&wa->word, 0);
		break;
	case WA_EVENTFD:
		poll(&p, 1, -1);
		break;
	}
}

static void *wa_thread(void *arg)
{
	struct sched_param sp = { .sched_priority = 1 };
	struct wa_waiter *w = arg;
	struct wa *wa = w->wa;
	uint32_t seen = 0;
	int err;

	/*
	 * Real-time waiters: a woken waiter preempts the setter (SCHED_OTHER)
	 * at its first chance, for every contender alike. Under SCHED_OTHER
	 * whether a wake-up preempts depends on the virtual run times the
	 * threads happen to have, fixed for a whole figure since the threads
	 * live as long as it: a setter that goes on to sleep adds a system
	 * call and a dequeue to one contender's time and not to another's
	 * (ratios swung by 25% from run to run).
	 */
	err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	if (err)
		wa->fifo_err = err;

	for (;;) {
		uint32_t g;

		while ((g = __atomic_load_n(&wa->gen, __ATOMIC_ACQUIRE)) == seen ||
		       wa->cur != w->c) {
			if (__atomic_load_n(&wa->stop, __ATOMIC_ACQUIRE))
				return NULL;
			futex_wait(&wa->gen, g);
		}
		seen = g;
		if (__atomic_load_n(&wa->stop, __ATOMIC_ACQUIRE))
			return NULL;
		__atomic_add_fetch(&wa->ready, 1, __ATOMIC_ACQ_REL);
		wa_block(wa, w->c);
		wa->woke[w->i] = now_ns();
		if (__atomic_add_fetch(&wa->done, 1, __ATOMIC_ACQ_REL) == (uint32_t)wa->n)
			futex_wake(&wa->done, 1);
	}
}

static double wa_chunk(int c, void *ctx)
{
	struct wa *wa = ctx;
	uint64_t t0, last = 0, one = 1;
	uint32_t d;
	int i;

	if (c == WA_NTSYNC && nt_dev < 0)
		return -1;
	/* Re-arm: everything non-signaled, then let the waiters block. */
	kev_reset_fd(wa->kev);
	if (wa->nt >= 0) {
		close(wa->nt);
		wa->nt = nt_create_event(1, 0);
	}
	__atomic_store_n(&wa->word, 0, __ATOMIC_RELEASE);
	while (read(wa->efd, &t0, sizeof(t0)) == sizeof(t0))
		;
	wa->cur = c;
	__atomic_store_n(&wa->ready, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&wa->done, 0, __ATOMIC_RELEASE);
	__atomic_add_fetch(&wa->gen, 1, __ATOMIC_ACQ_REL);
	futex_wake(&wa->gen, 1 << 30);
	while (__atomic_load_n(&wa->ready, __ATOMIC_ACQUIRE) < (uint32_t)wa->n)
		sched_yield();
	/* Let the last of them reach its sleep: a TCG vCPU is slow. */
	usleep(2000 + 50 * wa->n);

	t0 = now_ns();
	switch (c) {
	case WA_KEVENT:
		kev_set_fd(wa->kev);
		break;
	case WA_NTSYNC:
		nt_set(wa->nt);
		break;
	case WA_FUTEX:
		__atomic_store_n(&wa->word, 1, __ATOMIC_RELEASE);
		futex_wake(&wa->word, 1 << 30);
		break;
	case WA_EVENTFD:
		if (write(wa->efd, &one, sizeof(one)) != sizeof(one))
			die("eventfd write");
		break;
	}
	while ((d = __atomic_load_n(&wa->done, __ATOMIC_ACQUIRE)) < (uint32_t)wa->n)
		futex_wait(&wa->done, d);
	for (i = 0; i < wa->n; i++)
		if (wa->woke[i] > last)
			last = wa->woke[i];
	return (double)(last - t0);
}

static void wa_start(struct wa *wa)
{
	pthread_attr_t attr;
	int c, i;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	wa->cur = -1;
	for (c = 0; c < WA_N; c++) {
		if (c == WA_NTSYNC && nt_dev < 0)
			continue;
		for (i = 0; i < wa->n; i++) {
			struct wa_waiter *w = &wa->w[c][i];

			w->wa = wa;
			w->c = c;
			w->i = i;
			if (pthread_create(&w->t, &attr, wa_thread, w))
				die("pthread_create");
		}
	}
	pthread_attr_destroy(&attr);
}

static void wa_stop(struct wa *wa)
{
	uint64_t one = 1;
	int c, i;

	__atomic_store_n(&wa->stop, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&wa->gen, 1, __ATOMIC_ACQ_REL);
	futex_wake(&wa->gen, 1 << 30);
	/* Release anyone still blocked, whatever it waits on. */
	kev_set_fd(wa->kev);
	if (wa->nt >= 0)
		nt_set(wa->nt);
	__atomic_store_n(&wa->word, 1, __ATOMIC_RELEASE);
	futex_wake(&wa->word, 1 << 30);
	if (write(wa->efd, &one, sizeof(one)) != sizeof(one))
		die("eventfd write");
	for (c = 0; c < WA_N; c++) {
		if (c == WA_NTSYNC && nt_dev < 0)
			continue;
		for (i = 0; i < wa->n; i++)
			pthread_join(wa->w[c][i].t, NULL);
	}
}

/* --- exactly one wake-up per SET of a synchronization event ------------ */

struct one {
	int ev, stop;
	uint32_t count[256];
	uint32_t total;
};

struct one_waiter {
	struct one *o;
	int i;
};

static void *one_waiter(void *arg)
{
	struct one_waiter *w = arg;
	int fds[2] = { w->o->ev, w->o->stop };

	for (;;) {
		int idx = kev_wait_fds(fds, 2, 0, KEVENT_TIMEOUT_INFINITE);

		if (idx == 1)
			return NULL;
		if (idx == 0) {
			w->o->count[w->i]++;
			__atomic_add_fetch(&w->o->total, 1, __ATOMIC_ACQ_REL);
			futex_wake(&w->o->total, 1);
		}
	}
}

static double wakeups_per_set(int n, int sets)
{
	struct one o = { 0 };
	struct one_waiter w[256];
	pthread_t t[256];
	uint32_t sum = 0, seen;
	int i, s;

	o.ev = kev_create(0, NULL);
	o.stop = kev_create(KEVENT_CREATE_MANUAL_RESET, NULL);
	for (i = 0; i < n; i++) {
		w[i].o = &o;
		w[i].i = i;
		pthread_create(&t[i], NULL, one_waiter, &w[i]);
	}
	usleep(5000 + 100 * n);
	for (s = 0; s < sets; s++) {
		kev_set_fd(o.ev);
		/* The next SET only once this one released somebody. */
		while ((seen = __atomic_load_n(&o.total, __ATOMIC_ACQUIRE)) < (uint32_t)s + 1)
			futex_wait(&o.total, seen);
	}
	usleep(20000);
	kev_set_fd(o.stop);
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		sum += o.count[i];
	}
	close(o.ev);
	close(o.stop);
	return (double)sum / sets;
}

void bench_wakeall(void)
{
	static const int ns[] = { 1, 4, 16, 64, 256 };
	static struct wa wa;
	char param[48];
	unsigned int k;
	double r16 = -1;

	for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		struct bench_figure f = {
			.id = "wakeall", .title = "wake all N waiters", .param = param,
			.unit = "us", .scale = 1000, .ncontenders = WA_N,
			.names = { "kevent", "ntsync", "futex-broadcast", "eventfd-pollers" },
			.chunk = wa_chunk, .chunks = 8,
		};

		if (bench_smoke && ns[k] > 16)
			break;
		snprintf(param, sizeof(param), "N=%d", ns[k]);
		memset(&wa, 0, sizeof(wa));
		wa.n = ns[k];
		wa.kev = kev_create(KEVENT_CREATE_MANUAL_RESET, NULL);
		wa.nt = nt_dev >= 0 ? nt_create_event(1, 0) : -1;
		wa.efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		wa_start(&wa);
		f.ctx = &wa;
		bench_run(&f);
		if (wa.fifo_err)
			fprintf(stderr, "wakeall: waiters not SCHED_FIFO (%s): wake-ups may not preempt alike\n",
				strerror(wa.fifo_err));
		if (ns[k] == 16)
			r16 = bench_ratio(&f, WA_KEVENT, WA_FUTEX);
		wa_stop(&wa);
		close(wa.kev);
		close(wa.efd);
		if (wa.nt >= 0)
			close(wa.nt);
	}
	bench_target("wake 16 / futex broadcast <= 1.00", r16, 1.00);

	for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		double per;

		if (bench_smoke && ns[k] > 16)
			break;
		snprintf(param, sizeof(param), "N=%d", ns[k]);
		per = wakeups_per_set(ns[k], bench_smoke ? 5 : 50);
		bench_value("wakeups_per_set", "wake-ups per SET, synchronization event",
			    param, "kevent", per, "wake-ups");
		snprintf(param, sizeof(param), "wake-ups per SET = 1, N=%d", ns[k]);
		bench_target_exact(param, per, 1.0);
	}
}
