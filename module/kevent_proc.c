// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/kevent: the named events of the reader's IPC namespace, one line
 * each, like the files in /proc/sysvipc.
 *
 * The file is a seq_file with a real cursor: the position is an event's id
 * in kevent_ns.ids (plus one; 0 is the header), so each read() resumes
 * where the last one stopped instead of walking from the start, and one
 * read() formats at most one buffer (a page, or one record). The file
 * cannot be seeked or pread (ESPIPE): only sequential reads.
 *
 * Locking: kevent_ns.mutex is taken in ->start() and dropped in ->stop(),
 * so it is held for one read()'s worth of records, never for a whole walk
 * of a namespace that may hold tens of thousands of names. Each event's
 * counters are read under its own lock (kevent_ns.mutex -> kevent.lock is
 * the only nesting, and kevent.lock never sleeps). Events created or
 * deleted between two read()s are seen or not depending on their id, as
 * with /proc/sysvipc; no event is listed twice.
 */
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/user_namespace.h>

#include "kevent_internal.h"

/* The first event with id >= @id, and its position. Caller holds ns->mutex. */
static struct kevent_object *kevent_proc_find(struct kevent_ns *ns,
					      unsigned long id, loff_t *pos)
{
	struct kevent_object *obj;

	obj = xa_find(&ns->ids, &id, U32_MAX, XA_PRESENT);
	*pos = (loff_t)id + 1;
	return obj;
}

/* Takes ns->mutex, which ->stop() drops (seq_file calls it either way). */
static void *kevent_proc_start(struct seq_file *m, loff_t *pos)
{
	struct kevent_ns *ns = m->private;

	mutex_lock(&ns->mutex);
	if (!*pos)
		return SEQ_START_TOKEN;
	if (*pos > U32_MAX)
		return NULL;
	return kevent_proc_find(ns, *pos - 1, pos);
}

static void *kevent_proc_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct kevent_ns *ns = m->private;
	unsigned long id;

	id = v == SEQ_START_TOKEN ? 0 : (unsigned long)((struct kevent_object *)v)->id + 1;
	if (id > U32_MAX) {
		*pos = (loff_t)U32_MAX + 2;
		return NULL;
	}
	return kevent_proc_find(ns, id, pos);
}

static void kevent_proc_stop(struct seq_file *m, void *v)
{
	struct kevent_ns *ns = m->private;

	mutex_unlock(&ns->mutex);
}

static int kevent_proc_show(struct seq_file *m, void *v)
{
	struct user_namespace *user_ns = seq_user_ns(m);
	struct kevent_object *obj = v;
	unsigned int waiters;
	bool signaled;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "name type state handles waiters uid gid mode flags\n");
		return 0;
	}
	/* A dying event's name is already free: do not list it. */
	if (!refcount_read(&obj->ref))
		return SEQ_SKIP;

	kevent_snapshot(&obj->event, &signaled, &waiters);

	/* Names may hold blanks: escape them so columns stay columns. */
	seq_escape(m, obj->name, " \t\n\\");
	seq_printf(m, " %s %d %d %u %u %u %04o %s\n",
		   obj->event.manual ? "notification" : "synchronization",
		   signaled, atomic_read(&obj->handles), waiters,
		   from_kuid_munged(user_ns, obj->uid),
		   from_kgid_munged(user_ns, obj->gid), obj->mode,
		   obj->permanent ? "permanent" : "-");
	return 0;
}

static const struct seq_operations kevent_proc_seq_ops = {
	.start	= kevent_proc_start,
	.next	= kevent_proc_next,
	.stop	= kevent_proc_stop,
	.show	= kevent_proc_show,
};

/* The namespace is the opener's, held for as long as the file is open. */
static int kevent_proc_open(struct inode *inode, struct file *file)
{
	struct kevent_ns *ns;
	int ret;

	ns = kevent_ns_get(current->nsproxy->ipc_ns);
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	ret = seq_open(file, &kevent_proc_seq_ops);
	if (ret) {
		kevent_ns_put(ns);
		return ret;
	}
	((struct seq_file *)file->private_data)->private = ns;
	/*
	 * Not seekable: seq_file serves a pread() or lseek() to another
	 * position by formatting every record from the start in one
	 * ->start()/->stop() section, which would hold ns->mutex for a walk
	 * of the whole namespace.
	 */
	return nonseekable_open(inode, file);
}

static int kevent_proc_release(struct inode *inode, struct file *file)
{
	struct kevent_ns *ns = ((struct seq_file *)file->private_data)->private;

	kevent_ns_put(ns);
	return seq_release(inode, file);
}

static const struct proc_ops kevent_proc_ops = {
	.proc_open	= kevent_proc_open,
	.proc_read	= seq_read,
	.proc_release	= kevent_proc_release,
};

int kevent_proc_init(void)
{
	return proc_create("kevent", 0444, NULL, &kevent_proc_ops) ? 0 : -ENOMEM;
}

void kevent_proc_exit(void)
{
	remove_proc_entry("kevent", NULL);
}
