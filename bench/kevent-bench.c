// SPDX-License-Identifier: GPL-2.0
/*
 * kevent-bench: kevent against futex and eventfd, in the same boot.
 *
 * Under TCG absolute times mean little, so every kevent figure is given as
 * a ratio to the closest futex and eventfd equivalent measured right
 * before it in the same process. Each figure is the median of several runs.
 *
 *   pingpong  two threads hand a token back and forth: kevent sync events
 *             (wait + set), futex (FUTEX_WAIT / FUTEX_WAKE), eventfd
 *             (blocking read / write). Cost of a wake-up that switches
 *             threads: the case kevent exists for.
 *   signal    uncontended signal + consume in one thread: kevent set +
 *             wait(0), eventfd write + read, futex wake (no waiter) +
 *             an atomic exchange. Pure syscall-path cost.
 *   poll      poll() of a signaled kevent vs a readable eventfd.
 *   waitany   wait-any over 64 events with only the last one signaled,
 *             vs a single-event wait: the cost of a 64-entry wait.
 *   waitall   wait-all over 4 signaled sync events (one kevent call)
 *             vs 4 single-event waits.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/kevent.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define RUNS 5

static int dev;
static long iters = 20000;
/* Thread switches are ~100 times dearer than syscalls under TCG. */
#define PP_ITERS (iters / 10 ?: 1)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "kevent-bench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int ev_create(uint32_t flags)
{
	struct kevent_create_args a = { .flags = flags };

	if (ioctl(dev, KEVENT_IOC_CREATE, &a))
		die("create");
	return a.fd;
}

static void ev_set(int fd)
{
	uint32_t prev;

	if (ioctl(fd, KEVENT_IOC_SET, &prev))
		die("set");
}

static int ev_waitv(const int *fds, unsigned int n, uint32_t flags, uint64_t timeout)
{
	struct kevent_wait_args a = {
		.timeout = timeout, .fds = (uintptr_t)fds, .count = n, .flags = flags,
	};

	if (ioctl(fds[0], KEVENT_IOC_WAIT, &a))
		return -errno;
	return a.index;
}

/* --- pingpong ------------------------------------------------------------ */

struct pp {
	int kev[2];
	int efd[2];
	uint32_t futex[2];
	int kind;
};

