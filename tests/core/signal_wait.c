// SPDX-License-Identifier: GPL-2.0
/*
 * KEVENT_WAIT_SIGNAL (NtSignalAndWaitForSingleObject): a wait that first
 * sets the event of signal_fd. The set happens only once the call is known
 * to be valid (every error before the wait leaves it unset), before the
 * wait (so a wait on the same auto-reset event consumes it), exactly once
 * (a wait restarted after SIGSTOP/SIGCONT or an SA_RESTART handler does not
 * set again, and after EINTR the argument is a plain wait), and it
 * releases a waiter as SET does. Two processes hand a token back and forth
 * with one call per hand-off.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "kt.h"

static int sigwait_ioctl(struct kevent_wait_args *a)
{
	return kt_ret(ioctl(kt_dev(), KEVENT_IOC_WAIT, a));
}

static int set_and_wait(int set, int wait, uint64_t timeout)
{
	struct kevent_wait_args a = {
		.timeout = timeout,
		.fds = (uintptr_t)&wait,
		.count = 1,
		.flags = KEVENT_WAIT_SIGNAL,
		.signal_fd = set,
	};

	return sigwait_ioctl(&a);
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* A page shared with the children forked later (their results, the turn). */
static void *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		bail_out("mmap: %s", strerror(errno));
	return p;
}

