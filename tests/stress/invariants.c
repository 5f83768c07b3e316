// SPDX-License-Identifier: GPL-2.0
/*
 * invariants: processes x threads hammer named and anonymous events with
 * set, reset, pulse, wait-any, wait-all, poll, epoll, open and close, and
 * the run checks conservation, not just survival:
 *
 *  - for each synchronization event, the SETs that found it non-signaled,
 *    minus the RESETs that found it signaled, minus the waits (any or all)
 *    that consumed it, equals its final state: no wakeup is lost or made
 *    up, and no wait-all ever consumes part of its set (a partial
 *    consumption would leave one event's count off by one);
 *  - an auto-reset event used as a lock between processes around a plain
 *    (non-atomic) counter gives the exact count;
 *  - every waiter present at a notification SET (or PULSE) is released.
 *
 * Operations: 100,000 by default (the suite's short run); on the kernel
 * command line kevent_stress_ops=N and kevent_stress_seed=S (make
 * vm-stress STRESS_OPS=... STRESS_SEED=...).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "../core/kt.h"

#define NPROC		3
#define NTHREAD		3
#define NSYNC		4
#define NNOTIF		2
#define RELEASE_WAITERS	6
#define RELEASE_ROUNDS	20

static const char *const sync_names[NSYNC] = { "st-s0", "st-s1", NULL, NULL };
static const char *const notif_names[NNOTIF] = { "st-n0", NULL };

struct shared {
	long set_from0[NSYNC], reset_from1[NSYNC], consumed[NSYNC];
	long ops, waits_ok, lock_rounds;
	long counter;		/* protected by the lock event only */
	long bad;		/* undocumented results */
	char bad_what[4][80];
};

static struct shared *sh;
static int sync_fd[NSYNC], notif_fd[NNOTIF], lock_fd;
static long ops_per_thread;
static uint64_t seed;

struct tstate {
	uint64_t r;
	long set_from0[NSYNC], reset_from1[NSYNC], consumed[NSYNC];
	long ops, waits_ok, lock_rounds;
	int epfd;
};

static unsigned int below(struct tstate *t, unsigned int n)
{
	t->r ^= t->r << 13;
	t->r ^= t->r >> 7;
	t->r ^= t->r << 17;
	return (unsigned int)(t->r >> 11) % n;
}

static void bad(const char *what, int r)
{
	long n = __atomic_fetch_add(&sh->bad, 1, __ATOMIC_RELAXED);

	if (n < 4)
		snprintf(sh->bad_what[n], sizeof(sh->bad_what[n]), "%s: %d", what, r);
}

/* fd of sync event @i: usually the shared one, sometimes opened afresh. */
static int sync_get(struct tstate *t, int i, int *tmp)
{
	*tmp = -1;
	if (sync_names[i] && !below(t, 8)) {
		*tmp = kt_open(sync_names[i], KEVENT_ACCESS_ALL);
		if (*tmp < 0)
			bad("open", *tmp);
		else
			return *tmp;
	}
	return sync_fd[i];
}

