// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_hwsim: the hardware-event demo driver (/dev/kevent-hwsim).
 *
 * Microsoft's "Hardware Event" sample on kevent, with a timer standing in
 * for the hardware interrupt, plus the other two patterns of the source
 * documents (the application's named event opened by the driver, and
 * DMF's NotifyUserWithEvent). The user ABI and the four modes are described
 * in include/uapi/linux/kevent_hwsim.h.
 *
 * A request is one armed "hardware event" of an open file. Its hrtimer runs
 * in hardirq (HRTIMER_MODE_REL_HARD) or softirq (HRTIMER_MODE_REL_SOFT)
 * context and acts there (sets an event, completes a message); for the
 * IRQSOFF context and for notifier requests the timer queues a work item
 * that acts in task context, inside local_irq_save() for IRQSOFF.
 *
 * Locking:
 *
 * - hwsim_file.lock (raw spinlock, irq-safe: timer callbacks take it in
 *   hardirq context, on PREEMPT_RT too) protects the file's request lists
 *   (armed, fired, msgs), nr_reqs, seq and closing, and a request's fired,
 *   ev and msg while it is reachable from the file. It is innermost:
 *   nothing else is taken while it is held; kevent_set(), kevent_put(),
 *   kevent_notify_index() and wake-ups are done after it is released.
 *   Readers sleeping on the file's wait queue are woken after it is
 *   released. The wait queue's lock is a spinlock_t, which sleeps on
 *   PREEMPT_RT: a callback in hard interrupt context or with interrupts
 *   disabled (on RT: any atomic context) hands that wake-up to an irq_work
 *   (run in a thread on RT), which release() waits for.
 * - No global lock: the notifier is created before the device is
 *   registered and destroyed after it is deregistered; the statistics are
 *   atomics.
 *
 * Lifetime: a timer callback or work item never frees its request. Requests
 * are freed in process context (ioctl, read, release) and only after
 * hwsim_req_sync(), which cancels the timer and the work item or waits for
 * them to finish, so no callback runs on a freed request or file. The event
 * reference of an EVENT or NAMED request is dropped by the callback that set
 * the event (kevent_put() works in any context) or, if the request was
 * cancelled first, by whoever freed it. release() marks the file closing
 * (callbacks that still run then do nothing) and cancels and frees every
 * request. The file holds a reference on the module (fops.owner), so
 * rmmod waits for every file to close: once it can proceed, no request is
 * left.
 */
#include <linux/atomic.h>
#include <linux/compat.h>
#include <linux/device.h>
#include <linux/error-injection.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/ipc_namespace.h>
#include <linux/irq_work.h>
#include <linux/kevent.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/kevent_hwsim.h>

#include "kevent_compat.h"
#include "kevent_context.h"

static char *notify_names = "hwevent0,hwevent1,hwevent2,hwevent3";
module_param(notify_names, charp, 0444);
MODULE_PARM_DESC(notify_names,
		 "comma-separated event names of the kevent_notifier (at most 16; empty: none)");

/* What a request does when its timer fires. */
enum hwsim_kind {
	HWSIM_EVENT,	/* REGISTER_EVENT: set the application's event */
	HWSIM_NAMED,	/* SIGNAL_NAMED: set the event opened by name */
	HWSIM_WAIT,	/* WAIT_EVENT: complete the blocked ioctl */
	HWSIM_QUEUE,	/* QUEUE_REQUEST: queue a message for read() */
	HWSIM_NOTIFY,	/* NOTIFY with a delay: kevent_notify_index() */
};

struct hwsim_file;

/**
 * struct hwsim_req - one armed "hardware event"
 * @node:    on the file's armed, fired or msgs list (under the file's lock)
 * @file:    the file it belongs to
 * @kind:    what it does when it fires
 * @context: KEVENT_HWSIM_CTX_* (HWSIM_NOTIFY: task context)
 * @index:   HWSIM_NOTIFY: the notifier index
 * @timer:   the simulated hardware
 * @work:    IRQSOFF and NOTIFY: the task-context part, queued by @timer
 * @ev:      HWSIM_EVENT, HWSIM_NAMED: the referenced event until consumed
 * @fired:   the request acted (its message, if any, is in @msg)
 * @msg:     HWSIM_WAIT, HWSIM_QUEUE: the message
 */
struct hwsim_req {
	struct list_head node;
	struct hwsim_file *file;
	enum hwsim_kind kind;
	u32 context;
	unsigned int index;
	struct hrtimer timer;
	struct work_struct work;
	struct kevent *ev;
	bool fired;
	struct kevent_hwsim_msg msg;
};

/**
 * struct hwsim_file - an open /dev/kevent-hwsim
 * @lock:    protects everything below but @wq (see the top of the file)
 * @armed:   requests whose timer has not fired
 * @fired:   EVENT, NAMED and NOTIFY requests that acted, to be freed
 * @msgs:    QUEUE requests whose message waits for read()
 * @nr_reqs: requests of the file (WAIT ones included), at most
 *           KEVENT_HWSIM_MAX_REQUESTS
 * @seq:     the last message sequence number given
 * @closing: release() is cancelling: callbacks do nothing
 * @wq:      WAIT_EVENT callers and readers/pollers wait here
 * @wake_work: wakes @wq from a thread on PREEMPT_RT (hwsim_wake())
 */
struct hwsim_file {
	raw_spinlock_t lock;	/* see the kernel-doc above */
	struct list_head armed;
	struct list_head fired;
	struct list_head msgs;
	unsigned int nr_reqs;
	u64 seq;
	bool closing;
	wait_queue_head_t wq;
	struct irq_work wake_work;
};

static struct kevent_notifier *hwsim_notifier;
static unsigned int hwsim_notify_count;

static atomic_long_t hwsim_requests = ATOMIC_LONG_INIT(0);
static atomic_long_t hwsim_sets_hardirq = ATOMIC_LONG_INIT(0);
static atomic_long_t hwsim_sets_softirq = ATOMIC_LONG_INIT(0);
static atomic_long_t hwsim_sets_irqsoff = ATOMIC_LONG_INIT(0);
static atomic_long_t hwsim_notifies = ATOMIC_LONG_INIT(0);
static atomic_long_t hwsim_notify_errors = ATOMIC_LONG_INIT(0);
/* When a timer last set an event (CLOCK_MONOTONIC ns): for latency figures. */
static atomic64_t hwsim_last_set_ns = ATOMIC64_INIT(0);

/* KEVENT_HWSIM_MSG_* flags of the context the caller runs in. */
static u32 hwsim_context_flags(void)
{
	u32 flags = 0;

	if (in_hardirq())
		flags |= KEVENT_HWSIM_MSG_HARDIRQ;
	else if (in_serving_softirq())
		flags |= KEVENT_HWSIM_MSG_SOFTIRQ;
	if (irqs_disabled())
		flags |= KEVENT_HWSIM_MSG_IRQS_OFF;
	return flags;
}

static void hwsim_count_set(u32 ctx)
{
	if (ctx & KEVENT_HWSIM_MSG_HARDIRQ)
		atomic_long_inc(&hwsim_sets_hardirq);
	else if (ctx & KEVENT_HWSIM_MSG_SOFTIRQ)
		atomic_long_inc(&hwsim_sets_softirq);
	else if (ctx & KEVENT_HWSIM_MSG_IRQS_OFF)
		atomic_long_inc(&hwsim_sets_irqsoff);
}

/**
 * hwsim_notify() - kevent_notify_index() on the module's notifier
 * @index: index into notify_names
 *
 * Context: Process context; may sleep.
 * Return: kevent_notify_index()'s result, or -ENODEV without a notifier.
 */
static int hwsim_notify(unsigned int index)
{
	int ret;

	if (!hwsim_notifier)
		return -ENODEV;
	ret = kevent_notify_index(hwsim_notifier, index);
	atomic_long_inc(ret ? &hwsim_notify_errors : &hwsim_notifies);
	return ret;
}

static void hwsim_wake_workfn(struct irq_work *work)
{
	struct hwsim_file *f = container_of(work, struct hwsim_file, wake_work);

	wake_up_interruptible_poll(&f->wq, EPOLLIN | EPOLLRDNORM);
}

/* Wake the file's readers; see the locking notes at the top. */
static void hwsim_wake(struct hwsim_file *f)
{
	if (kevent_wake_needs_irq_work())
		irq_work_queue(&f->wake_work);
	else
		wake_up_interruptible_poll(&f->wq, EPOLLIN | EPOLLRDNORM);
}

/**
 * hwsim_fire() - the "hardware event": act on a request
 * @req: the request whose timer (or work item) fired
 *
 * Sets the request's event and drops its reference, completes its message,
 * or notifies. Does nothing if the file is closing (release() cancels).
 *
 * Context: hardirq or softirq (timer), or task context (work item), with
 * or without interrupts disabled; process context for HWSIM_NOTIFY.
 */
static void hwsim_fire(struct hwsim_req *req)
{
	struct hwsim_file *f = req->file;
	u32 ctx = hwsim_context_flags();
	struct kevent *ev = NULL;
	bool wake = false;
	unsigned long flags;

	raw_spin_lock_irqsave(&f->lock, flags);
	if (f->closing) {
		raw_spin_unlock_irqrestore(&f->lock, flags);
		return;
	}
	WRITE_ONCE(req->fired, true);
	switch (req->kind) {
	case HWSIM_EVENT:
	case HWSIM_NAMED:
		ev = req->ev;
		req->ev = NULL;
		fallthrough;
	case HWSIM_NOTIFY:
		list_move_tail(&req->node, &f->fired);
		break;
	case HWSIM_WAIT:
	case HWSIM_QUEUE:
		req->msg.seq = ++f->seq;
		req->msg.timestamp_ns = ktime_get_ns();
		req->msg.flags = ctx;
		if (req->kind == HWSIM_WAIT)
			list_del_init(&req->node);	/* the waiter owns it */
		else
			list_move_tail(&req->node, &f->msgs);
		wake = true;
		break;
	}
	raw_spin_unlock_irqrestore(&f->lock, flags);

	if (ev) {
		atomic64_set(&hwsim_last_set_ns, ktime_get_ns());
		kevent_set(ev);
		hwsim_count_set(ctx);
		kevent_put(ev);
	}
	if (req->kind == HWSIM_NOTIFY)
		hwsim_notify(req->index);
	if (wake)
		hwsim_wake(f);
}

static void hwsim_work_fn(struct work_struct *work)
{
	struct hwsim_req *req = container_of(work, struct hwsim_req, work);
	unsigned long flags;

	if (req->context == KEVENT_HWSIM_CTX_IRQSOFF) {
		/* A driver's IRQs-off section, e.g. under a device's irqsave lock. */
		local_irq_save(flags);
		hwsim_fire(req);
		local_irq_restore(flags);
	} else {
		hwsim_fire(req);
	}
}

static enum hrtimer_restart hwsim_timer_fn(struct hrtimer *timer)
{
	struct hwsim_req *req = container_of(timer, struct hwsim_req, timer);

	if (req->kind == HWSIM_NOTIFY ||
	    req->context == KEVENT_HWSIM_CTX_IRQSOFF)
		schedule_work(&req->work);
	else
		hwsim_fire(req);
	return HRTIMER_NORESTART;
}

static enum hrtimer_mode hwsim_timer_mode(struct hwsim_req *req)
{
	return req->context == KEVENT_HWSIM_CTX_SOFTIRQ ?
		HRTIMER_MODE_REL_SOFT : HRTIMER_MODE_REL_HARD;
}

static noinline struct hwsim_req *
hwsim_req_alloc(struct hwsim_file *f, enum hwsim_kind kind, u32 context)
{
	struct hwsim_req *req = kzalloc(sizeof(*req), GFP_KERNEL);

	if (!req)
		return NULL;
	INIT_LIST_HEAD(&req->node);
	req->file = f;
	req->kind = kind;
	req->context = context;
	hrtimer_setup(&req->timer, hwsim_timer_fn, CLOCK_MONOTONIC,
		      hwsim_timer_mode(req));
	INIT_WORK(&req->work, hwsim_work_fn);
	atomic_long_inc(&hwsim_requests);
	return req;
}

ALLOW_ERROR_INJECTION(hwsim_req_alloc, NULL);

/**
 * hwsim_req_sync() - stop a request's timer and work item
 * @req: the request
 *
 * Cancels them, or waits until they have finished running: afterwards no
 * callback touches @req (a fired request stays fired).
 *
 * Context: Process context; may sleep.
 */
static void hwsim_req_sync(struct hwsim_req *req)
{
	hrtimer_cancel(&req->timer);
	cancel_work_sync(&req->work);
}

/* Free a request that is on no list and synced; drops an unused event. */
static void hwsim_req_free(struct hwsim_req *req)
{
	kevent_put(req->ev);
	kfree(req);
	atomic_long_dec(&hwsim_requests);
}

/* Free the file's requests that fired and need nothing more. */
static void hwsim_reap(struct hwsim_file *f)
{
	struct hwsim_req *req, *tmp;
	unsigned int n = 0;
	LIST_HEAD(list);

	raw_spin_lock_irq(&f->lock);
	list_splice_init(&f->fired, &list);
	raw_spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(req, tmp, &list, node) {
		list_del(&req->node);
		hwsim_req_sync(req);
		hwsim_req_free(req);
		n++;
	}
	if (n) {
		raw_spin_lock_irq(&f->lock);
		f->nr_reqs -= n;
		raw_spin_unlock_irq(&f->lock);
	}
}

/**
 * hwsim_arm() - queue a request on its file and start its timer
 * @f:        the file
 * @req:      the new request
 * @delay_ns: relative delay
 *
 * Context: Process context.
 * Return: 0, or -ENOSPC if the file has KEVENT_HWSIM_MAX_REQUESTS requests;
 * on error the caller still owns @req.
 */
static int hwsim_arm(struct hwsim_file *f, struct hwsim_req *req,
		     u64 delay_ns)
{
	raw_spin_lock_irq(&f->lock);
	if (f->nr_reqs >= KEVENT_HWSIM_MAX_REQUESTS) {
		raw_spin_unlock_irq(&f->lock);
		return -ENOSPC;
	}
	f->nr_reqs++;
	list_add_tail(&req->node, &f->armed);
	req->msg.armed_ns = ktime_get_ns();
	raw_spin_unlock_irq(&f->lock);
	hrtimer_start(&req->timer, ns_to_ktime(delay_ns), hwsim_timer_mode(req));
	return 0;
}

static bool hwsim_reserved_zero(const u64 *reserved, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (reserved[i])
			return false;
	return true;
}

static bool hwsim_valid(u32 context, u64 delay_ns)
{
	return context <= KEVENT_HWSIM_CTX_IRQSOFF &&
	       delay_ns <= KEVENT_HWSIM_MAX_DELAY_NS;
}

/* Arm an EVENT or NAMED request that holds @ev; consumes @ev. */
static int hwsim_arm_event(struct hwsim_file *f, enum hwsim_kind kind,
			   struct kevent *ev, u32 context, u64 delay_ns)
{
	struct hwsim_req *req = hwsim_req_alloc(f, kind, context);
	int ret;

	if (!req) {
		kevent_put(ev);
		return -ENOMEM;
	}
	req->ev = ev;
	ret = hwsim_arm(f, req, delay_ns);
	if (ret)
		hwsim_req_free(req);
	return ret;
}

/* Allocate and arm a request that completes with a message. */
static struct hwsim_req *hwsim_msg_req(struct hwsim_file *f,
				       enum hwsim_kind kind, u32 context,
				       u32 source, u64 cookie, u64 delay_ns)
{
	struct hwsim_req *req = hwsim_req_alloc(f, kind, context);
	long ret;

	if (!req)
		return ERR_PTR(-ENOMEM);
	req->msg.source = source;
	req->msg.cookie = cookie;
	ret = hwsim_arm(f, req, delay_ns);
	if (ret) {
		hwsim_req_free(req);
		return ERR_PTR(ret);
	}
	return req;
}

static long hwsim_register_event(struct hwsim_file *f, void __user *uarg)
{
	struct kevent_hwsim_register arg;
	struct kevent *ev;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (!hwsim_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)) ||
	    !hwsim_valid(arg.context, arg.delay_ns))
		return -EINVAL;
	/* ObReferenceObjectByHandle: in the caller's context, MODIFY needed. */
	ev = kevent_get_from_fd(arg.fd, KEVENT_ACCESS_MODIFY);
	if (IS_ERR(ev))
		return PTR_ERR(ev);
	return hwsim_arm_event(f, HWSIM_EVENT, ev, arg.context, arg.delay_ns);
}

