// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz: a guest fuzzer of every ioctl of /dev/kevent, event fds and
 * /dev/kevent-hwsim.
 *
 * Worker threads in several processes (one of them uid 1000, one in an IPC
 * namespace of its own) share a pool of file descriptors (events, devices,
 * pipes, eventfds, closed numbers) and call random operations on random
 * members: CREATE/OPEN/UNLINK with random and boundary flags, modes,
 * reserved fields and names (long, unterminated, NUL, backslash, prefixes);
 * WAIT with random counts, fds, flags, clocks and timeouts; SET, RESET,
 * PULSE and QUERY; ioctl numbers near the valid ones; every argument
 * through a NULL, unmapped, kernel, read-only or page-crossing pointer as
 * well as a good one; close, dup, fork, exit and unshare while others
 * wait; hwsim timers left pending at close and exit; /proc/kevent and
 * fdinfo read concurrently. A SIGALRM every 20 ms to each thread, with a
 * handler without SA_RESTART, keeps every wait finite.
 *
 * The seed is printed and the run is bounded by a number of calls:
 *   fuzz                        CI run: 60,000 calls, seed 1
 *   kernel command line kevent_fuzz_calls=N kevent_fuzz_seed=S
 *                               (make vm-fuzz FUZZ_CALLS=... FUZZ_SEED=...)
 * Threads interleave, so a seed reproduces the call sequence of each
 * thread, not their timing.
 *
 * Checks: each call returns 0 or an errno the ABI documents for it (an
 * undocumented errno fails the run, listed); kevent writes no kernel log
 * line during the run (an unprivileged user must not be able to fill it); afterwards the limits are intact (a new event and a new
 * wait work). Kernel complaints (KASAN, lockdep, WARN, ...) are the rig's to
 * judge from the console. Prints calls, calls/s and the errno histogram.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/kevent_hwsim.h>

#include "../core/kt.h"

#define POOL		48
#define THREADS		3
#define NPROCS		4	/* root, root, uid 1000, root in a new IPC namespace */
#define MAXERR		200
#define NOPS		16

static const char *const op_names[NOPS] = {
	"create", "open", "unlink", "wait", "set", "reset", "pulse", "query",
	"near-ioctl", "close-dup", "poll", "proc", "hwsim", "hwsim-read",
	"fork", "devwait",
};

/* Shared by every process (MAP_SHARED). */
struct shared {
	unsigned long calls;
	unsigned long errs[NOPS][MAXERR + 1];	/* [op][errno], 0 = success */
	unsigned long unexpected;
	char unexpected_what[8][96];
};

static struct shared *sh;
static int pool[POOL];
/* page_ro and page_ro_w map the same memory: read-only and writable views. */
static char *page_ro, *page_ro_w, *page_none, *page_cross;
static unsigned long calls_per_thread;

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	/* xorshift64* */
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 2685821657736338717ULL;
}

static unsigned int below(struct rng *r, unsigned int n)
{
	return n ? rnd(r) % n : 0;
}

/* Boundary-biased 32- and 64-bit values. */
static uint32_t r32(struct rng *r)
{
	static const uint32_t b[] = { 0, 1, 2, 3, 4, 0x7f, 0xff, 0x100, 0x7fffffff,
				      0x80000000, 0xffffffff, 0xfffffffe, 63, 64, 65 };

	return below(r, 3) ? b[below(r, sizeof(b) / sizeof(b[0]))] : (uint32_t)rnd(r);
}

static uint64_t r64(struct rng *r)
{
	static const uint64_t b[] = { 0, 1, 1000, 1000000, 0x7fffffffffffffffULL,
				      0x8000000000000000ULL, ~0ULL, ~0ULL - 1 };

	return below(r, 3) ? b[below(r, sizeof(b) / sizeof(b[0]))] : rnd(r);
}

static int pick_fd(struct rng *r)
{
	switch (below(r, 12)) {
	case 0:
		return -1;
	case 1:
		return (int)r32(r);
	case 2:
		return 1000 + below(r, 100);	/* probably closed */
	default:
		return pool[below(r, POOL)];
	}
}

