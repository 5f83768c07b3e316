// SPDX-License-Identifier: GPL-2.0
/*
 * kevent core: the event object, its state changes and waits.
 *
 * Locking
 * -------
 * kevent.lock (raw spinlock, irq-safe) protects one event's @signaled flag, its
 * FIFO of waiters and its counters. Set, reset, pulse, poll and
 * single-event or wait-any waits take only this lock, so they never contend
 * on anything wider than the event itself. kevent.visible is @signaled as
 * each critical section leaves it (kevent_publish()), written under the
 * lock and read without it: reading the state, a set of an event that is
 * already signaled (which changes nothing) and the wait-any scan past
 * unsignaled events take no lock at all.
 *
 * kevent_all_lock (raw spinlock, irq-safe) serializes wait-all. A wait-all must
 * see all of its events signaled at one instant and consume them together,
 * so while a wait-all entry is queued on an event (kevent.all_hint != 0)
 * that event's state may only change with kevent_all_lock held as well.
 * kevent_lock() below reads all_hint under the event's lock and, when it is
 * set, retakes both locks in order. Holding kevent_all_lock therefore
 * freezes the state of every event that has a wait-all entry queued. It
 * also protects kevent_waitq.unsignaled of every queued wait-all.
 *
 * Bounded work with interrupts off: a wait-all counts how many of its
 * events are not signaled (kevent_waitq.unsignaled), and every state change
 * of an event with wait-all entries queued adjusts the counts of those
 * waits (kevent_change()). A setter therefore decides whether a wait-all is
 * satisfied in O(1), without locking that wait's other events: a SET costs
 * O(1) per queued waiter, and the number of waiters any one user can queue
 * is bounded by max_waits_per_user. Other events' locks are taken only to
 * consume the events of a wait-all that is released, work that releases a
 * waiter, like any wake-up.
 *
 * Order: kevent_all_lock -> kevent.lock. Under kevent_all_lock a second
 * event's lock may be taken (try_wake_all), annotated with
 * raw_spin_lock_nest_lock(): every such nesting happens under kevent_all_lock,
 * so two CPUs can never hold two event locks in opposite orders.
 *
 * Both locks are raw, irq-safe spinlocks because kevent_set()/kevent_pulse()/
 * kevent_clear() must work from hardirq context and with interrupts disabled
 * (KeSetEvent at DISPATCH_LEVEL), including when a wait-all entry is queued
 * on the event, on PREEMPT_RT too, where spinlock_t sleeps. Nothing here
 * sleeps or takes a spinlock_t under either lock: waiters are woken with
 * wake_up_process(), and pollers (a wait queue, whose lock is a spinlock_t)
 * after the locks are dropped, through an irq_work when the caller is in
 * hard interrupt context, has interrupts off or is otherwise atomic
 * (kevent_wake_pollers()). The work under the locks is O(1) per waiter
 * released or wait-all count adjusted; a notification event set with N
 * waiters queued wakes N tasks with interrupts off (bounded only by the
 * per-user wait limits), the latency limit docs/kernels.md states.
 *
 * Waiting
 * -------
 * A wait queues one struct kevent_wait_entry per event and sleeps until a
 * setter hands it an event by a cmpxchg on kevent_waitq.satisfied. A
 * setter that satisfies a wait-any on an event object also dequeues that
 * entry and then publishes kevent_waitq.unlinked (release), after which it
 * touches the wait no more: the woken task leaves without taking that
 * event's lock again. The setter consumes a synchronization event on the
 * waiter's behalf, so a wait that was satisfied reports success even if it
 * was also interrupted or timed out: the consumed event is never lost. A
 * wait from user space holds a reference on every event it waits on, so
 * closing an fd does not disturb it; a kernel caller keeps its events alive
 * itself (an embedded event has no reference to take).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/error-injection.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "kevent_context.h"
#include "kevent_internal.h"
#include "kevent_trace.h"

static DEFINE_RAW_SPINLOCK(kevent_all_lock);

/* Marks a wait that no event has satisfied yet. */
#define KEVENT_UNSATISFIED	(-1)

/**
 * struct kevent_wait_entry - one event of one wait
 * @node:     kevent.waiters linkage
 * @all_node: kevent.all_waiters linkage (wait-all entries only)
 * @ev:       the event
 * @q:        the wait this entry belongs to
 * @index:    position of @ev in the caller's array
 * @dup:      wait-any: @ev appears at a lower index too; not queued
 */
struct kevent_wait_entry {
	struct list_head node;
	struct list_head all_node;
	struct kevent *ev;
	struct kevent_waitq *q;
	u32 index;
	bool dup;
};

/*
 * Wait-alls from user space queued on one event at most. Each costs every
 * state change of the event O(1) with interrupts off, whoever queued it:
 * this bounds that work for each event, whatever other users do (the
 * per-user limits alone do not: one person may own many uids). Kernel
 * waits are not counted against it.
 */
static unsigned int kevent_max_wait_all_per_event = 1024;
module_param_named(max_wait_all_per_event, kevent_max_wait_all_per_event,
		   uint, 0644);
MODULE_PARM_DESC(max_wait_all_per_event,
		 "Maximum number of user-space wait-alls queued on one event (default 1024)");