static int exit_code(pid_t pid)
{
	int status;

	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The calls that must fail before anything is set. */
static void invalid_calls(int a, int b)
{
	int wonly = kt_open("kt-sigwait", KEVENT_ACCESS_WAIT);
	int pipefd[2], bad = 1 << 20;
	struct kevent_wait_args w;

	if (pipe(pipefd))
		bail_out("pipe: %s", strerror(errno));
	is_int(set_and_wait(-1, b, 0), -EBADF, "signal_fd -1: EBADF");
	is_int(set_and_wait(pipefd[0], b, 0), -EINVAL, "signal_fd not an event: EINVAL");
	ok(wonly >= 0, "opened the event with WAIT access only");
	is_int(set_and_wait(wonly, b, 0), -EBADF,
	       "signal_fd without MODIFY access: EBADF (as SET)");
	is_int(set_and_wait(a, bad, 0), -EBADF, "a closed wait fd: EBADF");
	is_int(set_and_wait(a, pipefd[0], 0), -EINVAL, "a wait fd not an event: EINVAL");
	w = (struct kevent_wait_args){ .fds = (uintptr_t)&b, .count = 0,
				       .flags = KEVENT_WAIT_SIGNAL, .signal_fd = a };
	is_int(sigwait_ioctl(&w), -EINVAL, "count 0: EINVAL");
	w.count = 1;
	w.fds = 8;
	is_int(sigwait_ioctl(&w), -EFAULT, "an unreadable fds array: EFAULT");
	w.fds = (uintptr_t)&b;
	w.index = 1;
	is_int(sigwait_ioctl(&w), -EINVAL, "index non-zero: EINVAL");
	w.index = 0;
	w.flags = KEVENT_WAIT_SIGNAL | (1U << 4);
	is_int(sigwait_ioctl(&w), -EINVAL, "an unknown flag beside SIGNAL: EINVAL");
	is_int(kt_state(a), 0, "none of these set the event");
	is_int(kt_state(b), 0, "... nor touched the waited one");
	w = (struct kevent_wait_args){ .fds = (uintptr_t)&b, .count = 1,
				       .signal_fd = a };
	is_int(sigwait_ioctl(&w), -EINVAL,
	       "signal_fd (the reserved word) non-zero without SIGNAL: EINVAL");
	is_int(kt_state(a), 0, "... and nothing set");
	close(pipefd[0]);
	close(pipefd[1]);
	close(wonly);
}

/* A wait interrupted after the set: restarted or ended, never set again. */
static void set_once(int a, int b)
{
	struct kevent_wait_args *w;
	pid_t pid;
	int restart;

	w = shared_page();

	/* SIGSTOP/SIGCONT, and a handler with SA_RESTART. */
	for (restart = 0; restart < 2; restart++) {
		pid = fork();
		if (!pid) {
			struct sigaction sa = { .sa_handler = on_usr1,
						.sa_flags = SA_RESTART };

			sigaction(SIGUSR1, &sa, NULL);
			_exit(set_and_wait(a, b, KEVENT_TIMEOUT_INFINITE) ? 1 : 0);
		}
		ok(!kt_wait_waiters(b, 1), "%s: the child set and waits",
		   restart ? "SA_RESTART handler" : "SIGSTOP/SIGCONT");
		is_int(kt_reset(a), 1, "... the set was done; reset it");
		if (restart)
			kill(pid, SIGUSR1);
		else
			kt_stop_cont(pid);
		usleep(100000);
		ok(!kt_wait_waiters(b, 1), "... the wait goes on after the signal");
		is_int(kt_state(a), 0, "... and the restarted call did not set again");
		kt_set(b);
		is_int(exit_code(pid), 0, "... it returns success when the waited event is set");
		is_int(kt_state(a), 0, "... and the event to signal was set once in all");
	}

	/* A handler without SA_RESTART: EINTR, and the argument drops SIGNAL. */
	*w = (struct kevent_wait_args){ .timeout = KEVENT_TIMEOUT_INFINITE,
					.fds = (uintptr_t)&b, .count = 1,
					.flags = KEVENT_WAIT_SIGNAL, .signal_fd = a };
	pid = fork();
	if (!pid) {
		struct sigaction sa = { .sa_handler = on_usr1 };

		sigaction(SIGUSR1, &sa, NULL);
		_exit(sigwait_ioctl(w) == -EINTR ? 0 : 1);
	}
	ok(!kt_wait_waiters(b, 1), "no SA_RESTART: the child set and waits");
	is_int(kt_reset(a), 1, "... the set was done; reset it");
	kill(pid, SIGUSR1);
	is_int(exit_code(pid), 0, "... the handler's signal ends the call with EINTR");
	is_int(w->flags & KEVENT_WAIT_SIGNAL, 0, "... and its argument no longer asks for the set");
	is_int(w->signal_fd, 0, "... nor names an event to set (signal_fd is zero)");
	is_int(kt_state(a), 0, "... nothing set again");
	w->flags = w->flags & ~KEVENT_WAIT_ABSOLUTE;
	w->timeout = 0;
	is_int(sigwait_ioctl(w), -ETIMEDOUT, "re-issuing it as it is: a plain wait");
	is_int(kt_state(a), 0, "... and sets nothing");
	munmap(w, 4096);
}

/*
 * A relative timeout stopped and continued: the restart keeps the deadline
 * and does not set again, and the argument says both (three words
 * rewritten: flags, timeout, signal_fd).
 */
static void set_once_relative(int a, int b)
{
	struct kevent_wait_args *w;
	uint64_t t0;
	pid_t pid;

	w = shared_page();
	*w = (struct kevent_wait_args){ .timeout = 1500 * KT_MS,
					.fds = (uintptr_t)&b, .count = 1,
					.flags = KEVENT_WAIT_SIGNAL, .signal_fd = a };
	t0 = kt_now(CLOCK_MONOTONIC);
	pid = fork();
	if (!pid)
		_exit(sigwait_ioctl(w) == -ETIMEDOUT ? 0 : 1);
	ok(!kt_wait_waiters(b, 1), "relative 1.5 s: the child set and waits");
	is_int(kt_reset(a), 1, "... the set was done; reset it");
	kt_stop_cont(pid);
	is_int(exit_code(pid), 0, "... after SIGSTOP/SIGCONT it times out");
	is_int(kt_state(a), 0, "... without setting again");
	ok(w->flags == KEVENT_WAIT_ABSOLUTE && w->signal_fd == 0,
	   "... its argument is a plain wait with an absolute deadline (flags %#x, signal_fd %d)",
	   w->flags, w->signal_fd);
	ok(w->timeout >= t0 + 1500 * KT_MS && w->timeout <= t0 + 3500 * KT_MS,
	   "... and the deadline is the original one (%.3f s after the start)",
	   (double)(w->timeout - t0) / 1e9);
	munmap(w, 4096);
}

/* Wait-all with the signaled event among the waited ones; a bad argument. */
static void wait_all_and_efault(int a, int b)
{
	int both[2] = { a, b };
	struct kevent_wait_args w = { .fds = (uintptr_t)both, .count = 2,
				      .flags = KEVENT_WAIT_ALL | KEVENT_WAIT_SIGNAL,
				      .signal_fd = a };
	struct kevent_wait_args *ro;

	kt_set(b);
	is_int(sigwait_ioctl(&w), 0,
	       "wait-all on {a, b} setting a, with b signaled: success");
	is_int(kt_state(a) + kt_state(b), 0, "... both consumed together");
	w.timeout = 0;
	is_int(sigwait_ioctl(&w), -ETIMEDOUT, "... again with b clear: ETIMEDOUT");
	is_int(kt_reset(a), 1, "... a set, and not consumed by the failed wait-all");

	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		bail_out("mmap: %s", strerror(errno));
	*ro = (struct kevent_wait_args){ .fds = (uintptr_t)&b, .count = 1,
					 .flags = KEVENT_WAIT_SIGNAL, .signal_fd = a };
	mprotect(ro, 4096, PROT_READ);
	is_int(sigwait_ioctl(ro), -EFAULT, "a read-only argument: EFAULT");
	is_int(kt_state(a), 0, "... and nothing set");
	munmap(ro, 4096);
}

/* Two processes hand a token back and forth, one call per hand-off. */
static void ping_pong(int a, int b)
{
	const int rounds = 2000;
	volatile int *turn;
	int i, bad = 0;
	pid_t pid;

	turn = shared_page();
	*turn = 0;
	pid = fork();
	if (!pid) {
		if (kt_wait(a, KEVENT_TIMEOUT_INFINITE))
			_exit(2);
		for (i = 0; i < rounds; i++) {
			if (*turn != 2 * i + 1)
				_exit(3);
			*turn = 2 * i + 2;
			if (set_and_wait(b, a, i == rounds - 1 ? 0 : 10000 * KT_MS) &&
			    i != rounds - 1)
				_exit(4);
		}
		_exit(0);
	}
	for (i = 0; i < rounds; i++) {
		if (*turn != 2 * i)
			bad++;
		*turn = 2 * i + 1;
		if (set_and_wait(a, b, 10000 * KT_MS)) {
			bad++;
			break;
		}
	}
	is_int(bad, 0, "%d hand-offs each way: strict alternation, no wait failed", rounds);
	is_int(exit_code(pid), 0, "... the other process saw every hand-off in order");
	is_int(kt_state(a) + kt_state(b), 0, "... and both events are consumed");
	munmap((void *)turn, 4096);
}

/* Voluntary context switches of the calling process: how often it slept. */
static long sleeps(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_nvcsw;
}

/* Pin the caller (and the children it forks later) to the CPU it runs on. */
static void pin_this_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		bail_out("sched_getcpu: %s", strerror(errno));
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		bail_out("sched_setaffinity: %s", strerror(errno));
}