static void one_op(struct tstate *t)
{
	int fds[NSYNC + NNOTIF], idx[NSYNC + NNOTIF], n, i, r, tmp = -1, k;
	uint64_t timeout = below(t, 4) ? below(t, 2000000) : 0;

	switch (below(t, 12)) {
	case 0: case 1: case 2:	/* set */
		i = below(t, NSYNC);
		r = kt_set(sync_get(t, i, &tmp));
		if (r == 0)
			t->set_from0[i]++;
		else if (r != 1)
			bad("set", r);
		break;
	case 3:			/* reset */
		i = below(t, NSYNC);
		r = kt_reset(sync_get(t, i, &tmp));
		if (r == 1)
			t->reset_from1[i]++;
		else if (r)
			bad("reset", r);
		break;
	case 4: case 5: case 6:	/* wait-any over a few sync (and notification) events */
		n = 1 + below(t, NSYNC + NNOTIF);
		for (k = 0; k < n; k++) {
			idx[k] = below(t, NSYNC + NNOTIF);
			fds[k] = idx[k] < NSYNC ? sync_fd[idx[k]] : notif_fd[idx[k] - NSYNC];
		}
		tmp = -1;
		r = kt_waitv(fds, n, 0, timeout);
		if (r >= 0) {
			t->waits_ok++;
			if (idx[r] < NSYNC)
				t->consumed[idx[r]]++;
		} else if (r != -ETIMEDOUT) {
			bad("wait-any", r);
		}
		break;
	case 7: case 8:		/* wait-all over distinct events */
		n = 0;
		for (k = 0; k < NSYNC + NNOTIF; k++)
			if (below(t, 2)) {
				idx[n] = k;
				fds[n++] = k < NSYNC ? sync_fd[k] : notif_fd[k - NSYNC];
			}
		if (!n)
			break;
		tmp = -1;
		r = kt_waitv(fds, n, KEVENT_WAIT_ALL, timeout);
		if (r == 0) {
			t->waits_ok++;
			for (k = 0; k < n; k++)
				if (idx[k] < NSYNC)
					t->consumed[idx[k]]++;
		} else if (r != -ETIMEDOUT) {
			bad("wait-all", r);
		}
		break;
	case 9:			/* notification events: set, reset, pulse */
		i = below(t, NNOTIF);
		tmp = -1;
		r = below(t, 3) == 0 ? kt_set(notif_fd[i]) :
		    below(t, 2) ? kt_reset(notif_fd[i]) : kt_pulse(notif_fd[i]);
		if (r != 0 && r != 1)
			bad("notification op", r);
		break;
	case 10: {		/* poll and epoll: look, never consume */
		struct epoll_event ev;
		struct pollfd p;

		i = below(t, NSYNC);
		tmp = -1;
		p.fd = sync_fd[i];
		p.events = POLLIN;
		if (poll(&p, 1, 0) < 0)
			bad("poll", -errno);
		if (epoll_wait(t->epfd, &ev, 1, 0) < 0 && errno != EINTR)
			bad("epoll_wait", -errno);
		break;
	}
	default: {		/* the cross-process lock around a plain counter */
		long v;

		tmp = -1;
		r = kt_wait(lock_fd, 5000 * KT_MS);
		if (r) {
			bad("lock wait", r);
			break;
		}
		v = *(volatile long *)&sh->counter;
		if (!below(t, 4))
			sched_yield();	/* widen the window a broken lock would leave */
		*(volatile long *)&sh->counter = v + 1;
		t->lock_rounds++;
		r = kt_set(lock_fd);
		if (r != 0)
			bad("lock set (was it held twice?)", r);
		break;
	}
	}
	if (tmp >= 0)
		close(tmp);
	t->ops++;
}

static void *thread_main(void *arg)
{
	struct tstate *t = arg;
	struct epoll_event ev = { .events = EPOLLIN };
	long i;

	t->epfd = epoll_create1(EPOLL_CLOEXEC);
	for (i = 0; i < NSYNC; i++) {
		ev.data.u32 = i;
		epoll_ctl(t->epfd, EPOLL_CTL_ADD, sync_fd[i], &ev);
	}
	for (i = 0; i < ops_per_thread; i++)
		one_op(t);
	for (i = 0; i < NSYNC; i++) {
		__atomic_fetch_add(&sh->set_from0[i], t->set_from0[i], __ATOMIC_RELAXED);
		__atomic_fetch_add(&sh->reset_from1[i], t->reset_from1[i], __ATOMIC_RELAXED);
		__atomic_fetch_add(&sh->consumed[i], t->consumed[i], __ATOMIC_RELAXED);
	}
	__atomic_fetch_add(&sh->ops, t->ops, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->waits_ok, t->waits_ok, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->lock_rounds, t->lock_rounds, __ATOMIC_RELAXED);
	close(t->epfd);
	return NULL;
}

