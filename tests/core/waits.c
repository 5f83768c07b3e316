// SPDX-License-Identifier: GPL-2.0
/*
 * Waits without concurrency: single, any and all; counts, duplicates, bad
 * fds, consumption rules, and timeouts (relative, absolute on both clocks).
 */
#include <sys/socket.h>

#include "kt.h"

static void test_single(void)
{
	int sync = kt_create(NULL, KEVENT_CREATE_INITIAL_SET);
	int note = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET);

	is_int(kt_wait(sync, 0), 0, "wait on a signaled sync event succeeds");
	is_int(kt_state(sync), 0, "... and consumes it");
	is_int(kt_wait(sync, 0), -ETIMEDOUT, "timeout 0 on an unsignaled event: ETIMEDOUT");
	is_int(kt_wait(note, 0), 0, "wait on a signaled notification event succeeds");
	is_int(kt_state(note), 1, "... and leaves it signaled");
	is_int(kt_wait(note, KEVENT_TIMEOUT_INFINITE), 0, "infinite wait on a signaled event returns at once");
	close(sync);
	close(note);
}

static void test_any(void)
{
	int ev[KEVENT_WAIT_MAX + 1], i, r, seq_ok = 1;

	for (i = 0; i < 3; i++)
		ev[i] = kt_create(NULL, 0);
	kt_set(ev[1]);
	kt_set(ev[2]);
	is_int(kt_waitv(ev, 3, 0, 0), 1, "wait-any returns the lowest signaled index");
	is_int(kt_state(ev[1]), 0, "... consumes that event");
	is_int(kt_state(ev[2]), 1, "... and only that event");
	{
		int dup3[3] = { ev[0], ev[2], ev[2] };

		is_int(kt_waitv(dup3, 3, 0, 0), 1, "duplicates are allowed in wait-any (lowest index)");
		is_int(kt_state(ev[2]), 0, "... consumed once");
	}
	is_int(kt_waitv(ev, 3, 0, 0), -ETIMEDOUT, "wait-any with none signaled: ETIMEDOUT");
	for (i = 0; i < 3; i++)
		close(ev[i]);

	/* nt-event-semantics.md: 64 events, index 0 manual, 1..63 auto. */
	ev[0] = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET);
	for (i = 1; i < KEVENT_WAIT_MAX; i++)
		ev[i] = kt_create(NULL, KEVENT_CREATE_INITIAL_SET);
	for (i = 0; i < 5; i++)
		if (kt_waitv(ev, KEVENT_WAIT_MAX, 0, 0) != 0)
			seq_ok = 0;
	ok(seq_ok, "64 events, index 0 manual: wait-any returns 0 again and again");
	kt_reset(ev[0]);
	for (i = 1; i < KEVENT_WAIT_MAX; i++) {
		r = kt_waitv(ev, KEVENT_WAIT_MAX, 0, 0);
		if (r != i) {
			seq_ok = 0;
			diag("wait %d returned %d", i, r);
		}
	}
	ok(seq_ok, "after resetting 0, wait-any returns 1, 2, ..., 63 in turn");
	is_int(kt_waitv(ev, KEVENT_WAIT_MAX, 0, 0), -ETIMEDOUT, "then every event is consumed");

	ev[KEVENT_WAIT_MAX] = ev[0];
	is_int(kt_waitv(ev, KEVENT_WAIT_MAX + 1, 0, 0), -EINVAL, "65 events: EINVAL");
	is_int(kt_waitv(ev, 0, 0, 0), -EINVAL, "0 events: EINVAL");
	is_int(kt_waitv(ev, 0, KEVENT_WAIT_ALL, 0), -EINVAL, "0 events, wait-all: EINVAL");
	for (i = 0; i < KEVENT_WAIT_MAX; i++)
		close(ev[i]);
}

