// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/kevent: the named events of the reader's IPC namespace, one line
 * each, like the files in /proc/sysvipc.
 *
 * Locking: walks the namespace's event list under kevent_ns.mutex and reads
 * each event's counters under its own lock (kevent_ns.mutex -> kevent.lock
 * is the only nesting, and kevent.lock never sleeps).
 */
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/user_namespace.h>

#include "kevent_internal.h"

static void kevent_proc_show_event(struct seq_file *m, struct kevent *ev)
{
	struct user_namespace *user_ns = seq_user_ns(m);
	unsigned int waiters;
	bool signaled;

	kevent_snapshot(ev, &signaled, &waiters);

	/* Names may hold blanks: escape them so columns stay columns. */
	seq_escape_mem(m, ev->name, ev->name_len, ESCAPE_OCTAL, " \t\n\\");
	seq_printf(m, " %s %d %d %u %u %u %04o %s\n",
		   ev->manual ? "notification" : "synchronization",
		   signaled, atomic_read(&ev->handles), waiters,
		   from_kuid_munged(user_ns, ev->uid),
		   from_kgid_munged(user_ns, ev->gid), ev->mode,
		   ev->permanent ? "permanent" : "-");
}

static int kevent_proc_show(struct seq_file *m, void *v)
{
	struct kevent_ns *ns;
	struct kevent *ev;

	seq_puts(m, "name type state handles waiters uid gid mode flags\n");
	ns = kevent_ns_get(current->nsproxy->ipc_ns);
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	mutex_lock(&ns->mutex);
	list_for_each_entry(ev, &ns->events, ns_link) {
		/* A dying event's name is already free: do not list it. */
		if (refcount_read(&ev->ref))
			kevent_proc_show_event(m, ev);
	}
	mutex_unlock(&ns->mutex);
	kevent_ns_put(ns);
	return 0;
}

int kevent_proc_init(void)
{
	return proc_create_single("kevent", 0444, NULL, kevent_proc_show) ?
	       0 : -ENOMEM;
}

void kevent_proc_exit(void)
{
	remove_proc_entry("kevent", NULL);
}
