// SPDX-License-Identifier: GPL-2.0
/*
 * A waiter that a SET of a notification event released finds the event
 * signaled as soon as its wait returns: a read of the state, a wait that
 * only polls (timeout 0) and poll() all say so, even while the setter is
 * still releasing the other waiters (many of them, on other CPUs). Nobody
 * resets the event until every waiter has looked.
 */
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>

#include "kt.h"

#define NWAITERS	48
#define ROUNDS		40

static int ev;
static unsigned int round_no, woken, bad_state, bad_poll, bad_wait, failed;

static void *waiter_fn(void *arg)
{
	unsigned int seen = 0;

	(void)arg;
	for (;;) {
		struct pollfd p = { .fd = ev, .events = POLLIN };
		unsigned int r;

		while ((r = __atomic_load_n(&round_no, __ATOMIC_ACQUIRE)) == seen)
			syscall(SYS_futex, &round_no, FUTEX_WAIT, seen, NULL, NULL, 0);
		if (r > ROUNDS)
			return NULL;
		seen = r;
		if (kt_wait(ev, 10000 * KT_MS)) {
			__atomic_add_fetch(&failed, 1, __ATOMIC_RELAXED);
		} else {
			/* At once, before anything else: the window is short. */
			if (kt_state(ev) != 1)
				__atomic_add_fetch(&bad_state, 1, __ATOMIC_RELAXED);
			if (kt_wait(ev, 0))
				__atomic_add_fetch(&bad_wait, 1, __ATOMIC_RELAXED);
			if (poll(&p, 1, 0) != 1)
				__atomic_add_fetch(&bad_poll, 1, __ATOMIC_RELAXED);
		}
		__atomic_add_fetch(&woken, 1, __ATOMIC_ACQ_REL);
	}
}

int main(void)
{
	pthread_t t[NWAITERS];
	unsigned int i, r;

	plan(4);
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ev = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	if (ev < 0)
		bail_out("create: %s", strerror(-ev));
	for (i = 0; i < NWAITERS; i++)
		if (pthread_create(&t[i], NULL, waiter_fn, NULL))
			bail_out("pthread_create");
	for (r = 1; r <= ROUNDS; r++) {
		kt_reset(ev);
		__atomic_store_n(&woken, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&round_no, r, __ATOMIC_RELEASE);
		syscall(SYS_futex, &round_no, FUTEX_WAKE, NWAITERS, NULL, NULL, 0);
		if (kt_wait_waiters(ev, NWAITERS))
			bail_out("round %u: the waiters did not queue", r);
		kt_set(ev);
		while (__atomic_load_n(&woken, __ATOMIC_ACQUIRE) < NWAITERS)
			sched_yield();
	}
	__atomic_store_n(&round_no, ROUNDS + 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &round_no, FUTEX_WAKE, NWAITERS, NULL, NULL, 0);
	for (i = 0; i < NWAITERS; i++)
		pthread_join(t[i], NULL);

	is_int(failed, 0, "%d rounds of %d waiters released by one SET each", ROUNDS, NWAITERS);
	is_int(bad_state, 0, "... each found the event signaled (state read)");
	is_int(bad_wait, 0, "... a wait with timeout 0 on it succeeded");
	is_int(bad_poll, 0, "... and poll() found it readable");
	close(ev);
	return done();
}
