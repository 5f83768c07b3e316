/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent internals shared by the module's files.
 *
 * Locking (the full story is at the top of kevent_core.c and kevent_names.c):
 *   kevent_registry_mutex  (kevent_names.c) namespaces and per-user counters
 *     -> kevent_ns.mutex   a namespace's name table and event list
 *   kevent_all_lock        (kevent_core.c) wait-all; raw, irq-safe
 *     -> kevent.lock       one event's state and waiter list; raw, irq-safe
 * The two chains never nest into each other.
 */
#ifndef _KEVENT_INTERNAL_H
#define _KEVENT_INTERNAL_H

#include <linux/bits.h>
#include <linux/irq_work.h>
#include <linux/kevent.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "kevent_compat.h"

struct file;
struct ipc_namespace;
struct kevent_waitq;

/**
 * struct kevent_ns - kevent's view of one IPC namespace
 * @ipc_ns:   the IPC namespace (a reference is held)
 * @names:    named events by name (under @mutex)
 * @ids:      named events by id, in creation order: /proc/kevent's cursor
 *            (changed under @mutex; read under @mutex)
 * @next_id:  next id to try (under @mutex)
 * @mutex:    serializes name table changes, @ids and kevent.permanent
 * @count:    events charged to this namespace
 * @ref:      one per event charged here, plus transient lookups
 * @node:     entry in the registry's namespace list
 */
struct kevent_ns {
	struct ipc_namespace *ipc_ns;
	struct rhashtable names;
	struct xarray ids;
	u32 next_id;
	struct mutex mutex;	/* see the kernel-doc above */
	atomic_t count;
	refcount_t ref;
	struct list_head node;
};

/**
 * struct kevent_user - per-user event accounting
 * @uid:   the user
 * @count: events charged to @uid
 * @waits: waits in progress charged to @uid (user space only)
 * @waits_all: the wait-alls among them
 * @bytes: memory of the events charged to @uid (object and name)
 * @node:  entry in the registry's user table (read under RCU); entries
 *         live until the module is unloaded
 */
struct kevent_user {
	kuid_t uid;
	atomic_t count;
	atomic_t waits;
	atomic_t waits_all;
	atomic_long_t bytes;
	struct hlist_node node;
};

/**
 * struct kevent_object - a refcounted event: named, or shared through fds
 * @event:     the dispatcher state (struct kevent, include/linux/kevent.h);
 *             what the API hands out is &@event
 * @watchers:  struct kevent_watch weak references, cleared when the last
 *             reference goes (under @event.lock)
 * @poll_wq:   poll()/epoll waiters
 * @poll_work: wakes @poll_wq from a thread when an event is set from
 *             atomic context on PREEMPT_RT (see kevent_wake_pollers())
 * @ref:       references: handles (files), kernel users, waits in
 *             progress, and the permanent reference
 * @handles:   open files referring to this event
 * @ns:        namespace the event is charged to (and named in)
 * @user:      user the event is charged to
 * @charged:   counted in @user's limits (not for kernel-made events)
 * @handoff_skip: signal-and-waits through this event that skip the
 *             hand-off because the scheduler declined the last one; a
 *             hint, read and written without a lock (kevent_handoff())
 * @uid:       creator's effective uid (owner)
 * @gid:       creator's effective gid
 * @mode:      permission bits
 * @permanent: holds a reference until UNLINK (under @ns->mutex)
 * @hashed:    in @ns->names (under @ns->mutex)
 * @hnode:     @ns->names linkage
 * @id:        key in @ns->ids (named events only, while @hashed)
 * @release_work: final release in process context
 * @rcu:       deferred free
 * @name_len:  length of @name; 0 for an anonymous event
 * @name:      NUL-terminated name
 *
 * An event a driver embeds is a bare struct kevent: everything here is
 * what naming, handles and reference counting (and the hand-off hint of
 * signal-and-wait) add to it.
 */
struct kevent_object {
	struct kevent event;
	struct list_head watchers;
	wait_queue_head_t poll_wq;
	struct irq_work poll_work;
	refcount_t ref;
	atomic_t handles;

	struct kevent_ns *ns;
	struct kevent_user *user;
	bool charged;
	u8 handoff_skip;	/* in the padding before @uid */
	kuid_t uid;
	kgid_t gid;
	umode_t mode;
	bool permanent;
	bool hashed;
	struct rhash_head hnode;
	u32 id;
	struct work_struct release_work;
	struct rcu_head rcu;
	u32 name_len;
	char name[];
};

/* The object around @ev; only for an event with @ev->object set. */
static inline struct kevent_object *to_kevent_object(const struct kevent *ev)
{
	return container_of(ev, struct kevent_object, event);
}