static long hwsim_signal_named(struct hwsim_file *f, void __user *uarg)
{
	struct kevent_hwsim_named *arg;
	struct kevent *ev;
	long ret;

	arg = memdup_user(uarg, sizeof(*arg));
	if (IS_ERR(arg))
		return PTR_ERR(arg);
	ret = -EINVAL;
	if (arg->reserved0 ||
	    !hwsim_reserved_zero(arg->reserved, ARRAY_SIZE(arg->reserved)) ||
	    !hwsim_valid(arg->context, arg->delay_ns) ||
	    strnlen(arg->name, sizeof(arg->name)) == sizeof(arg->name))
		goto out;
	/* The DriverWorks tip: open the application's event by its name. */
	ev = kevent_open(arg->name, current->nsproxy->ipc_ns);
	ret = PTR_ERR(ev);
	if (IS_ERR(ev))
		goto out;
	ret = hwsim_arm_event(f, HWSIM_NAMED, ev, arg->context, arg->delay_ns);
out:
	kfree(arg);
	return ret;
}

static long hwsim_wait_event(struct hwsim_file *f, void __user *uarg)
{
	struct kevent_hwsim_wait arg;
	struct hwsim_req *req;
	bool fired;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 ||
	    !hwsim_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)) ||
	    !hwsim_valid(arg.context, arg.delay_ns))
		return -EINVAL;
	req = hwsim_msg_req(f, HWSIM_WAIT, arg.context, KEVENT_HWSIM_SOURCE_WAIT,
			    arg.cookie, arg.delay_ns);
	if (IS_ERR(req))
		return PTR_ERR(req);

	/* The pending IRP: until the timer completes it or a signal cancels it. */
	wait_event_interruptible(f->wq, READ_ONCE(req->fired));
	hwsim_req_sync(req);
	raw_spin_lock_irq(&f->lock);
	fired = req->fired;
	if (!fired)
		list_del(&req->node);
	f->nr_reqs--;
	raw_spin_unlock_irq(&f->lock);
	if (fired)
		arg.msg = req->msg;
	hwsim_req_free(req);
	if (!fired)
		return -EINTR;	/* not restarted: that would re-arm the delay */
	if (copy_to_user(uarg, &arg, sizeof(arg)))
		return -EFAULT;
	return 0;
}

