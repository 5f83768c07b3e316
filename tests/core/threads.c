// SPDX-License-Identifier: GPL-2.0
/*
 * Waits with concurrency: FIFO and exactly-one release of synchronization
 * events, release of all waiters of a notification event, pulse with
 * waiters, wait-all atomicity, signals, and closing an fd during a wait.
 *
 * A waiter is known to be queued when the event's fdinfo shows it
 * (kevent-waiters), so the ordering checks do not depend on sleeps.
 */
#include <pthread.h>

#include "kt.h"

#define NWAITERS 8

struct waiter {
	pthread_t thread;
	int fds[2];
	unsigned int n;
	uint32_t flags;
	uint64_t timeout;
	int result;
	int done;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	w->result = kt_waitv(w->fds, w->n, w->flags, w->timeout);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void start(struct waiter *w, int fd, uint64_t timeout)
{
	memset(w, 0, sizeof(*w));
	w->fds[0] = fd;
	w->n = 1;
	w->timeout = timeout;
	pthread_create(&w->thread, NULL, waiter_fn, w);
}

static int count_done(struct waiter *w, int n)
{
	int i, c = 0;

	for (i = 0; i < n; i++)
		c += __atomic_load_n(&w[i].done, __ATOMIC_ACQUIRE);
	return c;
}

/* Wait (up to ~10 s) until at least @want of @w[0..n) have returned. */
static void wait_done(struct waiter *w, int n, int want)
{
	int i;

	for (i = 0; i < 10000 && count_done(w, n) < want; i++)
		usleep(1000);
}

static void test_sync_fifo(void)
{
	struct waiter w[NWAITERS];
	int ev = kt_create(NULL, 0), i, fifo = 1, one = 1;

	/* Queue the waiters one at a time, so their order is known. */
	for (i = 0; i < NWAITERS; i++) {
		start(&w[i], ev, KEVENT_TIMEOUT_INFINITE);
		if (kt_wait_waiters(ev, i + 1))
			bail_out("waiter %d never queued", i);
	}
	for (i = 0; i < NWAITERS; i++) {
		is_int(kt_set(ev), 0, "set %d with %d waiters returns 0", i, NWAITERS - i);
		/* Exactly one leaves the queue per set; the rest stay queued. */
		if (kt_wait_waiters(ev, NWAITERS - i - 1))
			one = 0;
		wait_done(w, NWAITERS, i + 1);
		if (!__atomic_load_n(&w[i].done, __ATOMIC_ACQUIRE) || w[i].result)
			fifo = 0;
		if (count_done(w, NWAITERS) != i + 1 || kt_state(ev) != 0)
			one = 0;
	}
	for (i = 0; i < NWAITERS; i++)
		pthread_join(w[i].thread, NULL);
	ok(one, "each set released exactly one waiter and left the event non-signaled");
	ok(fifo, "waiters were released in FIFO order");
	close(ev);
}

static void test_notification_all(void)
{
	struct waiter w[NWAITERS];
	int ev = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET), i, all = 1;

	for (i = 0; i < NWAITERS; i++)
		start(&w[i], ev, KEVENT_TIMEOUT_INFINITE);
	if (kt_wait_waiters(ev, NWAITERS))
		bail_out("waiters never queued");
	is_int(kt_set(ev), 0, "notification set with %d waiters", NWAITERS);
	for (i = 0; i < NWAITERS; i++) {
		pthread_join(w[i].thread, NULL);
		all &= w[i].result == 0;
	}
	ok(all, "a notification set released all %d waiters", NWAITERS);
	is_int(kt_state(ev), 1, "... and the event stays signaled");
	close(ev);
}

static void test_pulse_waiters(void)
{
	struct waiter w[3];
	int ev = kt_create(NULL, 0), i, all = 1;

	for (i = 0; i < 3; i++) {
		start(&w[i], ev, KEVENT_TIMEOUT_INFINITE);
		kt_wait_waiters(ev, i + 1);
	}
	is_int(kt_pulse(ev), 0, "pulse of a sync event with 3 waiters returns 0");
	is_int(kt_wait_waiters(ev, 2), 0, "... released exactly one waiter");
	wait_done(w, 3, 1);
	ok(w[0].done && w[0].result == 0 && count_done(w, 3) == 1, "... the oldest one");
	is_int(kt_state(ev), 0, "... and left the event non-signaled");
	kt_set(ev);
	kt_set(ev);
	pthread_join(w[1].thread, NULL);
	pthread_join(w[2].thread, NULL);
	close(ev);

	ev = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	for (i = 0; i < 3; i++)
		start(&w[i], ev, KEVENT_TIMEOUT_INFINITE);
	kt_wait_waiters(ev, 3);
	is_int(kt_pulse(ev), 0, "pulse of a notification event with 3 waiters");
	for (i = 0; i < 3; i++) {
		pthread_join(w[i].thread, NULL);
		all &= w[i].result == 0;
	}
	ok(all, "... released all of them");
	is_int(kt_state(ev), 0, "... and left the event non-signaled");
	close(ev);
}