/* Where an argument of @size bytes lives; @good is the caller's buffer. */
static void *place(struct rng *r, void *good, size_t size, int *mode)
{
	*mode = below(r, 16);
	switch (*mode) {
	case 0:
		return NULL;
	case 1:
		return page_none;
	case 2:
		return (void *)0xffff888000000000UL;
	case 3:	/* read-only: the same bytes, but the kernel cannot write back */
		memcpy(page_ro_w, good, size < 4096 ? size : 4096);
		return page_ro;
	case 4:	/* the tail runs into an unmapped page */
		return page_cross + 4096 - (size > 1 ? 1 + below(r, size - 1) : 1);
	default:
		return good;
	}
}

static void note(int op, int err)
{
	__atomic_fetch_add(&sh->errs[op][err > MAXERR ? MAXERR : err], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&sh->calls, 1, __ATOMIC_RELAXED);
}

/* An errno outside @allowed (0-terminated) is a defect: count and keep a few. */
static void expect(int op, int err, const int *allowed)
{
	unsigned long n;
	const int *a;

	note(op, err);
	if (!err)
		return;
	for (a = allowed; *a; a++)
		if (*a == err)
			return;
	n = __atomic_fetch_add(&sh->unexpected, 1, __ATOMIC_RELAXED);
	if (n < 8)
		snprintf(sh->unexpected_what[n], sizeof(sh->unexpected_what[n]),
			 "%s gave %s", op_names[op], strerror(err));
}

static int sys_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? errno : 0;
}

/* Every errno an argument can provoke on any kevent ioctl. */
#define COMMON EFAULT, EINVAL, EBADF, ENOTTY, ENAMETOOLONG, ENOMEM

static const char *const names[] = {
	"fz-a", "fz-b", "Global\\fz-a", "Local\\fz-b", "fz-c", "fz d", "fz-e",
};

/*
 * A random name in @buf, @len bytes (or a bogus length). Return: true if it
 * is one of the fixed names[], the only ones that may be made permanent:
 * they are unlinked at the end, anything else would outlive the run.
 */
static bool make_name(struct rng *r, char *buf, uint32_t *len)
{
	unsigned int i, n;

	switch (below(r, 6)) {
	case 0:	/* random bytes, any length up to past the limit */
		n = below(r, 300);
		for (i = 0; i < n; i++)
			buf[i] = (char)rnd(r);
		*len = n;
		break;
	case 1:	/* boundary lengths */
		n = (const unsigned int[]){ 0, 1, 254, 255, 256, 262, 263, 264 }[below(r, 8)];
		memset(buf, 'n', n);
		if (n >= 7 && below(r, 2))
			memcpy(buf, "Global\\", 7);
		*len = n;
		break;
	default:
		strcpy(buf, names[below(r, sizeof(names) / sizeof(names[0]))]);
		*len = strlen(buf);
		if (below(r, 10))
			return true;
		*len = r32(r);	/* length beyond the buffer: unterminated */
		break;
	}
	return false;
}

static void put_pool(struct rng *r, int fd)
{
	int slot = below(r, POOL);
	int old = __atomic_exchange_n(&pool[slot], fd, __ATOMIC_RELAXED);

	if (old > 2 && below(r, 4))
		close(old);
}

static void op_create(struct rng *r, int dev)
{
	static const int ok[] = { COMMON, EEXIST, EACCES, EPERM, ENOSPC, EMFILE, ENFILE, 0 };
	struct kevent_create_args a = { 0 };
	char name[320];
	uint32_t len;
	bool fixed;
	void *p;
	int m, err;

	fixed = make_name(r, name, &len);
	a.name = below(r, 5) ? (uintptr_t)name : (below(r, 2) ? 0 : (uintptr_t)page_none);
	a.name_len = len;
	a.flags = below(r, 4) ? below(r, 32) : r32(r);
	/* Permanent only for the fixed names, which are unlinked at the end. */
	if (a.flags & KEVENT_CREATE_PERMANENT && (a.name != (uintptr_t)name || !fixed))
		a.flags &= ~KEVENT_CREATE_PERMANENT;
	a.mode = below(r, 4) ? (below(r, 2) ? 0666 : 0600) : r32(r);
	if (!below(r, 8))
		a.reserved[below(r, sizeof(a.reserved) / sizeof(a.reserved[0]))] = r32(r);
	if (!below(r, 8))
		a.fd = r32(r);
	if (!below(r, 8))
		a.result = r32(r);
	p = place(r, &a, sizeof(a), &m);
	err = sys_ioctl(dev, KEVENT_IOC_CREATE, p);
	expect(0, err, ok);
	if (!err && p == &a)
		put_pool(r, a.fd);
}

