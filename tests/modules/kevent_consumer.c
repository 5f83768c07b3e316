// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_consumer: a sample out-of-tree consumer of kevent's kernel API,
 * built against kevent's Module.symvers (docs/kernel-api.md).
 *
 * It creates two named synchronization events, "<name>-go" and
 * "<name>-done". A kernel thread waits for "go" (or its private "stop"
 * event) with kevent_wait_multiple(); on each "go" it arms an hrtimer in
 * HRTIMER_MODE_REL_HARD that, after delay_ms, sets "done" and a private
 * "tick" event from hardirq context; the thread confirms the round with
 * kevent_wait() on "tick". An application sets "go" and waits on "done"
 * (tests/hwsim/consumer). The read-only parameters rounds, hardirq_sets and
 * errors report what happened.
 *
 * Locking: none of its own. rounds and errors are written by the thread
 * only, hardirq_sets by the timer only; the timer is armed by the thread
 * only and is cancelled after the thread stopped.
 */
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/kevent.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "kevent_compat.h"

static char *name = "kevent-consumer";
module_param(name, charp, 0444);
MODULE_PARM_DESC(name, "prefix of the event names <name>-go and <name>-done");
static unsigned int delay_ms = 100;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "delay between \"go\" and \"done\"");

static unsigned int rounds;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds completed (read-only)");
static unsigned int hardirq_sets;
module_param(hardirq_sets, uint, 0444);
MODULE_PARM_DESC(hardirq_sets, "\"done\" sets made in hardirq context (read-only)");
static unsigned int errors;
module_param(errors, uint, 0444);
MODULE_PARM_DESC(errors, "unexpected wait results (read-only)");

static struct kevent *ev_go, *ev_done, *ev_stop, *ev_tick;
static struct task_struct *thread;
static struct hrtimer timer;

/* The "hardware interrupt": hardirq context, interrupts disabled. */
static enum hrtimer_restart consumer_timer_fn(struct hrtimer *t)
{
	kevent_set(ev_done);
	kevent_set(ev_tick);
	if (in_hardirq() && irqs_disabled())
		WRITE_ONCE(hardirq_sets, hardirq_sets + 1);
	return HRTIMER_NORESTART;
}

static int consumer_thread(void *unused)
{
	struct kevent *evs[] = { ev_stop, ev_go };	/* stop first: it wins */
	int ret;

	while (!kthread_should_stop()) {
		ret = kevent_wait_multiple(evs, ARRAY_SIZE(evs),
					   KEVENT_TIMEOUT_INFINITE, 0);
		if (ret != 1) {
			if (ret)
				WRITE_ONCE(errors, errors + 1);
			break;	/* stop (0) or an error */
		}
		hrtimer_start(&timer, ms_to_ktime(delay_ms), HRTIMER_MODE_REL_HARD);
		ret = kevent_wait(ev_tick, 10ULL * NSEC_PER_SEC, 0);
		if (ret)
			WRITE_ONCE(errors, errors + 1);
		else
			WRITE_ONCE(rounds, rounds + 1);
	}
	return 0;
}

/* "<name>-<suffix>": a synchronization event, created not signaled. */
static struct kevent *consumer_event(const char *suffix)
{
	struct kevent *ev;
	char *n;

	n = kasprintf(GFP_KERNEL, "%s-%s", name, suffix);
	if (!n)
		return ERR_PTR(-ENOMEM);
	ev = kevent_create(n, 0, 0600, NULL, NULL);
	kfree(n);
	return ev;
}

static void consumer_put_all(void)
{
	kevent_put(ev_tick);
	kevent_put(ev_stop);
	kevent_put(ev_done);
	kevent_put(ev_go);
}

static int __init consumer_init(void)
{
	int ret;

	hrtimer_setup(&timer, consumer_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	ev_go = consumer_event("go");
	ev_done = consumer_event("done");
	ev_stop = kevent_create(NULL, KEVENT_CREATE_MANUAL_RESET, 0, NULL, NULL);
	ev_tick = kevent_create(NULL, 0, 0, NULL, NULL);
	if (IS_ERR(ev_go) || IS_ERR(ev_done) || IS_ERR(ev_stop) ||
	    IS_ERR(ev_tick)) {
		ret = PTR_ERR(IS_ERR(ev_go) ? ev_go : IS_ERR(ev_done) ? ev_done :
			      IS_ERR(ev_stop) ? ev_stop : ev_tick);
		goto err;
	}
	thread = kthread_run(consumer_thread, NULL, "kevent-consumer");
	if (IS_ERR(thread)) {
		ret = PTR_ERR(thread);
		goto err;
	}
	get_task_struct(thread);	/* it may return before kthread_stop() */
	return 0;
err:
	/* kevent_put() takes NULL but not ERR_PTRs. */
	ev_go = IS_ERR(ev_go) ? NULL : ev_go;
	ev_done = IS_ERR(ev_done) ? NULL : ev_done;
	ev_stop = IS_ERR(ev_stop) ? NULL : ev_stop;
	ev_tick = IS_ERR(ev_tick) ? NULL : ev_tick;
	consumer_put_all();
	return ret;
}

static void __exit consumer_exit(void)
{
	kevent_set(ev_stop);	/* ends the thread's wait */
	kthread_stop(thread);
	put_task_struct(thread);
	hrtimer_cancel(&timer);
	consumer_put_all();
}

module_init(consumer_init);
module_exit(consumer_exit);

MODULE_DESCRIPTION("kevent sample consumer: a kthread waits, an hrtimer sets");
MODULE_LICENSE("GPL");