/**
 * struct kevent_waitq - one wait in progress
 * @task:      the waiting task
 * @satisfied: index handed over by a setter, or KEVENT_UNSATISFIED
 * @unlinked:  wait-any: the entry its setter dequeued, once the setter is
 *             done with the wait (kevent_try_wake_any())
 * @all:       wait-all, else wait-any
 * @count:     number of entries
 * @unsignaled: wait-all: entries whose event is not signaled (under
 *             kevent_all_lock); 0 means the wait can be satisfied
 * @entries:   one per event
 */
struct kevent_waitq {
	struct task_struct *task;
	atomic_t satisfied;
	struct kevent_wait_entry *unlinked;
	bool all;
	u32 count;
	u32 unsignaled;
	struct kevent_wait_entry *entries;
};

static void kevent_poll_workfn(struct irq_work *work)
{
	struct kevent_object *obj = container_of(work, struct kevent_object,
						 poll_work);

	wake_up_interruptible_poll(&obj->poll_wq, EPOLLIN | EPOLLRDNORM);
}

static void kevent_init_event(struct kevent *ev, bool manual, bool signaled,
			      bool object)
{
	raw_spin_lock_init(&ev->lock);
	ev->manual = manual;
	ev->signaled = signaled;
	ev->visible = signaled;
	ev->object = object;
	ev->all_hint = 0;
	ev->all_user = 0;
	ev->nwaiters = 0;
	INIT_LIST_HEAD(&ev->waiters);
	INIT_LIST_HEAD(&ev->all_waiters);
}

/**
 * kevent_init() - initialize an event a driver embeds (KeInitializeEvent)
 * @ev:           the event, in the caller's own structure
 * @notification: a notification (manual-reset) event, else a
 *                synchronization (auto-reset) event
 * @signaled:     the initial state
 *
 * An embedded event works with every function of this API, including
 * kevent_wait_multiple() together with named and fd-referenced events. It
 * has no name and no file descriptor, and it is not reference counted:
 * kevent_get() and kevent_put() do nothing on it, and its owner keeps it
 * alive (and does not re-initialize it) while anyone may wait on or set it,
 * as with struct completion.
 *
 * Context: Any context. Nobody may use @ev concurrently.
 */
void kevent_init(struct kevent *ev, bool notification, bool signaled)
{
	kevent_init_event(ev, notification, signaled, false);
}
EXPORT_SYMBOL_GPL(kevent_init);

void kevent_init_object(struct kevent_object *obj, bool manual, bool signaled)
{
	kevent_init_event(&obj->event, manual, signaled, true);
	INIT_LIST_HEAD(&obj->watchers);
	init_waitqueue_head(&obj->poll_wq);
	init_irq_work(&obj->poll_work, kevent_poll_workfn);
	refcount_set(&obj->ref, 1);
	atomic_set(&obj->handles, 0);
}

/*
 * Lock @ev for a state change. Returns true if kevent_all_lock was taken
 * too, because a wait-all entry is queued on @ev.
 */
static bool kevent_lock(struct kevent *ev, unsigned long *flags)
	__acquires(&ev->lock)
{
	raw_spin_lock_irqsave(&ev->lock, *flags);
	if (likely(!ev->all_hint))
		return false;
	raw_spin_unlock_irqrestore(&ev->lock, *flags);

	raw_spin_lock_irqsave(&kevent_all_lock, *flags);
	raw_spin_lock_nest_lock(&ev->lock, &kevent_all_lock);
	/* For sparse: both paths leave one lock context, ev->lock. */
	__release(&kevent_all_lock);
	return true;
}

/*
 * Publish @ev's state for lockless readers (kevent_set()'s fast path,
 * kevent_read_state(), the wait-any pre-check) as it is at the end of a
 * critical section: inside one, a set that a waiter consumes or a pulse
 * is signaled only for a moment, and a lockless reader that saw that
 * moment could skip a set that must take effect. Caller holds @ev->lock.
 *
 * The store is a release, and a full barrier follows it: a lockless
 * reader has one before its read, and the pair keeps the caller's later
 * loads from passing this store (the store-buffering case), so that a
 * lockless operation orders against this one as if it had taken the lock.
 */
static void kevent_publish(struct kevent *ev)
{
	if (ev->visible == ev->signaled)
		return;
	/*
	 * Release: the caller's earlier accesses, made before it took the
	 * lock too, are seen before the new state.
	 */
	smp_store_release(&ev->visible, ev->signaled);
	/* Full barrier after the store: pairs with the lockless readers' one. */
	smp_mb();
}

static void kevent_unlock(struct kevent *ev, bool all, unsigned long flags)
	__releases(&ev->lock)
{
	kevent_publish(ev);
	if (all) {
		__acquire(&kevent_all_lock);
		raw_spin_unlock(&ev->lock);
		raw_spin_unlock_irqrestore(&kevent_all_lock, flags);
	} else {
		raw_spin_unlock_irqrestore(&ev->lock, flags);
	}
}

/*
 * Change @ev's state, keeping the unsignaled counts of the wait-alls queued
 * on it in step. This walk is the only per-waiter work of a state change.
 * Caller holds @ev->lock, and kevent_all_lock if @ev->all_hint.
 */
static void kevent_change(struct kevent *ev, bool signaled)
{
	struct kevent_wait_entry *e;

	if (ev->signaled == signaled)
		return;
	ev->signaled = signaled;
	if (likely(!ev->all_hint))
		return;
	lockdep_assert_held(&kevent_all_lock);
	list_for_each_entry(e, &ev->all_waiters, all_node) {
		if (signaled)
			e->q->unsignaled--;
		else
			e->q->unsignaled++;
	}
}

