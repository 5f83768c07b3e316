// SPDX-License-Identifier: GPL-2.0
/*
 * kevent notifier: DMF's NotifyUserWithEvent, done right.
 *
 * A driver names up to KEVENT_NOTIFIER_MAX events that an application
 * creates; kevent_notify_index() sets one of them. The notifier keeps only
 * a weak reference (struct kevent_watch) to each application event: it does
 * not keep the event, or its name, alive after the application closed it.
 * While the event lives, a notify turns the weak reference into a real one
 * without any name lookup. When the application exits, its event dies and
 * the weak reference is cleared; the next notify looks the name up again
 * and so finds the event a restarted application created. DMF instead
 * re-opens the event by name on every call.
 *
 * With KEVENT_NOTIFIER_CREATE the notifier creates missing events itself
 * and holds real references to them (IoCreateSynchronizationEvent style).
 *
 * Locking: kevent_notifier.mutex serializes the re-opening of names (and so
 * the attaching of weak references). The fast path takes no notifier lock;
 * the weak references are protected by each event's own lock and RCU (see
 * kevent_watch_get() in kevent_core.c).
 */
#include <linux/err.h>
#include <linux/ipc_namespace.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "kevent_internal.h"

/**
 * struct kevent_notifier_slot - one named event of a notifier
 * @watch:  weak reference to the application's event
 * @strong: the event, referenced, when the notifier created or owns it
 * @name:   normalized name
 * @len:    its length
 */
struct kevent_notifier_slot {
	struct kevent_watch watch;
	struct kevent *strong;
	const char *name;
	u32 len;
};

/**
 * struct kevent_notifier - a NotifyUserWithEvent instance
 * @ns:        the namespace of the names (referenced)
 * @max_index: highest valid index
 * @mutex:     serializes re-opening names
 * @lookups:   name lookups made, for tests and diagnostics
 * @names:     copies of the configured names
 * @slots:     one per index
 */
struct kevent_notifier {
	struct kevent_ns *ns;
	unsigned int max_index;
	struct mutex mutex;	/* see the kernel-doc above */
	atomic_long_t lookups;
	char *names[KEVENT_NOTIFIER_MAX];
	struct kevent_notifier_slot slots[KEVENT_NOTIFIER_MAX];
};

/* Look @slot's name up again and attach the weak reference. */
static struct kevent *kevent_notifier_reopen(struct kevent_notifier *n,
					     struct kevent_notifier_slot *slot)
{
	struct kevent *ev;

	mutex_lock(&n->mutex);
	/* Another caller may have re-opened it while we waited. */
	ev = kevent_watch_get(&slot->watch);
	if (!ev) {
		atomic_long_inc(&n->lookups);
		ev = kevent_open_in(n->ns, slot->name, slot->len, 0);
		if (!IS_ERR(ev))
			kevent_watch_attach(&slot->watch, ev);
	}
	mutex_unlock(&n->mutex);
	return ev;
}

/**
 * kevent_notifier_create() - set up a NotifyUserWithEvent instance
 * @config: names, maximum index and options; copied
 *
 * Without KEVENT_NOTIFIER_CREATE, names that exist now are opened (weakly)
 * at once and the others when first notified. With it, missing events are
 * created with @config->create_flags and @config->mode and kept until
 * kevent_notifier_destroy().
 *
 * Context: Process context; may sleep.
 * Return: the notifier, or ERR_PTR(-EINVAL) (bad index, flags or name),
 * -ENAMETOOLONG, -ENOMEM, or an error of kevent_create().
 */