/*
 * On one CPU, a signal-and-wait whose set released the other process hands
 * it the CPU before waiting: the other process then finds its event set,
 * and its own set finds the caller not yet asleep. Without the hand-off
 * both sleep every round; with it, at most one does (the scheduler's
 * fairness may refuse a yield to a task that ran more: a forked child
 * starts a slice ahead, and a futex ping-pong's wake-up preemption is
 * refused in the same direction).
 */
static void handoff_one_cpu(int a, int b)
{
	const int rounds = 1000;
	long *child_sleeps, before;
	int i, fails = 0;
	pid_t pid;

	child_sleeps = shared_page();
	pin_this_cpu();
	pid = fork();
	if (!pid) {
		if (kt_wait(a, KEVENT_TIMEOUT_INFINITE))
			_exit(2);
		before = sleeps();
		for (i = 0; i < rounds - 1; i++)
			if (set_and_wait(b, a, 10000 * KT_MS))
				_exit(3);
		*child_sleeps = sleeps() - before;
		_exit(kt_set(b) < 0 ? 4 : 0);
	}
	before = sleeps();
	for (i = 0; i < rounds; i++)
		fails += set_and_wait(a, b, 10000 * KT_MS) != 0;
	before = sleeps() - before;
	is_int(fails, 0, "%d hand-offs each way on one CPU: every wait succeeded", rounds);
	is_int(exit_code(pid), 0, "... in the other process too");
	ok(before + *child_sleeps < rounds * 5 / 4,
	   "... and the two slept %ld + %ld times (fewer than %d): the set hands the CPU to the task it released",
	   before, *child_sleeps, rounds * 5 / 4);
	munmap(child_sleeps, 4096);
}