/*
 * Wake @q's task. With @handoff (a set that hands the CPU over, see
 * kevent_set_handoff()), also pass it back referenced: the first released
 * task only. Caller holds the lock the waiter's dequeue takes, and has not
 * yet published kevent_waitq.unlinked, so @q is still there.
 */
static void kevent_wake_task(struct kevent_waitq *q,
			     struct task_struct **handoff)
{
	if (handoff && !*handoff)
		*handoff = get_task_struct(q->task);
	wake_up_process(q->task);
}

/*
 * Caller holds @e->ev->lock and @e->ev is signaled.
 *
 * The entry that satisfies a wait-any is dequeued here, so that the woken
 * task need not take this lock again on its way out (a wake-all of N
 * waiters would otherwise have each of them take it once more). Only on an
 * event object: the caller of a set holds a reference on it, but nothing
 * keeps an embedded event alive once its waiter returns, so there the
 * waiter's dequeue is what holds it back until the setter unlocks. Last,
 * with release: the waiter may then return (and its stack, @e and @q with
 * it, go away) without the lock.
 */
static bool kevent_try_wake_any(struct kevent_wait_entry *e,
				struct task_struct **handoff)
{
	struct kevent_waitq *q = e->q;
	struct kevent *ev = e->ev;

	if (atomic_cmpxchg(&q->satisfied, KEVENT_UNSATISFIED, e->index) !=
	    KEVENT_UNSATISFIED)
		return false;
	if (!ev->manual)
		kevent_change(ev, false);
	kevent_wake_task(q, handoff);
	if (ev->object) {
		list_del_init(&e->node);
		ev->nwaiters--;
		/* Release: pairs with the acquire in kevent_dequeue_any(). */
		smp_store_release(&q->unlinked, e);
	}
	return true;
}

/*
 * Satisfy wait-all @q if every one of its events is signaled, consuming
 * the synchronization events among them. Caller holds kevent_all_lock,
 * which freezes all of @q's events, and @locked->lock if @locked is one of
 * them (NULL otherwise). O(1) unless @q is released.
 */
static bool kevent_try_wake_all(struct kevent_waitq *q, struct kevent *locked,
				struct task_struct **handoff)
{
	u32 i;

	lockdep_assert_held(&kevent_all_lock);

	if (q->unsignaled ||
	    atomic_read(&q->satisfied) != KEVENT_UNSATISFIED)
		return false;

	for (i = 0; i < q->count; i++) {
		struct kevent *ev = q->entries[i].ev;

		if (ev->manual)
			continue;
		if (ev == locked) {
			kevent_change(ev, false);
		} else {
			raw_spin_lock_nest_lock(&ev->lock, &kevent_all_lock);
			kevent_change(ev, false);
			kevent_publish(ev);
			raw_spin_unlock(&ev->lock);
		}
	}
	atomic_set(&q->satisfied, 0);
	kevent_wake_task(q, handoff);
	return true;
}

/*
 * @ev just became signaled: hand it to its waiters, oldest first, until a
 * synchronization event is consumed. Caller holds @ev->lock, and
 * kevent_all_lock if @ev->all_hint.
 * Return: how many waiters were released (for the tracepoints).
 */
static unsigned int kevent_wake_waiters(struct kevent *ev,
					struct task_struct **handoff)
{
	struct kevent_wait_entry *e, *tmp;
	unsigned int released = 0;

	/* _safe: a wait-any's entry leaves the list as it is satisfied. */
	list_for_each_entry_safe(e, tmp, &ev->waiters, node) {
		if (!ev->signaled)
			break;
		if (e->q->all)
			released += kevent_try_wake_all(e->q, ev, handoff);
		else
			released += kevent_try_wake_any(e, handoff);
	}
	return released;
}

/*
 * Pollers sleep on a wait queue, whose lock may not be taken from every
 * context a set may come from (kevent_context.h): from those the wake-up
 * goes to the event's irq_work; kevent_free() waits for it. Elsewhere
 * pollers are woken at once.
 */
static void kevent_wake_pollers(struct kevent_object *obj)
{
	if (!wq_has_sleeper(&obj->poll_wq))
		return;
	if (kevent_wake_needs_irq_work())
		irq_work_queue(&obj->poll_work);
	else
		wake_up_interruptible_poll(&obj->poll_wq, EPOLLIN | EPOLLRDNORM);
}

/*
 * A set of an event that is already signaled changes nothing and releases
 * nobody (a waiter that could take a signaled event would have taken it),
 * so it is over without the lock, taking effect at this read. Returns
 * whether that was the case (and the set done).
 *
 * The barrier keeps the set a full barrier, as it is on the locked path
 * (and SetEvent is on NT): without it the caller's earlier stores could
 * become visible only after this read, and a waiter that consumes the
 * event after the read (so after the set) could miss them, with the event
 * left unsignaled as if the set had come first.
 */
bool kevent_set_signaled(struct kevent *ev)
{
	/* The caller's earlier stores before the read; pairs with publish's. */
	smp_mb();
	/* Acquire: a caller told "was signaled" sees what its setter stored. */
	if (!smp_load_acquire(&ev->visible))
		return false;
	trace_kevent_set(ev, true, 0);
	return true;
}