static void op_open(struct rng *r, int dev)
{
	static const int ok[] = { COMMON, ENOENT, EACCES, EMFILE, ENFILE, 0 };
	struct kevent_open_args a = { 0 };
	char name[320];
	uint32_t len;
	void *p;
	int m, err;

	make_name(r, name, &len);
	a.name = (uintptr_t)name;
	a.name_len = len;
	a.access = below(r, 4) ? 1 + below(r, 3) : r32(r);
	a.flags = below(r, 4) ? below(r, 2) : r32(r);
	if (!below(r, 8))
		a.reserved[0] = r32(r);
	p = place(r, &a, sizeof(a), &m);
	err = sys_ioctl(dev, KEVENT_IOC_OPEN, p);
	expect(1, err, ok);
	if (!err && p == &a)
		put_pool(r, a.fd);
}

static void op_unlink(struct rng *r, int dev)
{
	static const int ok[] = { COMMON, ENOENT, EPERM, 0 };
	struct kevent_unlink_args a = { 0 };
	char name[320];
	uint32_t len;
	int m;

	make_name(r, name, &len);
	a.name = (uintptr_t)name;
	a.name_len = len;
	if (!below(r, 8))
		a.flags = r32(r);
	expect(2, sys_ioctl(dev, KEVENT_IOC_UNLINK, place(r, &a, sizeof(a), &m)), ok);
}

