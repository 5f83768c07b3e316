// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/notifier_race: the notifier's weak reference under churn. One
 * thread keeps creating and closing the application's event (each close
 * kills it and clears the weak reference, unlinking its node), while
 * others notify it, now and from the driver's work item (a delayed notify
 * may also find the file's request limit full: ENOSPC). Each notify that
 * finds the reference cleared looks the name up again and re-attaches the
 * same node. Every notify must return 0 or ENOENT; while the event is
 * held open across a notify, the notify must set it. The weak reference is
 * cleared with a release store after its unlink and read with acquire, so
 * a notifier never re-attaches the node before the unlink is visible: on
 * x86 that ordering cannot fail at run time, so this test guards the
 * lifetime logic, and the KCSAN kernel (concurrency suite) its data races.
 */
#include <pthread.h>
#include <sched.h>

#include "hw.h"

#define INDEX	1
#define NAME	"hwevent1"
#define ROUNDS	3000

static volatile int stop;
static long bad, notifies_ok, notifies_enoent;
static int first_bad;	/* the first unexpected result, for the diagnosis */

static void note_bad(int r)
{
	if (!__atomic_fetch_add(&bad, 1, __ATOMIC_RELAXED))
		first_bad = r;
}

static void *notifier_main(void *arg)
{
	int hw = hw_open(), delayed = (int)(long)arg, r;

	while (!stop) {
		r = hw_notify(hw, INDEX, delayed ? 1000 : 0);
		if (r == 0)
			__atomic_fetch_add(&notifies_ok, 1, __ATOMIC_RELAXED);
		else if (r == -ENOENT)
			__atomic_fetch_add(&notifies_enoent, 1, __ATOMIC_RELAXED);
		else if (r == -ENOSPC && delayed)
			sched_yield();	/* the file's request limit: let some fire */
		else
			note_bad(r);
	}
	close(hw);
	return NULL;
}

int main(void)
{
	struct kevent_hwsim_info info = hw_info();
	pthread_t th[3];
	int i, fd, hw, missed = 0;

	if (info.notify_count <= INDEX)
		bail_out("kevent_hwsim has %u notify names, need more than %d",
			 info.notify_count, INDEX);
	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, notifier_main, (void *)(long)(i == 2));
	for (i = 0; i < ROUNDS; i++) {
		fd = kev_create(NAME, 0, 0, NULL);
		if (fd < 0) {
			note_bad(-1000 - errno);
			continue;
		}
		if (!(i % 4))
			kev_wait(fd, 0);
		kev_close(fd);
	}
	stop = 1;
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	ok(!bad, "%d create/close rounds against concurrent notifies: every call 0 or ENOENT "
	   "(%ld set, %ld ENOENT; %ld bad, first %d)", ROUNDS, notifies_ok, notifies_enoent,
	   bad, first_bad);
	ok(notifies_ok > 0 && notifies_enoent > 0, "both outcomes happened");

	/* Held open across the notify: it must be set, every time. */
	hw = hw_open();
	for (i = 0; i < 200; i++) {
		fd = kev_create(NAME, 0, 0, NULL);
		if (hw_notify(hw, INDEX, 0) != 0 || kev_wait(fd, 0) != 0)
			missed++;
		kev_close(fd);
	}
	close(hw);
	is_int(missed, 0, "a notify while the event is open sets it (200 of 200)");
	return done();
}