struct toggler {
	int a, b;
	volatile int stop;
	unsigned long rounds;
};

/* Signals a and b in turn, never both at once. */
static void *toggler_fn(void *arg)
{
	struct toggler *t = arg;

	while (!t->stop) {
		kt_set(t->a);
		kt_reset(t->a);
		kt_set(t->b);
		kt_reset(t->b);
		t->rounds++;
	}
	return NULL;
}

static void test_wait_all_atomic(void)
{
	struct toggler t = { 0 };
	pthread_t th;
	struct waiter w;
	int fds[2];

	t.a = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	t.b = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	fds[0] = t.a;
	fds[1] = t.b;
	pthread_create(&th, NULL, toggler_fn, &t);
	is_int(kt_waitv(fds, 2, KEVENT_WAIT_ALL, 300 * KT_MS), -ETIMEDOUT,
	       "wait-all never succeeds while its events are signaled only one at a time");
	t.stop = 1;
	pthread_join(th, NULL);
	diag("%lu toggle rounds", t.rounds);
	close(t.a);
	close(t.b);

	/* Sync events: a queued wait-all consumes both together, nothing early. */
	fds[0] = kt_create(NULL, 0);
	fds[1] = kt_create(NULL, 0);
	memset(&w, 0, sizeof(w));
	w.fds[0] = fds[0];
	w.fds[1] = fds[1];
	w.n = 2;
	w.flags = KEVENT_WAIT_ALL;
	w.timeout = KEVENT_TIMEOUT_INFINITE;
	pthread_create(&w.thread, NULL, waiter_fn, &w);
	kt_wait_waiters(fds[0], 1);
	kt_wait_waiters(fds[1], 1);
	is_int(kt_set(fds[0]), 0, "set the first event of a queued wait-all");
	is_int(kt_state(fds[0]), 1, "... it stays signaled: the wait-all does not take it alone");
	is_int(kt_wait(fds[0], 0), 0, "... and a wait-any can still take it");
	kt_set(fds[0]);
	kt_set(fds[1]);
	pthread_join(w.thread, NULL);
	is_int(w.result, 0, "wait-all returned once both were set");
	ok(kt_state(fds[0]) == 0 && kt_state(fds[1]) == 0, "... consuming both");
	close(fds[0]);
	close(fds[1]);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void test_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct waiter w;
	int ev = kt_create(NULL, 0);

	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART */

	start(&w, ev, KEVENT_TIMEOUT_INFINITE);
	kt_wait_waiters(ev, 1);
	pthread_kill(w.thread, SIGUSR1);
	pthread_join(w.thread, NULL);
	is_int(w.result, -EINTR, "a signal interrupts an infinite wait with EINTR");
	is_int(kt_fdinfo(ev, "waiters"), 0, "... and the waiter left the queue");
	kt_set(ev);
	is_int(kt_state(ev), 1, "... it consumed nothing: a later set stays");
	kt_reset(ev);

	/* Satisfied first, then signaled: success, and the event consumed. */
	start(&w, ev, KEVENT_TIMEOUT_INFINITE);
	kt_wait_waiters(ev, 1);
	kt_set(ev);
	pthread_kill(w.thread, SIGUSR1);
	pthread_join(w.thread, NULL);
	is_int(w.result, 0, "a wait satisfied before a signal reports success");
	is_int(kt_state(ev), 0, "... and the event was consumed exactly once");
	close(ev);
}

static void test_close_during_wait(void)
{
	struct waiter w;
	int ev = kt_create("kt-close-during-wait", 0), other;

	other = kt_open("kt-close-during-wait", KEVENT_ACCESS_MODIFY);
	start(&w, ev, 5000 * KT_MS);
	kt_wait_waiters(ev, 1);
	close(ev);
	usleep(20000);
	ok(!__atomic_load_n(&w.done, __ATOMIC_ACQUIRE), "closing the fd does not end the wait");
	kt_set(other);
	pthread_join(w.thread, NULL);
	is_int(w.result, 0, "... which is satisfied by a set through another handle");
	close(other);
}

int main(void)
{
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	test_sync_fifo();
	test_notification_all();
	test_pulse_waiters();
	test_wait_all_atomic();
	test_signals();
	test_close_during_wait();
	return done();
}