static void op_wait(struct rng *r, int fd, int op)
{
	static const int ok[] = { COMMON, ETIMEDOUT, EINTR, ENOSPC, 0 };
	struct kevent_wait_args a = { 0 };
	int fds[KEVENT_WAIT_MAX + 8];
	unsigned int i, n;
	struct timespec ts;
	int m;

	n = below(r, 6) ? 1 + below(r, 4) : below(r, KEVENT_WAIT_MAX + 4);
	for (i = 0; i < n && i < KEVENT_WAIT_MAX + 8; i++)
		fds[i] = pick_fd(r);
	a.count = below(r, 10) ? n : r32(r);
	a.fds = below(r, 10) ? (uintptr_t)fds : (uintptr_t)place(r, fds, sizeof(fds), &m);
	a.flags = below(r, 4) ? below(r, 16) : r32(r);
	switch (below(r, 6)) {
	case 0:
		a.timeout = 0;
		break;
	case 1:	/* an absolute deadline a little ahead (or behind) */
		clock_gettime(a.flags & KEVENT_WAIT_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
		a.timeout = ts.tv_sec * 1000000000ULL + ts.tv_nsec + below(r, 2000000) - 1000000;
		break;
	case 2:
		a.timeout = r64(r);	/* may be infinite: SIGALRM ends it */
		break;
	default:
		a.timeout = below(r, 2000000);
		break;
	}
	if (a.flags & KEVENT_WAIT_SIGNAL && below(r, 8))
		a.signal_fd = pick_fd(r);
	else if (!below(r, 10))
		a.reserved = r32(r);
	if (!below(r, 10))
		a.index = r32(r);
	expect(op, sys_ioctl(fd, KEVENT_IOC_WAIT, place(r, &a, sizeof(a), &m)), ok);
}

static void op_state(struct rng *r, int op)
{
	static const unsigned long cmds[] = { KEVENT_IOC_SET, KEVENT_IOC_RESET,
					      KEVENT_IOC_PULSE, KEVENT_IOC_QUERY };
	static const int ok[] = { COMMON, 0 };
	struct kevent_query_args q;
	int m;

	expect(op, sys_ioctl(pick_fd(r), cmds[op - 4], place(r, &q, sizeof(q), &m)), ok);
}

/* ioctl numbers near the valid ones: other numbers, sizes, directions. */
static void op_near(struct rng *r)
{
	static const int ok[] = { COMMON, ENOTTY, EACCES, EPERM, EINTR, ETIMEDOUT, EAGAIN,
				  ENOENT, EEXIST, ENOSPC, EMFILE, EBUSY, 0 };
	char buf[512];
	unsigned long cmd;
	int m, fd = pick_fd(r);

	memset(buf, 0, sizeof(buf));
	cmd = _IOC(below(r, 4), below(r, 3) ? 0xE7 : 0xE8, below(r, 0x20),
		   below(r, 3) ? below(r, 512) : (unsigned int)r32(r) & 0x3fff);
	/* Only the no-argument shapes of valid ioctls are fuzzed blindly. */
	if (_IOC_TYPE(cmd) == 0xE7 && _IOC_NR(cmd) == 0x03)
		return;
	expect(8, sys_ioctl(fd, cmd, place(r, buf, _IOC_SIZE(cmd), &m)), ok);
}

static void op_close_dup(struct rng *r)
{
	int slot = below(r, POOL), fd;

	switch (below(r, 4)) {
	case 0:
		fd = __atomic_exchange_n(&pool[slot], -1, __ATOMIC_RELAXED);
		if (fd > 2)
			close(fd);
		break;
	case 1:
		fd = dup(pool[slot]);
		if (fd >= 0)
			put_pool(r, fd);
		break;
	case 2:
		put_pool(r, eventfd(0, EFD_CLOEXEC));
		break;
	default:
		fd = pool[below(r, POOL)];
		if (fd > 2 && pool[slot] > 2)
			dup3(fd, pool[slot], O_CLOEXEC);
		break;
	}
	note(9, 0);
}

static void op_poll(struct rng *r)
{
	struct pollfd p[4];
	int i;

	for (i = 0; i < 4; i++) {
		p[i].fd = pick_fd(r);
		p[i].events = POLLIN | POLLOUT;
	}
	note(10, poll(p, 4, below(r, 3)) < 0 ? errno : 0);
}

static void op_proc(struct rng *r)
{
	char buf[2048], path[64];
	int fd;

	if (below(r, 2)) {
		fd = open("/proc/kevent", O_RDONLY | O_CLOEXEC);
	} else {
		snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pick_fd(r));
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd >= 0) {
		while (read(fd, buf, 1 + below(r, sizeof(buf))) > 0 && below(r, 4))
			;
		close(fd);
	}
	note(11, 0);
}

static void op_hwsim(struct rng *r, int hw)
{
	static const int ok[] = { COMMON, EINTR, ETIMEDOUT, ENOENT, ENOSPC, EAGAIN, EBUSY,
				  EACCES, EPERM, ENODEV, 0 };
	union {
		struct kevent_hwsim_register reg;
		struct kevent_hwsim_wait wait;
		struct kevent_hwsim_queue queue;
		struct kevent_hwsim_named named;
		struct kevent_hwsim_notify notify;
		struct kevent_hwsim_info info;
	} u;
	unsigned long cmd;
	uint64_t delay;
	int m;

	memset(&u, 0, sizeof(u));
	/* Mostly short delays; some long ones stay pending past close and exit. */
	delay = below(r, 8) ? below(r, 2000000) : (below(r, 2) ? r64(r) : 3600ULL * 1000000000ULL);
	switch (below(r, 6)) {
	case 0:
		cmd = KEVENT_HWSIM_IOC_REGISTER_EVENT;
		u.reg.fd = pick_fd(r);
		u.reg.context = below(r, 4) ? below(r, 3) : r32(r);
		u.reg.delay_ns = delay;
		if (!below(r, 10))
			u.reg.reserved[1] = r64(r);
		break;
	case 1:
		cmd = KEVENT_HWSIM_IOC_WAIT_EVENT;
		u.wait.delay_ns = below(r, 4) ? below(r, 1000000) : delay;
		u.wait.context = below(r, 4) ? below(r, 3) : r32(r);
		u.wait.cookie = r64(r);
		if (!below(r, 10))
			u.wait.reserved0 = r32(r);
		break;
	case 2:
		cmd = KEVENT_HWSIM_IOC_QUEUE_REQUEST;
		u.queue.delay_ns = delay;
		u.queue.context = below(r, 4) ? below(r, 3) : r32(r);
		break;
	case 3:
		cmd = KEVENT_HWSIM_IOC_SIGNAL_NAMED;
		u.named.delay_ns = delay;
		u.named.context = below(r, 4) ? below(r, 3) : r32(r);
		if (below(r, 4))
			strcpy(u.named.name, names[below(r, sizeof(names) / sizeof(names[0]))]);
		else
			memset(u.named.name, 'x', sizeof(u.named.name));	/* unterminated */
		break;
	case 4:
		cmd = KEVENT_HWSIM_IOC_NOTIFY;
		u.notify.index = below(r, 3) ? below(r, 4) : r32(r);
		u.notify.delay_ns = below(r, 2) ? 0 : below(r, 2000000);
		break;
	default:
		cmd = KEVENT_HWSIM_IOC_INFO;
		break;
	}
	expect(12, sys_ioctl(below(r, 8) ? hw : pick_fd(r), cmd,
			     place(r, &u, _IOC_SIZE(cmd), &m)), ok);
}

