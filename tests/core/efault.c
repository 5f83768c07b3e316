// SPDX-License-Identifier: GPL-2.0
/*
 * A wait whose result cannot be written loses no wakeup. A thread waits
 * with its argument in page P; once it is queued, another thread makes P
 * read-only and sets the event. The wait consumed the event for a caller
 * it cannot tell, so it gives it back and returns EFAULT: the event is
 * signaled again (synchronization), and for wait-all every consumed event
 * is. Then the same race many times over, checking conservation: every
 * SET is either consumed by a wait that reported success or still there.
 */
#include <pthread.h>
#include <sys/mman.h>

#include "kt.h"

struct waiter {
	struct kevent_wait_args *a;
	int ret;
};

static void *wait_main(void *arg)
{
	struct waiter *w = arg;

	w->ret = kt_ret(ioctl(kt_dev(), KEVENT_IOC_WAIT, w->a));
	return NULL;
}

/* Wait on @fds in a thread; make the page read-only once queued on @watch; set @set. */
static int race_once(int *fds, unsigned int n, uint32_t flags, int watch,
		     const int *set, unsigned int nset)
{
	struct kevent_wait_args *a;
	struct waiter w;
	pthread_t t;
	unsigned int i;

	a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	*a = (struct kevent_wait_args){ .timeout = 10000 * KT_MS,
					.fds = (uintptr_t)fds, .count = n,
					.flags = flags };
	w.a = a;
	pthread_create(&t, NULL, wait_main, &w);
	if (kt_wait_waiters(watch, 1))
		return -1000;
	mprotect(a, 4096, PROT_READ);
	for (i = 0; i < nset; i++)
		kt_set(set[i]);
	pthread_join(t, NULL);
	munmap(a, 4096);
	return w.ret;
}

int main(void)
{
	int fds[2], r, i, efaults = 0, lost = 0;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	fds[0] = kt_create(NULL, 0);
	fds[1] = kt_create(NULL, 0);

	r = race_once(fds, 1, 0, fds[0], fds, 1);
	is_int(r, -EFAULT, "wait-any whose argument became read-only: EFAULT");
	is_int(kt_state(fds[0]), 1, "... and the consumed event was given back (signaled)");
	kt_reset(fds[0]);

	r = race_once(fds, 2, 0, fds[1], &fds[1], 1);
	is_int(r, -EFAULT, "wait-any on two, the second set: EFAULT");
	ok(kt_state(fds[0]) == 0 && kt_state(fds[1]) == 1,
	   "... the second is given back, the first untouched");
	kt_reset(fds[1]);

	kt_set(fds[0]);
	r = race_once(fds, 2, KEVENT_WAIT_ALL, fds[1], &fds[1], 1);
	is_int(r, -EFAULT, "wait-all whose argument became read-only: EFAULT");
	ok(kt_state(fds[0]) == 1 && kt_state(fds[1]) == 1,
	   "... both consumed events are given back");
	kt_reset(fds[0]);
	kt_reset(fds[1]);

	/* Conservation over many races: one SET each, never lost. */
	for (i = 0; i < 50; i++) {
		r = race_once(fds, 1, 0, fds[0], fds, 1);
		if (r == -EFAULT) {
			efaults++;
			if (kt_reset(fds[0]) != 1)
				lost++;
		} else if (r == 0) {
			if (kt_reset(fds[0]) != 0)
				lost++;	/* consumed and still set: a duplicate */
		} else {
			lost++;
		}
	}
	is_int(efaults, 50, "50 races, each wait returned EFAULT (%d)", efaults);
	is_int(lost, 0, "... and every SET was either reported or given back");
	close(fds[0]);
	close(fds[1]);
	return done();
}
