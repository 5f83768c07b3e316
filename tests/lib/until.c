// SPDX-License-Identifier: GPL-2.0
/*
 * kev_wait_any_until and kev_wait_all_until: absolute deadlines on
 * CLOCK_MONOTONIC and CLOCK_REALTIME, and their argument errors.
 */
#include "lt.h"

static const char *clock_name(clockid_t c)
{
	return c == CLOCK_MONOTONIC ? "MONOTONIC" : "REALTIME";
}

static void test_clock(clockid_t clock)
{
	const char *cn = clock_name(clock);
	struct lt_setter s = { 0 };
	struct timespec dl, past = { 0, 0 };
	int evs[2];
	long long t0;

	evs[0] = kev_create(NULL, 0, 0, NULL);
	evs[1] = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

	lt_fails(kev_wait_any_until(evs, 2, clock, &past), ETIMEDOUT,
		 "%s: any, deadline in the past: ETIMEDOUT", cn);
	lt_fails(kev_wait_all_until(evs, 2, clock, &past), ETIMEDOUT,
		 "%s: all, deadline in the past: ETIMEDOUT", cn);

	dl = lt_deadline(clock, 200);
	t0 = lt_now_ms(clock);
	lt_fails(kev_wait_any_until(evs, 2, clock, &dl), ETIMEDOUT,
		 "%s: any, deadline now + 200 ms: ETIMEDOUT", cn);
	ok(lt_now_ms(clock) - t0 >= 190, "%s: ... not before the deadline", cn);

	kev_set(evs[1]);
	lt_is(kev_wait_any_until(evs, 2, clock, &past), 1,
	      "%s: any, past deadline but signaled: index 1", cn);

	dl = lt_deadline(clock, 10000);
	lt_set_later(&s, evs[0], 100);
	lt_is(kev_wait_all_until(evs, 2, clock, &dl), 0,
	      "%s: all, released by a set before the deadline", cn);
	lt_join(&s);
	lt_is(kev_state(evs[0]), 0, "%s: all consumed the auto-reset event", cn);

	dl = lt_deadline(clock, 100);
	lt_fails(kev_wait_all_until(evs, 2, clock, &dl), ETIMEDOUT,
		 "%s: all, one of two signaled: ETIMEDOUT", cn);
	lt_is(kev_state(evs[1]), 1, "%s: nothing consumed", cn);

	lt_set_later(&s, evs[0], 100);
	lt_is(kev_wait_any_until(evs, 1, clock, NULL), 0,
	      "%s: NULL deadline waits until set", cn);
	lt_join(&s);

	kev_close(evs[0]);
	kev_close(evs[1]);
}

static void test_errors(void)
{
	struct timespec dl = lt_deadline(CLOCK_MONOTONIC, 10);
	struct timespec bad;
	int ev = kev_create(NULL, KEV_INITIAL_SET | KEV_MANUAL_RESET, 0, NULL);

	lt_fails(kev_wait_any_until(&ev, 1, CLOCK_BOOTTIME, &dl), EINVAL,
		 "CLOCK_BOOTTIME: EINVAL");
	lt_fails(kev_wait_all_until(&ev, 1, CLOCK_PROCESS_CPUTIME_ID, &dl), EINVAL,
		 "CLOCK_PROCESS_CPUTIME_ID: EINVAL");
	lt_fails(kev_wait_any_until(&ev, 1, -1, &dl), EINVAL, "clock -1: EINVAL");

	bad = dl;
	bad.tv_nsec = 1000000000L;
	lt_fails(kev_wait_any_until(&ev, 1, CLOCK_MONOTONIC, &bad), EINVAL,
		 "tv_nsec = 1e9: EINVAL");
	bad.tv_nsec = -1;
	lt_fails(kev_wait_all_until(&ev, 1, CLOCK_REALTIME, &bad), EINVAL,
		 "tv_nsec = -1: EINVAL");
	bad.tv_nsec = 0;
	bad.tv_sec = -1;
	lt_fails(kev_wait_any_until(&ev, 1, CLOCK_MONOTONIC, &bad), EINVAL,
		 "tv_sec = -1: EINVAL");

	lt_fails(kev_wait_any_until(&ev, 0, CLOCK_MONOTONIC, &dl), EINVAL, "any: n = 0: EINVAL");
	lt_fails(kev_wait_all_until(&ev, 65, CLOCK_MONOTONIC, &dl), EINVAL, "all: n = 65: EINVAL");

	bad.tv_sec = 0x7fffffffffffLL;	/* beyond 64-bit ns: as good as for ever */
	bad.tv_nsec = 0;
	lt_is(kev_wait_any_until(&ev, 1, CLOCK_MONOTONIC, &bad), 0,
	      "a far-future deadline on a signaled event");
	kev_close(ev);
}

int main(void)
{
	test_clock(CLOCK_MONOTONIC);
	test_clock(CLOCK_REALTIME);
	test_errors();
	return done();
}