static void op_hwsim_read(struct rng *r, int hw)
{
	struct kevent_hwsim_msg msg[4];
	int m;
	ssize_t n;

	if (below(r, 2))
		fcntl(hw, F_SETFL, below(r, 2) ? O_NONBLOCK : 0);
	n = read(hw, place(r, msg, sizeof(msg), &m), below(r, sizeof(msg) + 8));

	note(13, n < 0 ? (errno > MAXERR ? MAXERR : errno) : 0);
}

static void run_calls(struct rng *r, unsigned long n, int dev, int hw, int depth);
static timer_t thread_alarm(void);

/* A child that works a little and exits with its waits, fds and timers. */
static void op_fork(struct rng *r, int dev, int hw, int depth)
{
	pid_t pid;

	if (depth > 1) {
		note(14, 0);
		return;
	}
	pid = fork();
	if (!pid) {
		struct rng cr = { rnd(r) | 1 };

		thread_alarm();
		if (!below(&cr, 4))
			unshare(CLONE_NEWIPC);
		run_calls(&cr, 50 + below(&cr, 100), dev, hw, depth + 1);
		_exit(0);
	}
	if (pid > 0 && below(r, 2))
		waitpid(pid, NULL, 0);
	note(14, pid < 0 ? errno : 0);
}

static void run_calls(struct rng *r, unsigned long n, int dev, int hw, int depth)
{
	while (n--) {
		switch (below(r, 20)) {
		case 0: case 1: case 2:
			op_create(r, dev);
			break;
		case 3:
			op_open(r, dev);
			break;
		case 4:
			op_unlink(r, dev);
			break;
		case 5: case 6:
			op_wait(r, pick_fd(r), 3);
			break;
		case 7:
			op_wait(r, dev, 15);
			break;
		case 8: case 9:
			op_state(r, 4);
			break;
		case 10:
			op_state(r, 4 + below(r, 4));
			break;
		case 11:
			op_near(r);
			break;
		case 12:
			op_close_dup(r);
			break;
		case 13:
			op_poll(r);
			break;
		case 14:
			op_proc(r);
			break;
		case 15: case 16:
			op_hwsim(r, hw);
			break;
		case 17:
			op_hwsim_read(r, hw);
			break;
		case 18:
			if (!below(r, 20))
				op_fork(r, dev, hw, depth);
			else
				op_state(r, 7);
			break;
		default:
			op_state(r, 5 + below(r, 2));
			break;
		}
	}
	/* Reap what forked children are done; the rest are reaped at exit. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

struct worker {
	pthread_t t;
	struct rng r;
	int dev, hw;
};

/*
 * SIGALRM every 20 ms to the calling thread itself (a process-wide timer
 * signal would always go to the same thread): no wait of this thread can
 * last longer.
 */
static timer_t thread_alarm(void)
{
	struct sigevent sev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGALRM };
	struct itimerspec its = { { 0, 20000000 }, { 0, 20000000 } };
	timer_t t;

	sev._sigev_un._tid = gettid();
	if (timer_create(CLOCK_MONOTONIC, &sev, &t) || timer_settime(t, 0, &its, NULL))
		_exit(7);
	return t;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	timer_t t = thread_alarm();

	run_calls(&w->r, calls_per_thread, w->dev, w->hw, 0);
	timer_delete(t);
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void *mapping(int prot)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bail_out("mmap: %s", strerror(errno));
	return p;
}

