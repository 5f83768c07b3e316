// SPDX-License-Identifier: GPL-2.0
/*
 * kev_wait, kev_wait_any, kev_wait_all with relative timeouts: results,
 * what each consumes, timeouts, and argument errors.
 */
#include "lt.h"

static void test_single(void)
{
	struct lt_setter s = { 0 };
	int ev = kev_create(NULL, 0, 0, NULL);
	long long t0;

	lt_fails(kev_wait(ev, 0), ETIMEDOUT, "timeout 0 on a clear event: ETIMEDOUT");
	t0 = lt_now_ms(CLOCK_MONOTONIC);
	lt_fails(kev_wait(ev, 200), ETIMEDOUT, "timeout 200 ms: ETIMEDOUT");
	ok(lt_now_ms(CLOCK_MONOTONIC) - t0 >= 200, "... after at least 200 ms");

	lt_fails(kev_wait(ev, -2), EINVAL, "timeout -2: EINVAL");
	lt_fails(kev_wait(ev, -1000), EINVAL, "timeout -1000: EINVAL");
	lt_fails(kev_wait(ev, -2147483647 - 1), EINVAL, "timeout INT_MIN: EINVAL");

	lt_set_later(&s, ev, 100);
	lt_is(kev_wait(ev, KEV_INFINITE), 0, "KEV_INFINITE wait released by a set");
	lt_join(&s);
	lt_is(kev_state(ev), 0, "the wait consumed the auto-reset event");

	lt_set_later(&s, ev, 100);
	lt_is(kev_wait(ev, 10000), 0, "10 s wait released by a set");
	lt_join(&s);
	kev_close(ev);
}

static void test_any(void)
{
	int evs[KEV_WAIT_MAX + 1];
	unsigned int i;

	for (i = 0; i < 3; i++)
		evs[i] = kev_create(NULL, 0, 0, NULL);

	lt_fails(kev_wait_any(evs, 3, 0), ETIMEDOUT, "any: none signaled: ETIMEDOUT");
	kev_set(evs[2]);
	kev_set(evs[1]);
	lt_is(kev_wait_any(evs, 3, 0), 1, "any: returns the lowest signaled index");
	lt_is(kev_state(evs[1]), 0, "any: consumed that event");
	lt_is(kev_state(evs[2]), 1, "any: left the other signaled");
	lt_is(kev_wait_any(evs, 3, 0), 2, "any: then the next one");
	lt_fails(kev_wait_any(evs, 3, 0), ETIMEDOUT, "any: then none");

	{
		int dup3[3] = { evs[0], evs[1], evs[0] };

		kev_set(evs[0]);
		lt_is(kev_wait_any(dup3, 3, 0), 0, "any: an event twice is allowed, lowest index");
		lt_is(kev_state(evs[0]), 0, "any: consumed once");
	}

	lt_fails(kev_wait_any(evs, 0, 0), EINVAL, "any: n = 0: EINVAL");
	lt_fails(kev_wait_any(evs, KEV_WAIT_MAX + 1, 0), EINVAL, "any: n = 65: EINVAL");
	lt_fails(kev_wait_any(NULL, 1, 0), EINVAL, "any: evs NULL: EINVAL");
	lt_fails(kev_wait_any(evs, 3, -5), EINVAL, "any: timeout -5: EINVAL");
	for (i = 0; i < 3; i++)
		kev_close(evs[i]);
}

/* The reference example: 64 events, index 0 manual and 1..63 auto. */
static void test_any_64(void)
{
	int evs[KEV_WAIT_MAX];
	int i, r, bad = 0;

	for (i = 0; i < KEV_WAIT_MAX; i++)
		evs[i] = kev_create(NULL, (i ? 0 : KEV_MANUAL_RESET) | KEV_INITIAL_SET,
				    0, NULL);
	for (i = 0; i < 3; i++)
		if (kev_wait_any(evs, KEV_WAIT_MAX, 0) != 0)
			bad++;
	ok(!bad, "64 events: wait-any returns the manual index 0 again and again");
	kev_reset(evs[0]);
	for (i = 1; i < KEV_WAIT_MAX; i++) {
		r = kev_wait_any(evs, KEV_WAIT_MAX, 0);
		if (r != i) {
			diag("  wait %d returned %d", i, r);
			bad++;
		}
	}
	ok(!bad, "64 events: then 1, 2, ..., 63, each consumed");
	lt_fails(kev_wait_any(evs, KEV_WAIT_MAX, 0), ETIMEDOUT, "64 events: then none");
	for (i = 0; i < KEV_WAIT_MAX; i++)
		kev_close(evs[i]);
}

