// SPDX-License-Identifier: GPL-2.0
/*
 * A wait is not ended by a signal that runs no handler: SIGSTOP/SIGCONT
 * (and ptrace, the freezer) restart it, as they restart a futex wait. An
 * infinite wait then still returns when the event is set; a relative wait
 * keeps its original deadline (the argument is rewritten to the absolute
 * CLOCK_MONOTONIC deadline before the restart). A handler with SA_RESTART
 * restarts the wait too; one without gives EINTR.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "kt.h"

/* Child: wait on @fd as described by @args; exit with 100 + errno or 0. */
static int child_wait(struct kevent_wait_args *a, int *shared)
{
	int r = ioctl(kt_dev(), KEVENT_IOC_WAIT, a);

	shared[0] = a->flags;
	memcpy(&shared[2], &a->timeout, sizeof(a->timeout));
	return r < 0 ? 100 + errno : 0;
}

static volatile sig_atomic_t caught;

static void on_usr1(int sig)
{
	(void)sig;
	caught++;
}

int main(void)
{
	static int shared_buf[8];
	struct kevent_wait_args a;
	int ev, status, *shared = shared_buf;
	uint64_t t0, deadline;
	pid_t pid;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ev = kt_create(NULL, 0);

	/* Infinite wait, stopped and continued twice, then set. */
	pid = fork();
	if (!pid) {
		a = (struct kevent_wait_args){ .timeout = KEVENT_TIMEOUT_INFINITE,
					       .fds = (uintptr_t)&ev, .count = 1 };
		_exit(child_wait(&a, shared));
	}
	ok(!kt_wait_waiters(ev, 1), "child waits (infinite)");
	kt_stop_cont(pid);
	ok(!kt_wait_waiters(ev, 1), "after SIGSTOP/SIGCONT the child waits again");
	kt_stop_cont(pid);
	ok(!kt_wait_waiters(ev, 1), "... and again after a second stop");
	is_int(kt_set(ev), 0, "set the event");
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	       "the infinite wait returned success, not EINTR");
	is_int(kt_state(ev), 0, "... and consumed the event");

	/* Relative 1.5 s wait, stopped meanwhile: ends at its first deadline. */
	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	t0 = kt_now(CLOCK_MONOTONIC);
	pid = fork();
	if (!pid) {
		a = (struct kevent_wait_args){ .timeout = 1500 * KT_MS,
					       .fds = (uintptr_t)&ev, .count = 1 };
		_exit(child_wait(&a, shared));
	}
	ok(!kt_wait_waiters(ev, 1), "child waits (relative 1.5 s)");
	kt_stop_cont(pid);
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 100 + ETIMEDOUT,
	       "the relative wait timed out, not EINTR");
	memcpy(&deadline, &shared[2], sizeof(deadline));
	ok(shared[0] & KEVENT_WAIT_ABSOLUTE,
	   "its argument now holds an absolute deadline (flags %#x)", shared[0]);
	ok(deadline >= t0 + 1500 * KT_MS && deadline <= t0 + 1500 * KT_MS + 2000 * KT_MS,
	   "the deadline is the original one (%.3f s after the start)",
	   (double)(deadline - t0) / 1e9);

	/* A handler with SA_RESTART: the wait goes on; without: EINTR. */
	for (int restart = 1; restart >= 0; restart--) {
		pid = fork();
		if (!pid) {
			struct sigaction sa = { .sa_handler = on_usr1 };

			sa.sa_flags = restart ? SA_RESTART : 0;
			sigaction(SIGUSR1, &sa, NULL);
			a = (struct kevent_wait_args){ .timeout = KEVENT_TIMEOUT_INFINITE,
						       .fds = (uintptr_t)&ev, .count = 1 };
			status = child_wait(&a, shared);
			_exit(status ? status : caught ? 0 : 99);
		}
		ok(!kt_wait_waiters(ev, 1), "child waits (handler %s SA_RESTART)",
		   restart ? "with" : "without");
		kill(pid, SIGUSR1);
		if (restart) {
			usleep(100000);
			ok(!kt_wait_waiters(ev, 1), "after the handler ran the wait was restarted");
			kt_set(ev);
		}
		waitpid(pid, &status, 0);
		is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		       restart ? 0 : 100 + EINTR,
		       restart ? "... and returned success when set" :
				 "without SA_RESTART the handler's signal gives EINTR");
	}
	is_int(kt_state(ev), 0, "nothing was consumed or left behind");
	close(ev);
	return done();
}