static long hwsim_queue_request(struct hwsim_file *f, void __user *uarg)
{
	struct kevent_hwsim_queue arg;
	struct hwsim_req *req;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 ||
	    !hwsim_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)) ||
	    !hwsim_valid(arg.context, arg.delay_ns))
		return -EINVAL;
	req = hwsim_msg_req(f, HWSIM_QUEUE, arg.context,
			    KEVENT_HWSIM_SOURCE_QUEUE, arg.cookie, arg.delay_ns);
	return PTR_ERR_OR_ZERO(req);
}

static long hwsim_notify_ioctl(struct hwsim_file *f, void __user *uarg)
{
	struct kevent_hwsim_notify arg;
	struct hwsim_req *req;
	long ret;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 ||
	    !hwsim_reserved_zero(arg.reserved, ARRAY_SIZE(arg.reserved)) ||
	    arg.delay_ns > KEVENT_HWSIM_MAX_DELAY_NS)
		return -EINVAL;
	if (!hwsim_notifier)
		return -ENODEV;
	/* The index is checked by kevent_notify_index() itself. */
	if (!arg.delay_ns)
		return hwsim_notify(arg.index);
	if (arg.index >= hwsim_notify_count)
		return -EINVAL;
	req = hwsim_req_alloc(f, HWSIM_NOTIFY, KEVENT_HWSIM_CTX_HARDIRQ);
	if (!req)
		return -ENOMEM;
	req->index = arg.index;
	ret = hwsim_arm(f, req, arg.delay_ns);
	if (ret)
		hwsim_req_free(req);
	return ret;
}

