// SPDX-License-Identifier: GPL-2.0
/*
 * What bounds a setter's work, whoever queued the waits:
 *  - a wait-any naming one event many times queues it once (the lowest
 *    index wins anyway), so one wait puts at most one entry on an event;
 *  - max_wait_all_per_event caps the user-space wait-alls queued on one
 *    event, whichever users (or uids of one person) queued them;
 *  - events made by the kernel API are charged to nobody: they do not eat
 *    into root's own per-user limit.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/wait.h>

#include "kt.h"

static int fds64[KEVENT_WAIT_MAX], pair[2];
static int wait_result[4];

static void *wait_dups(void *arg)
{
	(void)arg;
	wait_result[0] = kt_waitv(fds64, KEVENT_WAIT_MAX, 0, 10000 * KT_MS);
	return NULL;
}

static void *wait_pair_all(void *arg)
{
	long i = (long)arg;

	wait_result[i] = kt_waitv(pair, 2, KEVENT_WAIT_ALL, 10000 * KT_MS);
	return NULL;
}

/* As uid 1000: a wait-all on the pair (0 timeout): its errno, or 0. */
static int foreign_wait_all(void)
{
	int status;
	pid_t pid = fork();

	if (!pid) {
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(255);
		_exit(-kt_waitv(pair, 2, KEVENT_WAIT_ALL, 0));
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int main(void)
{
	long saved_event = kt_param("max_wait_all_per_event");
	long saved_user = kt_param("max_events_per_user");
	pthread_t t, t1, t2;
	char cmd[512];
	int ev, i, before, after;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));

	/* 64 copies of one event: one queued entry. */
	ev = kt_create_ex("kt-bounds", 0, 0644, NULL);
	for (i = 0; i < KEVENT_WAIT_MAX; i++)
		fds64[i] = ev;
	pthread_create(&t, NULL, wait_dups, NULL);
	is_int(kt_wait_waiters(ev, 1), 0, "a wait-any on 64 copies of one event queues one entry");
	usleep(100000);
	is_int(kt_fdinfo(ev, "waiters"), 1, "... and stays at one");
	kt_set(ev);
	pthread_join(t, NULL);
	is_int(wait_result[0], 0, "... and is satisfied at the lowest index");
	is_int(kt_state(ev), 0, "... consuming the event once");
	close(ev);

	/* max_wait_all_per_event */
	ok(saved_event > 0, "max_wait_all_per_event is a module parameter (%ld)", saved_event);
	kt_set_param("max_wait_all_per_event", 2);
	pair[0] = kt_create_ex(NULL, 0, 0, NULL);
	pair[1] = kt_create_ex(NULL, 0, 0, NULL);
	pthread_create(&t1, NULL, wait_pair_all, (void *)1L);
	pthread_create(&t2, NULL, wait_pair_all, (void *)2L);
	is_int(kt_wait_waiters(pair[0], 2), 0, "root queues 2 wait-alls on the pair");
	is_int(foreign_wait_all(), ENOSPC, "a 3rd wait-all on the event, by another user: ENOSPC");
	is_int(kt_waitv(pair, 2, KEVENT_WAIT_ALL, 0), -ENOSPC, "... and by root: ENOSPC");
	{
		int sig = kt_create_ex(NULL, 0, 0, NULL);
		struct kevent_wait_args w = {
			.fds = (uintptr_t)pair, .count = 2,
			.flags = KEVENT_WAIT_ALL | KEVENT_WAIT_SIGNAL, .signal_fd = sig,
		};

		is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_WAIT, &w)), -ENOSPC,
		       "... and with KEVENT_WAIT_SIGNAL: ENOSPC");
		is_int(kt_state(sig), 0, "... which did not set the event to signal");
		close(sig);
	}
	is_int(kt_waitv(pair, 2, 0, 0), -ETIMEDOUT, "a wait-any on it is not limited");
	kt_set(pair[0]);
	kt_set(pair[1]);
	kt_set(pair[0]);
	kt_set(pair[1]);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	if (!ok(wait_result[1] == 0 && wait_result[2] == 0, "the queued wait-alls were satisfied"))
		diag("results %d and %d; pair states %d %d", wait_result[1], wait_result[2],
		     kt_state(pair[0]), kt_state(pair[1]));
	is_int(foreign_wait_all(), ETIMEDOUT, "then there is room again (ETIMEDOUT, not ENOSPC)");
	kt_set_param("max_wait_all_per_event", saved_event);
	close(pair[0]);
	close(pair[1]);

	/* Kernel-made events are not charged to root. */
	kt_set_param("max_events_per_user", 20);
	before = kt_capacity(40);
	snprintf(cmd, sizeof(cmd), "insmod %s/kevent_consumer.ko name=kt-bounds-kmod",
		 getenv("KEVENT_TEST_MODDIR") ?: "/opt/kevent/test-modules");
	is_int(system(cmd), 0, "a module creates two events through the kernel API");
	after = kt_capacity(40);
	system("rmmod kevent_consumer");
	kt_set_param("max_events_per_user", saved_user);
	ok(before > 0 && before < 40 && after == before,
	   "root can still create as many events as before (%d, then %d)", before, after);
	return done();
}