static void test_all(void)
{
	int ev[3], i;

	ev[0] = kt_create(NULL, 0);
	ev[1] = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	ev[2] = kt_create(NULL, 0);
	kt_set(ev[0]);
	kt_set(ev[1]);
	is_int(kt_waitv(ev, 3, KEVENT_WAIT_ALL, 0), -ETIMEDOUT, "wait-all with one unsignaled: ETIMEDOUT");
	ok(kt_state(ev[0]) == 1 && kt_state(ev[1]) == 1, "... and nothing consumed");
	is_int(kt_waitv(ev, 3, KEVENT_WAIT_ALL, 20 * KT_MS), -ETIMEDOUT, "... also after a real timeout");
	ok(kt_state(ev[0]) == 1 && kt_state(ev[1]) == 1, "... still nothing consumed");
	kt_set(ev[2]);
	is_int(kt_waitv(ev, 3, KEVENT_WAIT_ALL, 0), 0, "wait-all with all signaled returns 0");
	ok(kt_state(ev[0]) == 0 && kt_state(ev[2]) == 0 && kt_state(ev[1]) == 1,
	   "wait-all consumes every sync event and leaves the notification event set");
	{
		int dup2[2] = { ev[1], ev[1] };
		int d = dup(ev[1]);
		int dupfd[2] = { ev[1], d };

		is_int(kt_waitv(dup2, 2, KEVENT_WAIT_ALL, 0), -EINVAL, "wait-all with a duplicate: EINVAL");
		is_int(kt_waitv(dupfd, 2, KEVENT_WAIT_ALL, 0), -EINVAL,
		       "wait-all with the same event through two fds: EINVAL");
		close(d);
	}
	for (i = 0; i < 3; i++)
		close(ev[i]);
}

static void test_bad_fds(void)
{
	int ev = kt_create(NULL, KEVENT_CREATE_INITIAL_SET), sv[2];
	int fds[2];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	fds[0] = ev;
	fds[1] = sv[0];
	is_int(kt_waitv(fds, 2, 0, 0), -EINVAL, "a non-kevent fd in a wait: EINVAL");
	fds[1] = kt_dev();
	is_int(kt_waitv(fds, 2, 0, 0), -EINVAL, "/dev/kevent itself in a wait: EINVAL");
	fds[1] = 1000;
	is_int(kt_waitv(fds, 2, 0, 0), -EBADF, "a closed fd in a wait: EBADF");
	fds[1] = -1;
	is_int(kt_waitv(fds, 2, 0, 0), -EBADF, "fd -1 in a wait: EBADF");
	is_int(kt_state(ev), 1, "failed waits consumed nothing");
	close(sv[0]);
	close(sv[1]);
	close(ev);
}

static void test_timeouts(void)
{
	int ev = kt_create(NULL, 0);
	uint64_t t0, dt;
	int r;

	t0 = kt_now(CLOCK_MONOTONIC);
	r = kt_wait(ev, 50 * KT_MS);
	dt = kt_now(CLOCK_MONOTONIC) - t0;
	ok(r == -ETIMEDOUT && dt >= 50 * KT_MS,
	   "relative 50 ms: ETIMEDOUT, not early (%llu us)", (unsigned long long)dt / 1000);

	t0 = kt_now(CLOCK_MONOTONIC);
	r = kt_waitv(&ev, 1, KEVENT_WAIT_ABSOLUTE, t0 + 50 * KT_MS);
	dt = kt_now(CLOCK_MONOTONIC) - t0;
	ok(r == -ETIMEDOUT && dt >= 50 * KT_MS,
	   "absolute CLOCK_MONOTONIC deadline +50 ms: ETIMEDOUT, not early (%llu us)",
	   (unsigned long long)dt / 1000);

	t0 = kt_now(CLOCK_REALTIME);
	r = kt_waitv(&ev, 1, KEVENT_WAIT_ABSOLUTE | KEVENT_WAIT_REALTIME, t0 + 50 * KT_MS);
	dt = kt_now(CLOCK_REALTIME) - t0;
	ok(r == -ETIMEDOUT && dt >= 50 * KT_MS,
	   "absolute CLOCK_REALTIME deadline +50 ms: ETIMEDOUT, not early (%llu us)",
	   (unsigned long long)dt / 1000);

	is_int(kt_waitv(&ev, 1, KEVENT_WAIT_ABSOLUTE, 1), -ETIMEDOUT,
	       "absolute deadline in the past: ETIMEDOUT");
	is_int(kt_waitv(&ev, 1, KEVENT_WAIT_REALTIME, 0), -EINVAL,
	       "REALTIME without ABSOLUTE: EINVAL");
	kt_set(ev);
	is_int(kt_waitv(&ev, 1, KEVENT_WAIT_ABSOLUTE, 1), 0,
	       "a signaled event satisfies a wait whose deadline passed");
	close(ev);
}

int main(void)
{
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	test_single();
	test_any();
	test_all();
	test_bad_fds();
	test_timeouts();
	return done();
}