static long hwsim_info(void __user *uarg)
{
	struct kevent_hwsim_info info = {
		.notify_count = hwsim_notify_count,
		.requests = atomic_long_read(&hwsim_requests),
		.sets_hardirq = atomic_long_read(&hwsim_sets_hardirq),
		.sets_softirq = atomic_long_read(&hwsim_sets_softirq),
		.sets_irqsoff = atomic_long_read(&hwsim_sets_irqsoff),
		.notifies = atomic_long_read(&hwsim_notifies),
		.notify_errors = atomic_long_read(&hwsim_notify_errors),
		.last_set_ns = atomic64_read(&hwsim_last_set_ns),
	};

	if (hwsim_notifier)
		info.notify_lookups = kevent_notifier_lookups(hwsim_notifier);
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long hwsim_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct hwsim_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;

	hwsim_reap(f);
	switch (cmd) {
	case KEVENT_HWSIM_IOC_REGISTER_EVENT:
		return hwsim_register_event(f, uarg);
	case KEVENT_HWSIM_IOC_WAIT_EVENT:
		return hwsim_wait_event(f, uarg);
	case KEVENT_HWSIM_IOC_QUEUE_REQUEST:
		return hwsim_queue_request(f, uarg);
	case KEVENT_HWSIM_IOC_SIGNAL_NAMED:
		return hwsim_signal_named(f, uarg);
	case KEVENT_HWSIM_IOC_NOTIFY:
		return hwsim_notify_ioctl(f, uarg);
	case KEVENT_HWSIM_IOC_INFO:
		return hwsim_info(uarg);
	default:
		return -ENOTTY;
	}
}

