// SPDX-License-Identifier: GPL-2.0
/*
 * Memory ordering of the lockless fast paths: a SET of an event that is
 * already signaled, a wait with timeout 0 that finds nothing and a state
 * read decide without the event's lock, yet must order the caller's loads
 * and stores as if they took it (SetEvent and the wait functions are full
 * barriers on Windows). Three store-buffering litmus tests, one thread on
 * each of two CPUs, each round started together through a spin barrier:
 *
 *   set:  x = 1; SET(e, already signaled)  ||  WAIT(e, 0) consumes; r = x
 *         r == 0 means the wait came first, so the SET found e unsignaled
 *         and e ends signaled: never r == 0 with e unsignaled.
 *   wait: x = 1; WAIT(e, 0)                ||  SET(e); r = x
 *         never a timed-out wait with r == 0.
 *   read: x = 1; state(e)                  ||  SET(e); r = x
 *         never state 0 with r == 0.
 *
 * The outcomes that are allowed are counted too: both orders showing up
 * proves that the halves overlapped; the first half's start is delayed by
 * an amount that adapts to keep both coming.
 *
 * Under QEMU's TCG the reordering these guard against does not show: the
 * host's store buffer drains long before the emulated system call reaches
 * the lockless read, and the test passed with the barriers taken out; the
 * syscall path makes it unlikely on hardware too. It checks the contract
 * (x86 lets a load pass an earlier store; arm64 more).
 */
#include "kt.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>

#define ROUNDS	20000

enum { LT_SET, LT_WAIT, LT_READ, LT_N };

static const char *const lt_name[LT_N] = { "set", "wait", "read" };

static int ev;
static unsigned int go, done_round, test;
static unsigned int x;
static int other_result, other_read;
static int ncpus;

static void spin_until(unsigned int *word, unsigned int v)
{
	while (__atomic_load_n(word, __ATOMIC_ACQUIRE) != v)
		;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		bail_out("sched_setaffinity(CPU %d): %s", cpu, strerror(errno));
}

/* The second CPU's half of each round. */
static void *other_fn(void *arg)
{
	unsigned int r;

	(void)arg;
	pin(1);
	for (r = 1; r <= LT_N * ROUNDS; r++) {
		spin_until(&go, r);
		if (__atomic_load_n(&test, __ATOMIC_RELAXED) == LT_SET) {
			other_result = kt_wait(ev, 0);
		} else {
			other_result = kt_set(ev);
		}
		other_read = __atomic_load_n(&x, __ATOMIC_RELAXED);
		__atomic_store_n(&done_round, r, __ATOMIC_RELEASE);
	}
	return NULL;
}

int main(void)
{
	unsigned int forbidden[LT_N] = { 0 }, errors[LT_N] = { 0 };
	unsigned int main_first[LT_N] = { 0 }, other_first[LT_N] = { 0 };
	unsigned int r = 0, i, t, seed = 1;
	pthread_t other;

	plan(3 * LT_N);
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpus < 2)
		bail_out("needs two CPUs, has %d", ncpus);
	pin(0);
	if (pthread_create(&other, NULL, other_fn, NULL))
		bail_out("pthread_create");

	for (t = 0; t < LT_N; t++) {
		unsigned int spread = 256, win_main = 0, win_other = 0;

		ev = kt_create(NULL, t == LT_READ ? KEVENT_CREATE_MANUAL_RESET : 0);
		if (ev < 0)
			bail_out("create: %s", strerror(-ev));
		for (i = 0; i < ROUNDS; i++) {
			int mine, state;
			bool first_is_main, bad;
			unsigned int spin;

			if (t == LT_SET ? kt_set(ev) < 0 : kt_reset(ev) < 0)
				bail_out("%s: preparing the event: %s", lt_name[t], strerror(errno));
			__atomic_store_n(&x, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&test, t, __ATOMIC_RELAXED);
			__atomic_store_n(&go, ++r, __ATOMIC_RELEASE);
			/* Start a little late, by as much as makes the halves overlap. */
			for (spin = rand_r(&seed) % spread; spin; spin--)
				__asm__ volatile("" ::: "memory");

			/* Relaxed: only the event's own ordering may order it. */
			__atomic_store_n(&x, 1, __ATOMIC_RELAXED);
			if (t == LT_SET)
				mine = kt_set(ev);
			else if (t == LT_WAIT)
				mine = kt_wait(ev, 0);
			else
				mine = kt_state(ev);

			spin_until(&done_round, r);
			state = kt_state(ev);
			/*
			 * Which half came first; then, whichever the pair, the
			 * forbidden outcome is the same: this half went first
			 * and the other did not see its store.
			 */
			switch (t) {
			case LT_SET:
				/* The wait must succeed: e was signaled, and only it consumes. */
				bad = other_result != 0 || mine < 0 || state < 0;
				/* The set went first iff the wait then consumed it. */
				first_is_main = !state;
				break;
			case LT_WAIT:
				bad = other_result < 0 || (mine != 0 && mine != -ETIMEDOUT);
				first_is_main = mine == -ETIMEDOUT;
				break;
			default:
				bad = other_result < 0 || mine < 0;
				first_is_main = !mine;
				break;
			}
			if (bad) {
				errors[t]++;
				continue;
			}
			if (first_is_main && !other_read) {
				forbidden[t]++;
				continue;
			}
			if (first_is_main) {
				main_first[t]++;
				win_main++;
			} else {
				other_first[t]++;
				win_other++;
			}
			/* Keep both orders coming: this half's start varies. */
			if (win_main + win_other == 100) {
				if (win_other < 10 && spread < 1u << 18)
					spread *= 2;
				else if (win_main < 10 && spread > 16)
					spread /= 2;
				win_main = win_other = 0;
			}
		}
		close(ev);
	}
	pthread_join(other, NULL);

	for (t = 0; t < LT_N; t++) {
		is_int(errors[t], 0, "%s: %d rounds, every call succeeded as it must",
		       lt_name[t], ROUNDS);
		is_int(forbidden[t], 0, "%s: no round ended in the outcome no order of the two allows",
		       lt_name[t]);
		ok(main_first[t] && other_first[t],
		   "%s: the halves raced: %u rounds went one way, %u the other",
		   lt_name[t], main_first[t], other_first[t]);
	}
	return done();
}