struct kevent_notifier *
kevent_notifier_create(const struct kevent_notifier_config *config)
{
	struct kevent_notifier *n;
	struct kevent *ev;
	unsigned int i;
	int ret;

	might_sleep();
	if (config->max_index >= KEVENT_NOTIFIER_MAX ||
	    config->flags & ~KEVENT_NOTIFIER_CREATE ||
	    config->create_flags & ~(KEVENT_CREATE_MANUAL_RESET |
				     KEVENT_CREATE_INITIAL_SET))
		return ERR_PTR(-EINVAL);

	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return ERR_PTR(-ENOMEM);
	mutex_init(&n->mutex);
	n->max_index = config->max_index;
	n->ns = kevent_ns_get(config->ipc_ns ?: init_task.nsproxy->ipc_ns);
	if (IS_ERR(n->ns)) {
		ret = PTR_ERR(n->ns);
		n->ns = NULL;
		goto err;
	}

	for (i = 0; i <= n->max_index; i++) {
		struct kevent_notifier_slot *slot = &n->slots[i];

		ret = -EINVAL;
		if (!config->names[i])
			goto err;
		n->names[i] = kstrndup(config->names[i],
				       KEVENT_KERNEL_NAME_MAX, GFP_KERNEL);
		ret = -ENOMEM;
		if (!n->names[i])
			goto err;
		slot->name = n->names[i];
		slot->len = kevent_kernel_name(&slot->name);
		ret = kevent_name_normalize(&slot->name, &slot->len);
		if (ret)
			goto err;

		if (config->flags & KEVENT_NOTIFIER_CREATE) {
			bool existed;

			ev = kevent_create_in(n->ns, slot->name, slot->len,
					      config->create_flags,
					      config->mode, 0, &existed);
			if (IS_ERR(ev)) {
				ret = PTR_ERR(ev);
				goto err;
			}
			slot->strong = ev;
			continue;
		}
		ev = kevent_open_in(n->ns, slot->name, slot->len, 0);
		atomic_long_inc(&n->lookups);
		if (!IS_ERR(ev)) {
			kevent_watch_attach(&slot->watch, ev);
			kevent_put(ev);
		}
	}
	return n;

err:
	kevent_notifier_destroy(n);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(kevent_notifier_create);

/**
 * kevent_notifier_destroy() - tear a notifier down
 * @n: the notifier; NULL is allowed
 *
 * Drops every reference the notifier holds. The application's events are
 * not touched.
 *
 * Context: Process context; may sleep.
 */
void kevent_notifier_destroy(struct kevent_notifier *n)
{
	unsigned int i;

	if (!n)
		return;
	for (i = 0; i < KEVENT_NOTIFIER_MAX; i++) {
		kevent_watch_detach(&n->slots[i].watch);
		kevent_put(n->slots[i].strong);
		kfree(n->names[i]);
	}
	if (n->ns)
		kevent_ns_put(n->ns);
	kfree(n);
}
EXPORT_SYMBOL_GPL(kevent_notifier_destroy);

/**
 * kevent_notify_index() - set the event at @index (NotifyByIndex)
 * @n:     the notifier
 * @index: 0 to the configured maximum index
 *
 * While the application's event lives this costs no name lookup; after it
 * died (the application exited) the name is looked up again, so a
 * restarted application that created its event anew is notified.
 *
 * Context: Process context; may sleep (the lookup takes the notifier's and
 * the namespace's mutexes). From atomic context, keep a reference of your
 * own and call kevent_set() instead.
 * Return: 0 if the event was set, -EINVAL if @index is out of range,
 * -ENOENT if no such event exists (no application is listening).
 */
int kevent_notify_index(struct kevent_notifier *n, unsigned int index)
{
	struct kevent_notifier_slot *slot;
	struct kevent *ev;

	might_sleep();
	/* DMF only asserts this; a release build would index out of bounds. */
	if (index > n->max_index)
		return -EINVAL;
	slot = &n->slots[index];
	if (slot->strong) {
		kevent_set(slot->strong);
		return 0;
	}
	ev = kevent_watch_get(&slot->watch);
	if (!ev) {
		ev = kevent_notifier_reopen(n, slot);
		if (IS_ERR(ev))
			return PTR_ERR(ev);
	}
	kevent_set(ev);
	kevent_put(ev);
	return 0;
}
EXPORT_SYMBOL_GPL(kevent_notify_index);

/**
 * kevent_notify() - set the event at index 0 (Notify)
 * @n: the notifier
 *
 * Context: Process context; may sleep.
 * Return: as kevent_notify_index().
 */
int kevent_notify(struct kevent_notifier *n)
{
	return kevent_notify_index(n, 0);
}
EXPORT_SYMBOL_GPL(kevent_notify);

/**
 * kevent_notifier_lookups() - how many name lookups the notifier made
 * @n: the notifier
 *
 * Lets tests check that repeated notifies of a living event do not look
 * the name up.
 *
 * Context: Any context.
 * Return: the number of lookups since kevent_notifier_create().
 */
unsigned long kevent_notifier_lookups(struct kevent_notifier *n)
{
	return atomic_long_read(&n->lookups);
}
EXPORT_SYMBOL_GPL(kevent_notifier_lookups);
