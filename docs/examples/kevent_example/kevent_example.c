// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_example: the minimal kevent consumer of docs/kernel-api.md.
 *
 * A kernel thread waits on the named synchronization event "example-work"
 * (or its private stop event); a timer sets "example-work" every second,
 * and so can any application (keventctl set example-work).
 */
#include <linux/err.h>
#include <linux/kevent.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/timer.h>

static struct kevent *ev_work, *ev_stop;
static struct task_struct *thread;
static struct timer_list timer;

static void example_tick(struct timer_list *t)
{
	kevent_set(ev_work);		/* softirq context: set works anywhere */
	mod_timer(&timer, jiffies + HZ);
}

static int example_thread(void *unused)
{
	struct kevent *evs[] = { ev_stop, ev_work };	/* stop first: it wins */

	/* Index 1: "example-work" was set (and consumed); 0: stop. */
	while (kevent_wait_multiple(evs, 2, KEVENT_TIMEOUT_INFINITE, 0) == 1)
		pr_info("kevent_example: work\n");
	return 0;
}

static int __init example_init(void)
{
	ev_work = kevent_create("example-work", 0, 0600, NULL, NULL);
	if (IS_ERR(ev_work))
		return PTR_ERR(ev_work);
	ev_stop = kevent_create(NULL, KEVENT_CREATE_MANUAL_RESET, 0, NULL, NULL);
	if (IS_ERR(ev_stop)) {
		kevent_put(ev_work);
		return PTR_ERR(ev_stop);
	}
	thread = kthread_run(example_thread, NULL, "kevent-example");
	if (IS_ERR(thread)) {
		kevent_put(ev_stop);
		kevent_put(ev_work);
		return PTR_ERR(thread);
	}
	get_task_struct(thread);
	timer_setup(&timer, example_tick, 0);
	mod_timer(&timer, jiffies + HZ);
	return 0;
}

static void __exit example_exit(void)
{
	del_timer_sync(&timer);	/* the tick re-arms itself: stop it first */
	kevent_set(ev_stop);
	kthread_stop(thread);
	put_task_struct(thread);
	kevent_put(ev_stop);
	kevent_put(ev_work);
}

module_init(example_init);
module_exit(example_exit);
MODULE_DESCRIPTION("minimal kevent consumer");
MODULE_LICENSE("GPL");	/* kevent's symbols are EXPORT_SYMBOL_GPL */