int main(void)
{
	int a, b, n, waiter;
	pid_t pid;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	kt_unlink("kt-sigwait");
	a = kt_create("kt-sigwait", 0);
	b = kt_create(NULL, 0);
	n = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	if (a < 0 || b < 0 || n < 0)
		bail_out("create: %s", strerror(-(a < 0 ? a : b < 0 ? b : n)));

	invalid_calls(a, b);

	is_int(set_and_wait(a, b, 20 * KT_MS), -ETIMEDOUT,
	       "set a, wait on b for 20 ms: ETIMEDOUT");
	is_int(kt_reset(a), 1, "... and a was set all the same");

	kt_set(b);
	is_int(set_and_wait(a, b, 0), 0, "set a, wait on a signaled b: success");
	is_int(kt_state(b), 0, "... b (auto-reset) consumed");
	is_int(kt_reset(a), 1, "... a set");

	is_int(set_and_wait(a, a, 0), 0,
	       "set a, then wait on a itself: the wait consumes the set");
	is_int(kt_state(a), 0, "... a is unsignaled again");

	is_int(set_and_wait(n, n, 0), 0, "the same on a notification event");
	is_int(kt_reset(n), 1, "... which stays signaled");

	/* The set releases a waiter, as SET does, before the caller waits. */
	pid = fork();
	if (!pid)
		_exit(kt_wait(a, 10000 * KT_MS) ? 1 : 0);
	ok(!kt_wait_waiters(a, 1), "a child waits on a");
	is_int(set_and_wait(a, b, 100 * KT_MS), -ETIMEDOUT,
	       "set a, wait on b: times out");
	is_int(exit_code(pid), 0, "... and released the child waiting on a");
	is_int(kt_state(a), 0, "... which consumed the set");

	/* The waited event's fd may be the one the ioctl is issued on. */
	waiter = b;
	kt_set(b);
	{
		struct kevent_wait_args w = { .fds = (uintptr_t)&waiter, .count = 1,
					      .flags = KEVENT_WAIT_SIGNAL,
					      .signal_fd = n };

		is_int(kt_ret(ioctl(b, KEVENT_IOC_WAIT, &w)), 0,
		       "issued on an event fd instead of /dev/kevent: the same");
		is_int(kt_reset(n), 1, "... n set");
	}

	set_once(a, b);
	set_once_relative(a, b);
	wait_all_and_efault(a, b);
	ping_pong(a, b);
	handoff_one_cpu(a, b);

	close(n);
	close(b);
	close(a);
	kt_unlink("kt-sigwait");
	return done();
}