static void pp_wait(struct pp *p, int i)
{
	uint64_t v;

	switch (p->kind) {
	case 0:
		while (ev_waitv(&p->kev[i], 1, 0, KEVENT_TIMEOUT_INFINITE) < 0)
			;
		break;
	case 1:
		while (!__atomic_exchange_n(&p->futex[i], 0, __ATOMIC_ACQUIRE))
			syscall(SYS_futex, &p->futex[i], FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		break;
	case 2:
		if (read(p->efd[i], &v, sizeof(v)) != sizeof(v))
			die("eventfd read");
		break;
	}
}

static void pp_wake(struct pp *p, int i)
{
	uint64_t one = 1;

	switch (p->kind) {
	case 0:
		ev_set(p->kev[i]);
		break;
	case 1:
		__atomic_store_n(&p->futex[i], 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &p->futex[i], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		break;
	case 2:
		if (write(p->efd[i], &one, sizeof(one)) != sizeof(one))
			die("eventfd write");
		break;
	}
}

static void *pp_peer(void *arg)
{
	struct pp *p = arg;
	long i;

	for (i = 0; i < PP_ITERS; i++) {
		pp_wait(p, 1);
		pp_wake(p, 0);
	}
	return NULL;
}

static double pingpong(int kind)
{
	struct pp p = { .kind = kind };
	pthread_t t;
	uint64_t t0;
	long i;

	p.kev[0] = ev_create(0);
	p.kev[1] = ev_create(0);
	p.efd[0] = eventfd(0, EFD_CLOEXEC);
	p.efd[1] = eventfd(0, EFD_CLOEXEC);
	pthread_create(&t, NULL, pp_peer, &p);
	t0 = now_ns();
	for (i = 0; i < PP_ITERS; i++) {
		pp_wake(&p, 1);
		pp_wait(&p, 0);
	}
	t0 = now_ns() - t0;
	pthread_join(t, NULL);
	close(p.kev[0]);
	close(p.kev[1]);
	close(p.efd[0]);
	close(p.efd[1]);
	return (double)t0 / PP_ITERS;
}

/* --- single-thread paths -------------------------------------------------- */

static double signal_path(int kind)
{
	int ev = ev_create(0), efd = eventfd(0, EFD_CLOEXEC);
	uint32_t word = 0;
	uint64_t t0, v = 1;
	long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++) {
		switch (kind) {
		case 0:
			ev_set(ev);
			if (ev_waitv(&ev, 1, 0, 0))
				die("wait");
			break;
		case 1:
			__atomic_store_n(&word, 1, __ATOMIC_RELEASE);
			syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
			__atomic_exchange_n(&word, 0, __ATOMIC_ACQUIRE);
			break;
		case 2:
			if (write(efd, &v, sizeof(v)) != sizeof(v) ||
			    read(efd, &v, sizeof(v)) != sizeof(v))
				die("eventfd");
			break;
		}
	}
	t0 = now_ns() - t0;
	close(ev);
	close(efd);
	return (double)t0 / iters;
}

static double poll_path(int kind)
{
	int ev = ev_create(KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET);
	int efd = eventfd(1, EFD_CLOEXEC);
	struct pollfd p = { .fd = kind ? efd : ev, .events = POLLIN };
	uint64_t t0;
	long i;

	t0 = now_ns();
	for (i = 0; i < iters; i++)
		if (poll(&p, 1, 0) != 1)
			die("poll");
	t0 = now_ns() - t0;
	close(ev);
	close(efd);
	return (double)t0 / iters;
}

/* kind 0: wait-any over 64 with the last signaled; 1: single wait. */
static double waitany_path(int kind)
{
	int ev[KEVENT_WAIT_MAX], i;
	uint64_t t0;
	long n;

	for (i = 0; i < KEVENT_WAIT_MAX; i++)
		ev[i] = ev_create(0);
	t0 = now_ns();
	for (n = 0; n < iters; n++) {
		ev_set(ev[KEVENT_WAIT_MAX - 1]);
		if (kind == 0 && ev_waitv(ev, KEVENT_WAIT_MAX, 0, 0) != KEVENT_WAIT_MAX - 1)
			die("wait-any");
		if (kind == 1 && ev_waitv(&ev[KEVENT_WAIT_MAX - 1], 1, 0, 0) != 0)
			die("wait");
	}
	t0 = now_ns() - t0;
	for (i = 0; i < KEVENT_WAIT_MAX; i++)
		close(ev[i]);
	return (double)t0 / iters;
}

/* kind 0: one wait-all over 4; 1: four single waits. */
static double waitall_path(int kind)
{
	int ev[4], i;
	uint64_t t0;
	long n;

	for (i = 0; i < 4; i++)
		ev[i] = ev_create(0);
	t0 = now_ns();
	for (n = 0; n < iters; n++) {
		for (i = 0; i < 4; i++)
			ev_set(ev[i]);
		if (kind == 0) {
			if (ev_waitv(ev, 4, KEVENT_WAIT_ALL, 0))
				die("wait-all");
		} else {
			for (i = 0; i < 4; i++)
				if (ev_waitv(&ev[i], 1, 0, 0))
					die("wait");
		}
	}
	t0 = now_ns() - t0;
	for (i = 0; i < 4; i++)
		close(ev[i]);
	return (double)t0 / iters;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double (*fn)(int), int kind)
{
	double v[RUNS];
	int i;

	for (i = 0; i < RUNS; i++)
		v[i] = fn(kind);
	qsort(v, RUNS, sizeof(v[0]), cmp_double);
	return v[RUNS / 2];
}

int main(int argc, char **argv)
{
	double k, f, e;

	if (argc > 1)
		iters = atol(argv[1]);
	dev = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		die(KEVENT_DEVICE_PATH);
	printf("kevent-bench: %ld iterations, median of %d runs, %ld CPUs\n",
	       iters, RUNS, sysconf(_SC_NPROCESSORS_ONLN));

	k = median(pingpong, 0);
	f = median(pingpong, 1);
	e = median(pingpong, 2);
	printf("pingpong  kevent %8.0f ns  futex %8.0f ns  eventfd %8.0f ns  kevent/futex %.2f  kevent/eventfd %.2f\n",
	       k, f, e, k / f, k / e);

	k = median(signal_path, 0);
	f = median(signal_path, 1);
	e = median(signal_path, 2);
	printf("signal    kevent %8.0f ns  futex %8.0f ns  eventfd %8.0f ns  kevent/futex %.2f  kevent/eventfd %.2f\n",
	       k, f, e, k / f, k / e);

	k = median(poll_path, 0);
	e = median(poll_path, 1);
	printf("poll      kevent %8.0f ns  eventfd %8.0f ns  kevent/eventfd %.2f\n", k, e, k / e);

	k = median(waitany_path, 0);
	f = median(waitany_path, 1);
	printf("waitany   64 events %8.0f ns  1 event %8.0f ns  ratio %.2f\n", k, f, k / f);

	k = median(waitall_path, 0);
	f = median(waitall_path, 1);
	printf("waitall   1 x wait-all(4) %8.0f ns  4 x wait(1) %8.0f ns  ratio %.2f\n", k, f, k / f);
	return 0;
}
