// SPDX-License-Identifier: GPL-2.0
/*
 * A wait whose argument page is shared copy-on-write (the waiter's stack
 * after its process forked) reports its result without giving the event
 * back: the write faults the page in and succeeds. Giving back is only for
 * a page that stays unwritable (core/efault), because a set arriving while
 * an event is given back finds it signaled and is absorbed: two sets of an
 * auto-reset event then release one waiter, which is what core/bounds saw
 * when a fork happened while its wait-alls were queued.
 * Counted with the kevent_set tracepoint: one SET from this test, and no
 * second one from a give-back.
 */
#include <pthread.h>
#include <sys/mount.h>
#include <sys/wait.h>

#include "kt.h"

#define TRACE "/sys/kernel/tracing"

static int pair[2];
static int result[2];

static void *wait_all(void *arg)
{
	long i = (long)arg;

	result[i] = kt_waitv(pair, 2, KEVENT_WAIT_ALL, 10000 * KT_MS);
	return NULL;
}

static int one;
static int one_result;

static void *wait_one(void *arg)
{
	(void)arg;
	one_result = kt_wait(one, 10000 * KT_MS);
	return NULL;
}

/* A child that keeps every page of this process copy-on-write until killed. */
static pid_t fork_holder(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		pause();
		_exit(0);
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* kevent_set records of @name in the trace buffer. */
static int trace_sets(const char *name)
{
	char line[512], want[64];
	FILE *f = fopen(TRACE "/trace", "r");
	int n = 0;

	if (!f)
		return -1;
	snprintf(want, sizeof(want), "kevent_set: name=%s ", name);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, want))
			n++;
	fclose(f);
	return n;
}

int main(void)
{
	pthread_t t, t1, t2;
	pid_t holder;

	if (access(TRACE "/events", F_OK))
		mount("nodev", TRACE, "tracefs", 0, NULL);
	if (access(TRACE "/events/kevent/kevent_set/enable", W_OK))
		bail_out("no kevent_set tracepoint under " TRACE);
	plan(8);

	kt_write_file(TRACE "/events/kevent/kevent_set/enable", "0");
	kt_write_file(TRACE "/trace", "");
	kt_write_file(TRACE "/events/kevent/kevent_set/enable", "1");

	/* One waiter, its stack COW-shared with a child. */
	one = kt_create_ex("kt-cow-one", 0, 0600, NULL);
	pthread_create(&t, NULL, wait_one, NULL);
	is_int(kt_wait_waiters(one, 1), 0, "a thread waits on a synchronization event");
	holder = fork_holder();
	kt_set(one);
	pthread_join(t, NULL);
	reap(holder);
	is_int(one_result, 0, "with its stack shared copy-on-write, the wait is satisfied");
	is_int(kt_state(one), 0, "... the event was consumed");
	is_int(trace_sets("kt-cow-one"), 1, "... by the one SET, not given back and set again");

	/* Two wait-alls on a pair, a fork, then the pair set twice. */
	pair[0] = kt_create_ex("kt-cow-a", 0, 0600, NULL);
	pair[1] = kt_create_ex("kt-cow-b", 0, 0600, NULL);
	pthread_create(&t1, NULL, wait_all, (void *)0L);
	pthread_create(&t2, NULL, wait_all, (void *)1L);
	is_int(kt_wait_waiters(pair[0], 2), 0, "two wait-alls queued on the pair");
	holder = fork_holder();
	kt_set(pair[0]);
	kt_set(pair[1]);
	kt_set(pair[0]);
	kt_set(pair[1]);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	reap(holder);
	ok(result[0] == 0 && result[1] == 0,
	   "both wait-alls are satisfied by two sets of the pair (%d, %d)", result[0], result[1]);
	is_int(trace_sets("kt-cow-a") + trace_sets("kt-cow-b"), 4, "... with four SETs, none a give-back");
	is_int(kt_state(pair[0]) + kt_state(pair[1]), 0, "... and both events consumed");

	kt_write_file(TRACE "/events/kevent/kevent_set/enable", "0");
	kt_write_file(TRACE "/trace", "");
	return done();
}