/*
 * kevent_set() past its lockless check, for a caller that made that check
 * itself (kevent_set_signaled() returned false). With @handoff non-NULL, a
 * synchronization event also passes back the task it released, if any,
 * referenced (put_task_struct()), so that a caller about to wait can hand
 * it the CPU (kevent_wait_events()).
 */
int kevent_set_locked(struct kevent *ev, struct task_struct **handoff)
{
	unsigned int released;
	unsigned long flags;
	bool all, prev, poll;

	all = kevent_lock(ev, &flags);
	prev = ev->signaled;
	kevent_change(ev, true);
	/*
	 * A notification event stays signaled through this critical section,
	 * so its state is published before anyone is released: a released
	 * waiter may return without this lock (kevent_try_wake_any()), and
	 * must find the event signaled when it reads the state at once.
	 */
	if (ev->manual)
		kevent_publish(ev);
	released = kevent_wake_waiters(ev, ev->manual ? NULL : handoff);
	/*
	 * Decided under the lock: once it is dropped, a released waiter may
	 * return and free an embedded event (an on-stack KEVENT, say), so
	 * @ev is touched afterwards only if it is an object, which the
	 * caller holds a reference on.
	 */
	poll = ev->signaled && !prev && ev->object;
	trace_kevent_set(ev, prev, released);
	kevent_unlock(ev, all, flags);

	if (poll)
		kevent_wake_pollers(to_kevent_object(ev));
	return prev;
}

/* kevent_set(), passing back the task released (kevent_set_locked()). */
static int kevent_set_handoff(struct kevent *ev, struct task_struct **handoff)
{
	if (kevent_set_signaled(ev))
		return 1;
	return kevent_set_locked(ev, handoff);
}

/**
 * kevent_set() - set an event to the signaled state (KeSetEvent)
 * @ev: the event
 *
 * A notification event stays signaled and releases every waiter. A
 * synchronization event releases the longest-waiting waiter that it can
 * satisfy and stays non-signaled, or stays signaled if there is none.
 *
 * Once a waiter is released the call no longer touches an embedded
 * event, so the waiter may free it at once (like complete()). Ordered as
 * if it always took @ev's lock, also when @ev is already signaled and
 * nothing changes: whoever consumes the event after the set sees what the
 * caller stored before it.
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 * Takes @ev's lock, and the wait-all lock while a wait-all waits on @ev.
 * Return: the previous state, 0 or 1.
 */
int kevent_set(struct kevent *ev)
{
	return kevent_set_handoff(ev, NULL);
}
EXPORT_SYMBOL_GPL(kevent_set);

/**
 * kevent_pulse() - set and reset an event in one atomic step (KePulseEvent)
 * @ev: the event
 *
 * Releases whom kevent_set() would release and leaves @ev non-signaled. No
 * concurrent reader ever sees the event signaled because of a pulse, and
 * pollers are not woken.
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 * Return: the previous state, 0 or 1.
 */
int kevent_pulse(struct kevent *ev)
{
	unsigned int released;
	unsigned long flags;
	bool all, prev;

	all = kevent_lock(ev, &flags);
	prev = ev->signaled;
	kevent_change(ev, true);
	released = kevent_wake_waiters(ev, NULL);
	kevent_change(ev, false);
	trace_kevent_pulse(ev, prev, released);
	kevent_unlock(ev, all, flags);
	return prev;
}
EXPORT_SYMBOL_GPL(kevent_pulse);

/**
 * kevent_reset() - set an event to the non-signaled state (KeResetEvent)
 * @ev: the event
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 * Return: the previous state, 0 or 1.
 */
int kevent_reset(struct kevent *ev)
{
	unsigned long flags;
	bool all, prev;

	all = kevent_lock(ev, &flags);
	prev = ev->signaled;
	kevent_change(ev, false);
	trace_kevent_reset(ev, prev, 0);
	kevent_unlock(ev, all, flags);
	return prev;
}
EXPORT_SYMBOL_GPL(kevent_reset);

/**
 * kevent_clear() - set an event to the non-signaled state (KeClearEvent)
 * @ev: the event
 *
 * kevent_reset() without the previous state.
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 */
void kevent_clear(struct kevent *ev)
{
	kevent_reset(ev);
}
EXPORT_SYMBOL_GPL(kevent_clear);

/**
 * kevent_read_state() - read an event's state (KeReadStateEvent)
 * @ev: the event
 *
 * Ordered against the caller's other memory accesses as if it took @ev's
 * lock (a full barrier precedes the read).
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 * Takes no lock.
 * Return: 1 if @ev is signaled, else 0. The state may change at once.
 */
int kevent_read_state(struct kevent *ev)
{
	/*
	 * The state as the last critical section left it: no lock needed.
	 * Ordered after the caller's earlier accesses (pairs with
	 * kevent_publish()'s barrier), and before its later ones (acquire),
	 * as if the read took the lock.
	 */
	smp_mb();
	/* Acquire: the caller's later accesses stay after the read. */
	return smp_load_acquire(&ev->visible);
}
EXPORT_SYMBOL_GPL(kevent_read_state);

/**
 * kevent_is_notification() - tell the event's type
 * @ev: the event
 *
 * Context: Any context.
 * Return: true for a notification (manual-reset) event, false for a
 * synchronization (auto-reset) event.
 */
bool kevent_is_notification(struct kevent *ev)
{
	return ev->manual;
}
EXPORT_SYMBOL_GPL(kevent_is_notification);