/* Take the oldest queued message's request off the file, or NULL. */
static struct hwsim_req *hwsim_dequeue(struct hwsim_file *f)
{
	struct hwsim_req *req;

	raw_spin_lock_irq(&f->lock);
	req = list_first_entry_or_null(&f->msgs, struct hwsim_req, node);
	if (req) {
		list_del_init(&req->node);
		f->nr_reqs--;
	}
	raw_spin_unlock_irq(&f->lock);
	return req;
}

static bool hwsim_has_msg(struct hwsim_file *f)
{
	bool ret;

	raw_spin_lock_irq(&f->lock);
	ret = !list_empty(&f->msgs);
	raw_spin_unlock_irq(&f->lock);
	return ret;
}

/*
 * read(): one struct kevent_hwsim_msg per call, the oldest first; blocks
 * (interruptibly) until one is queued unless O_NONBLOCK (EAGAIN).
 */
static ssize_t hwsim_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct hwsim_file *f = file->private_data;
	struct kevent_hwsim_msg msg;
	struct hwsim_req *req;
	int ret;

	if (count < sizeof(msg))
		return -EINVAL;
	hwsim_reap(f);
	while (!(req = hwsim_dequeue(f))) {
		/* Marked: fcntl(F_SETFL) may change it meanwhile. */
		if (READ_ONCE(file->f_flags) & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(f->wq, hwsim_has_msg(f));
		if (ret)
			return ret;
	}
	hwsim_req_sync(req);
	msg = req->msg;
	hwsim_req_free(req);
	if (copy_to_user(buf, &msg, sizeof(msg)))
		return -EFAULT;
	return sizeof(msg);
}