static void worker_process(int p)
{
	struct tstate ts[NTHREAD];
	pthread_t th[NTHREAD];
	int i, fd;

	/* The named events through names of their own; anonymous ones inherited. */
	for (i = 0; i < NSYNC; i++)
		if (sync_names[i]) {
			fd = kt_open(sync_names[i], KEVENT_ACCESS_ALL);
			if (fd >= 0)
				sync_fd[i] = fd;
		}
	for (i = 0; i < NTHREAD; i++) {
		memset(&ts[i], 0, sizeof(ts[i]));
		ts[i].r = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)(p * NTHREAD + i + 1) * 7919;
		pthread_create(&th[i], NULL, thread_main, &ts[i]);
	}
	for (i = 0; i < NTHREAD; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

static int release_fd;

static void *release_waiter(void *arg)
{
	long *released = arg;

	if (kt_wait(release_fd, 20000 * KT_MS) == 0)
		__atomic_fetch_add(released, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* Every waiter present at a notification SET or PULSE is released. */
static long check_release(int *missed)
{
	pthread_t th[RELEASE_WAITERS];
	long released, total = 0;
	int round, i;

	release_fd = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	*missed = 0;
	for (round = 0; round < RELEASE_ROUNDS; round++) {
		released = 0;
		for (i = 0; i < RELEASE_WAITERS; i++)
			pthread_create(&th[i], NULL, release_waiter, &released);
		if (kt_wait_waiters(release_fd, RELEASE_WAITERS))
			bad("release waiters never queued", round);
		/* A pulse, or a set immediately undone: both must release all. */
		if (round % 2) {
			kt_pulse(release_fd);
		} else {
			kt_set(release_fd);
			kt_reset(release_fd);
		}
		for (i = 0; i < RELEASE_WAITERS; i++)
			pthread_join(th[i], NULL);
		*missed += RELEASE_WAITERS - released;
		total += released;
	}
	close(release_fd);
	return total;
}

int main(void)
{
	long ops = kt_cmdline_value("kevent_stress_ops", 100000), released;
	uint64_t t0, t1;
	int i, status, fails = 0, missed, state, drift = 0;
	pid_t pids[NPROC];

	seed = kt_cmdline_value("kevent_stress_seed", 1);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || kt_dev() < 0)
		bail_out("set-up: %s", strerror(errno));
	for (i = 0; i < NSYNC; i++)
		kt_unlink(sync_names[i] ? sync_names[i] : "st-none");
	for (i = 0; i < NSYNC; i++)
		sync_fd[i] = kt_create(sync_names[i], 0);
	for (i = 0; i < NNOTIF; i++)
		notif_fd[i] = kt_create(notif_names[i], KEVENT_CREATE_MANUAL_RESET);
	lock_fd = kt_create("st-lock", KEVENT_CREATE_INITIAL_SET);
	if (lock_fd < 0 || sync_fd[NSYNC - 1] < 0 || notif_fd[NNOTIF - 1] < 0)
		bail_out("create: %s", strerror(errno));
	ops_per_thread = (ops + NPROC * NTHREAD - 1) / (NPROC * NTHREAD);
	diag("seed %llu, %ld operations, %d processes x %d threads, %d sync and %d notification events",
	     (unsigned long long)seed, ops, NPROC, NTHREAD, NSYNC, NNOTIF);

	t0 = kt_now(CLOCK_MONOTONIC);
	for (i = 0; i < NPROC; i++) {
		fflush(stdout);
		pids[i] = fork();
		if (!pids[i])
			worker_process(i);
	}
	for (i = 0; i < NPROC; i++) {
		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fails++;
	}
	t1 = kt_now(CLOCK_MONOTONIC);

	is_int(fails, 0, "all %d worker processes finished", NPROC);
	ok(sh->ops >= ops_per_thread * NPROC * NTHREAD,
	   "%ld operations in %.1f s (%.0f ops/s), %ld waits satisfied",
	   sh->ops, (t1 - t0) / 1e9, sh->ops / ((t1 - t0) / 1e9), sh->waits_ok);
	for (i = 0; i < (int)sh->bad && i < 4; i++)
		diag("unexpected result: %s", sh->bad_what[i]);
	is_int((int)sh->bad, 0, "every operation returned a documented result");
	for (i = 0; i < NSYNC; i++) {
		long want = sh->set_from0[i] - sh->reset_from1[i] - sh->consumed[i];

		state = kt_state(sync_fd[i]);
		diag("sync event %d (%s): %ld sets from 0, %ld resets from 1, %ld consumed, final %d",
		     i, sync_names[i] ? sync_names[i] : "anonymous", sh->set_from0[i],
		     sh->reset_from1[i], sh->consumed[i], state);
		if (want != state)
			drift++;
	}
	is_int(drift, 0, "conservation holds on all %d synchronization events", NSYNC);
	is_int(sh->counter, sh->lock_rounds,
	       "the auto-reset lock kept the plain counter exact (%ld increments)", sh->lock_rounds);
	is_int(kt_state(lock_fd), 1, "the lock is free at the end");
	released = check_release(&missed);
	is_int(missed, 0, "every waiter present at a notification SET/PULSE was released (%ld checked)",
	       released);
	diag("wakeups checked: %ld satisfied waits, %ld lock hand-overs, %ld notification releases",
	     sh->waits_ok, sh->lock_rounds, released);
	return done();
}
