// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_kunit: KUnit suite "kevent" for kevent's in-kernel API.
 *
 * Built only against kernels with CONFIG_KUNIT (the debug and kcsan
 * profiles); tests/kunit/kevent.sh loads it in the guest and hands the
 * suite's KTAP results (debugfs kunit/kevent/results) to the rig's TAP
 * checker, so a failing case fails `make vm-test KERNEL=debug`.
 *
 * Waits run in kernel threads, as a driver's would; every wait has a
 * timeout, so a bug shows as a failed expectation, never a hung test.
 */
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/kevent.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>

#include "kevent_compat.h"

#define KT_WAIT_NS	(5ULL * NSEC_PER_SEC)	/* a waiter's own way out */

/*
 * The rig's proof that a failing case fails the run (tests/rig/kunit_fail.sh):
 * one case fails on purpose while a named event of this name exists. Not a
 * module parameter: before 6.3 KUnit ran a module's suites when it was
 * coming, before its parameters were parsed.
 */
#define KT_RIG_FAIL_NAME	"kevent-kunit-rig-fail"

static bool kt_rig_fail(void)
{
	struct kevent *ev = kevent_open(KT_RIG_FAIL_NAME, NULL);

	if (IS_ERR_OR_NULL(ev))
		return false;
	kevent_put(ev);
	return true;
}

/*
 * An event the test owns: kevent_test_exit() puts it when the test ends,
 * whatever happens (kunit's deferred actions exist only since 6.5).
 */
#define KT_MAX_EVENTS	4
#define KT_MAX_TASKS	4

struct kt_ctx {
	struct kevent *evs[KT_MAX_EVENTS];
	unsigned int n;
	struct task_struct *tasks[KT_MAX_TASKS];
	unsigned int ntasks;
};

static struct kevent *kt_event(struct kunit *test, const char *name, u32 flags)
{
	struct kt_ctx *ctx = test->priv;
	struct kevent *ev;

	KUNIT_ASSERT_LT(test, ctx->n, KT_MAX_EVENTS);
	ev = kevent_create(name, flags, KEVENT_KERNEL_MODE, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(ev));
	ctx->evs[ctx->n++] = ev;
	return ev;
}

static int kevent_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct kt_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void kevent_test_exit(struct kunit *test)
{
	struct kt_ctx *ctx = test->priv;

	/* Waiters first: each ends within its own timeout (KT_WAIT_NS). */
	while (ctx->ntasks) {
		struct task_struct *t = ctx->tasks[--ctx->ntasks];

		kthread_stop(t);
		put_task_struct(t);
	}
	while (ctx->n)
		kevent_put(ctx->evs[--ctx->n]);
}

static void kevent_test_create_open_put(struct kunit *test)
{
	struct kevent *ev, *again;
	bool existed = true;

	ev = kevent_create("kunit-lifetime", 0, KEVENT_KERNEL_MODE, NULL,
			   &existed);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(ev));
	KUNIT_EXPECT_FALSE(test, existed);
	KUNIT_EXPECT_FALSE(test, kevent_is_notification(ev));

	/* Create-or-open: the same name gives the same object. */
	again = kevent_create("kunit-lifetime", KEVENT_CREATE_MANUAL_RESET,
			      KEVENT_KERNEL_MODE, NULL, &existed);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(again));
	KUNIT_EXPECT_TRUE(test, existed);
	KUNIT_EXPECT_PTR_EQ(test, again, ev);
	kevent_put(again);

	again = kevent_open("kunit-lifetime", NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(again));
	KUNIT_EXPECT_PTR_EQ(test, again, ev);

	/* A reference keeps the name alive; the last one takes it away. */
	kevent_put(ev);
	KUNIT_EXPECT_EQ(test, kevent_set(again), 0);
	kevent_put(again);
	again = kevent_open("kunit-lifetime", NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(again), -ENOENT);
	if (!IS_ERR(again))
		kevent_put(again);

	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(kevent_open("", NULL)), -EINVAL);
}

static void kevent_test_state_changes(struct kunit *test)
{
	struct kevent *sync = kt_event(test, NULL, 0);
	struct kevent *notif = kt_event(test, NULL, KEVENT_CREATE_MANUAL_RESET |
					KEVENT_CREATE_INITIAL_SET);

	KUNIT_EXPECT_FALSE_MSG(test, kt_rig_fail(),
			       "event " KT_RIG_FAIL_NAME " exists: a deliberate failure");
	KUNIT_EXPECT_TRUE(test, kevent_is_notification(notif));
	KUNIT_EXPECT_EQ(test, kevent_read_state(notif), 1);
	KUNIT_EXPECT_EQ(test, kevent_read_state(sync), 0);
	/* Set and reset return the previous state (KeSetEvent, KeResetEvent). */
	KUNIT_EXPECT_EQ(test, kevent_set(sync), 0);
	KUNIT_EXPECT_EQ(test, kevent_set(sync), 1);
	KUNIT_EXPECT_EQ(test, kevent_read_state(sync), 1);
	KUNIT_EXPECT_EQ(test, kevent_reset(sync), 1);
	KUNIT_EXPECT_EQ(test, kevent_reset(sync), 0);
	kevent_set(notif);
	kevent_clear(notif);
	KUNIT_EXPECT_EQ(test, kevent_read_state(notif), 0);
	/* A pulse with no waiter leaves the event non-signaled. */
	KUNIT_EXPECT_EQ(test, kevent_pulse(notif), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(notif), 0);
	kevent_set(notif);
	KUNIT_EXPECT_EQ(test, kevent_pulse(notif), 1);
	KUNIT_EXPECT_EQ(test, kevent_read_state(notif), 0);
}