static __poll_t hwsim_poll(struct file *file, poll_table *pt)
{
	struct hwsim_file *f = file->private_data;

	poll_wait(file, &f->wq, pt);
	return hwsim_has_msg(f) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int hwsim_open(struct inode *inode, struct file *file)
{
	struct hwsim_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return -ENOMEM;
	raw_spin_lock_init(&f->lock);
	init_irq_work(&f->wake_work, hwsim_wake_workfn);
	INIT_LIST_HEAD(&f->armed);
	INIT_LIST_HEAD(&f->fired);
	INIT_LIST_HEAD(&f->msgs);
	init_waitqueue_head(&f->wq);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

/*
 * Last close (or the application's death): the cleanup routine of the
 * sample. Cancel every timer, discard pending requests and unread
 * messages, drop every event reference.
 */
static int hwsim_release(struct inode *inode, struct file *file)
{
	struct hwsim_file *f = file->private_data;
	struct hwsim_req *req, *tmp;
	LIST_HEAD(list);

	raw_spin_lock_irq(&f->lock);
	f->closing = true;
	list_splice_init(&f->armed, &list);
	list_splice_init(&f->fired, &list);
	list_splice_init(&f->msgs, &list);
	raw_spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(req, tmp, &list, node) {
		list_del(&req->node);
		hwsim_req_sync(req);
		hwsim_req_free(req);
	}
	irq_work_sync(&f->wake_work);
	kfree(f);
	return 0;
}

static const struct file_operations hwsim_fops = {
	.owner		= THIS_MODULE,
	.open		= hwsim_open,
	.release	= hwsim_release,
	.read		= hwsim_read,
	.poll		= hwsim_poll,
	.unlocked_ioctl	= hwsim_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

/* sysfs: /sys/class/misc/kevent-hwsim/notify (write an index) */
static ssize_t notify_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	unsigned int index;
	int ret;

	ret = kstrtouint(buf, 0, &index);
	if (ret)
		return ret;
	ret = hwsim_notify(index);
	return ret ? ret : count;
}
static DEVICE_ATTR_WO(notify);

static ssize_t notify_lookups_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", hwsim_notifier ?
			  kevent_notifier_lookups(hwsim_notifier) : 0UL);
}
static DEVICE_ATTR_RO(notify_lookups);