/* State and queued waiters, read together for fdinfo and /proc/kevent. */
void kevent_snapshot(struct kevent *ev, bool *signaled, unsigned int *waiters)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ev->lock, flags);
	*signaled = ev->signaled;
	*waiters = ev->nwaiters;
	raw_spin_unlock_irqrestore(&ev->lock, flags);
}

/* Queue wait-any entry @e; satisfy it at once if its event is signaled. */
static void kevent_queue_any(struct kevent_wait_entry *e)
{
	struct kevent *ev = e->ev;
	unsigned long flags;
	bool all;

	all = kevent_lock(ev, &flags);
	list_add_tail(&e->node, &ev->waiters);
	ev->nwaiters++;
	if (ev->signaled)
		kevent_try_wake_any(e, NULL);
	kevent_unlock(ev, all, flags);
}

static void kevent_dequeue_any(struct kevent_wait_entry *e)
{
	struct kevent *ev = e->ev;
	unsigned long flags;

	/*
	 * The setter that satisfied the wait through @e dequeued it. Acquire:
	 * pairs with its release, after which it touches @e no more.
	 */
	if (smp_load_acquire(&e->q->unlinked) == e)
		return;
	/*
	 * Removing an entry changes no event state, so the event's own lock
	 * is enough even while a wait-all is queued on it: setters walk the
	 * list only under this lock. A setter may have dequeued @e but not yet
	 * let go of the wait: then the list says so.
	 */
	raw_spin_lock_irqsave(&ev->lock, flags);
	if (!list_empty(&e->node)) {
		list_del(&e->node);
		ev->nwaiters--;
	}
	raw_spin_unlock_irqrestore(&ev->lock, flags);
}

/*
 * Queue wait-all @q on all of its events, unless a user-space wait-all
 * (@charged) would pass max_wait_all_per_event on one of them.
 */
static int kevent_queue_all(struct kevent_waitq *q, bool charged)
{
	unsigned int max = READ_ONCE(kevent_max_wait_all_per_event);
	u32 i;

	raw_spin_lock_irq(&kevent_all_lock);
	/* all_hint and all_user only change under kevent_all_lock. */
	for (i = 0; charged && i < q->count; i++) {
		if (q->entries[i].ev->all_user >= max) {
			raw_spin_unlock_irq(&kevent_all_lock);
			return -ENOSPC;
		}
	}
	q->unsignaled = 0;
	for (i = 0; i < q->count; i++) {
		struct kevent_wait_entry *e = &q->entries[i];

		raw_spin_lock_nest_lock(&e->ev->lock, &kevent_all_lock);
		list_add_tail(&e->node, &e->ev->waiters);
		list_add_tail(&e->all_node, &e->ev->all_waiters);
		e->ev->nwaiters++;
		e->ev->all_hint++;
		if (charged)
			e->ev->all_user++;
		if (!e->ev->signaled)
			q->unsignaled++;
		raw_spin_unlock(&e->ev->lock);
	}
	kevent_try_wake_all(q, NULL, NULL);
	raw_spin_unlock_irq(&kevent_all_lock);
	return 0;
}

static void kevent_dequeue_all(struct kevent_waitq *q, bool charged)
{
	u32 i;

	raw_spin_lock_irq(&kevent_all_lock);
	for (i = 0; i < q->count; i++) {
		struct kevent_wait_entry *e = &q->entries[i];

		raw_spin_lock_nest_lock(&e->ev->lock, &kevent_all_lock);
		list_del(&e->node);
		list_del(&e->all_node);
		e->ev->nwaiters--;
		e->ev->all_hint--;
		if (charged)
			e->ev->all_user--;
		raw_spin_unlock(&e->ev->lock);
	}
	raw_spin_unlock_irq(&kevent_all_lock);
}

/*
 * Sleep until @q is satisfied, the deadline passes or (for interruptible
 * states) a signal arrives. @deadline is NULL for an infinite wait.
 */