static void kevent_test_wait_timeouts(struct kunit *test)
{
	struct kevent *sync = kt_event(test, NULL, 0);
	struct kevent *notif = kt_event(test, NULL, KEVENT_CREATE_MANUAL_RESET);
	struct kevent *evs[3] = { sync, notif, sync };
	ktime_t t0;

	KUNIT_EXPECT_EQ(test, kevent_wait(sync, 0, 0), -ETIMEDOUT);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, kevent_wait(sync, 20 * NSEC_PER_MSEC, 0), -ETIMEDOUT);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), t0), 20);

	/* A synchronization event is consumed by the wait it satisfies. */
	kevent_set(sync);
	KUNIT_EXPECT_EQ(test, kevent_wait(sync, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(sync), 0);
	kevent_set(notif);
	KUNIT_EXPECT_EQ(test, kevent_wait(notif, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(notif), 1);

	/* Wait-any: the lowest signaled index; duplicates allowed. */
	KUNIT_EXPECT_EQ(test, kevent_wait_multiple(evs, 3, 0, 0), 1);
	kevent_set(sync);
	KUNIT_EXPECT_EQ(test, kevent_wait_multiple(evs, 3, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(sync), 0);
	/* ... but not for wait-all, and never more than KEVENT_WAIT_MAX. */
	KUNIT_EXPECT_EQ(test, kevent_wait_multiple(evs, 3, 0, KEVENT_WAIT_ALL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, kevent_wait_multiple(evs, KEVENT_WAIT_MAX + 1, 0, 0),
			-EINVAL);
}

/*
 * A waiting kernel thread. Everything it touches is allocated with
 * kunit_kzalloc() (freed after kevent_test_exit()), and the test's exit
 * stops the thread first, so a slow or stuck waiter never outlives what it
 * uses, whichever way the test ends.
 */
struct kt_waiter {
	struct kevent *evs[2];
	unsigned int count;
	u32 flags;
	int result;
	atomic_t *done;
};

static int kt_waiter_fn(void *arg)
{
	struct kt_waiter *w = arg;

	w->result = kevent_wait_multiple(w->evs, w->count, KT_WAIT_NS, w->flags);
	atomic_inc(w->done);
	return 0;
}

static struct kt_waiter *kt_start(struct kunit *test, struct kevent *a,
				  struct kevent *b, u32 flags, atomic_t *done)
{
	struct kt_ctx *ctx = test->priv;
	struct kt_waiter *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_LT(test, ctx->ntasks, KT_MAX_TASKS);
	*w = (struct kt_waiter){ .evs = { a, b }, .count = b ? 2 : 1,
				 .flags = flags, .result = INT_MIN, .done = done };
	t = kthread_create(kt_waiter_fn, w, "kevent_kunit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	ctx->tasks[ctx->ntasks++] = t;
	wake_up_process(t);
	return w;
}

static atomic_t *kt_counter(struct kunit *test)
{
	atomic_t *done = kunit_kzalloc(test, sizeof(*done), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, done);
	return done;
}

/* Wait up to 2 s for @done to reach @want; returns its value. */
static int kt_wait_count(atomic_t *done, int want)
{
	int i;

	for (i = 0; i < 100 && atomic_read(done) < want; i++)
		msleep(20);
	return atomic_read(done);
}

static void kevent_test_exactly_one(struct kunit *test)
{
	struct kevent *ev = kt_event(test, NULL, 0);
	atomic_t *done = kt_counter(test);
	struct kt_waiter *w[4];
	int i, ok = 0;

	for (i = 0; i < 4; i++)
		w[i] = kt_start(test, ev, NULL, 0, done);
	msleep(100);		/* let them queue (if not, the first to come consumes) */
	for (i = 1; i <= 4; i++) {
		kevent_set(ev);
		/* Each set of a synchronization event releases exactly one. */
		KUNIT_EXPECT_EQ(test, kt_wait_count(done, i), i);
		msleep(50);
		KUNIT_EXPECT_EQ(test, atomic_read(done), i);
		KUNIT_EXPECT_EQ(test, kevent_read_state(ev), 0);
	}
	for (i = 0; i < 4; i++)
		ok += w[i]->result == 0;
	KUNIT_EXPECT_EQ(test, ok, 4);
}

static void kevent_test_notification_releases_all(struct kunit *test)
{
	struct kevent *ev = kt_event(test, NULL, KEVENT_CREATE_MANUAL_RESET);
	atomic_t *done = kt_counter(test);
	struct kt_waiter *w[4];
	int i;

	for (i = 0; i < 4; i++)
		w[i] = kt_start(test, ev, NULL, 0, done);
	msleep(100);
	KUNIT_EXPECT_EQ(test, kevent_set(ev), 0);
	KUNIT_EXPECT_EQ(test, kt_wait_count(done, 4), 4);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, w[i]->result, 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(ev), 1);
}

static void kevent_test_wait_all_atomic(struct kunit *test)
{
	struct kevent *a = kt_event(test, NULL, 0), *b = kt_event(test, NULL, 0);
	atomic_t *done = kt_counter(test);
	struct kt_waiter *w = kt_start(test, a, b, KEVENT_WAIT_ALL, done);

	msleep(100);
	kevent_set(a);
	msleep(100);
	/* One of two signaled: the wait-all neither returns nor takes it. */
	KUNIT_EXPECT_EQ(test, atomic_read(done), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(a), 1);
	kevent_set(b);
	KUNIT_EXPECT_EQ(test, kt_wait_count(done, 1), 1);
	KUNIT_EXPECT_EQ(test, w->result, 0);
	/* Both consumed together. */
	KUNIT_EXPECT_EQ(test, kevent_read_state(a), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(b), 0);
}

struct kt_timer {
	struct hrtimer timer;
	struct kevent *ev;
	bool hardirq;
};

static enum hrtimer_restart kt_timer_fn(struct hrtimer *timer)
{
	struct kt_timer *t = container_of(timer, struct kt_timer, timer);

	t->hardirq = in_hardirq();
	kevent_set(t->ev);
	return HRTIMER_NORESTART;
}

static void kevent_test_set_from_hardirq(struct kunit *test)
{
	/* On the heap: an hrtimer on the stack needs debugobjects annotation. */
	struct kt_timer *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->ev = kt_event(test, NULL, 0);
	hrtimer_setup(&t->timer, kt_timer_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	hrtimer_start(&t->timer, ms_to_ktime(20), HRTIMER_MODE_REL_HARD);
	KUNIT_EXPECT_EQ(test, kevent_wait(t->ev, KT_WAIT_NS, 0), 0);
	hrtimer_cancel(&t->timer);
	KUNIT_EXPECT_TRUE(test, t->hardirq);
	KUNIT_EXPECT_EQ(test, kevent_read_state(t->ev), 0);
}

static void kevent_test_notifier_weak_refs(struct kunit *test)
{
	struct kevent_notifier_config cfg = { .names = { "kunit-notify" } };
	struct kevent_notifier *n;
	struct kevent *app;
	unsigned long lookups;

	/* No application event yet: nobody to notify. */
	n = kevent_notifier_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(n));
	KUNIT_EXPECT_EQ(test, kevent_notify_index(n, 0), -ENOENT);
	KUNIT_EXPECT_EQ(test, kevent_notify_index(n, 1), -EINVAL);

	/* The application's event is found, then used without a lookup. */
	app = kevent_create("kunit-notify", 0, KEVENT_KERNEL_MODE, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(app));
	KUNIT_EXPECT_EQ(test, kevent_notify_index(n, 0), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(app), 1);
	lookups = kevent_notifier_lookups(n);
	KUNIT_EXPECT_EQ(test, kevent_notify(n), 0);
	KUNIT_EXPECT_EQ(test, kevent_notifier_lookups(n), lookups);

	/* The weak reference does not keep the event (or its name) alive. */
	kevent_put(app);
	app = kevent_open("kunit-notify", NULL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(app), -ENOENT);
	if (!IS_ERR(app))
		kevent_put(app);
	KUNIT_EXPECT_EQ(test, kevent_notify_index(n, 0), -ENOENT);

	/* A restarted application's new event is found again. */
	app = kevent_create("kunit-notify", 0, KEVENT_KERNEL_MODE, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(app));
	KUNIT_EXPECT_EQ(test, kevent_notify_index(n, 0), 0);
	KUNIT_EXPECT_EQ(test, kevent_read_state(app), 1);
	kevent_notifier_destroy(n);
	kevent_put(app);
}

static struct kunit_case kevent_test_cases[] = {
	KUNIT_CASE(kevent_test_create_open_put),
	KUNIT_CASE(kevent_test_state_changes),
	KUNIT_CASE(kevent_test_wait_timeouts),
	KUNIT_CASE(kevent_test_exactly_one),
	KUNIT_CASE(kevent_test_notification_releases_all),
	KUNIT_CASE(kevent_test_wait_all_atomic),
	KUNIT_CASE(kevent_test_set_from_hardirq),
	KUNIT_CASE(kevent_test_notifier_weak_refs),
	{}
};

static struct kunit_suite kevent_test_suite = {
	.name = "kevent",
	.init = kevent_test_init,
	.exit = kevent_test_exit,
	.test_cases = kevent_test_cases,
};

kunit_test_suite(kevent_test_suite);

MODULE_DESCRIPTION("KUnit suite for kevent's in-kernel API");
MODULE_LICENSE("GPL");
