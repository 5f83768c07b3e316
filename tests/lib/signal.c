// SPDX-License-Identifier: GPL-2.0
/*
 * A signal handler without SA_RESTART interrupts every kind of wait with
 * EINTR, and the interrupted wait consumes nothing. With SA_RESTART the
 * wait is restarted after the handler, as a futex wait is (a relative
 * timeout keeps its deadline: see tests/core/restart.c).
 */
#include "lt.h"

#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t caught;

static void on_alarm(int sig)
{
	(void)sig;
	caught++;
}

/*
 * The timer repeats so that a signal that lands before the wait has started
 * (a slow guest) cannot leave an infinite wait hanging; disarm() stops it.
 */
static void arm(int restart)
{
	struct itimerval it = {
		.it_value = { 0, 150 * 1000 },
		.it_interval = { 0, 150 * 1000 },
	};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);
	caught = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* A setter thread that never takes SIGALRM: the waiting thread does. */
static void set_later(struct lt_setter *s, int ev, int delay_ms)
{
	sigset_t set, old;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	lt_set_later(s, ev, delay_ms);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void disarm(void)
{
	struct itimerval it = { 0 };

	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	struct timespec dl;
	int evs[2];
	int restart;

	evs[0] = kev_create(NULL, KEV_MANUAL_RESET | KEV_INITIAL_SET, 0, NULL);
	evs[1] = kev_create(NULL, 0, 0, NULL);

	/* A handler without SA_RESTART ends every kind of wait with EINTR. */
	restart = 0;
	{
		const char *how = "no SA_RESTART";

		arm(restart);
		lt_fails(kev_wait(evs[1], KEV_INFINITE), EINTR,
			 "%s: kev_wait(KEV_INFINITE) interrupted: EINTR", how);
		ok(caught >= 1, "%s: the handler ran", how);

		arm(restart);
		lt_fails(kev_wait(evs[1], 20000), EINTR,
			 "%s: kev_wait(20 s) interrupted: EINTR", how);

		arm(restart);
		lt_fails(kev_wait_any(&evs[1], 1, 20000), EINTR,
			 "%s: kev_wait_any interrupted: EINTR", how);

		arm(restart);
		lt_fails(kev_wait_all(evs, 2, KEV_INFINITE), EINTR,
			 "%s: kev_wait_all interrupted: EINTR", how);
		lt_is(kev_state(evs[0]), 1, "%s: interrupted wait-all consumed nothing", how);

		arm(restart);
		dl = lt_deadline(CLOCK_MONOTONIC, 20000);
		lt_fails(kev_wait_all_until(evs, 2, CLOCK_MONOTONIC, &dl), EINTR,
			 "%s: kev_wait_all_until interrupted: EINTR", how);

		arm(restart);
		dl = lt_deadline(CLOCK_REALTIME, 20000);
		lt_fails(kev_wait_any_until(&evs[1], 1, CLOCK_REALTIME, &dl), EINTR,
			 "%s: kev_wait_any_until interrupted: EINTR", how);
		disarm();
	}

	/*
	 * With SA_RESTART the handler runs (every 150 ms) and the wait goes on,
	 * as a futex wait does, until the event is set 600 ms later.
	 */
	{
		const char *how = "SA_RESTART";
		struct lt_setter s = { 0 };

		arm(1);
		set_later(&s, evs[1], 600);
		lt_is(kev_wait(evs[1], KEV_INFINITE), 0,
		      "%s: kev_wait(KEV_INFINITE) restarted, then satisfied", how);
		lt_join(&s);
		ok(caught >= 2, "%s: the handler ran meanwhile (%d times)", how, (int)caught);

		arm(1);
		set_later(&s, evs[1], 600);
		lt_is(kev_wait(evs[1], 20000), 0, "%s: kev_wait(20 s) restarted, then satisfied", how);
		lt_join(&s);

		arm(1);
		set_later(&s, evs[1], 600);
		lt_is(kev_wait_any(&evs[1], 1, 20000), 0,
		      "%s: kev_wait_any restarted, then satisfied", how);
		lt_join(&s);

		arm(1);
		set_later(&s, evs[1], 600);
		lt_is(kev_wait_all(evs, 2, KEV_INFINITE), 0,
		      "%s: kev_wait_all restarted, then satisfied", how);
		lt_join(&s);

		arm(1);
		set_later(&s, evs[1], 600);
		dl = lt_deadline(CLOCK_MONOTONIC, 20000);
		lt_is(kev_wait_all_until(evs, 2, CLOCK_MONOTONIC, &dl), 0,
		      "%s: kev_wait_all_until restarted, then satisfied", how);
		lt_join(&s);

		arm(1);
		set_later(&s, evs[1], 600);
		dl = lt_deadline(CLOCK_REALTIME, 20000);
		lt_is(kev_wait_any_until(&evs[1], 1, CLOCK_REALTIME, &dl), 0,
		      "%s: kev_wait_any_until restarted, then satisfied", how);
		lt_join(&s);

		arm(1);
		lt_fails(kev_wait(evs[1], 700), ETIMEDOUT,
			 "%s: a restarted relative wait still times out", how);
		disarm();
		lt_is(kev_state(evs[1]), 0, "%s: nothing left over", how);
	}

	/* A blocked signal does not interrupt. */
	{
		sigset_t set, old;
		struct lt_setter s = { 0 };

		sigemptyset(&set);
		sigaddset(&set, SIGALRM);
		sigprocmask(SIG_BLOCK, &set, &old);
		arm(0);
		set_later(&s, evs[1], 400);
		lt_is(kev_wait(evs[1], 20000), 0, "a blocked signal does not interrupt the wait");
		lt_join(&s);
		disarm();
		sigprocmask(SIG_SETMASK, &old, NULL);
	}

	kev_close(evs[0]);
	kev_close(evs[1]);
	return done();
}