static struct attribute *hwsim_attrs[] = {
	&dev_attr_notify.attr,
	&dev_attr_notify_lookups.attr,
	NULL
};
ATTRIBUTE_GROUPS(hwsim);

static struct miscdevice hwsim_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kevent-hwsim",
	.fops	= &hwsim_fops,
	.groups	= hwsim_groups,
	.mode	= 0600,
};

/* notify_names=a,b,c -> a kevent_notifier opening the application's events. */
static int __init hwsim_notifier_init(void)
{
	struct kevent_notifier_config config = { };
	struct kevent_notifier *n;
	char *buf, *p, *name;
	unsigned int count = 0;
	int ret = 0;

	if (!notify_names || !*notify_names)
		return 0;
	buf = kstrdup(notify_names, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	p = buf;
	while ((name = strsep(&p, ","))) {
		if (!*name || count == KEVENT_NOTIFIER_MAX) {
			pr_err("notify_names: at most %d non-empty names\n",
			       KEVENT_NOTIFIER_MAX);
			ret = -EINVAL;
			goto out;
		}
		config.names[count++] = name;
	}
	config.max_index = count - 1;
	n = kevent_notifier_create(&config);
	if (IS_ERR(n)) {
		ret = PTR_ERR(n);
		pr_err("notify_names: kevent_notifier_create: %d\n", ret);
		goto out;
	}
	hwsim_notifier = n;
	hwsim_notify_count = count;
out:
	kfree(buf);	/* the notifier keeps copies of the names */
	return ret;
}

static int __init hwsim_init(void)
{
	int ret;

	ret = hwsim_notifier_init();
	if (ret)
		return ret;
	ret = misc_register(&hwsim_misc);
	if (ret && hwsim_notifier)
		kevent_notifier_destroy(hwsim_notifier);
	return ret;
}

static void __exit hwsim_exit(void)
{
	misc_deregister(&hwsim_misc);
	if (hwsim_notifier)
		kevent_notifier_destroy(hwsim_notifier);
	WARN_ON(atomic_long_read(&hwsim_requests));
}

module_init(hwsim_init);
module_exit(hwsim_exit);

MODULE_DESCRIPTION("kevent hardware-event demo driver (/dev/kevent-hwsim)");
MODULE_AUTHOR("kevent developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(KEVENT_VERSION);
