// SPDX-License-Identifier: GPL-2.0
/*
 * kev_set, kev_reset, kev_pulse (previous state), kev_state, kev_is_manual,
 * on both types, and their errors on fds that are not events.
 */
#include "lt.h"

static void test_sequence(void)
{
	int ev = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

	/* The reference sequence on a notification event (nt-event-semantics). */
	lt_is(kev_set(ev), 0, "manual: set -> 0");
	lt_is(kev_set(ev), 1, "manual: set -> 1");
	lt_is(kev_reset(ev), 1, "manual: reset -> 1");
	lt_is(kev_reset(ev), 0, "manual: reset -> 0");
	lt_is(kev_pulse(ev), 0, "manual: pulse -> 0");
	lt_is(kev_state(ev), 0, "manual: nonsignaled after pulse");
	lt_is(kev_set(ev), 0, "manual: set -> 0");
	lt_is(kev_pulse(ev), 1, "manual: pulse -> 1");
	lt_is(kev_state(ev), 0, "manual: pulse leaves it nonsignaled");
	lt_is(kev_set(ev), 0, "manual: set");
	lt_is(kev_wait(ev, 0), 0, "manual: wait succeeds");
	lt_is(kev_state(ev), 1, "manual: a wait does not reset it");
	kev_close(ev);
}

static void test_auto(void)
{
	int ev = kev_create(NULL, 0, 0, NULL);

	lt_is(kev_is_manual(ev), 0, "auto: is_manual 0");
	lt_is(kev_set(ev), 0, "auto: set -> 0");
	lt_is(kev_state(ev), 1, "auto: stays signaled with no waiter");
	lt_is(kev_state(ev), 1, "auto: kev_state does not consume");
	lt_is(kev_wait(ev, 0), 0, "auto: wait consumes it");
	lt_is(kev_state(ev), 0, "auto: nonsignaled after the wait");
	lt_fails(kev_wait(ev, 0), ETIMEDOUT, "auto: second wait times out");
	lt_is(kev_pulse(ev), 0, "auto: pulse with no waiter -> 0");
	lt_is(kev_state(ev), 0, "auto: pulse with no waiter does nothing");
	lt_is(kev_set(ev), 0, "auto: set");
	lt_is(kev_reset(ev), 1, "auto: reset -> 1");
	lt_is(kev_state(ev), 0, "auto: nonsignaled after reset");
	kev_close(ev);
}

/*
 * A pulse releases a queued waiter and leaves the event clear. The pulser
 * repeats until the waiter is out: a pulse before the waiter is queued is
 * lost by design, and the test must not depend on scheduling.
 */
static _Atomic int pulse_done;	/* written by the main thread, read by the pulser */

static void *pulser(void *arg)
{
	int ev = *(int *)arg;

	while (!pulse_done) {
		usleep(50 * 1000);
		kev_pulse(ev);
	}
	return NULL;
}

static void test_pulse_waiter(void)
{
	int ev = kev_create(NULL, 0, 0, NULL);
	pthread_t t;

	pthread_create(&t, NULL, pulser, &ev);
	lt_is(kev_wait(ev, 10000), 0, "auto: pulse releases a queued waiter");
	pulse_done = 1;
	pthread_join(t, NULL);
	lt_is(kev_state(ev), 0, "auto: nonsignaled after pulses");
	kev_close(ev);
}

static void test_not_events(void)
{
	int p[2], dev;

	if (pipe(p) < 0)
		bail_out("pipe: %s", strerror(errno));
	lt_fails(kev_set(p[1]), ENOTTY, "set on a pipe: ENOTTY");
	lt_fails(kev_reset(p[1]), ENOTTY, "reset on a pipe: ENOTTY");
	lt_fails(kev_pulse(p[1]), ENOTTY, "pulse on a pipe: ENOTTY");
	lt_fails(kev_state(p[0]), ENOTTY, "state on a pipe: ENOTTY");
	lt_fails(kev_is_manual(p[0]), ENOTTY, "is_manual on a pipe: ENOTTY");
	lt_fails(kev_wait(p[0], 0), EINVAL, "wait on a pipe: EINVAL");
	close(p[0]);
	close(p[1]);

	dev = open("/dev/kevent", O_RDWR);
	lt_fails(kev_set(dev), ENOTTY, "set on /dev/kevent: ENOTTY");
	close(dev);

	lt_fails(kev_set(-1), EBADF, "set on fd -1: EBADF");
	lt_fails(kev_state(-1), EBADF, "state on fd -1: EBADF");
	lt_fails(kev_wait(-1, 0), EBADF, "wait on fd -1: EBADF");
	lt_fails(kev_close(-1), EBADF, "close fd -1: EBADF");
}

int main(void)
{
	test_sequence();
	test_auto();
	test_pulse_waiter();
	test_not_events();
	return done();
}