/* @ev's name for tracing and reports: "" when anonymous or embedded. */
static inline const char *kevent_trace_name(const struct kevent *ev)
{
	return ev->object ? to_kevent_object(ev)->name : "";
}

/**
 * struct kevent_watch - a weak reference to an event
 * @node: kevent_object.watchers linkage (under the event's lock)
 * @ev:   the event, or NULL once it died; read under RCU, written under
 *        the event's lock (rcu_assign_pointer() when set)
 *
 * A weak reference does not keep the event alive: when the last real
 * reference goes, @ev is cleared. kevent_watch_get() turns it into a real
 * reference without a name lookup while the event lives.
 */
struct kevent_watch {
	struct list_head node;
	struct kevent __rcu *ev;
};

/* NT's kernel directory of the names applications create. */
#define KEVENT_NT_ROOT		"\\BaseNamedObjects\\"
/* Longest kernel-API name: the NT root, a "Global\" prefix, the name. */
#define KEVENT_KERNEL_NAME_MAX	(KEVENT_NAME_MAX + sizeof(KEVENT_NT_ROOT) + \
				 sizeof("Global\\"))

/*
 * kevent_wait_events() flag, beyond the uAPI's: a wait from user space.
 * Apart from the kernel API's flags (include/linux/kevent.h), which never
 * reach kevent_wait_events().
 */
#define KEVENT_WAIT_USER	BIT(29)

/* What became of a signal-and-wait's hand-off (kevent_handoff tracepoint). */
enum kevent_handoff_outcome {
	KEVENT_HANDOFF_RAN,		/* the released task ran first */
	KEVENT_HANDOFF_DECLINED,	/* the scheduler kept the caller on */
	KEVENT_HANDOFF_SKIPPED,		/* backing off after a decline */
	KEVENT_HANDOFF_AWAY,		/* the task is to run on another CPU */
};

/* kevent_core.c */
struct kevent *kevent_watch_get(struct kevent_watch *w);
void kevent_watch_attach(struct kevent_watch *w, struct kevent *ev);
void kevent_watch_detach(struct kevent_watch *w);
bool kevent_set_signaled(struct kevent *ev);
int kevent_set_locked(struct kevent *ev, struct task_struct **handoff);
int kevent_core_init(void);
void kevent_core_exit(void);
void kevent_init_object(struct kevent_object *obj, bool manual,
			bool signaled);
int kevent_wait_events(struct kevent **evs, u32 count, u32 flags,
		       u64 timeout, unsigned int state, struct kevent *signal,
		       u32 *index);
u64 kevent_deadline(u64 rel_ns);
void kevent_snapshot(struct kevent *ev, bool *signaled, unsigned int *waiters);
void kevent_release(struct kevent_object *obj);

/* kevent_names.c */
void kevent_names_exit(void);
void kevent_users_exit(void);
struct kevent_ns *kevent_ns_get(struct ipc_namespace *ipc_ns);
void kevent_ns_put(struct kevent_ns *ns);
struct kevent *kevent_create_in(struct kevent_ns *ns, const char *name,
				u32 name_len, u32 flags, umode_t mode,
				u32 check_access, bool *existed);
struct kevent *kevent_open_in(struct kevent_ns *ns, const char *name,
			      u32 name_len, u32 check_access);
int kevent_unlink_in(struct kevent_ns *ns, const char *name, u32 name_len);
bool kevent_may_make_permanent(struct kevent_ns *ns);
void kevent_make_permanent(struct kevent *ev);
int kevent_name_normalize(const char **name, u32 *name_len);
u32 kevent_kernel_name(const char **name);
struct kevent_user *kevent_user_charge_wait(bool all);
void kevent_user_uncharge_wait(struct kevent_user *user, bool all);
void kevent_free(struct kevent_object *obj);

/* kevent_file.c */
extern const struct file_operations kevent_event_fops;
int kevent_publish_fd(struct kevent *ev, u32 access, bool cloexec,
		      void __user *uarg, void *args, size_t size, s32 *fdp);
struct kevent *kevent_fdget(int fd, u32 access, int errno_access,
			    u32 *granted);
long kevent_ioctl_wait(void __user *uarg);
u32 kevent_file_access(const struct file *file);

/* kevent_handles.c */
void kevent_handles_exit(void);

/* kevent_dev.c */
int kevent_dev_init(void);
void kevent_dev_exit(void);

/* kevent_proc.c */
int kevent_proc_init(void);
void kevent_proc_exit(void);

/* Module parameters (kevent_names.c) */
extern unsigned int kevent_max_per_ns;
extern unsigned int kevent_max_per_user;
extern unsigned int kevent_max_waits_per_user;
extern unsigned int kevent_max_wait_all_per_user;
extern unsigned long kevent_max_bytes_per_user;

#endif /* _KEVENT_INTERNAL_H */