/* One fuzzing process: @kind 0/1 root, 2 uid 1000, 3 root in a new IPC namespace. */
static void fuzz_process(int kind, uint64_t seed, unsigned long calls)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	struct worker w[THREADS];
	int dev, hw, i, efd, memfd;

	if (kind == 3 && unshare(CLONE_NEWIPC))
		_exit(3);
	/* hwsim is 0600: uid 1000 gets root's open file, as if passed to it. */
	hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (kind == 2 && (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000)))
		_exit(4);
	dev = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev < 0 || hw < 0)
		_exit(5);
	memfd = memfd_create("fuzz-ro", MFD_CLOEXEC);
	if (memfd < 0 || ftruncate(memfd, 4096))
		_exit(6);
	page_ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, memfd, 0);
	page_ro_w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	page_none = mapping(PROT_NONE);
	page_cross = mapping(PROT_READ | PROT_WRITE);
	/* The page after page_cross must be unmapped: take two, drop one. */
	munmap(page_cross, 4096);
	page_cross = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page_ro == MAP_FAILED || page_ro_w == MAP_FAILED || page_cross == MAP_FAILED)
		_exit(6);
	mprotect(page_cross + 4096, 4096, PROT_NONE);

	efd = eventfd(0, EFD_CLOEXEC);
	for (i = 0; i < POOL; i++) {
		struct rng r0 = { seed + i + 1 };

		/* Copies of the devices: closing a pool member never closes dev or hw. */
		switch (i % 6) {
		case 0:
			pool[i] = dup(dev);
			break;
		case 1:
			pool[i] = i < 12 ? dup(hw) : dup(efd);
			break;
		default:
			pool[i] = kt_create_ex(NULL, below(&r0, 4), 0, NULL);
			if (pool[i] < 0)
				pool[i] = -1;
			break;
		}
	}
	sigaction(SIGALRM, &sa, NULL);

	calls_per_thread = (calls + THREADS - 1) / THREADS;
	for (i = 0; i < THREADS; i++) {
		w[i].r.s = (seed * 0x9e3779b97f4a7c15ULL) ^ ((uint64_t)(kind * THREADS + i + 1) << 32) ^ 1;
		w[i].dev = dev;
		w[i].hw = hw;
		pthread_create(&w[i].t, NULL, worker_main, &w[i]);
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(w[i].t, NULL);
	_exit(0);
}

/*
 * Kernel log records written since @fd was opened (and seeked to the end)
 * that name kevent; the others (the emulator's one-time "hrtimer: interrupt
 * took ..." say) are listed. Kernel complaints are the rig's to judge: a
 * report about other code still prints the kernel release (the rig's own
 * kernels are "...-kevent-...") and the module list, so those do not count.
 */