static void test_all(void)
{
	struct lt_setter s = { 0 };
	int evs[3], i;

	evs[0] = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);
	evs[1] = kev_create(NULL, 0, 0, NULL);
	evs[2] = kev_create(NULL, 0, 0, NULL);

	kev_set(evs[0]);
	kev_set(evs[1]);
	lt_fails(kev_wait_all(evs, 3, 0), ETIMEDOUT, "all: two of three: ETIMEDOUT");
	ok(kev_state(evs[0]) == 1 && kev_state(evs[1]) == 1,
	   "all: a failed wait consumes nothing");
	lt_fails(kev_wait_all(evs, 3, 100), ETIMEDOUT, "all: 100 ms, still two of three");
	lt_is(kev_state(evs[1]), 1, "all: the timed-out wait consumed nothing");

	lt_set_later(&s, evs[2], 100);
	lt_is(kev_wait_all(evs, 3, 10000), 0, "all: the third set satisfies the wait");
	lt_join(&s);
	lt_is(kev_state(evs[0]), 1, "all: the manual-reset event stays signaled");
	ok(kev_state(evs[1]) == 0 && kev_state(evs[2]) == 0,
	   "all: both auto-reset events consumed together");

	{
		int twice[2] = { evs[1], evs[1] };
		int d = dup(evs[1]);
		int alias[2] = { evs[1], d };

		lt_fails(kev_wait_all(twice, 2, 0), EINVAL, "all: the same fd twice: EINVAL");
		lt_fails(kev_wait_all(alias, 2, 0), EINVAL,
			 "all: the same event through two fds: EINVAL");
		close(d);
	}
	lt_fails(kev_wait_all(evs, 0, 0), EINVAL, "all: n = 0: EINVAL");
	lt_fails(kev_wait_all(evs, KEV_WAIT_MAX + 1, 0), EINVAL, "all: n = 65: EINVAL");
	lt_fails(kev_wait_all(NULL, 2, 0), EINVAL, "all: evs NULL: EINVAL");
	lt_fails(kev_wait_all(evs, 3, -3), EINVAL, "all: timeout -3: EINVAL");
	lt_is(kev_wait_all(evs, 1, KEV_INFINITE), 0, "all: n = 1, signaled, KEV_INFINITE");
	for (i = 0; i < 3; i++)
		kev_close(evs[i]);
}

/* Closing a handle while another thread waits on it does not disturb the wait. */
static void test_close_while_waiting(void)
{
	int ev = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);
	int other = dup(ev);
	struct lt_setter s = { .op = kev_close };

	lt_set_later(&s, ev, 200);	/* closes ev under the waiter */
	{
		struct lt_setter t = { 0 };

		lt_set_later(&t, other, 600);
		lt_is(kev_wait(ev, 10000), 0,
		      "a wait survives the close of its fd and is released by a set");
		lt_join(&t);
	}
	lt_join(&s);
	kev_close(other);
}

/* kev_set_and_wait: one call sets one event and waits on another. */
static void test_set_and_wait(void)
{
	struct lt_setter s = { 0 };
	int a = kev_create(NULL, 0, 0, NULL);
	int b = kev_create(NULL, 0, 0, NULL);
	int ro;

	lt_fails(kev_set_and_wait(a, b, 0), ETIMEDOUT,
		 "set_and_wait: b clear: ETIMEDOUT");
	lt_is(kev_reset(a), 1, "set_and_wait: ... a was set all the same");
	lt_set_later(&s, b, 100);
	lt_is(kev_set_and_wait(a, b, 10000), 0, "set_and_wait: released by a later set of b");
	lt_join(&s);
	lt_is(kev_state(b), 0, "set_and_wait: ... which it consumed");
	lt_is(kev_state(a), 1, "set_and_wait: ... and a is set");
	lt_is(kev_set_and_wait(a, a, 0), 0, "set_and_wait: a twice: the wait takes the set");
	lt_fails(kev_set_and_wait(a, b, -2), EINVAL, "set_and_wait: timeout -2: EINVAL");
	lt_fails(kev_set_and_wait(-1, b, 0), EBADF, "set_and_wait: set_ev -1: EBADF");
	lt_fails(kev_set_and_wait(a, -1, 0), EBADF, "set_and_wait: wait_ev -1: EBADF");
	ro = open("/proc/self/fdinfo/0", O_RDONLY);
	lt_fails(kev_set_and_wait(a, ro, 0), EINVAL, "set_and_wait: wait_ev not an event: EINVAL");
	lt_is(kev_state(a), 0, "set_and_wait: a failed call sets nothing");
	close(ro);
	kev_close(a);
	kev_close(b);
}

int main(void)
{
	test_single();
	test_set_and_wait();
	test_any();
	test_any_64();
	test_all();
	test_close_while_waiting();
	return done();
}
