// SPDX-License-Identifier: GPL-2.0
/*
 * Stress: threads set, reset, pulse, poll and wait (any and all, with
 * timeouts and signals) on a small shared pool of events for a few seconds,
 * so that races between the fast paths and wait-all show up on the debug
 * and KCSAN kernels. Checks that every call returns a documented result,
 * that no thread hangs, and that a final set round releases every waiter.
 */
#include <pthread.h>

#include "kt.h"

#define NEVENTS		6
#define NTHREADS	8
#define SECONDS		3

static int evs[NEVENTS];
static volatile int stop;
static unsigned long bad_results, ops[NTHREADS];

static unsigned int rnd(unsigned int *s)
{
	*s = *s * 1103515245 + 12345;
	return *s >> 8;
}

static void check(int r, int ok1, int ok2, int ok3)
{
	if (r != ok1 && r != ok2 && r != ok3)
		__atomic_fetch_add(&bad_results, 1, __ATOMIC_RELAXED);
}

static void on_signal(int sig)
{
	(void)sig;
}

static void *worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg, seed = id * 7919 + 1;
	int fds[4], i, n;

	while (!stop) {
		unsigned int op = rnd(&seed) % 8;
		int ev = evs[rnd(&seed) % NEVENTS];

		switch (op) {
		case 0:
		case 1:
			check(kt_set(ev), 0, 1, 1);
			break;
		case 2:
			check(kt_reset(ev), 0, 1, 1);
			break;
		case 3:
			check(kt_pulse(ev), 0, 1, 1);
			break;
		case 4:
			check(kt_readable(ev), 0, 1, 1);
			break;
		case 5:
			check(kt_wait(ev, (rnd(&seed) % 3) * KT_MS), 0, -ETIMEDOUT, -EINTR);
			break;
		case 6:
			n = 1 + rnd(&seed) % 4;
			for (i = 0; i < n; i++)
				fds[i] = evs[rnd(&seed) % NEVENTS];
			i = kt_waitv(fds, n, 0, 2 * KT_MS);
			check(i >= 0 && i < n ? 0 : i, 0, -ETIMEDOUT, -EINTR);
			break;
		case 7:
			/* Wait-all on distinct events. */
			n = 2 + rnd(&seed) % 3;
			for (i = 0; i < n; i++)
				fds[i] = evs[(id + i) % NEVENTS];
			check(kt_waitv(fds, n, KEVENT_WAIT_ALL, 2 * KT_MS), 0, -ETIMEDOUT, -EINTR);
			break;
		}
		ops[id]++;
	}
	return NULL;
}

static void *signaller(void *arg)
{
	pthread_t *threads = arg;
	unsigned int seed = 42;

	while (!stop) {
		pthread_kill(threads[rnd(&seed) % NTHREADS], SIGUSR1);
		usleep(500);
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	pthread_t threads[NTHREADS], sig;
	unsigned long total = 0;
	int i;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < NEVENTS; i++)
		evs[i] = kt_create(NULL, i % 2 ? KEVENT_CREATE_MANUAL_RESET : 0);
	for (i = 0; i < NTHREADS; i++)
		pthread_create(&threads[i], NULL, worker, (void *)(uintptr_t)i);
	pthread_create(&sig, NULL, signaller, threads);
	sleep(SECONDS);
	stop = 1;
	pthread_join(sig, NULL);
	/* Anyone still blocked (wait-all, bounded timeouts) gets released. */
	for (i = 0; i < NEVENTS; i++)
		kt_set(evs[i]);
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(threads[i], NULL);
		total += ops[i];
	}
	diag("%lu operations by %d threads in %d s", total, NTHREADS, SECONDS);
	ok(total > 1000, "threads made progress (%lu operations)", total);
	is_int(bad_results, 0, "every call returned a documented result");
	for (i = 0; i < NEVENTS; i++)
		if (kt_fdinfo(evs[i], "waiters") != 0)
			break;
	is_int(i, NEVENTS, "no waiter is left queued on any event");
	for (i = 0; i < NEVENTS; i++)
		close(evs[i]);
	return done();
}