static int kmsg_kevent_lines(int fd)
{
	char rec[1024], *msg;
	struct utsname u;
	int n = 0;
	ssize_t len;

	if (uname(&u))
		u.release[0] = '\0';

	while ((len = read(fd, rec, sizeof(rec) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		if (len <= 0)
			continue;
		rec[len] = '\0';
		msg = strchr(rec, ';') ? strchr(rec, ';') + 1 : rec;
		diag("kernel log: %s", msg);
		if (u.release[0] && strstr(msg, u.release))
			continue;
		if (strstr(msg, "Modules linked in:"))
			continue;
		if (strstr(msg, "kevent"))
			n++;
	}
	return n;
}

/* Permanent events of this namespace (the "permanent" flag of /proc/kevent). */
static int permanent_events(void)
{
	char line[1200];
	FILE *f = fopen("/proc/kevent", "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, " permanent\n"))
			n++;
	if (f)
		fclose(f);
	return n;
}

int main(void)
{
	uint64_t calls = kt_cmdline_value("kevent_fuzz_calls", 60000);
	uint64_t seed = kt_cmdline_value("kevent_fuzz_seed", 1);
	uint64_t t0, t1;
	unsigned long total_errs[MAXERR + 1] = { 0 };
	int i, e, op, status, failed_procs = 0, kmsg, lines, fd, perm_before;
	pid_t pids[NPROCS];
	char hist[1024];
	size_t off;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || kt_dev() < 0)
		bail_out("set-up: %s", strerror(errno));
	if (access(KEVENT_HWSIM_DEVICE_PATH, R_OK))
		bail_out("%s: %s (kevent_hwsim must be loaded)", KEVENT_HWSIM_DEVICE_PATH,
			 strerror(errno));
	diag("seed %llu, %llu calls, %d processes x %d threads (reproduce: make vm-fuzz "
	     "FUZZ_SEED=%llu FUZZ_CALLS=%llu)", (unsigned long long)seed,
	     (unsigned long long)calls, NPROCS, THREADS, (unsigned long long)seed,
	     (unsigned long long)calls);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);
	perm_before = permanent_events();

	t0 = kt_now(CLOCK_MONOTONIC);
	for (i = 0; i < NPROCS; i++) {
		fflush(stdout);
		pids[i] = fork();
		if (!pids[i])
			fuzz_process(i, seed + i, (calls + NPROCS - 1) / NPROCS);
	}
	for (i = 0; i < NPROCS; i++) {
		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			diag("fuzzing process %d: %s %d", i,
			     WIFEXITED(status) ? "exit" : "signal",
			     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
			failed_procs++;
		}
	}
	/* Grandchildren (forked by workers) may still run: wait for them all. */
	while (wait(NULL) > 0 || errno == EINTR)
		;
	t1 = kt_now(CLOCK_MONOTONIC);

	is_int(failed_procs, 0, "all %d fuzzing processes (root, root, uid 1000, new IPC ns) ran to the end",
	       NPROCS);
	ok(sh->calls >= calls * 9 / 10, "%lu calls made (%.0f calls/s)", sh->calls,
	   sh->calls / ((t1 - t0) / 1e9));
	for (i = 0; i < (int)sh->unexpected && i < 8; i++)
		diag("undocumented errno: %s", sh->unexpected_what[i]);
	is_int((int)sh->unexpected, 0, "every call returned 0 or a documented errno");

	for (op = 0; op < NOPS; op++) {
		unsigned long sum = 0;

		off = 0;
		for (e = 0; e <= MAXERR; e++) {
			total_errs[e] += sh->errs[op][e];
			sum += sh->errs[op][e];
			if (sh->errs[op][e] && off < sizeof(hist) - 64)
				off += snprintf(hist + off, sizeof(hist) - off, " %s:%lu",
						e ? strerrorname_np(e) ?: "?" : "ok", sh->errs[op][e]);
		}
		diag("%-10s %8lu calls:%s", op_names[op], sum, off ? hist : "");
	}
	off = 0;
	for (e = 0; e <= MAXERR; e++)
		if (total_errs[e] && off < sizeof(hist) - 64)
			off += snprintf(hist + off, sizeof(hist) - off, " %s:%lu",
					e ? strerrorname_np(e) ?: "?" : "ok", total_errs[e]);
	diag("errno histogram:%s", hist);
	ok(total_errs[0] > 0 && total_errs[EINVAL] > 0 && total_errs[EFAULT] > 0 &&
	   total_errs[EBADF] > 0 && total_errs[ETIMEDOUT] > 0,
	   "the run reached success, EINVAL, EFAULT, EBADF and ETIMEDOUT paths");

	lines = kmsg >= 0 ? kmsg_kevent_lines(kmsg) : -1;
	is_int(lines, 0, "the run made kevent write nothing to the kernel log");

	/* The fixed names may be permanent now: unlink them. */
	for (i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		kt_unlink(names[i]);
	is_int(permanent_events(), perm_before,
	       "the run left no permanent event behind (only fixed names may be made permanent)");
	fd = kt_create("fz-after", 0);
	ok(fd >= 0, "a new named event can be created afterwards");
	is_int(kt_wait(fd, 0), -ETIMEDOUT, "... and waited on");
	is_int(kt_set(fd), 0, "... and set");
	close(fd);
	return done();
}