static int kevent_sleep(struct kevent_waitq *q, ktime_t *deadline,
			clockid_t clock, unsigned int state)
{
	bool expired = false;

	for (;;) {
		set_current_state(state);
		if (atomic_read(&q->satisfied) != KEVENT_UNSATISFIED)
			break;
		if (signal_pending_state(state, current)) {
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
		if (expired) {
			__set_current_state(TASK_RUNNING);
			return -ETIMEDOUT;
		}
		if (!schedule_hrtimeout_range_clock(deadline,
						    current->timer_slack_ns,
						    HRTIMER_MODE_ABS, clock))
			expired = true;
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Relative nanoseconds to an absolute CLOCK_MONOTONIC deadline, saturating. */
u64 kevent_deadline(u64 rel_ns)
{
	ktime_t now = ktime_get();

	if (rel_ns >= (u64)(KTIME_MAX - now))
		return KTIME_MAX;
	return ktime_add_ns(now, rel_ns);
}

/*
 * Wait-any fast path: take the lowest-index signaled event without queueing.
 * A signaled event can have waiters queued only if none of them can take
 * it (wait-alls still missing another event), so taking it here is what a
 * queued wait-any would get, too.
 */
static bool kevent_try_any(struct kevent **evs, u32 count, u32 *index)
{
	unsigned long flags;
	bool all, got;
	u32 i;

	/*
	 * A wait is a full barrier, as on NT: the reads below that skip an
	 * event (and a zero-timeout wait that finds nothing decides on them
	 * alone) must not pass the caller's earlier stores: a setter that
	 * then reads them must find them, or this wait must find its set.
	 */
	smp_mb();
	for (i = 0; i < count; i++) {
		struct kevent *ev = evs[i];

		/* Not signaled now: as if checked under the lock at this read. */
		if (!READ_ONCE(ev->visible))
			continue;
		all = kevent_lock(ev, &flags);
		got = ev->signaled;
		if (got && !ev->manual)
			kevent_change(ev, false);
		kevent_unlock(ev, all, flags);
		if (got) {
			*index = i;
			return true;
		}
	}
	return false;
}

/* Hand-offs through one event skipped after the scheduler declined one. */
#define KEVENT_HANDOFF_BACKOFF	15

/*
 * The set of a signal-and-wait released @p, and the caller now has to
 * sleep: if @p is to run on this CPU, let it run first. It is often the task
 * that sets what the caller waits for (a ping-pong, a request and its
 * reply), which then finds the caller not yet asleep: no wake-up to do, and
 * the caller no dequeue from the run queue, where sleeping at once costs
 * both. A hint: yield_to() may decline, and the wait goes on either way.
 *
 * CFS declines whenever @p ran a wake-up granularity more than the caller,
 * and two tasks that take turns keep that gap for good: one direction of a
 * ping-pong is declined every round, each time for the cost of a
 * schedule() that switches nothing. So a set through event object @obj
 * whose hand-off was declined (yield_to() refused, or @p did not run)
 * skips the next few and then tries again. Racy by design: a lost update
 * only costs one yield more or less. The back-off is per event, not per
 * pair of tasks: what one pair learns, others sharing the event follow.
 */
static void kevent_handoff(struct task_struct *p, struct kevent_object *obj)
{
	enum kevent_handoff_outcome outcome = KEVENT_HANDOFF_AWAY;
	unsigned long switches;
	u8 skip;

	if (task_cpu(p) != raw_smp_processor_id())
		goto out;
	outcome = KEVENT_HANDOFF_SKIPPED;
	skip = obj ? READ_ONCE(obj->handoff_skip) : 0;
	if (skip) {
		WRITE_ONCE(obj->handoff_skip, skip - 1);
		goto out;
	}
	/* @p's switch counts move only if it ran (and left the CPU again). */
	switches = data_race(p->nvcsw + p->nivcsw);
	outcome = KEVENT_HANDOFF_DECLINED;
	if (yield_to(p, false) > 0 &&
	    /* Racy read of another task's counters: a hint, see above. */
	    data_race(p->nvcsw + p->nivcsw) != switches)
		outcome = KEVENT_HANDOFF_RAN;
	if (obj && outcome == KEVENT_HANDOFF_DECLINED)
		WRITE_ONCE(obj->handoff_skip, KEVENT_HANDOFF_BACKOFF);
out:
	trace_kevent_handoff(obj, task_pid_nr(p), outcome);
}

/* Entries for waits on few events live on the stack. */
#define KEVENT_STACK_ENTRIES	4

/*
 * Entries for more than KEVENT_STACK_ENTRIES events come from the heap, once
 * per wait: before a signal-and-wait's set (which must not be followed by
 * -ENOMEM), else only if the wait has to queue.
 */
static int kevent_alloc_entries(struct kevent_waitq *q, u32 count,
				struct kevent_wait_entry *stack_entries)
{
	/* Already on the heap: the second call of a wait does nothing. */
	if (count <= KEVENT_STACK_ENTRIES || q->entries != stack_entries)
		return 0;
	q->entries = kmalloc_array(count, sizeof(*q->entries), GFP_KERNEL);
	if (!q->entries) {
		q->entries = stack_entries;
		return -ENOMEM;
	}
	return 0;
}

/* kevent_wait_events() without its tracepoints. */
static int __kevent_wait_events(struct kevent **evs, u32 count, u32 flags,
				u64 timeout, unsigned int state,
				struct kevent *signal, u32 *index)
{
	struct kevent_wait_entry stack_entries[KEVENT_STACK_ENTRIES];
	clockid_t clock = CLOCK_MONOTONIC;
	ktime_t deadline, *deadlinep = NULL;
	struct task_struct *handoff = NULL;
	/*
	 * Only the wait ioctl passes @signal, an event object it keeps alive;
	 * decided before the set all the same, which promises not to touch an
	 * embedded event once it released a waiter.
	 */
	struct kevent_object *handoff_obj =
		signal && signal->object ? to_kevent_object(signal) : NULL;
	struct kevent_waitq q;
	u32 i, queued;
	int ret = 0;

	might_sleep();

	/*
	 * @signal is set once nothing but the wait itself can fail: after the
	 * entries are allocated, and for a wait-all after it is queued (the
	 * per-event limit). Setting it after queueing releases whom setting
	 * it first would: the wait is last in every FIFO.
	 */
	q.entries = stack_entries;
	if (signal && kevent_alloc_entries(&q, count, stack_entries))
		return -ENOMEM;

	if (!(flags & KEVENT_WAIT_ALL)) {
		if (signal) {
			kevent_set_handoff(signal, &handoff);
			signal = NULL;
		}
		/* A zero relative timeout only polls. */
		if (kevent_try_any(evs, count, index))
			ret = 1;
		else if (!timeout && !(flags & KEVENT_WAIT_ABSOLUTE))
			ret = -ETIMEDOUT;
		if (ret)
			goto out;
	}

	if (timeout != KEVENT_TIMEOUT_INFINITE) {
		if (flags & KEVENT_WAIT_ABSOLUTE) {
			deadline = timeout > KTIME_MAX ? KTIME_MAX : timeout;
			if (flags & KEVENT_WAIT_REALTIME)
				clock = CLOCK_REALTIME;
		} else {
			deadline = kevent_deadline(timeout);
		}
		deadlinep = &deadline;
	}

	q.task = current;
	atomic_set(&q.satisfied, KEVENT_UNSATISFIED);
	q.unlinked = NULL;
	q.all = flags & KEVENT_WAIT_ALL;
	q.count = count;
	if (kevent_alloc_entries(&q, count, stack_entries)) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < count; i++) {
		struct kevent_wait_entry *e = &q.entries[i];
		u32 j;

		e->ev = evs[i];
		e->q = &q;
		e->index = i;
		/* The same event twice in a wait-any: only its first index waits. */
		e->dup = false;
		for (j = 0; j < i && !q.all && !e->dup; j++)
			e->dup = evs[j] == evs[i];
	}

	if (q.all) {
		ret = kevent_queue_all(&q, flags & KEVENT_WAIT_USER);
		if (ret)
			goto out;
		queued = count;
		if (signal)
			kevent_set_handoff(signal, &handoff);
	} else {
		for (queued = 0; queued < count; ) {
			struct kevent_wait_entry *e = &q.entries[queued++];

			if (e->dup)
				continue;
			kevent_queue_any(e);
			if (atomic_read(&q.satisfied) != KEVENT_UNSATISFIED)
				break;
		}
	}

	/* A zero relative timeout polls: never sleep. */
	if (atomic_read(&q.satisfied) == KEVENT_UNSATISFIED) {
		if (deadlinep && !(flags & KEVENT_WAIT_ABSOLUTE) && !timeout) {
			ret = -ETIMEDOUT;
		} else {
			if (handoff) {
				kevent_handoff(handoff, handoff_obj);
				put_task_struct(handoff);
				handoff = NULL;
			}
			ret = kevent_sleep(&q, deadlinep, clock, state);
		}
	}

	if (q.all) {
		kevent_dequeue_all(&q, flags & KEVENT_WAIT_USER);
	} else {
		for (i = 0; i < queued; i++)
			if (!q.entries[i].dup)
				kevent_dequeue_any(&q.entries[i]);
	}

	/* Satisfied while giving up: the event was consumed for us. */
	if (atomic_read(&q.satisfied) != KEVENT_UNSATISFIED) {
		*index = atomic_read(&q.satisfied);
		ret = 0;
	}

out:
	if (handoff)
		put_task_struct(handoff);
	if (q.entries != stack_entries)
		kfree(q.entries);
	return ret > 0 ? 0 : ret;
}

/**
 * kevent_wait_events() - wait for any or all of @count referenced events
 * @evs:     the events; duplicates are allowed for wait-any only
 * @count:   1..KEVENT_WAIT_MAX (validated by the caller)
 * @flags:   KEVENT_WAIT_ALL, KEVENT_WAIT_ABSOLUTE, KEVENT_WAIT_REALTIME, and
 *           KEVENT_WAIT_USER for a user-space wait (limited per event)
 * @timeout: see struct kevent_wait_args
 * @state:   TASK_INTERRUPTIBLE, TASK_KILLABLE or TASK_UNINTERRUPTIBLE
 * @signal:  NULL, or an event to set once the wait can no longer fail
 *           but by waiting (KEVENT_WAIT_SIGNAL): after -ENOMEM and -ENOSPC
 *           it is not set, after any other return it is
 * @index:   out: the satisfying index (wait-any) or 0 (wait-all)
 *
 * Context: Process context; may sleep. The caller keeps @evs and @signal
 * alive.
 * Return: 0, -ETIMEDOUT, -EINTR, -ENOMEM, or -ENOSPC (KEVENT_WAIT_USER
 * wait-all on an event at max_wait_all_per_event).
 */
int kevent_wait_events(struct kevent **evs, u32 count, u32 flags,
		       u64 timeout, unsigned int state, struct kevent *signal,
		       u32 *index)
{
	bool all = flags & KEVENT_WAIT_ALL;
	u64 start = 0;
	u32 idx = 0;
	int ret;

	trace_kevent_wait_begin(count, all, timeout,
				flags & KEVENT_WAIT_ABSOLUTE);
	if (trace_kevent_wait_end_enabled())
		start = ktime_get_ns();
	ret = __kevent_wait_events(evs, count, flags, timeout, state, signal,
				   &idx);
	if (!ret)
		*index = idx;
	if (trace_kevent_wait_end_enabled())
		trace_kevent_wait_end(count, all, ret, idx,
				      start ? ktime_get_ns() - start : 0);
	return ret;
}

/*
 * Inject -ENOMEM or -ENOSPC only: the caller reads any other error as a
 * wait that ran, and so as a KEVENT_WAIT_SIGNAL set that was done.
 */
ALLOW_ERROR_INJECTION(kevent_wait_events, ERRNO);

/* Final reference dropped: free in process context (names, namespaces). */
static void kevent_release_workfn(struct work_struct *work)
{
	kevent_free(container_of(work, struct kevent_object, release_work));
}

static struct workqueue_struct *kevent_wq;

/**
 * kevent_get() - take another reference on an event
 * @ev: the event, already referenced by the caller
 *
 * An embedded event (kevent_init()) is not reference counted: nothing
 * happens to it.
 *
 * Context: Any context.
 * Return: @ev.
 */
struct kevent *kevent_get(struct kevent *ev)
{
	if (ev->object)
		refcount_inc(&to_kevent_object(ev)->ref);
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_get);

/**
 * kevent_put() - drop a reference on an event
 * @ev: the event; NULL is allowed
 *
 * When the last reference goes, the event's name becomes free at once (a
 * lookup no longer finds it) and its memory is released later from a work
 * item, so this may be called from any context. Nothing happens to an
 * embedded event (kevent_init()).
 *
 * Context: Any context, including hardirq and with interrupts disabled.
 */
void kevent_put(struct kevent *ev)
{
	if (ev && ev->object &&
	    refcount_dec_and_test(&to_kevent_object(ev)->ref))
		kevent_release(to_kevent_object(ev));
}
EXPORT_SYMBOL_GPL(kevent_put);

/**
 * kevent_watch_get() - turn a weak reference into a real one
 * @w: the weak reference
 *
 * Context: Any context.
 * Return: the referenced event, or NULL if it died (or none was attached).
 */
struct kevent *kevent_watch_get(struct kevent_watch *w)
{
	struct kevent *ev;

	/*
	 * Events are freed with kfree_rcu() after their watches are cleared.
	 * A non-NULL pointer pairs with rcu_assign_pointer() in attach: the
	 * reader sees the event it was attached to. A NULL pointer is read
	 * with acquire, pairing with the release in kevent_watch_clear(): the
	 * caller may then reuse @w->node (attach it elsewhere), and the
	 * dying event's list_del() of that node must be visible first.
	 */
	rcu_read_lock();
	/* Acquire: pairs with the release in kevent_watch_clear(). */
	ev = smp_load_acquire((struct kevent __force **)&w->ev);
	if (ev && !refcount_inc_not_zero(&to_kevent_object(ev)->ref))
		ev = NULL;
	rcu_read_unlock();
	return ev;
}

/*
 * Unlink @w from its event's watchers and clear it. Caller holds the
 * event's lock. The release orders the list_del() before the NULL that
 * tells lockless readers (kevent_watch_get(), kevent_watch_detach()) that
 * @w->node is theirs again.
 */
static void kevent_watch_clear(struct kevent_watch *w)
{
	list_del(&w->node);
	/* Release: the list_del() above before the NULL readers act on. */
	smp_store_release((struct kevent __force **)&w->ev, NULL);
}

/**
 * kevent_watch_detach() - drop a weak reference
 * @w: the weak reference; may already be cleared
 *
 * Context: Any context. Takes the event's lock.
 */
void kevent_watch_detach(struct kevent_watch *w)
{
	unsigned long flags;
	struct kevent *ev;

	rcu_read_lock();
	/* Acquire: pairs with the release in kevent_watch_clear(). */
	ev = smp_load_acquire((struct kevent __force **)&w->ev);
	if (ev) {
		raw_spin_lock_irqsave(&ev->lock, flags);
		/* The event's release may have cleared it meanwhile. */
		if (rcu_access_pointer(w->ev) == ev)
			kevent_watch_clear(w);
		raw_spin_unlock_irqrestore(&ev->lock, flags);
	}
	rcu_read_unlock();
}

/**
 * kevent_watch_attach() - make @w a weak reference to @ev
 * @w:  a detached weak reference
 * @ev: an event the caller holds a reference on
 *
 * Context: Any context. Takes @ev's lock.
 */
void kevent_watch_attach(struct kevent_watch *w, struct kevent *ev)
{
	unsigned long flags;

	/* Only objects have weak references (and a refcount to weaken). */
	if (WARN_ON_ONCE(!ev->object))
		return;

	kevent_watch_detach(w);
	raw_spin_lock_irqsave(&ev->lock, flags);
	list_add_tail(&w->node, &to_kevent_object(ev)->watchers);
	rcu_assign_pointer(w->ev, ev);
	raw_spin_unlock_irqrestore(&ev->lock, flags);
}

/* The last reference is gone: clear every weak reference to @obj. */
static void kevent_clear_watches(struct kevent_object *obj)
{
	struct kevent_watch *w, *tmp;
	unsigned long flags;

	raw_spin_lock_irqsave(&obj->event.lock, flags);
	list_for_each_entry_safe(w, tmp, &obj->watchers, node)
		kevent_watch_clear(w);
	raw_spin_unlock_irqrestore(&obj->event.lock, flags);
}

void kevent_release(struct kevent_object *obj)
{
	kevent_clear_watches(obj);
	/* Give back the limits now, so a new event can be created at once. */
	atomic_dec(&obj->ns->count);
	if (obj->charged) {
		atomic_dec(&obj->user->count);
		atomic_long_sub(struct_size(obj, name, obj->name_len + 1),
				&obj->user->bytes);
	}
	INIT_WORK(&obj->release_work, kevent_release_workfn);
	queue_work(kevent_wq, &obj->release_work);
}

int kevent_core_init(void)
{
	kevent_wq = alloc_workqueue("kevent", WQ_UNBOUND, 0);
	return kevent_wq ? 0 : -ENOMEM;
}

void kevent_core_exit(void)
{
	/* Every event is gone by now; wait for their release work. */
	destroy_workqueue(kevent_wq);
}
