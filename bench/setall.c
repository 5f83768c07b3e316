// SPDX-License-Identifier: GPL-2.0
/*
 * setall: what other users' wait-all waiters cost a SET.
 *
 * Root creates a 0644 event V (anyone may wait on it, as on a kernel-made
 * event). An unprivileged user (uid 1000) parks N threads, each in a
 * wait-all on V, 62 signaled notification events and, last, one event of
 * its own that is never signaled: the worst case for a setter that checks
 * each waiter's other events. Root then times SET (and RESET) of V. The
 * interrupts-off section of a SET is inside the ioctl, so the ioctl time
 * is an upper bound on it. Where the kernel has the irqsoff tracer (the
 * debug profile), the longest interrupts-off section of the whole system
 * during the SETs and RESETs is measured too (tracing_max_latency).
 *
 *   setall [N...]     default: 0 1000 7000
 *
 * Waits beyond the user's max_wait_all_per_user are refused (ENOSPC) and
 * counted; `SETALL_CAP=N` in `make vm-bench-setall` raises the cap first,
 * to show what the cap bounds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kevent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NOTHERS	62
#define ROUNDS	201

static int dev, victim, others[NOTHERS], never;
static int fds[KEVENT_WAIT_MAX];
static volatile int *refused;	/* shared with the parked user's process */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int create(uint32_t flags, uint32_t mode)
{
	struct kevent_create_args a = { .flags = flags, .mode = mode };

	if (ioctl(dev, KEVENT_IOC_CREATE, &a) < 0) {
		perror("setall: create");
		exit(2);
	}
	return a.fd;
}

static long op(int fd, unsigned long cmd)
{
	uint32_t prev;

	return ioctl(fd, cmd, &prev) < 0 ? -errno : (long)prev;
}

static long waiters(int fd)
{
	char path[64], line[256];
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "kevent-waiters:", 15))
			n = strtol(line + 15, NULL, 10);
	if (f)
		fclose(f);
	return n;
}

static void *waiter(void *arg)
{
	struct kevent_wait_args a = {
		.timeout = KEVENT_TIMEOUT_INFINITE,
		.fds = (uintptr_t)fds,
		.count = KEVENT_WAIT_MAX,
		.flags = KEVENT_WAIT_ALL,
	};

	(void)arg;
	if (ioctl(dev, KEVENT_IOC_WAIT, &a) < 0) {
		if (errno == ENOSPC)
			__atomic_add_fetch(refused, 1, __ATOMIC_SEQ_CST);
		else
			fprintf(stderr, "setall: wait: %s\n", strerror(errno));
	}
	return NULL;
}

/* The foreign user: N waiting threads, until killed. */
static pid_t park(int n)
{
	pid_t pid = fork();

	if (!pid) {
		pthread_attr_t attr;
		pthread_t t;
		int i;

		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(3);
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, 64 * 1024);
		for (i = 0; i < n; i++)
			if (pthread_create(&t, &attr, waiter, NULL)) {
				fprintf(stderr, "setall: thread %d: %s\n", i, strerror(errno));
				break;
			}
		pause();
		_exit(0);
	}
	return pid;
}

#define TRACING "/sys/kernel/tracing/"

static int write_str(const char *path, const char *str)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(str, f);
	return fclose(f);
}

/* Start the irqsoff tracer; 0 if this kernel has none. */
static int irqsoff_start(void)
{
	char buf[512] = "";
	FILE *f = fopen(TRACING "available_tracers", "r");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	if (!strstr(buf, "irqsoff"))
		return 0;
	return write_str(TRACING "current_tracer", "irqsoff") == 0 &&
	       write_str(TRACING "tracing_max_latency", "0") == 0;
}

/* The longest interrupts-off section since irqsoff_start(), in µs. */
static long irqsoff_max(void)
{
	long v = -1;
	FILE *f = fopen(TRACING "tracing_max_latency", "r");

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	write_str(TRACING "current_tracer", "nop");
	return v;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const int defaults[] = { 0, 1000, 7000 };
	uint64_t set[ROUNDS], reset[ROUNDS];
	int i, k, nn = argc > 1 ? argc - 1 : 3;

	refused = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	dev = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev < 0) {
		perror("setall: " KEVENT_DEVICE_PATH);
		return 2;
	}
	victim = create(0, 0644);
	for (i = 0; i < NOTHERS; i++)
		others[i] = create(KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET, 0644);
	never = create(0, 0644);
	fds[0] = victim;
	memcpy(&fds[1], others, sizeof(others));
	fds[KEVENT_WAIT_MAX - 1] = never;

	printf("| foreign wait-all waiters | SET median µs | SET max µs | RESET median µs | RESET max µs | longest IRQs-off section µs |\n");
	printf("|---|---|---|---|---|---|\n");
	for (k = 0; k < nn; k++) {
		int n = argc > 1 ? atoi(argv[k + 1]) : defaults[k];
		char irqs[48];
		long irqs_off;
		int tracer;
		pid_t pid;

		*refused = 0;
		pid = park(n);
		uint64_t t0, deadline = now_ns() + 600ULL * 1000000000ULL;

		while (waiters(victim) + *refused < n && now_ns() < deadline)
			usleep(10000);
		if (waiters(victim) + *refused != n) {
			printf("setall: only %ld of %d waiters queued\n", waiters(victim), n);
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return 1;
		}
		tracer = irqsoff_start();
		for (i = 0; i < ROUNDS; i++) {
			t0 = now_ns();
			op(victim, KEVENT_IOC_SET);
			set[i] = now_ns() - t0;
			t0 = now_ns();
			op(victim, KEVENT_IOC_RESET);
			reset[i] = now_ns() - t0;
		}
		irqs_off = tracer ? irqsoff_max() : -1;
		qsort(set, ROUNDS, sizeof(set[0]), cmp);
		qsort(reset, ROUNDS, sizeof(reset[0]), cmp);
		if (irqs_off >= 0)
			snprintf(irqs, sizeof(irqs), "%ld", irqs_off);
		else
			snprintf(irqs, sizeof(irqs), "n/a (no irqsoff tracer)");
		printf("| %d (%ld queued, %d refused: ENOSPC) | %.1f | %.1f | %.1f | %.1f | %s |\n",
		       n, waiters(victim), *refused,
		       set[ROUNDS / 2] / 1e3, set[ROUNDS - 1] / 1e3,
		       reset[ROUNDS / 2] / 1e3, reset[ROUNDS - 1] / 1e3, irqs);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		while (waiters(victim) > 0)
			usleep(10000);
	}
	return 0;
}
