// SPDX-License-Identifier: GPL-2.0
/*
 * Round trip: two processes hand a token back and forth, each waking the
 * other and going to sleep, on two synchronization events (kevent, and
 * ntsync when present), two futex words in shared memory, two eventfds and
 * two pipes. The cost of a wake-up that switches processes: the case an
 * event exists for. One peer process per contender lives for the whole
 * figure, so a chunk measures only round trips.
 *
 * kevent hands off the way an NT program does, with SignalObjectAndWait:
 * one KEVENT_IOC_WAIT with KEVENT_WAIT_SIGNAL per side. "kevent-set+wait"
 * is the same with a SET and a WAIT (two calls per side, as the others).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

enum { RT_KEVENT, RT_KEVENT2, RT_NTSYNC, RT_FUTEX, RT_EVENTFD, RT_PIPE, RT_N };

struct rt_shared {
	uint32_t word[RT_N][2];	/* futex words; the others use word[][0] as stop */
	uint32_t stop[RT_N];
};

struct rt {
	struct rt_shared *sh;
	int kev[2], kev2[2], nt[2], efd[2], pipe_in[2], pipe_out[2];
	pid_t peer[RT_N];
	long n;
};

/* A wait that fails ends the bench: a retry loop would spin for ever. */
static void rt_check(int r)
{
	if (r < 0) {
		errno = -r;
		die("round trip wait");
	}
}

/* Wait for the token on side @i (0: main, 1: peer) of contender @c. */
static void rt_wait(struct rt *rt, int c, int i)
{
	uint32_t *w = &rt->sh->word[RT_FUTEX][i];
	uint64_t v;
	char b;

	switch (c) {
	case RT_KEVENT:
		rt_check(kev_wait_fds(&rt->kev[i], 1, 0, KEVENT_TIMEOUT_INFINITE));
		break;
	case RT_KEVENT2:
		rt_check(kev_wait_fds(&rt->kev2[i], 1, 0, KEVENT_TIMEOUT_INFINITE));
		break;
	case RT_NTSYNC:
		rt_check(nt_wait(&rt->nt[i], 1, 0, ~0ULL));
		break;
	case RT_FUTEX:
		while (!__atomic_exchange_n(w, 0, __ATOMIC_ACQUIRE))
			futex_wait(w, 0);
		break;
	case RT_EVENTFD:
		if (read(rt->efd[i], &v, sizeof(v)) != sizeof(v))
			die("eventfd read");
		break;
	case RT_PIPE:
		if (read(i ? rt->pipe_in[0] : rt->pipe_out[0], &b, 1) != 1)
			die("pipe read");
		break;
	}
}

static void rt_wake(struct rt *rt, int c, int i)
{
	uint32_t *w = &rt->sh->word[RT_FUTEX][i];
	uint64_t one = 1;
	char b = 0;

	switch (c) {
	case RT_KEVENT:
		kev_set_fd(rt->kev[i]);
		break;
	case RT_KEVENT2:
		kev_set_fd(rt->kev2[i]);
		break;
	case RT_NTSYNC:
		nt_set(rt->nt[i]);
		break;
	case RT_FUTEX:
		__atomic_store_n(w, 1, __ATOMIC_RELEASE);
		futex_wake(w, 1);
		break;
	case RT_EVENTFD:
		if (write(rt->efd[i], &one, sizeof(one)) != sizeof(one))
			die("eventfd write");
		break;
	case RT_PIPE:
		if (write(i ? rt->pipe_in[1] : rt->pipe_out[1], &b, 1) != 1)
			die("pipe write");
		break;
	}
}

/* Wake side @i of kevent and wait on the other side, in one call. */
static void rt_hand_off(struct rt *rt, int i)
{
	rt_check(kev_set_and_wait_fd(rt->kev[i], rt->kev[!i], KEVENT_TIMEOUT_INFINITE));
}

static void rt_peer(struct rt *rt, int c)
{
	if (c == RT_KEVENT) {
		rt_wait(rt, c, 1);
		while (!__atomic_load_n(&rt->sh->stop[c], __ATOMIC_ACQUIRE))
			rt_hand_off(rt, 0);
		_exit(0);
	}
	for (;;) {
		rt_wait(rt, c, 1);
		if (__atomic_load_n(&rt->sh->stop[c], __ATOMIC_ACQUIRE))
			_exit(0);
		rt_wake(rt, c, 0);
	}
}

static double rt_chunk(int c, void *ctx)
{
	struct rt *rt = ctx;
	uint64_t t0;
	long i;

	if (!rt->peer[c])
		return -1;
	t0 = now_ns();
	for (i = 0; i < rt->n; i++) {
		if (c == RT_KEVENT) {
			rt_hand_off(rt, 1);
			continue;
		}
		rt_wake(rt, c, 1);
		rt_wait(rt, c, 0);
	}
	return (double)(now_ns() - t0) / rt->n;
}

void bench_roundtrip(void)
{
	struct bench_figure f = {
		.id = "roundtrip", .title = "round trip, two processes", .param = "",
		.unit = "us", .scale = 1000, .ncontenders = RT_N,
		.names = { "kevent", "kevent-set+wait", "ntsync", "futex", "eventfd", "pipe" },
		.chunk = rt_chunk, .chunks = 5,
	};
	struct rt rt = { .n = scaled(200) };
	int c;

	rt.sh = mmap(NULL, sizeof(*rt.sh), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rt.sh == MAP_FAILED)
		die("mmap");
	rt.kev[0] = kev_create(0, NULL);
	rt.kev[1] = kev_create(0, NULL);
	rt.kev2[0] = kev_create(0, NULL);
	rt.kev2[1] = kev_create(0, NULL);
	if (nt_dev >= 0) {
		rt.nt[0] = nt_create_event(0, 0);
		rt.nt[1] = nt_create_event(0, 0);
	}
	rt.efd[0] = eventfd(0, EFD_CLOEXEC);
	rt.efd[1] = eventfd(0, EFD_CLOEXEC);
	if (pipe(rt.pipe_in) || pipe(rt.pipe_out))
		die("pipe");
	for (c = 0; c < RT_N; c++) {
		if (c == RT_NTSYNC && nt_dev < 0)
			continue;
		rt.peer[c] = fork();
		if (rt.peer[c] < 0)
			die("fork");
		if (!rt.peer[c])
			rt_peer(&rt, c);
	}
	f.ctx = &rt;
	bench_run(&f);
	for (c = 0; c < RT_N; c++) {
		if (!rt.peer[c])
			continue;
		__atomic_store_n(&rt.sh->stop[c], 1, __ATOMIC_RELEASE);
		rt_wake(&rt, c, 1);
		waitpid(rt.peer[c], NULL, 0);
	}
	bench_target("round trip / eventfd <= 0.95", bench_ratio(&f, RT_KEVENT, RT_EVENTFD), 0.95);
	bench_target("round trip / futex <= 1.00", bench_ratio(&f, RT_KEVENT, RT_FUTEX), 1.00);
	bench_target("round trip, SET + WAIT / eventfd <= 0.95",
		     bench_ratio(&f, RT_KEVENT2, RT_EVENTFD), 0.95);
	bench_target("round trip, SET + WAIT / futex <= 1.00",
		     bench_ratio(&f, RT_KEVENT2, RT_FUTEX), 1.00);
}
